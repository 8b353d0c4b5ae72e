"""The self-check file format: pydantic models, loading one check, checking a whole file.

File format (``selfchecks/<notebook-stem>.yaml``)::

    checks:
      - id: sick-role
        prompt: "Markdown text"
        type: single            # single | multiple | reflection
        options:                # single and multiple only
          - {id: a, text: "...", correct: true, feedback: "why"}
        explanation: "Markdown shown after checking"
        model_points: ["..."]   # reflection only (optional if explanation is given)
        outcome: d1.lo3         # optional: the course.yaml learning outcome this practises
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ipt_course.problems import Problem, problems_from_validation_error
from ipt_course.yamlfile import YamlFileError, read_yaml

CHECK_TYPES = ("single", "multiple", "reflection")
OUTCOME_ID = re.compile(r"^d[0-9]+\.lo[0-9]+$")
MESSAGES = {"bool_type": "expected true or false", "string_type": "expected text",
            "model_type": "expected a mapping with id, text, correct"}


@dataclass
class SelfCheckError(Exception):
    """A self-check could not be loaded; ``problems`` say which file, where and why."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(str(problem) for problem in self.problems)


def _an_id(value: Any) -> str:
    """Ids may be written as numbers in YAML (``id: 1``); they are read as text."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError("this key is required but missing")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected non-empty text")
    return value


Id = Annotated[str, BeforeValidator(_an_id)]
Text = Annotated[str, BeforeValidator(_text)]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Frozen):
    """One answer option with its feedback."""

    id: Id
    text: Text
    correct: StrictBool
    feedback: str = ""


class Check(_Frozen):
    """One self-check question."""

    id: Id
    prompt: Text
    type: Literal["single", "multiple", "reflection"]
    options: tuple[Option, ...] = Field(default=(), validate_default=True)
    explanation: str = Field(default="", validate_default=True)
    model_points: tuple[Text, ...] = ()
    outcome: str = ""

    @field_validator("options")
    @classmethod
    def _options_fit_the_type(cls, options: tuple[Option, ...],
                              info: ValidationInfo) -> tuple[Option, ...]:
        kind = info.data.get("type")
        if kind == "reflection":
            return ()
        if len(options) < 2:
            raise ValueError("expected a list of at least 2 options")
        ids = [option.id for option in options]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate option id {duplicates[0]!r}")
        correct = sum(option.correct for option in options)
        if kind == "single" and correct != 1:
            raise ValueError(
                f"a single-choice check needs exactly 1 correct option (found {correct})")
        if kind == "multiple" and correct < 1:
            raise ValueError("a multiple-choice check needs at least 1 correct option")
        return options

    @field_validator("explanation")
    @classmethod
    def _explanation_for_a_choice(cls, explanation: str, info: ValidationInfo) -> str:
        if info.data.get("type") in ("single", "multiple") and not explanation.strip():
            raise ValueError("expected non-empty text")
        return explanation

    @field_validator("outcome")
    @classmethod
    def _outcome_id(cls, outcome: str) -> str:
        if outcome and not OUTCOME_ID.match(outcome):
            raise ValueError(f"expected a learning outcome id such as d1.lo3 (got {outcome!r})")
        return outcome

    @model_validator(mode="after")
    def _explained(self) -> Check:
        if self.type == "reflection" and not self.model_points and not self.explanation.strip():
            raise ValueError("a reflection check needs model_points or an explanation")
        return self


def check_problems(raw: Any, file: str, where: str) -> list[Problem]:
    """Problems with one raw check mapping; an empty list means it is valid."""
    if not isinstance(raw, dict):
        return [Problem(file, where, "expected a mapping with id, prompt and type")]
    try:
        Check.model_validate(raw)
    except ValidationError as error:
        problems = []
        for problem, item in zip(problems_from_validation_error(file, error), error.errors(),
                                 strict=True):
            inside = f"{where}.{problem.where}" if item["loc"] else where
            message = MESSAGES.get(item["type"], problem.message)
            problems.append(Problem(file, inside, message))
        return problems
    return []


def _read_checks(path: Path) -> list[Any]:
    """The raw list of checks in ``path``, or SelfCheckError naming the file."""
    file = str(path)
    if not path.is_file():
        where = path if path.is_absolute() else Path.cwd() / path
        raise SelfCheckError([Problem(file, "", f"file not found (looked for {where})")])
    try:
        data = read_yaml(path, file)
    except YamlFileError as error:
        raise SelfCheckError([error.problem]) from None
    if not isinstance(data, dict) or not isinstance(data.get("checks"), list):
        raise SelfCheckError([Problem(file, "checks", "expected a top-level list 'checks:'")])
    return data["checks"]


def load_check(path: Path | str, check_id: str) -> Check:
    """Load the check ``check_id`` from ``path`` or raise SelfCheckError saying what is wrong."""
    path = Path(path)
    checks = _read_checks(path)
    for index, raw in enumerate(checks):
        if isinstance(raw, dict) and str(raw.get("id")) == check_id:
            problems = check_problems(raw, str(path), f"checks[{index}]")
            if problems:
                raise SelfCheckError(problems)
            return Check.model_validate(raw)
    known = [str(raw.get("id")) for raw in checks if isinstance(raw, dict) and "id" in raw]
    hint = f"; ids in this file: {', '.join(known)}" if known else "; the file has no checks"
    raise SelfCheckError([Problem(str(path), "checks", f"no check with id {check_id!r}{hint}")])


def validate_selfcheck_file(path: Path, outcome_ids: set[str] | None = None) -> list[Problem]:
    """Every problem in a self-check file (empty list = valid), for the course validator.

    With ``outcome_ids`` (from course.yaml), an ``outcome`` naming an unknown id is a problem.
    """
    try:
        checks = _read_checks(Path(path))
    except SelfCheckError as error:
        return error.problems
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, raw in enumerate(checks):
        problems += check_problems(raw, str(path), f"checks[{index}]")
        outcome = raw.get("outcome") if isinstance(raw, dict) else None
        if (outcome_ids is not None and isinstance(outcome, str)
                and outcome not in outcome_ids and OUTCOME_ID.match(outcome)):
            problems.append(Problem(str(path), f"checks[{index}].outcome",
                                    f"unknown learning outcome {outcome!r} (not in course.yaml)"))
        if isinstance(raw, dict) and raw.get("id") is not None:
            if str(raw["id"]) in seen:
                problems.append(
                    Problem(str(path), f"checks[{index}].id", f"duplicate id {raw['id']!r}"))
            seen.add(str(raw["id"]))
    return problems
