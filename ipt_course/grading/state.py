"""Which submission a grade belongs to, so that no older grade stands for a newer submission.

When ``ipt-course grade autograde`` grades a trainee, it records a fingerprint of the files it
graded (the notebook as submitted, the responses file and the collection time) beside the
autograded notebook. A grade counts only while that fingerprint matches what is in
``submitted/`` now: if a resubmission could not be graded, or nbgrader failed on it, the
trainee is "not graded" in the summary, the export, the report and feedback, never shown the
older score and never 0.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ipt_course.quiz.generate import notebook_name
from ipt_course.quiz.store import responses_name
from ipt_course.safe_files import write_atomic

RECORD = "graded-from.json"
AS_SUBMITTED = ".as-submitted"  # a notebook that had to be repaired is kept under this suffix
NOT_AUTOGRADED = "not autograded yet"
STALE = "submitted again since it was graded: run autograde"
OUTSIDE = "graded outside ipt-course; run 'ipt-course grade autograde' to check it"


@dataclass(frozen=True)
class GradingState:
    """Whether a trainee's grade belongs to their latest submission, and if not, why."""

    graded: bool
    reason: str | None = None


def submitted_trainees(root: Path, quiz_id: str) -> list[str]:
    """Trainee ids with a ``submitted/<id>/<quiz>/`` folder."""
    base = root / "submitted"
    if not base.is_dir():
        return []
    return sorted(path.name for path in base.iterdir()
                  if (path / quiz_id).is_dir() and not path.name.startswith("."))


def submitted_folder(root: Path, quiz_id: str, trainee: str) -> Path:
    """``submitted/<trainee>/<quiz>/``."""
    return root / "submitted" / trainee / quiz_id


def autograded_folder(root: Path, quiz_id: str, trainee: str) -> Path:
    """``autograded/<trainee>/<quiz>/``."""
    return root / "autograded" / trainee / quiz_id


def original_notebook(folder: Path, quiz_id: str) -> Path:
    """The notebook exactly as the trainee submitted it (kept aside if it had to be repaired)."""
    kept = folder / (notebook_name(quiz_id) + AS_SUBMITTED)
    return kept if kept.is_file() else folder / notebook_name(quiz_id)


def fingerprint(folder: Path, quiz_id: str) -> dict[str, str | None]:
    """Hashes of what a submission holds: notebook as submitted, responses, collection time."""
    def digest(path: Path) -> str | None:
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
    return {"notebook": digest(original_notebook(folder, quiz_id)),
            "responses": digest(folder / responses_name(quiz_id)),
            "timestamp": digest(folder / "timestamp.txt")}


def record_outcome(root: Path, quiz_id: str, trainee: str, failure: str | None = None) -> None:
    """Note which submission the last autograde run took, and why it failed if it did.

    After a failure any older autograded copy stays for the trainer to look at, but it no
    longer counts as the trainee's grade.
    """
    record: dict[str, str | None] = fingerprint(submitted_folder(root, quiz_id, trainee), quiz_id)
    if failure:
        record["failed"] = failure
    folder = autograded_folder(root, quiz_id, trainee)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / RECORD, json.dumps(record, indent=1, sort_keys=True) + "\n")


def grading_state(root: Path, quiz_id: str, trainee: str) -> GradingState:
    """Whether ``trainee``'s grade for ``quiz_id`` is for the submission now collected."""
    graded = autograded_folder(root, quiz_id, trainee)
    if not graded.is_dir():
        return GradingState(False, NOT_AUTOGRADED)
    try:
        recorded = json.loads((graded / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return GradingState(False, OUTSIDE)
    if not isinstance(recorded, dict):
        return GradingState(False, OUTSIDE)
    if recorded.get("failed"):
        return GradingState(False, f"could not be graded: {recorded['failed']}")
    current = submitted_folder(root, quiz_id, trainee)
    if current.is_dir() and recorded != fingerprint(current, quiz_id):
        return GradingState(False, STALE)
    return GradingState(True)
