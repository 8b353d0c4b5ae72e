"""The worksheet's content, read from data/*.yaml: the problems, its wording and Nadia's row.

Each file is checked against a schema when it is read; a mistake names the file, the key and
what is wrong (``problems.yaml: problems[2].label: expected text, not empty``), so a clinician
editing the wording can put it right without reading Python.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator

from ipt_course.kit.content import ContentReader, Cue, Pattern, Safety, Strict, Text

PACKAGE = "ipt_course.tools.communication_analysis"


class ContentError(ValueError):
    """A content file of the worksheet is malformed; the message names the file and key."""


def _identifier(value: str) -> str:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", value):
        raise ValueError("expected an id of lower-case letters, digits and _")
    return value


def _unique_ids(items: tuple[Any, ...]) -> tuple[Any, ...]:
    ids = [item.id for item in items]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"each id once; repeated: {', '.join(repeated)}")
    if not ids:
        raise ValueError("expected at least one entry")
    return items


class Problem(Strict):
    """One communication problem of the course's teaching list."""

    id: Annotated[str, AfterValidator(_identifier)]
    label: Text
    description: Text
    question: Text
    cues: tuple[Cue, ...] = ()


class ProblemList(Strict):
    """problems.yaml: the list, each id once."""

    problems: Annotated[tuple[Problem, ...], AfterValidator(_unique_ids)]


class Steps(Strict):
    """The checklist's step names, in the order taught."""

    exchange: Text
    words: Text
    meaning: Text
    feelings: Text
    afterwards: Text
    problems: Text
    alternatives: Text
    script: Text


class Checks(Strict):
    """What the checklist says for each step, done or still to do."""

    exchange_todo: Text
    exchange_pattern: Text
    exchange_no_when: Text
    exchange_done: Text
    words_todo: Text
    words_one_speaker: Text
    words_summary: Text
    words_no_how: Text
    words_done: Text
    meaning_todo: Text
    meaning_done: Text
    feelings_todo: Text
    feelings_done: Text
    afterwards_todo: Text
    afterwards_done: Text
    problems_todo: Text
    problems_others_only: Text
    problems_client_only: Text
    problems_no_client: Text
    problems_done: Text
    alternatives_todo: Text
    alternatives_done: Text
    script_todo: Text
    script_done: Text


class Patterns(Strict):
    """Word patterns the checks use (regular expressions, matched in lower case)."""

    summary: tuple[Pattern, ...]
    pattern_words: tuple[Cue, ...]
    when: tuple[Pattern, ...]


class Compare(Strict):
    """Wording of the comparison with the notebook's analysis."""

    intro: Text


class Wording(Strict):
    """worksheet.yaml."""

    intro: Text
    privacy: Text
    steps: Steps
    checks: Checks
    safety: Safety
    compare: Compare
    patterns: Patterns


class ExampleLine(Strict):
    """One line of the course example, with the notebook's reading of it."""

    speaker: Text
    said: Text
    how: Text
    problems: tuple[str, ...] = ()
    also_fair: tuple[str, ...] = ()
    key: bool = False


class Example(Strict):
    """example.yaml: Nadia's row as the notebook gives it."""

    id: Text
    title: Text
    client: Text
    scene: Text
    lines: tuple[ExampleLine, ...]
    after: Text


_reader = ContentReader(PACKAGE, ContentError)
parse = _reader.parse
read_data = _reader.read_data
yaml_data = _reader.yaml_data


def check_example(example: Example, known: set[str], source: str = "example.yaml") -> Example:
    """``example`` if every problem it names is in the list; ContentError otherwise."""
    for number, line in enumerate(example.lines):
        for key in ("problems", "also_fair"):
            unknown = [p for p in getattr(line, key) if p not in known]
            if unknown:
                raise ContentError(f"{source}: lines[{number}].{key}: not in problems.yaml: "
                                   f"{', '.join(unknown)}")
    return example


@cache
def problems() -> tuple[Problem, ...]:
    """The packaged communication problems, in teaching order."""
    return parse(ProblemList, read_data("problems.yaml"), "problems.yaml").problems


def problem_labels() -> dict[str, str]:
    """Problem id -> its label."""
    return {problem.id: problem.label for problem in problems()}


@cache
def wording() -> Wording:
    """The packaged wording of the worksheet."""
    return parse(Wording, read_data("worksheet.yaml"), "worksheet.yaml")


@cache
def example() -> Example:
    """Nadia's Sunday row, as the role disputes notebook gives it."""
    loaded = parse(Example, read_data("example.yaml"), "example.yaml")
    return check_example(loaded, set(problem_labels()))
