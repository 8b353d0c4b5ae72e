"""The dispute stage aid's wording, read from data/staging.yaml and checked on the way in.

A clinician may edit the file; a mistake in it fails with the file, the key path and what is
wrong (``staging.yaml: stages.impasse.techniques: unknown technique 'advise'``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError

from ipt_course.kit.vocabulary import dispute_stages, techniques
from ipt_course.problems import problems_from_validation_error

SOURCE = "staging.yaml"
SAFETY_ANSWERS = ("none", "present", "not_asked")
QUESTION_IDS = ("talking", "hope", "ended", "silent")


class DisputeGuideError(ValueError):
    """The aid's wording file is malformed; the message names the file and the key."""


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected non-empty text")
    return " ".join(value.split())


def _known_techniques(ids: list[str]) -> tuple[str, ...]:
    unknown = [str(t) for t in ids if t not in techniques()]
    if unknown:
        raise ValueError(f"unknown technique {', '.join(map(repr, unknown))}")
    return tuple(ids)


def _answer_keys(answers: dict[str, str]) -> dict[str, str]:
    if tuple(answers) != SAFETY_ANSWERS:
        raise ValueError(f"expected the answers {', '.join(SAFETY_ANSWERS)}, in that order")
    return answers


def _question_ids(questions: tuple[Question, ...]) -> tuple[Question, ...]:
    if tuple(q.id for q in questions) != QUESTION_IDS:
        raise ValueError(f"expected the questions {', '.join(QUESTION_IDS)}, in that order")
    return questions


def _stage_keys(stages: dict[str, Stage]) -> dict[str, Stage]:
    if tuple(stages) != dispute_stages():
        raise ValueError(f"expected the stages {', '.join(dispute_stages())}, in that order")
    return stages


Text = Annotated[str, BeforeValidator(_text)]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Box(_Part):
    """A titled message with a few lines."""

    title: Text
    lines: tuple[Text, ...]
    helplines: tuple[Text, ...] = ()


class Safety(_Part):
    """The safety question, its answers and what the aid says for each."""

    question: Text
    answers: Annotated[dict[str, Text], AfterValidator(_answer_keys)]
    present: Box
    not_asked: Box
    reminder: Text


class Question(_Part):
    """One staging question, the reason each answer gives, and what to find out if unsure."""

    id: str
    short: Text
    text: Text
    if_yes: Text
    if_no: Text
    find_out: Text


class Stage(_Part):
    """A dispute stage: its signs, its plan (as in the notebook's table), steps and techniques."""

    signs: Text
    plan: Text
    steps: tuple[Text, ...]
    techniques: Annotated[tuple[str, ...], BeforeValidator(_known_techniques)]


class AnyStage(_Part):
    """The table's last row: what overrides every stage."""

    signs: Text
    plan: Text


class Notes(_Part):
    """The notes the rules add when answers are missing, unsure or do not fit together."""

    start: Text
    unanswered: Text
    contradiction: Text
    ended_unsure: Text
    unsure: Text
    talking_without_hope: Text
    quiet_without_resentment: Text
    impasse_hope: Text
    impasse_no_hope: Text
    dissolution_still_talking: Text


class Judgement(_Part):
    """What the aid says about the trainee's own judgement of the stage."""

    yours: Text
    differs: Text
    without_stage: Text
    during_safety: Text


class Guide(_Part):
    """The whole wording file."""

    safety: Safety
    questions: Annotated[tuple[Question, ...], AfterValidator(_question_ids)]
    stages: Annotated[dict[str, Stage], AfterValidator(_stage_keys)]
    any_stage: AnyStage
    notes: Notes
    judgement: Judgement

    def question(self, question_id: str) -> Question:
        """The question with ``question_id``."""
        return next(q for q in self.questions if q.id == question_id)


def parse_guide(data: Any, source: str = SOURCE) -> Guide:
    """Check the wording file's content; DisputeGuideError names the first key that is wrong."""
    try:
        return Guide.model_validate(data)
    except ValidationError as error:
        raise DisputeGuideError(str(problems_from_validation_error(source, error)[0])) from None


@cache
def guide() -> Guide:
    """The packaged wording."""
    text = resources.files("ipt_course.tools.dispute_stage").joinpath("data", SOURCE)
    try:
        data = yaml.safe_load(text.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise DisputeGuideError(f"{SOURCE}: YAML syntax error: {error}") from None
    return parse_guide(data)
