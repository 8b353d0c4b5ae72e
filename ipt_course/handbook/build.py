"""Build the course handbook: a static HTML site and one PDF, from the curriculum.

Everything is read from ``course.yaml``, so a day or notebook added there is in the next build.
The finished folder is scanned as the trainee edition is: a handbook holding an answer key, a
quiz explanation or a trainer page is never written. A second build replaces the first whole.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ipt_course import __version__
from ipt_course.course import load_course
from ipt_course.edition.scan import Finding, bank_secrets, scan_folder
from ipt_course.handbook.content import handbook_days, support_html
from ipt_course.handbook.pages import PDF_NAME, PRINT_PAGE, render_pages
from ipt_course.kit.render import PACKAGE
from ipt_course.safe_files import swap_into_place

MARKER = ".ipt-course-handbook.json"
STYLESHEETS = (PACKAGE / "kit" / "theme.css", Path(__file__).resolve().parent / "handbook.css")


class HandbookError(RuntimeError):
    """The handbook cannot be built; the message says why and what to do."""


class HandbookLeak(HandbookError):
    """The built handbook held something of the trainer's, so it was not written."""

    def __init__(self, findings: list[Finding]) -> None:
        lines = "\n".join(f"  {finding}" for finding in findings)
        super().__init__(f"the handbook was not written: it would hold the trainer's material\n"
                         f"{lines}")
        self.findings = findings


@dataclass(frozen=True)
class Handbook:
    """A built handbook: its folder, the site's front page, the PDF and what it holds."""

    folder: Path
    pages: tuple[str, ...]
    notebooks: tuple[str, ...]

    @property
    def index(self) -> Path:
        """The site's front page."""
        return self.folder / "html" / "index.html"

    @property
    def pdf(self) -> Path:
        """The printable handbook."""
        return self.folder / PDF_NAME


def check_handbook(folder: Path, course_root: Path) -> list[Finding]:
    """Everything of the trainer's in a handbook folder (its HTML; the PDF prints that)."""
    return scan_folder(folder, bank_secrets(course_root))


def build_handbook(course_root: Path, out: Path, *, pdf: bool = True) -> Handbook:
    """Build the handbook of the course at ``course_root`` into ``out``.

    ``out`` must be missing, empty or an earlier handbook. Raises :class:`HandbookLeak` if the
    pages would hold a key, an explanation or a trainer page, and :class:`HandbookError` when
    the folder cannot be used or the PDF cannot be printed.
    """
    course_root, out = Path(course_root).resolve(), Path(out).resolve()
    _check_destination(course_root, out)
    course = load_course(course_root)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        days = handbook_days(course)
        site = staging / "html"
        (site / "_static").mkdir(parents=True)
        for sheet in STYLESHEETS:
            shutil.copy2(sheet, site / "_static" / sheet.name)
        pages = render_pages(course, days, support_html(course))
        for name, text in pages.items():
            (site / name).write_text(text, encoding="utf-8")
        findings = check_handbook(staging, course_root)
        if findings:
            raise HandbookLeak(findings)
        if pdf:
            _print(site / PRINT_PAGE, staging / PDF_NAME, course.course.title)
        notebooks = tuple(nb.path for day in days for nb in day.notebooks)
        (staging / MARKER).write_text(json.dumps(
            {"version": __version__, "pages": sorted(pages), "notebooks": notebooks},
            indent=1) + "\n", encoding="utf-8")
        swap_into_place(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Handbook(out, tuple(sorted(pages)), notebooks)


def _print(page: Path, pdf: Path, title: str) -> None:
    from ipt_course.handbook.pdf import PrintError, print_pdf

    try:
        print_pdf(page, pdf, title)
    except PrintError as error:
        raise HandbookError(str(error)) from None


def _check_destination(course_root: Path, out: Path) -> None:
    inside = course_root in out.parents and out.relative_to(course_root).parts[0] in {
        "curriculum", "quizzes", "source", "release", "ipt_course"}
    if out == course_root or out in course_root.parents or inside:
        raise HandbookError(f"{out}: the handbook cannot replace the course or a folder of it; "
                            "choose a new folder")
    if out.exists() and not out.is_dir():
        raise HandbookError(f"{out}: a file is in the way; choose a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise HandbookError(f"{out}: the folder is not empty and holds no earlier handbook; "
                            "choose an empty or new folder")
