"""The decision aid's content, read from data/*.yaml: its wording, word patterns and example.

Each file is checked against a schema when it is read; a mistake names the file, the key and
what is wrong (``wording.yaml: checks.choice_done: expected text, not empty``).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError

from ipt_course.problems import problems_from_validation_error

PACKAGE = "ipt_course.tools.decision_analysis"


class ContentError(ValueError):
    """A content file of the decision aid is malformed; the message names the file and key."""


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected text, not empty")
    return " ".join(value.split())


def _pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"not a valid pattern ({error})") from None
    return value


Text = Annotated[str, BeforeValidator(_text)]
Cue = Annotated[Text, AfterValidator(str.lower)]
Pattern = Annotated[Text, AfterValidator(_pattern)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Steps(_Strict):
    """The checklist's step names, in the order taught."""

    decision: Text
    options: Text
    consequences: Text
    choice: Text
    first_step: Text
    review: Text


class Checks(_Strict):
    """What the checklist says for each step, done or still to do."""

    decision_todo: Text
    decision_done: Text
    options_todo: Text
    options_one: Text
    options_no_nothing: Text
    options_done: Text
    consequences_todo: Text
    consequences_missing: Text
    consequences_matters: Text
    consequences_done: Text
    preference: Text
    choice_todo: Text
    choice_done: Text
    step_todo: Text
    step_no_when: Text
    step_no_who: Text
    step_too_short: Text
    step_done: Text
    step_rehearse: Text
    review_todo: Text
    review_done: Text


class Safety(_Strict):
    """The safety prompt and the words that raise it."""

    title: Text
    text: Text
    cues: tuple[Cue, ...]


class Patterns(_Strict):
    """Word lists and patterns the checks use (matched in lower case)."""

    do_nothing: tuple[Cue, ...]
    preference: tuple[Pattern, ...]
    when: tuple[Pattern, ...]
    people: tuple[Cue, ...]


class Wording(_Strict):
    """wording.yaml."""

    intro: Text
    neutral: Text
    privacy: Text
    steps: Steps
    checks: Checks
    safety: Safety
    patterns: Patterns


class ExampleOption(_Strict):
    """One option of the worked example, with its consequences."""

    name: Text
    for_client: Text
    for_other: Text


class Example(_Strict):
    """example.yaml: Nadia's decision as the notebook works it."""

    id: Text
    client: Text
    other: Text
    decision: Text
    options: tuple[ExampleOption, ...]
    matters: Text
    choice: Text
    first_step: Text
    rehearsed: bool
    review_question: Text
    review_notes: Text


M = TypeVar("M", bound=BaseModel)


def parse(model: type[M], data: Any, source: str) -> M:
    """``data`` checked against ``model``; ContentError names ``source``, the key and the fault."""
    if not isinstance(data, dict):
        raise ContentError(f"{source}: expected a mapping of keys at the top level")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ContentError(str(problems_from_validation_error(source, error)[0])) from None


def read_data(name: str) -> Any:
    """The YAML in the packaged ``data/<name>``."""
    return yaml_data(resources.files(PACKAGE).joinpath("data", name)
                     .read_text(encoding="utf-8"), name)


def yaml_data(text: str, name: str) -> Any:
    """``text`` parsed as YAML; ContentError gives ``name`` and the line of a syntax error."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise ContentError(f"{name}: {where}YAML syntax error: "
                           f"{getattr(error, 'problem', None) or error}") from None


def check_example(example: Example, source: str = "example.yaml") -> Example:
    """``example`` if its choice is one of its options; ContentError otherwise."""
    names = [option.name for option in example.options]
    if example.choice not in names:
        raise ContentError(f"{source}: choice: expected one of the options ({', '.join(names)})")
    return example


@cache
def wording() -> Wording:
    """The packaged wording of the decision aid."""
    return parse(Wording, read_data("wording.yaml"), "wording.yaml")


@cache
def example() -> Example:
    """Nadia's return-date decision, as the role disputes notebook works it."""
    return check_example(parse(Example, read_data("example.yaml"), "example.yaml"))
