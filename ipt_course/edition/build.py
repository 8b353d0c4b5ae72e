"""Build the trainee edition: what a trainee receives, with nothing of the trainer's in it.

The edition holds the curriculum (without the day live pages, which the trainer presents),
a course manifest that names no trainer file, each day's README made from that manifest, the
README for trainees and JupyterLab settings that hide nbgrader's trainer tools and the
notebooks' set-up cells. The edition for a computer of the trainee's own also holds the
released quizzes and the package with a Makefile to start it; the edition for a JupyterHub
leaves both out, because the hub has the package installed and quizzes travel through
nbgrader's exchange (a second copy in the home folder would be answered and never
submitted).

The finished folder is scanned before it is put in place: an edition holding a key is never
written.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import nbformat
import yaml

from ipt_course import __version__
from ipt_course.course import load_course
from ipt_course.edition.scan import Finding, bank_secrets, scan_folder, trainer_path_reason
from ipt_course.overview import write_day_readmes
from ipt_course.safe_files import swap_into_place

MARKER = ".ipt-course-edition.json"
TEMPLATES = Path(__file__).resolve().parent / "templates"
TRAINEE_DATA = ("*.responses.json", "my-*", "*transcript*", "*-observer-*", "closeness-circle*",
                "*.unreadable-*", "*.corrupt-*", "*.sqlite*", "*.db", "*.db-*", "*.pyc")
SKIPPED_FOLDERS = {".ipynb_checkpoints", "__pycache__", ".git", ".venv", ".pytest_cache"}
# nbgrader's trainer tools, hidden from trainees; the assignment list (fetch and submit) stays.
TRAINER_LAB_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                       "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:validate-assignment")
TRAINER_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader",
                             "nbgrader.server_extensions.course_list",
                             "nbgrader.server_extensions.validate_assignment")
# Trainees write no code to complete and open no dashboards; on a hub every extension loaded
# costs each of 25 servers starting together a share of the same two cores.
UNUSED_SERVER_EXTENSIONS = ("jupyter_lsp", "voila.server_extension")
UNUSED_LAB_PLUGINS = ("@voila-dashboards/jupyterlab-preview",)


class EditionError(RuntimeError):
    """The edition cannot be built; the message says why and what to do."""


class EditionLeak(EditionError):
    """The built edition held something of the trainer's, so it was not written."""

    def __init__(self, findings: list[Finding]) -> None:
        lines = "\n".join(f"  {finding}" for finding in findings)
        super().__init__(f"the edition was not written: it would hold the trainer's material\n"
                         f"{lines}")
        self.findings = findings


