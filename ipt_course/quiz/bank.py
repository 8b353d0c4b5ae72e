"""Quiz banks (quizzes/dayN.yaml): their schema, their checks and how to find one by id.

A bank holds the answer keys, so it stays on the trainer's side. What trainees receive is made
from it by :func:`ipt_course.quiz.scoring.public_questions`, and answers are scored by the rules
in :mod:`ipt_course.quiz.scoring`. Grading, feedback and reports read the same validated models.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ipt_course.problems import Problem, problems_from_validation_error
from ipt_course.yamlfile import YamlFileError, read_yaml

if TYPE_CHECKING:
    from ipt_course.course import Course

OptionKind = Literal["options", "items", "choices"]
QuestionType = Literal["single", "multiple", "matching", "numeric", "ordering", "reflection"]
AUTO_TYPES: tuple[str, ...] = ("single", "multiple", "matching", "numeric", "ordering")
Id = Annotated[str, Field(pattern=r"^[a-z0-9_-]+$", max_length=40)]
NonEmpty = Annotated[str, Field(min_length=1)]


class BankError(Exception):
    """A quiz bank cannot be read or is not valid; ``problems`` says what and where."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Option(_Strict):
    """One labelled choice: an option, a matching item or a matching choice."""

    id: Id
    text: NonEmpty


class Reference(_Strict):
    """Where in the course the topic of a question is taught."""

    notebook: NonEmpty
    section: str = ""


class RubricItem(_Strict):
    """One marking criterion of a reflection question."""

    points: Annotated[float, Field(gt=0)]
    criterion: NonEmpty


class Question(_Strict):
    """One quiz question; which keys matter depends on ``type``."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$", max_length=40)]
    outcome: NonEmpty
    points: Annotated[float, Field(gt=0)] = 1.0
    type: QuestionType
    prompt: NonEmpty
    options: list[Option] = []
    items: list[Option] = []
    choices: list[Option] = []
    answer: Any = None
    tolerance: Annotated[float, Field(ge=0)] = 0.0
    explanation: str = ""
    reference: Reference | None = None
    rubric: list[RubricItem] = []

    @property
    def auto_graded(self) -> bool:
        """True when the question is scored from the saved answer, not by a person."""
        return self.type in AUTO_TYPES

    def texts(self, kind: OptionKind = "options") -> dict[str, str]:
        """``{id: text}`` of the options, matching items or matching choices, in bank order."""
        return {option.id: option.text for option in getattr(self, kind)}


class QuizBank(_Strict):
    """A day's quiz: its id (the nbgrader assignment name), day and questions."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
    title: NonEmpty
    day: Annotated[int, Field(ge=1, le=6)]
    intro: str = ""
    questions: Annotated[list[Question], Field(min_length=1)]

    def question(self, qid: str) -> Question:
        """The question with this id; KeyError if the bank has none."""
        for question in self.questions:
            if question.id == qid:
                return question
        raise KeyError(f"quiz {self.id} has no question {qid!r}")

    @property
    def auto_points(self) -> float:
        """Points available from automatically scored questions."""
        return sum(q.points for q in self.questions if q.auto_graded)

    @property
    def total_points(self) -> float:
        """Points available in the whole quiz."""
        return sum(q.points for q in self.questions)


# ---------------------------------------------------------------------------------------------
# Reading and checking


def _parse(path: Path) -> tuple[QuizBank | None, list[Problem]]:
    """Read and schema-check the bank; the model is None when the schema is not met."""
    name = str(path)
    try:
        data = read_yaml(path, name)
    except YamlFileError as error:
        return None, [error.problem]
    if not isinstance(data, dict):
        return None, [Problem(name, "", "expected a mapping with keys id, title, day, questions")]
    try:
        return QuizBank.model_validate(data), []
    except ValidationError as error:
        return None, _name_questions(problems_from_validation_error(name, error), data)


