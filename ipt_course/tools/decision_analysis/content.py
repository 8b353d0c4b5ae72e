"""The decision aid's content, read from data/*.yaml: its wording, word patterns and example.

Each file is checked against a schema when it is read; a mistake names the file, the key and
what is wrong (``wording.yaml: checks.choice_done: expected text, not empty``).
"""

from __future__ import annotations

from functools import cache

from ipt_course.kit.content import ContentReader, Cue, Pattern, Safety, Strict, Text

PACKAGE = "ipt_course.tools.decision_analysis"


class ContentError(ValueError):
    """A content file of the decision aid is malformed; the message names the file and key."""


class Steps(Strict):
    """The checklist's step names, in the order taught."""

    decision: Text
    options: Text
    consequences: Text
    choice: Text
    first_step: Text
    review: Text


class Checks(Strict):
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


class Patterns(Strict):
    """Word lists and patterns the checks use (matched in lower case)."""

    do_nothing: tuple[Cue, ...]
    preference: tuple[Pattern, ...]
    when: tuple[Pattern, ...]
    people: tuple[Cue, ...]


class Wording(Strict):
    """wording.yaml."""

    intro: Text
    neutral: Text
    privacy: Text
    steps: Steps
    checks: Checks
    safety: Safety
    patterns: Patterns


class ExampleOption(Strict):
    """One option of the worked example, with its consequences."""

    name: Text
    for_client: Text
    for_other: Text


class Example(Strict):
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


_reader = ContentReader(PACKAGE, ContentError)
parse = _reader.parse
read_data = _reader.read_data
yaml_data = _reader.yaml_data


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