@dataclass
class Edition:
    """A built edition: where it is, its files with their checksums, and what was left out."""

    folder: Path
    hub: bool
    files: dict[str, str] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_marker(folder: Path) -> dict | None:
    """The edition record in ``folder``, or None if the folder holds no edition."""
    try:
        data = json.loads((Path(folder) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("files"), dict) else None


def build_trainee_edition(course_root: Path, out: Path, *, hub: bool = False) -> Edition:
    """Build the trainee edition of the course at ``course_root`` into ``out``.

    ``out`` must be empty, missing, or an earlier edition (which is replaced whole). Raises
    :class:`EditionLeak` if the result would hold a key, an explanation or a trainer page.
    """
    course_root, out = Path(course_root).resolve(), Path(out).resolve()
    _check_destination(course_root, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        edition = Edition(folder=out, hub=hub)
        _write_contents(course_root, staging, edition)
        findings = scan_folder(staging, bank_secrets(course_root))
        if findings:
            raise EditionLeak(findings)
        edition.files = {path.relative_to(staging).as_posix(): file_digest(path)
                         for path in sorted(staging.rglob("*")) if path.is_file()}
        (staging / MARKER).write_text(json.dumps(
            {"version": __version__, "hub": hub, "files": edition.files}, indent=1) + "\n",
            encoding="utf-8")
        swap_into_place(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return edition


def _check_destination(course_root: Path, out: Path) -> None:
    if out == course_root or out in course_root.parents:
        raise EditionError(f"{out}: the edition cannot replace the course folder or a folder "
                           "holding it; choose a new folder")
    if course_root in out.parents and trainer_path_reason(out.relative_to(course_root)):
        raise EditionError(f"{out}: choose a folder outside the course's trainer folders")
    if out.exists() and not out.is_dir():
        raise EditionError(f"{out}: a file is in the way; choose a folder")
    if out.is_dir() and any(out.iterdir()) and read_marker(out) is None:
        raise EditionError(f"{out}: the folder is not empty and holds no earlier edition; "
                           "choose an empty or new folder")


def _write_contents(course_root: Path, staging: Path, edition: Edition) -> None:
    course = load_course(course_root)
    trainer_pages = {day.live for day in course.days if day.live}
    _copy_curriculum(course_root, staging, trainer_pages, edition)
    _write_manifest(course_root, staging)
    write_day_readmes(load_course(staging))
    _write_jupyter_settings(staging)
    if not edition.hub:
        _copy_released_quizzes(course_root, staging)
        _copy_package(course_root, staging)
        settings = course_root / "jupyter-config" / "lab-settings"
        if settings.is_dir():
            shutil.copytree(settings, staging / "jupyter-config" / "lab-settings")
    _render(staging, "README.md", hub=edition.hub, course=course.course)
    if not edition.hub:
        _render(staging, "Makefile", hub=False, course=course.course)


def _skipped(path: Path) -> bool:
    return any(fnmatch.fnmatch(path.name, pattern) for pattern in TRAINEE_DATA) or \
        path.name.startswith(".")


def _files(folder: Path) -> list[Path]:
    """Files under ``folder`` worth shipping: no hidden, cache or trainee-data files."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part in SKIPPED_FOLDERS or part.startswith(".") for part in relative.parts[:-1]):
            continue
        if path.is_file() and not _skipped(path):
            found.append(path)
    return found


def _copy_curriculum(course_root: Path, staging: Path, trainer_pages: set[str],
                     edition: Edition) -> None:
    for path in _files(course_root / "curriculum"):
        relative = path.relative_to(course_root)
        if relative.as_posix() in trainer_pages or trainer_path_reason(relative):
            edition.left_out.append(relative.as_posix())
            continue
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".ipynb":
            notebook = nbformat.read(path, as_version=4)
            if _opens_trainer_page(notebook):
                edition.left_out.append(relative.as_posix())
                continue
            _clear_outputs(notebook)
            nbformat.write(notebook, target)
        else:
            shutil.copy2(path, target)


def _opens_trainer_page(notebook: nbformat.NotebookNode) -> bool:
    from ipt_course.edition.scan import TRAINER_IMPORTS

    return any(TRAINER_IMPORTS.search(cell.source) for cell in notebook.cells
               if cell.cell_type == "code")


def _clear_outputs(notebook: nbformat.NotebookNode) -> None:
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None


def _write_manifest(course_root: Path, staging: Path) -> None:
    """course.yaml without the days' trainer files (live pages and quiz banks)."""
    data = yaml.safe_load((course_root / "course.yaml").read_text(encoding="utf-8"))
    for day in data.get("days") or []:
        day.pop("live", None)
        day.pop("quiz", None)
    header = ("# The course manifest of the trainee edition: days, sessions, outcomes and "
              "notebooks.\n")
    (staging / "course.yaml").write_text(
        header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8")


def _write_jupyter_settings(staging: Path) -> None:
    """Settings read from the edition's ``.jupyter`` folder (the home's own on a hub)."""
    config = staging / ".jupyter"
    (config / "labconfig").mkdir(parents=True)
    (config / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": dict.fromkeys((*TRAINER_LAB_PLUGINS, *UNUSED_LAB_PLUGINS), True)},
        indent=2) + "\n",
        encoding="utf-8")
    (config / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": dict.fromkeys(
            (*TRAINER_SERVER_EXTENSIONS, *UNUSED_SERVER_EXTENSIONS), False)},
         "LabApp": {"custom_css": True}},
        indent=2) + "\n", encoding="utf-8")
    # Jupyter Server looks for custom.css in the config folder's custom/ (the home's own
    # ~/.jupyter on a hub; the edition's .jupyter with `make start`).
    (config / "custom").mkdir()
    shutil.copy2(TEMPLATES / "custom.css", config / "custom" / "custom.css")


def _copy_released_quizzes(course_root: Path, staging: Path) -> None:
    release = course_root / "release"
    if not release.is_dir():
        return
    for quiz in sorted(path for path in release.iterdir() if path.is_dir()):
        for path in _files(quiz):
            target = staging / quiz.name / path.relative_to(quiz)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def _copy_package(course_root: Path, staging: Path) -> None:
    package = staging / "package"
    source = Path(__file__).resolve().parent.parent
    for path in _files(source):
        target = package / "ipt_course" / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    (package / "pyproject.toml").write_text(_package_project(), encoding="utf-8")
    (package / "README.md").write_text(
        "# ipt-course\n\nThe engine of the IPT Level A course: the tools, role-plays and quiz "
        "answer boxes the notebooks show.\n", encoding="utf-8")


def _package_project() -> str:
    """A pyproject.toml for the package alone, with the dependencies it runs with."""
    from importlib.metadata import PackageNotFoundError, requires

    try:
        needed = [item for item in requires("ipt-course") or [] if "extra ==" not in item]
    except PackageNotFoundError:
        needed = []
    listed = "".join(f"    {json.dumps(item)},\n" for item in needed)
    return ('[build-system]\nrequires = ["setuptools>=77,<100"]\n'
            'build-backend = "setuptools.build_meta"\n\n'
            f'[project]\nname = "ipt-course"\nversion = "{__version__}"\n'
            'requires-python = ">=3.11"\nreadme = "README.md"\n'
            'license = "LicenseRef-Proprietary"\n'
            f"dependencies = [\n{listed}]\n\n"
            '[project.scripts]\nipt-course = "ipt_course.cli:main"\n\n'
            '[tool.setuptools.packages.find]\ninclude = ["ipt_course*"]\n\n'
            '[tool.setuptools.package-data]\nipt_course = ["**/*"]\n')


def _render(staging: Path, name: str, **values: object) -> None:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                                     undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                                     trim_blocks=True, lstrip_blocks=True)
    text = environment.get_template(f"{name}.j2").render(**values)
    (staging / name).write_text(text, encoding="utf-8")