def _name_questions(problems: list[Problem], data: dict) -> list[Problem]:
    """Add the question id to key paths such as ``questions[3].answer`` so authors find it."""
    questions = data.get("questions")
    named = []
    for problem in problems:
        where = problem.where
        if isinstance(questions, list) and where.startswith("questions["):
            index = where[len("questions["):].split("]", 1)[0]
            if index.isdigit() and int(index) < len(questions):
                entry = questions[int(index)]
                if isinstance(entry, dict) and "id" in entry:
                    where = f"{where} (question {entry['id']})"
        named.append(Problem(problem.file, where, problem.message))
    return named


def _where(index: int, question: Question, key: str = "") -> str:
    return f"questions[{index}]{'.' + key if key else ''} (question {question.id})"


def _ids(options: list[Option]) -> list[str]:
    return [option.id for option in options]


def _duplicates(values: list[str]) -> list[str]:
    return sorted(value for value, n in Counter(values).items() if n > 1)


def is_number(value: object) -> bool:
    """True for a finite int or float (not a bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_single(q: Question) -> list[tuple[str, str]]:
    ids = _ids(q.options)
    if len(ids) < 2:
        return [("options", "a single-answer question needs at least 2 options")]
    if not isinstance(q.answer, str) or q.answer not in ids:
        return [("answer", f"expected one option id from {ids}, got {q.answer!r}")]
    return []


def _check_multiple(q: Question) -> list[tuple[str, str]]:
    ids = _ids(q.options)
    if len(ids) < 2:
        return [("options", "a multiple-answer question needs at least 2 options")]
    if not (isinstance(q.answer, list) and q.answer
            and all(isinstance(a, str) and a in ids for a in q.answer)):
        return [("answer", f"expected a non-empty list of option ids from {ids}, "
                           f"got {q.answer!r}")]
    if _duplicates(q.answer):
        return [("answer", f"lists {_duplicates(q.answer)} more than once")]
    return []


def _check_matching(q: Question) -> list[tuple[str, str]]:
    items, choices = _ids(q.items), _ids(q.choices)
    if not items or len(choices) < 2:
        return [("items", "a matching question needs items and at least 2 choices")]
    if not isinstance(q.answer, dict) or sorted(q.answer) != sorted(items):
        return [("answer", f"expected a mapping with exactly the item ids {items} as keys, "
                           f"got {q.answer!r}")]
    wrong = {k: v for k, v in q.answer.items() if v not in choices}
    if wrong:
        return [("answer", f"{wrong} are not choice ids from {choices}")]
    return []


def _check_numeric(q: Question) -> list[tuple[str, str]]:
    if not is_number(q.answer):
        return [("answer", f"expected a number, got {q.answer!r}")]
    return []


def _check_ordering(q: Question) -> list[tuple[str, str]]:
    ids = _ids(q.options)
    if len(ids) < 2:
        return [("options", "an ordering question needs at least 2 options")]
    if not isinstance(q.answer, list) or sorted(map(str, q.answer)) != sorted(ids) or not all(
            isinstance(a, str) for a in q.answer):
        return [("answer", f"expected every option id {sorted(ids)} exactly once, in the right "
                           f"order, got {q.answer!r}")]
    if q.answer == ids:
        return [("options", "the options are listed in the right order, so the starting order "
                            "would already be the answer; list them in a different order")]
    return []


def _check_reflection(q: Question) -> list[tuple[str, str]]:
    if not q.rubric:
        return [("rubric", "a reflection question needs a marking rubric")]
    total = sum(item.points for item in q.rubric)
    if not math.isclose(total, q.points):
        return [("rubric", f"rubric points add up to {total:g} but the question is worth "
                           f"{q.points:g}")]
    if q.answer is not None:
        return [("answer", "a reflection is marked by hand: put the model points in the rubric")]
    return []


_CHECKS: dict[str, Callable[[Question], list[tuple[str, str]]]] = {
    "single": _check_single,
    "multiple": _check_multiple,
    "matching": _check_matching,
    "numeric": _check_numeric,
    "ordering": _check_ordering,
    "reflection": _check_reflection,
}
KEYS_USED = {
    "single": {"options"}, "multiple": {"options"}, "ordering": {"options"},
    "matching": {"items", "choices"}, "numeric": set(), "reflection": set(),
}


def check_bank(bank: QuizBank, name: str) -> list[Problem]:
    """Checks that need the whole bank: unique ids and answers that fit their question."""
    problems = [
        Problem(name, "questions", f"question id {qid!r} is used more than once")
        for qid in _duplicates([q.id for q in bank.questions])
    ]
    for index, q in enumerate(bank.questions):
        for key in ("options", "items", "choices"):
            dups = _duplicates(_ids(getattr(q, key)))
            if dups:
                problems.append(Problem(name, _where(index, q, key), f"duplicate ids {dups}"))
            if getattr(q, key) and key not in KEYS_USED[q.type]:
                problems.append(Problem(name, _where(index, q, key),
                                        f"a {q.type} question does not use {key}"))
        if q.rubric and q.type != "reflection":
            problems.append(Problem(name, _where(index, q, "rubric"),
                                    "only reflection questions have a rubric"))
        problems += [Problem(name, _where(index, q, key), message)
                     for key, message in _CHECKS[q.type](q)]
    return problems


def load_bank(path: Path) -> QuizBank:
    """Read a quiz bank; raise BankError listing every problem when it is not valid."""
    bank, problems = _parse(Path(path))
    if bank is not None:
        problems = check_bank(bank, str(path))
    if problems or bank is None:
        raise BankError(problems)
    return bank


def find_bank(root: Path, quiz_id: str) -> Path:
    """The bank file under ``root/quizzes`` whose ``id`` is ``quiz_id``; BankError if none."""
    folder = Path(root) / "quizzes"
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = read_yaml(path)
        except (YamlFileError, OSError):
            continue
        if isinstance(data, dict) and data.get("id") == quiz_id:
            return path
    raise BankError([Problem(str(folder), "", f"no quiz bank with id {quiz_id!r}")])


def load_bank_for(root: Path, quiz_id: str) -> QuizBank:
    """The validated bank for ``quiz_id`` in the course at ``root``."""
    return load_bank(find_bank(root, quiz_id))


def validate_bank_file(path: Path, course: Course) -> list[Problem]:
    """Every problem with the bank at ``path``, including its fit with the course manifest."""
    path = Path(path)
    try:
        name = path.resolve().relative_to(course.root).as_posix()
    except ValueError:
        name = str(path)
    bank, problems = _parse(path)
    if bank is None:
        return [Problem(name, p.where, p.message) for p in problems]
    problems = check_bank(bank, name)
    return problems + _check_against_course(bank, course, name)


def _check_against_course(bank: QuizBank, course: Course, name: str) -> list[Problem]:
    try:
        day = course.day(bank.day)
    except KeyError:
        return [Problem(name, "day", f"the course has no day {bank.day}")]
    own = {outcome.id for outcome in day.outcomes}
    known = course.outcome_ids()
    problems = []
    for index, q in enumerate(bank.questions):
        if q.outcome not in known:
            problems.append(Problem(name, _where(index, q, "outcome"),
                                    f"unknown learning outcome {q.outcome!r}"))
        elif q.outcome not in own:
            problems.append(Problem(name, _where(index, q, "outcome"),
                                    f"{q.outcome!r} is not an outcome of Day {bank.day}"))
        if q.reference and not (course.root / q.reference.notebook).is_file():
            problems.append(Problem(name, _where(index, q, "reference.notebook"),
                                    f"notebook not found: {q.reference.notebook}"))
        elif q.reference and q.reference.section and not _has_heading(
                course.root / q.reference.notebook, q.reference.section):
            problems.append(Problem(name, _where(index, q, "reference.section"),
                                    f"no heading containing {q.reference.section!r} in "
                                    f"{q.reference.notebook}"))
    assessed = {q.outcome for q in bank.questions}
    problems += [
        Problem(name, "questions", f"outcome {outcome_id} of Day {bank.day} is not assessed by "
                                   "any question")
        for outcome_id in sorted(own - assessed)
    ]
    return problems


def _has_heading(notebook: Path, section: str) -> bool:
    """Whether a Markdown heading of ``notebook`` contains ``section`` (any letter case)."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return False
    wanted = section.casefold()
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        if any(line.lstrip().startswith("#") and wanted in line.casefold()
               for line in text.splitlines()):
            return True
    return False
