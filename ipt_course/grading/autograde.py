"""Autograde every collected submission of a quiz, in parallel, without stopping on bad ones.

Each trainee is graded by nbgrader's own autograde in a worker process. Before nbgrader runs,
the submission is checked so that every problem reaches the trainer as a one-line flag:
a missing, empty, corrupt, oversized or wrongly shaped responses file; a notebook that is not
valid JSON; a renamed notebook; locked cells edited or deleted, or code cells added; cells
copied and pasted, added with grading marks or damaged (the notebook is rebuilt from the
released one and graded from the responses file); answers of the wrong kind; an empty upload
at the last collection; a trainee not on the roster; or nbgrader failing (with its reason).

Which submission each grade came from is recorded (:mod:`ipt_course.grading.state`): a
submission that could not be graded is "not graded" everywhere, never its older score.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import warnings
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ipt_course.grading.collect import collected_notes
from ipt_course.grading.nbgrader_env import (
    checked,
    gradebook,
    make_api,
    one_line_reason,
    quiz_autograde_steps,
    tune_sqlite_for_batch,
)
from ipt_course.grading.repair import gradable_notebook, well_formed
from ipt_course.grading.state import (
    AS_SUBMITTED,
    original_notebook,
    record_outcome,
    submitted_trainees,
)
from ipt_course.quiz.generate import notebook_name
from ipt_course.quiz.store import check_responses, responses_name
from ipt_course.safe_files import write_atomic

RETRIES_WHEN_LOCKED = 3
SCORER_FLAGS_FILE = "grading-flags.json"
FLAGS_SHOWN_ELSEWHERE = {"missing", "too_large", "not_json", "wrong_shape", "wrong_quiz",
                         "cell_restored"}


@dataclass
class TraineeResult:
    """How one trainee's submission fared."""

    trainee: str
    graded: bool = False
    score: float | None = None
    max_score: float | None = None
    flags: list[str] = field(default_factory=list)
    to_mark: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Graded with nothing to look at."""
        return self.graded and not self.flags


@dataclass
class BatchResult:
    """The whole batch: one result per trainee, in trainee order."""

    quiz: str
    results: list[TraineeResult]
    seconds: float

    def summary_lines(self) -> list[str]:
        """A plain-text summary: one line per trainee, then totals."""
        width = max((len(result.trainee) for result in self.results), default=7)
        lines = []
        for result in self.results:
            score = (f"{result.score:g}/{result.max_score:g}" if result.graded
                     and result.score is not None and result.max_score is not None
                     else "not graded")
            flags = "; ".join(result.flags) if result.flags else "ok"
            if result.to_mark:
                flags += f" ({result.to_mark} to mark by hand)"
            lines.append(f"{result.trainee:<{width}}  {score:>12}  {flags}")
        graded = sum(result.graded for result in self.results)
        flagged = sum(bool(result.flags) for result in self.results)
        lines.append(f"{len(self.results)} submission(s): {graded} graded, {flagged} flagged, "
                     f"{self.seconds:.1f} s.")
        return lines


def autograde_all(root: Path, quiz_id: str, *, jobs: int = 2, stock: bool = False,
                  progress: bool = True, trainees: list[str] | None = None) -> BatchResult:
    """Grade every submitted trainee for ``quiz_id``; never stops on one bad submission."""
    started = time.perf_counter()
    root = root.resolve()
    everyone = trainees if trainees is not None else submitted_trainees(root, quiz_id)
    ensure_assignment(root, quiz_id)
    tune_sqlite_for_batch(root)
    with gradebook(root) as book:
        roster = {student.id for student in book.students}
    notes = collected_notes(root, quiz_id)
    results: dict[str, TraineeResult] = {}
    to_grade = []
    for trainee in everyone:
        if trainee not in roster:
            results[trainee] = TraineeResult(
                trainee, flags=["unknown trainee (not on the roster): not graded"])
        else:
            to_grade.append(trainee)
    bar = tqdm(total=len(everyone), desc=f"Autograding {quiz_id}", unit="trainee",
               file=sys.stderr, disable=not progress)
    bar.update(len(results))
    if jobs <= 1 or len(to_grade) <= 1:
        for trainee in to_grade:
            results[trainee] = grade_one(str(root), quiz_id, trainee, stock)
            bar.update(1)
    else:
        _preload_grading_modules()
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures: dict[Future, str] = {
                pool.submit(grade_one, str(root), quiz_id, trainee, stock): trainee
                for trainee in to_grade}
            for future in as_completed(futures):
                results[futures[future]] = _outcome(future, futures[future])
                bar.update(1)
    bar.close()
    for trainee, result in results.items():
        note = notes.get(trainee, {})
        if note.get("renamed_notebook"):
            result.flags.insert(0, f"renamed notebook ({note['notebook_from']})")
        if note.get("empty_upload"):
            result.flags.insert(0, f"the last upload ({note['empty_upload']}) was an empty "
                                   "folder: graded from the submission collected before it")
    ordered = [results[trainee] for trainee in everyone]
    return BatchResult(quiz_id, ordered, time.perf_counter() - started)


def _preload_grading_modules() -> None:
    """Import nbgrader's converters once here, so forked workers start with them loaded."""
    import nbgrader.apps.api  # noqa: F401

    quiz_autograde_steps()


