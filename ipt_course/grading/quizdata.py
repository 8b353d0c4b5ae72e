"""Read-only views of a quiz bank and of trainees' saved responses, for grading and reports.

Banks are read and validated by the quiz engine (``ipt_course.quiz.bank``); this module flattens
them into the small frozen records that results, feedback and reports work with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

RESPONSES_SUFFIX = ".responses.json"


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
    """Read and validate the bank at ``path``; BankError lists every problem found."""
    from ipt_course.quiz.bank import BankError as InvalidBank
    from ipt_course.quiz.bank import load_bank as load_quiz_bank

    try:
        bank = load_quiz_bank(path)
    except InvalidBank as error:
        raise BankError("\n".join(str(problem) for problem in error.problems)) from None
    return Bank(id=bank.id, title=bank.title, day=bank.day, path=path,
                questions=tuple(_question(question) for question in bank.questions))


def load_bank_for(root: Path, quiz_id: str) -> Bank:
    """The bank for ``quiz_id`` in the course at ``root``."""
    return load_bank(find_bank(root, quiz_id))


def check_responses(path: Path, quiz_id: str) -> ResponsesCheck:
    """Read a responses file with the quiz engine's reader; never raises, says what is wrong."""
    from ipt_course.quiz.store import ResponsesError, parse_responses

    if path.is_file() and path.stat().st_size == 0:
        return ResponsesCheck({}, "responses file empty")
    try:
        answers = parse_responses(path, quiz_id)
    except ResponsesError as error:
        return ResponsesCheck({}, f"responses file {error.code.replace('_', ' ')}: {error}")
    return ResponsesCheck({str(key): value for key, value in answers.items()})


def is_answered(value: Any) -> bool:
    """Whether a saved answer counts as given (empty strings and lists do not)."""
    if value is None:
        return False
    if isinstance(value, str | list | dict):
        return bool(value.strip() if isinstance(value, str) else value)
    return True


def _question(question: Any) -> Question:
    """Flatten a validated bank question into the record grading uses."""
    reference = question.reference.model_dump() if question.reference else {}
    return Question(
        id=question.id, type=question.type, points=float(question.points),
        outcome=question.outcome, prompt=question.prompt, explanation=question.explanation,
        reference={str(k): str(v) for k, v in reference.items()},
        options={o.id: o.text for o in question.options},
        items={o.id: o.text for o in question.items},
        choices={o.id: o.text for o in question.choices},
        answer=question.answer, tolerance=float(question.tolerance),
        rubric=tuple(item.model_dump() for item in question.rubric),
    )
