"""``ipt-course hub setup``: prepare this machine for a cohort (run as root, re-run safely).

Reads the cohort settings and the roster, makes the accounts, copies the trainer's course to
the grader account's folder (leaving trainee data in place), builds the trainee edition,
writes the Jupyter and nbgrader settings every server reads, makes nbgrader's exchange and
imports the roster into the gradebook. Then ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py``
with ``IPT_HUB_STATE`` set runs the hub.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ipt_course.edition import build_trainee_edition
from ipt_course.hub.accounts import (
    add_to_group,
    ensure_account,
    ensure_group,
    roster_accounts,
)
from ipt_course.hub.config import Layout
from ipt_course.hub.settings import CohortSettings, load_cohort
from ipt_course.live.server import EXECUTOR_SETTINGS, page_settings

COURSE_CONTENT = ("course.yaml", "nbgrader_config.py", "curriculum", "quizzes", "source",
                  "release", "dashboards", "jupyter-config")
SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
DEFAULT_PORTS = {"hub": 8081, "proxy_api": 8001, "grader": 10102, "room": 10101}


@dataclass
class Machine:
    """How the hub runs on this machine."""

    python: str
    proxy: str
    bind_url: str = "http://:8000"
    public_url: str = ""  # the address trainees use, when a proxy or name sits in front
    ports: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_PORTS))
    ssl_cert: str = ""
    ssl_key: str = ""
    local_processes: bool = False
    environment: dict[str, str] = field(default_factory=dict)


@dataclass
class SetupReport:
    """What set-up did."""

    layout: Layout
    cohort: CohortSettings
    trainees: list[str]
    new_accounts: list[str]


class SetupError(RuntimeError):
    """Set-up cannot go on; the message says why."""


def setup_hub(repo: Path, cohort_file: Path, roster: Path, machine: Machine,
              state: Path | None = None) -> SetupReport:
    """Prepare everything the hub needs for the cohort; see the module docstring."""
    if os.geteuid() != 0:
        raise SetupError("run set-up as root (sudo): it makes system accounts")
    cohort = load_cohort(cohort_file)
    layout = Layout(Path(state or cohort.paths.state).resolve())
    trainees = roster_accounts(roster)
    clash = sorted(set(trainees) & {*cohort.trainers, cohort.grader_account})
    if clash:
        raise SetupError(f"{', '.join(clash)}: a trainee id is also a trainer or grader account")

    for folder, mode in ((layout.state, 0o755), (layout.hub, 0o700), (layout.jupyter, 0o755)):
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(mode)
    shutil.copyfile(cohort_file, layout.cohort)

    ensure_group(cohort.accounts_group)
    ensure_group(cohort.trainers_group)
    new = [name for name in (*cohort.trainers, *trainees)
           if ensure_account(name, cohort.accounts_group)]
    for trainer in cohort.trainers:
        add_to_group(trainer, cohort.trainers_group)
    if ensure_account(cohort.grader_account, cohort.accounts_group, system=True,
                      home=layout.state / "grader"):
        new.append(cohort.grader_account)
    grader = pwd.getpwnam(cohort.grader_account)
    trainers_gid = grp.getgrnam(cohort.trainers_group).gr_gid

    _copy_course(Path(repo), layout.course)
    shutil.copyfile(roster, layout.course / "roster.csv")
    _share_with_trainers(layout.course, grader.pw_uid, trainers_gid)
    _import_roster(machine, layout, cohort.grader_account)
    _prepare_live_store(layout.course)
    _share_with_trainers(layout.course, grader.pw_uid, trainers_gid)

    build_trainee_edition(Path(repo), layout.edition, hub=True)
    _write_jupyter_settings(Path(repo), layout, cohort)
    _make_exchange(cohort, grader.pw_uid, trainers_gid)

    layout.accounts.write_text(json.dumps({"trainees": trainees}, indent=1) + "\n")
    layout.machine.write_text(json.dumps(machine.__dict__, indent=1) + "\n")
    return SetupReport(layout, cohort, trainees, new)


def _copy_course(repo: Path, course: Path) -> None:
    """Course content replaced; trainee data (gradebook, submissions, feedback) left alone."""
    course.mkdir(parents=True, exist_ok=True)
    for name in COURSE_CONTENT:
        source, target = repo / name, course / name
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        elif source.is_file():
            shutil.copy2(source, target)


def _prepare_live_store(course: Path) -> None:
    """An empty live store the trainers can write to: SQLite makes new files 0644 at most, so
    the room service (the grader account) would otherwise make one only it can change."""
    store = course / "live-data" / "live.sqlite"
    store.parent.mkdir(exist_ok=True)
    if not store.exists():
        store.touch()


def _share_with_trainers(course: Path, uid: int, gid: int) -> None:
    """The grader account owns the course; the trainers' group reads and writes it; nobody
    else may enter (mode 2770: new files keep the group)."""
    for path in (course, *course.rglob("*")):
        if path.is_symlink():
            continue
        os.chown(path, uid, gid)
        mode = path.stat().st_mode & 0o777
        path.chmod(0o2770 if path.is_dir() else (mode & 0o700) | ((mode & 0o700) >> 3))


def _write_jupyter_settings(repo: Path, layout: Layout, cohort: CohortSettings) -> None:
    layout.trainer_jupyter.mkdir(exist_ok=True)
    (layout.trainer_jupyter / "nbgrader_config.py").write_text(
        '"""nbgrader settings for the trainers: their shared course folder."""\n\n'
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.root = {str(layout.course)!r}\n"
        "c.CourseDirectory.groupshared = True\n", encoding="utf-8")
    (layout.jupyter / "nbgrader_config.py").write_text(
        '"""nbgrader settings for every account on the course hub."""\n\n'
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {cohort.course_id!r}\n"
        f"c.Exchange.root = {str(cohort.paths.exchange)!r}\n", encoding="utf-8")
    write_trainer_voila(layout.trainer_jupyter)
    settings = repo / "jupyter-config" / "lab-settings"
    if settings.is_dir():
        shutil.copytree(settings, layout.jupyter / "lab-settings", dirs_exist_ok=True)
    for path in (layout.jupyter, *layout.jupyter.rglob("*"), layout.edition,
                 *layout.edition.rglob("*"), layout.trainer_jupyter,
                 *layout.trainer_jupyter.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)


def write_trainer_voila(folder: Path) -> None:
    """Voila in the trainers' servers draws live pages and dashboards as ``ipt-course present``
    does: the course's template (presenter mode, fitted type), no code, no MathJax."""
    (folder / "voila.json").write_text(json.dumps(
        {"VoilaConfiguration": page_settings(), "VoilaExecutor": EXECUTOR_SETTINGS},
        indent=2) + "\n", encoding="utf-8")
    (folder / "voila.py").write_text(
        '"""Voila in the trainers\' servers: live pages load no mathematics typesetter."""\n\n'
        "from ipt_course.live.voila_app import course_page_config\n\n"
        "c = get_config()  # noqa: F821\n"
        "c.VoilaConfiguration.page_config_hook = course_page_config\n", encoding="utf-8")


def _make_exchange(cohort: CohortSettings, uid: int, gid: int) -> None:
    """nbgrader's exchange: anyone may write at the top, the course folder is the trainers'.

    Made now, owned by the grader account and the trainers' group, so that no trainee can make
    the course's exchange folder first and own the submissions handed in to it.
    """
    root = cohort.paths.exchange
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o1777)
    course = root / cohort.course_id
    course.mkdir(exist_ok=True)
    os.chown(course, uid, gid)
    course.chmod(0o2775)


def _import_roster(machine: Machine, layout: Layout, grader: str) -> None:
    python = machine.python
    result = subprocess.run(
        [shutil.which("runuser", path=SYSTEM_PATH) or "runuser", "-u", grader, "--", python,
         "-m", "ipt_course.cli", "grade", "roster", "import", "roster.csv"],
        cwd=layout.course, capture_output=True, text=True,
        env={"PATH": os.pathsep.join([str(Path(python).parent), os.defpath]),
             "HOME": pwd.getpwnam(grader).pw_dir, "LANG": "C.UTF-8", **machine.environment},
        check=False,
        preexec_fn=lambda: os.umask(0o007))
    if result.returncode:
        raise SetupError(f"importing the roster into the gradebook failed:\n{result.stderr}")