def ensure_assignment(root: Path, quiz_id: str) -> bool:
    """Register ``quiz_id`` in the gradebook from ``source/`` if it is not there yet.

    The gradebook is not committed, so a fresh copy of the course needs this once; it runs
    ``nbgrader generate_assignment``, which rewrites ``release/`` with identical content.
    Returns True if it had to register the quiz.
    """
    from nbgrader.api import MissingEntry

    with gradebook(root) as book:
        try:
            book.find_assignment(quiz_id)
            return False
        except MissingEntry:
            pass
    checked(make_api(root).generate_assignment(quiz_id, force=True, create=True),
            f"registering {quiz_id} in the gradebook (nbgrader generate_assignment)")
    return True


def grade_one(root: str, quiz_id: str, trainee: str, stock: bool = False) -> TraineeResult:
    """Check and autograde one trainee; every problem becomes a flag, nothing raises."""
    warnings.filterwarnings("ignore", module="nbgrader")
    warnings.filterwarnings("ignore", module="nbformat")
    warnings.filterwarnings("ignore", message=".*not in session.*")
    tune_sqlite_for_batch(Path(root))
    started = time.perf_counter()
    result = TraineeResult(trainee)
    folder = Path(root) / "submitted" / trainee / quiz_id
    try:
        ready = _prepare(Path(root), folder, quiz_id, result)
        if ready:
            _run_nbgrader(Path(root), quiz_id, trainee, stock, result)
    except Exception as error:  # a worker must always report back, never die
        result.flags.append(f"grading error: {error.__class__.__name__}: {error}")
        result.graded = False
    try:
        record_outcome(Path(root), quiz_id, trainee,
                       None if result.graded else "; ".join(result.flags) or "not graded")
    except OSError as error:
        result.graded = False
        result.flags.append(f"could not record which submission was graded ({error})")
    result.seconds = time.perf_counter() - started
    return result


def _outcome(future: Future, trainee: str) -> TraineeResult:
    try:
        return future.result()
    except Exception as error:  # e.g. a worker process killed by the system
        return TraineeResult(trainee, flags=[f"grading process failed: {error}"])


