"""Read-only views of a quiz bank and of trainees' saved responses, for grading and reports.

The bank format and the responses file format are the team's shared formats (see the course
brief). This module reads them directly so that reports and feedback keep working whichever
helpers the quiz engine exposes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

RESPONSES_SUFFIX = ".responses.json"
MAX_RESPONSES_BYTES = 1_000_000
QUESTION_TYPES = ("single", "multiple", "matching", "numeric", "ordering", "reflection")


class BankError(ValueError):
    """A quiz bank could not be found or read."""


@dataclass(frozen=True)
class Question:
    """One bank question, as grading and reports need it."""

    id: str
    type: str
    points: float
    outcome: str
    prompt: str
    explanation: str
    reference: dict[str, str]
    options: dict[str, str] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)
    choices: dict[str, str] = field(default_factory=dict)
    answer: Any = None
    tolerance: float = 0.0
    rubric: tuple[dict[str, Any], ...] = ()

    @property
    def auto_graded(self) -> bool:
        """Whether the scorer marks this question (everything but reflections)."""
        return self.type != "reflection"


@dataclass(frozen=True)
class Bank:
    """A quiz bank: its id, title, day and questions in order."""

    id: str
    title: str
    day: int | None
    path: Path
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        """The question with ``question_id``."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    @property
    def max_score(self) -> float:
        """Total points available."""
        return float(sum(question.points for question in self.questions))


@dataclass(frozen=True)
class ResponsesCheck:
    """What was found in a trainee's responses file: the answers, or why there are none."""

    answers: dict[str, Any]
    problem: str | None = None


def notebook_name(quiz_id: str) -> str:
    """The file name nbgrader expects for the quiz notebook."""
    return f"{quiz_id}.ipynb"


def responses_name(quiz_id: str) -> str:
    """The file name of the responses file saved beside the quiz notebook."""
    return f"{quiz_id}{RESPONSES_SUFFIX}"


def find_bank(root: Path, quiz_id: str) -> Path:
    """The bank file under ``root/quizzes`` whose ``id`` is ``quiz_id``."""
    folder = root / "quizzes"
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and data.get("id") == quiz_id:
            return path
    raise BankError(f"{folder}: no quiz bank with id {quiz_id!r}")


def load_bank(path: Path) -> Bank:
    """Read the bank at ``path`` (clear errors for a missing file or a malformed question)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BankError(f"{path}: cannot read: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise BankError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise BankError(f"{path}: expected a mapping with a 'questions' list")
    questions = tuple(_question(path, index, raw) for index, raw in enumerate(data["questions"]))
    return Bank(id=str(data.get("id", path.stem)), title=str(data.get("title", "")),
                day=data.get("day"), path=path, questions=questions)


def load_bank_for(root: Path, quiz_id: str) -> Bank:
    """The bank for ``quiz_id`` in the course at ``root``."""
    return load_bank(find_bank(root, quiz_id))


def check_responses(path: Path, quiz_id: str) -> ResponsesCheck:
    """Read a responses file defensively: never raises, says what is wrong instead.

    Uses the quiz engine's own reader when it is installed, so that grading and reporting
    agree on which files are usable.
    """
    try:
        from ipt_course.quiz.store import ResponsesError, parse_responses
    except ImportError:
        return _check_responses_here(path, quiz_id)
    if path.is_file() and path.stat().st_size == 0:
        return ResponsesCheck({}, "responses file empty")
    try:
        answers = parse_responses(path, quiz_id)
    except ResponsesError as error:
        return ResponsesCheck({}, f"responses file {error.code.replace('_', ' ')}: {error}")
    return ResponsesCheck({str(key): value for key, value in answers.items()})


def _check_responses_here(path: Path, quiz_id: str) -> ResponsesCheck:
    if not path.is_file():
        return ResponsesCheck({}, "responses file missing")
    size = path.stat().st_size
    if size == 0:
        return ResponsesCheck({}, "responses file empty")
    if size > MAX_RESPONSES_BYTES:
        return ResponsesCheck({}, f"responses file too large ({size / 1_000_000:.1f} MB)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return ResponsesCheck({}, f"responses file not valid JSON ({error.__class__.__name__})")
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return ResponsesCheck({}, "responses file has the wrong shape (no 'answers' mapping)")
    if data.get("quiz") not in (None, quiz_id):
        return ResponsesCheck({}, f"responses file is for quiz {data.get('quiz')!r}")
    return ResponsesCheck({str(key): value for key, value in data["answers"].items()})


def is_answered(value: Any) -> bool:
    """Whether a saved answer counts as given (empty strings and lists do not)."""
    if value is None:
        return False
    if isinstance(value, str | list | dict):
        return bool(value.strip() if isinstance(value, str) else value)
    return True


def _question(path: Path, index: int, raw: Any) -> Question:
    where = f"{path}: questions[{index}]"
    if not isinstance(raw, dict) or "id" not in raw:
        raise BankError(f"{where}: expected a mapping with an 'id'")
    kind = raw.get("type")
    if kind not in QUESTION_TYPES:
        raise BankError(f"{where}.type: expected one of {', '.join(QUESTION_TYPES)}")
    return Question(
        id=str(raw["id"]), type=kind, points=float(raw.get("points", 1)),
        outcome=str(raw.get("outcome", "")), prompt=str(raw.get("prompt", "")),
        explanation=str(raw.get("explanation", "")),
        reference={str(k): str(v) for k, v in (raw.get("reference") or {}).items()},
        options=_labels(raw.get("options")), items=_labels(raw.get("items")),
        choices=_labels(raw.get("choices")), answer=raw.get("answer"),
        tolerance=float(raw.get("tolerance") or 0),
        rubric=tuple(raw.get("rubric") or ()),
    )


def _labels(entries: Any) -> dict[str, str]:
    if not isinstance(entries, list):
        return {}
    return {str(entry.get("id")): str(entry.get("text", "")) for entry in entries
            if isinstance(entry, dict)}
