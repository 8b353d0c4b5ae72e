"""The nbgrader side of grading: one configured API per course folder, and checked results.

Every nbgrader call goes through :func:`checked` so that a failed step is never mistaken for a
finished one: nbgrader's API reports failure in a ``{"success": False, "error": ...}`` dict
rather than raising.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

GRADEBOOK_FILE = "gradebook.db"
SQLITE_BUSY_SECONDS = 120


EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit)\b:?")
GENERIC_ERRORS = ("There was an error processing", "Please see the", "Traceback (most recent")


SANITIZE_STEPS = (
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
)
FAST_CHECK = "ipt_course.grading.fastcheck.CheckCellMetadataOnce"


class GradingError(RuntimeError):
    """A grading step failed; the message is one line a trainer can act on."""


def default_db_url(root: Path) -> str:
    """The SQLite gradebook at the course root, waiting (not failing) while another writer works."""
    return f"sqlite:///{(root / GRADEBOOK_FILE).resolve()}?timeout={SQLITE_BUSY_SECONDS}"


def course_config(root: Path, *, stock: bool = False) -> Config:
    """nbgrader configuration for the course at ``root``.

    Starts from the course's own ``nbgrader_config.py`` when there is one, then pins the course
    root and gradebook. Unless ``stock`` is true, the kernel-executing step of autograde is
    replaced by the quiz engine's trusted scorer, so no trainee code ever runs.
    """
    config = Config()
    course_file = root / "nbgrader_config.py"
    if course_file.is_file():
        loader = PyFileConfigLoader(course_file.name, path=str(root))
        try:
            config.merge(loader.load_config())
        except Exception as error:
            raise GradingError(f"{course_file}: cannot be loaded: {error}") from error
    config.CourseDirectory.root = str(root.resolve())
    db_url = config.CourseDirectory.get("db_url") if "CourseDirectory" in config else None
    if not db_url or (str(db_url).startswith("sqlite:///") and "?" not in str(db_url)):
        config.CourseDirectory.db_url = (
            default_db_url(root) if not db_url else f"{db_url}?timeout={SQLITE_BUSY_SECONDS}"
        )
    config.Execute.timeout = 60
    config.Execute.interrupt_on_timeout = True
    if not stock:
        steps = quiz_autograde_steps()
        config.Autograde.autograde_preprocessors = [_fast(step) for step in steps]
        config.Autograde.sanitize_preprocessors = [_fast(step) for step in SANITIZE_STEPS]
    return config


def _fast(step: str) -> str:
    """nbgrader's metadata check swapped for the same check with a compiled schema."""
    return FAST_CHECK if step.endswith(".CheckCellMetadata") else step


def quiz_autograde_steps() -> list[str]:
    """The quiz engine's autograde pipeline: nbgrader's, with the kernel step left out."""
    from ipt_course.quiz.autograde import QUIZ_AUTOGRADE_PREPROCESSORS

    return list(QUIZ_AUTOGRADE_PREPROCESSORS)


def make_api(root: Path, *, stock: bool = False, extra: Config | None = None) -> Any:
    """An ``NbGraderAPI`` for the course at ``root``, quiet on the console."""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = course_config(root, stock=stock)
    if extra is not None:
        config.merge(extra)
    with _quiet():
        coursedir = CourseDirectory(config=config)
        api = NbGraderAPI(coursedir=coursedir, config=config)
    api.log.propagate = False
    api.log.setLevel(logging.WARNING)
    return api


@contextlib.contextmanager
def gradebook(root: Path) -> Iterator[Any]:
    """The course gradebook, closed on exit."""
    from nbgrader.api import Gradebook

    config = course_config(root, stock=True)
    course_id = config.CourseDirectory.get("course_id", "")
    with Gradebook(config.CourseDirectory.db_url, course_id) as book:
        yield book


_SQLITE_TUNED: list[bool] = []


def tune_sqlite_for_batch(root: Path) -> None:
    """Make the gradebook cheap to write to from several grading processes at once.

    nbgrader commits after almost every grade (dozens of commits per submission) and SQLite's
    default waits for the disk on each. Write-ahead logging lets readers and one writer work
    together, and ``synchronous=NORMAL`` (set for this process's connections only) skips
    the per-commit disk flush; a crash can lose at most the last grades written, and
    autograde can simply be run again. Does nothing for a non-SQLite gradebook.
    """
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    url = str(course_config(root, stock=True).CourseDirectory.db_url)
    if not url.startswith("sqlite:///"):
        return
    if not _SQLITE_TUNED:
        @event.listens_for(Engine, "connect")
        def _relaxed_sync(connection: Any, _record: Any) -> None:
            if isinstance(connection, sqlite3.Connection):
                connection.execute("PRAGMA synchronous=NORMAL")

        _SQLITE_TUNED.append(True)
    path = url.removeprefix("sqlite:///").split("?", 1)[0]
    with contextlib.closing(sqlite3.connect(path, timeout=SQLITE_BUSY_SECONDS)) as database:
        database.execute("PRAGMA journal_mode=WAL")


def one_line_reason(result: Mapping[str, Any]) -> str:
    """The most useful single line from a failed nbgrader result."""
    log_lines = [line.strip() for line in str(result.get("log") or "").splitlines()]
    error_lines = [line.strip() for line in str(result.get("error") or "").splitlines()]
    exceptions = [line for line in log_lines + error_lines
                  if EXCEPTION_LINE.match(line) and not _generic(line)]
    if exceptions:
        return _shorten(exceptions[0])
    logged = [line.removeprefix("[ERROR] ") for line in log_lines if line.startswith("[ERROR]")]
    useful = [line for line in logged if not _generic(line)]
    if useful:
        return _shorten(useful[0])
    errors = [line for line in error_lines if line and not line.startswith(("File ", "^", "~"))]
    return _shorten(errors[-1] if errors else "nbgrader failed without saying why")


def _generic(line: str) -> bool:
    return any(text in line for text in GENERIC_ERRORS)


def checked(result: Mapping[str, Any] | None, action: str) -> Mapping[str, Any]:
    """Return ``result`` if nbgrader says it succeeded, else raise :class:`GradingError`."""
    if result is None:
        raise GradingError(f"{action}: nbgrader returned nothing (is this platform supported?)")
    if not result.get("success"):
        raise GradingError(f"{action}: {one_line_reason(result)}")
    return result


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence nbgrader while it sets up: with no exchange folder (grading from a folder or a
    Teams zip needs none) it logs a CRITICAL "unwritable directory" that would alarm trainers."""
    logger = logging.getLogger("traitlets")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        logger.setLevel(level)