def _prepare(root: Path, folder: Path, quiz_id: str, result: TraineeResult) -> bool:
    notebook = folder / notebook_name(quiz_id)
    if not original_notebook(folder, quiz_id).is_file():
        others = sorted(folder.glob("*.ipynb"))
        if len(others) != 1:
            result.flags.append("no quiz notebook submitted: not graded")
            return False
        shutil.copy2(others[0], notebook)
        result.flags.append(f"renamed notebook ({others[0].name})")
    responses = check_responses(folder / responses_name(quiz_id), quiz_id)
    if responses.problem:
        result.flags.append(f"{responses.problem}: its questions score 0")
    try:
        submitted = json.loads(original_notebook(folder, quiz_id).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        result.flags.append(f"notebook not valid JSON ({error.__class__.__name__}): "
                            "not graded; ask for a resubmission")
        return False
    if not isinstance(submitted, dict):
        result.flags.append("notebook is not a Jupyter notebook: not graded")
        return False
    released = _released_notebook(root, quiz_id)
    rebuilt, repairs = gradable_notebook(submitted, released) if released else (None, [])
    if rebuilt is not None:
        _keep_as_submitted(notebook, quiz_id)
        write_atomic(notebook, json.dumps(rebuilt, indent=1, ensure_ascii=False))
        result.flags.extend(repairs)
    cells = submitted.get("cells")
    if isinstance(cells, list) and all(well_formed(cell) for cell in cells):
        result.flags.extend(integrity_flags(submitted, released))
    return True


def _keep_as_submitted(notebook: Path, quiz_id: str) -> None:
    """Set the trainee's own notebook aside (once) before a rebuilt one takes its place."""
    kept = notebook.with_name(notebook_name(quiz_id) + AS_SUBMITTED)
    if not kept.exists():
        os.replace(notebook, kept)


def _text(source: Any) -> str:
    """A cell source as one string (saved notebooks may split it into a list of lines)."""
    return "".join(source) if isinstance(source, list) else str(source or "")


def integrity_flags(submitted: dict[str, Any] | None, released: dict[str, Any] | None) -> list[str]:
    """Flags for locked cells edited or deleted, and for code cells a trainee added."""
    if released is None:
        return []
    from nbformat import from_dict
    from nbgrader.utils import compute_checksum

    if submitted is None:
        return []
    flags = []
    expected = {_grade_id(cell): cell for cell in released.get("cells", []) if _grade_id(cell)}
    present: dict[str, dict] = {}
    added_code = 0
    for cell in submitted["cells"]:
        if not isinstance(cell, dict):
            continue
        grade_id = _grade_id(cell)
        if grade_id:
            present[grade_id] = cell
        elif cell.get("cell_type") == "code":
            added_code += 1
    released_plain_code = sum(1 for cell in released.get("cells", [])
                              if cell.get("cell_type") == "code" and not _grade_id(cell))
    deleted = sorted(set(expected) - set(present))
    edited = []
    for grade_id, cell in present.items():
        original = expected.get(grade_id)
        meta = (original or {}).get("metadata", {}).get("nbgrader", {})
        if not original or not meta.get("locked") or "checksum" not in meta:
            continue
        try:
            if compute_checksum(from_dict({**cell, "source": _text(cell.get("source"))})) != (
                    meta["checksum"]):
                edited.append(grade_id)
        except Exception:
            edited.append(grade_id)
    if deleted:
        flags.append(f"locked or graded cells deleted (restored for grading): "
                     f"{', '.join(deleted)}")
    if edited:
        flags.append(f"locked cells edited (originals used for grading): {', '.join(edited)}")
    if added_code > released_plain_code:
        flags.append(f"{added_code - released_plain_code} code cell(s) added (never run)")
    return flags


def _grade_id(cell: Any) -> str | None:
    if not isinstance(cell, dict):
        return None
    meta = cell.get("metadata", {})
    nbgrader = meta.get("nbgrader", {}) if isinstance(meta, dict) else {}
    return nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None


_RELEASED: dict[Path, dict[str, Any] | None] = {}


def _released_notebook(root: Path, quiz_id: str) -> dict[str, Any] | None:
    path = root / "release" / quiz_id / notebook_name(quiz_id)
    if path not in _RELEASED:
        try:
            _RELEASED[path] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            _RELEASED[path] = None
    return _RELEASED[path]


_API_CACHE: dict[tuple[str, bool], Any] = {}


def _api(root: Path, stock: bool) -> Any:
    key = (str(root), stock)
    if key not in _API_CACHE:
        _API_CACHE[key] = make_api(root, stock=stock)
    return _API_CACHE[key]


def _run_nbgrader(root: Path, quiz_id: str, trainee: str, stock: bool,
                  result: TraineeResult) -> None:
    api = _api(root, stock)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    for attempt in range(RETRIES_WHEN_LOCKED + 1):
        outcome = api.autograde(quiz_id, trainee, force=True, create=False)
        locked = "database is locked" in str(outcome.get("error", "")) + str(
            outcome.get("log", ""))
        if outcome.get("success") or not locked or attempt == RETRIES_WHEN_LOCKED:
            break
        time.sleep(0.5 * (attempt + 1))
    if not outcome.get("success"):
        result.flags.append(f"nbgrader failed: {one_line_reason(outcome)}: not graded")
        return
    _read_scores(root, quiz_id, trainee, result)
    result.flags.extend(scorer_flags(root / "autograded" / trainee / quiz_id))


def scorer_flags(folder: Path) -> list[str]:
    """Flags the quiz engine's scorer left beside the autograded notebook, not already shown."""
    path = folder / SCORER_FLAGS_FILE
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return []
    return [str(flag.get("message")) for flag in report.get("flags", [])
            if isinstance(flag, dict) and flag.get("code") not in FLAGS_SHOWN_ELSEWHERE]


def _read_scores(root: Path, quiz_id: str, trainee: str, result: TraineeResult) -> None:
    with gradebook(root) as book:
        submission = book.find_submission(quiz_id, trainee)
        result.score = round(float(submission.score), 2)
        result.max_score = round(float(submission.max_score), 2)
        missing = sorted(grade.name for notebook in submission.notebooks
                         for grade in notebook.grades
                         if grade.auto_score is None and grade.manual_score is None
                         and not grade.needs_manual_grade)
        manual = sum(1 for notebook in submission.notebooks for grade in notebook.grades
                     if grade.needs_manual_grade)
    result.graded = True
    if missing:
        result.flags.append(f"no score recorded for: {', '.join(missing)}")
    result.to_mark = manual
