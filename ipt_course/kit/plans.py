"""Written plans made of parts (a safety plan's steps, a staying-well plan's sections): each part
described in YAML with the rules that spot an empty, vague or misplaced line.

The rules are deliberately simple so a trainer can explain every prompt: a line is *vague* when it
leans on a general phrase ("call someone", "keep safe") and adds nothing concrete (no name, no
number, no other detail); a part may ask for something on every line (a name, a number, the
client's "I") or somewhere in it (a medicine named); a phrase may be flagged wherever it appears
(the credit handed to someone else, a suicidal thought listed as a warning sign). The prompts make
the trainee think; they are not marks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from ipt_course.kit.datafile import load_data

FindingLevel = Literal["empty", "problem", "prompt"]
# A plan used in a crisis fits on a page; past this many lines a part is not checked line by line.
MAX_LINES = 25
MAX_LINE_CHARS = 300
FIRST_PERSON = re.compile(r"(?<![\w'])(?:i|i'm|i've|i'll|i'd|me|my|myself)(?![\w'])")
# Three or more digits, allowing single spaces or hyphens between them: 999, 116 123, 0808 808 8000.
PHONE_NUMBER = re.compile(r"\d(?:[ -]?\d){2,}")
CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][a-z][\w'’-]*")
WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


OneLine = Annotated[str, StringConstraints(min_length=1), AfterValidator(_one_line)]
Phrase = Annotated[str, StringConstraints(min_length=1), AfterValidator(
    lambda text: _one_line(normalise(text)))]


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces: the form every rule matches against."""
    text = str(text or "").replace("’", "'").replace("‘", "'").lower()
    return " ".join(text.split())


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Marker(_Spec):
    """Something a line may contain: a person's name, a phone number, the client's "I", a phrase."""

    name: bool = False
    number: bool = False
    first_person: bool = False
    phrases: tuple[Phrase, ...] = ()


class Need(Marker):
    """What a part asks for, and the prompt shown when it is missing."""

    message: OneLine


class Vague(_Spec):
    """General phrases that make a line too vague to act on unless something concrete is added."""

    phrases: tuple[Phrase, ...] = Field(min_length=1)
    message: OneLine


class Flag(_Spec):
    """Phrases that need a second look wherever they appear in the part."""

    phrases: tuple[Phrase, ...] = Field(min_length=1)
    message: OneLine


class PartSpec(_Spec):
    """One part of a plan: how it is headed and prompted, and the rules its lines are checked by."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    title: OneLine
    prompt: OneLine
    placeholder: str = ""
    required: bool = True
    numbered: bool = True
    empty: OneLine
    vague: Vague | None = None
    each_line: tuple[Need, ...] = ()
    somewhere: tuple[Need, ...] = ()
    flags: tuple[Flag, ...] = ()


class PlanWords(_Spec):
    """Words the rules share: capitalised words that are not names, and words that add nothing."""

    not_names: frozenset[Phrase]
    fillers: frozenset[Phrase]


def _unique_ids(parts: tuple[PartSpec, ...]) -> tuple[PartSpec, ...]:
    ids = [part.id for part in parts]
    repeated = sorted({part_id for part_id in ids if ids.count(part_id) > 1})
    if repeated:
        raise ValueError(f"each part needs its own id; repeated: {', '.join(repeated)}")
    return parts


# The parts of a plan as a tool's YAML lists them: at least one, each id once.
Parts = Annotated[tuple[PartSpec, ...], Field(min_length=1), AfterValidator(_unique_ids)]


class PlanSpec(_Spec):
    """Every part of one kind of plan, in order, and the shared words."""

    parts: Parts
    words: PlanWords

    def part(self, part_id: str) -> PartSpec:
        """The part called ``part_id``."""
        return next(part for part in self.parts if part.id == part_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """The parts' ids, in order."""
        return tuple(part.id for part in self.parts)


@cache
def plan_words() -> PlanWords:
    """The words every plan's rules share, from ``kit/data/plan_words.yaml``."""
    return load_data("ipt_course.kit", "plan_words.yaml", PlanWords)


@dataclass(frozen=True)
class Finding:
    """One thing to look at again: in which part, on which line ('' for the part as a whole)."""

    part: str
    title: str
    line: str
    message: str
    level: FindingLevel

    @property
    def blocks(self) -> bool:
        """True when the part is not ready until this is dealt with (a prompt does not block)."""
        return self.level != "prompt"


def entry_lines(text: str) -> list[str]:
    """The lines of a part as the trainee wrote them, without bullets or blank lines."""
    lines = (re.sub(r"^\s*(?:[-*•·]|\d+[.)])\s+", "", line) for line in str(text).splitlines())
    return [_one_line(line) for line in lines if line.strip()]


def has_name(line: str, words: PlanWords) -> bool:
    """True when a capitalised word that is not a common word ('Ring', 'My', 'Monday') appears."""
    for word in CAPITALISED.findall(line):
        bare = re.sub(r"['’]s$", "", word)
        if normalise(bare) not in words.not_names and normalise(word) not in words.not_names:
            return True
    return False


def has_number(line: str) -> bool:
    """True when the line holds a phone number (three digits or more, e.g. 999 or 116 123)."""
    return bool(PHONE_NUMBER.search(line))


def _phrase_pattern(phrase: str) -> str:
    return rf"(?<![\w'-]){re.escape(phrase)}(?![\w'-])"


def found_phrases(text: str, phrases: tuple[str, ...]) -> list[str]:
    """The ``phrases`` that occur in ``text`` (already normalised) as whole words."""
    return [phrase for phrase in phrases if re.search(_phrase_pattern(phrase), text)]


def has_marker(line: str, marker: Marker, words: PlanWords) -> bool:
    """True when ``line`` contains anything ``marker`` accepts."""
    text = normalise(line)
    return bool((marker.name and has_name(line, words))
                or (marker.number and has_number(line))
                or (marker.first_person and FIRST_PERSON.search(text))
                or found_phrases(text, marker.phrases))


def is_vague(line: str, vague: Vague, words: PlanWords) -> bool:
    """True when ``line`` uses a vague phrase and nothing concrete is left once it is taken away.

    Concrete means a name, a number or any word that is not a filler ('if', 'when', 'call').
    """
    text = normalise(line)
    used = found_phrases(text, vague.phrases)
    if not used or has_name(line, words) or has_number(line):
        return False
    for phrase in sorted(used, key=len, reverse=True):
        text = re.sub(_phrase_pattern(phrase), " ", text)
    return not [word for word in WORD.findall(text) if word not in words.fillers]


def check_part(part: PartSpec, text: str, words: PlanWords) -> list[Finding]:
    """What to look at again in one part: empty, vague lines, missing details, flagged phrases."""
    lines = entry_lines(text)
    if not lines:
        return [Finding(part.id, part.title, "", part.empty,
                        "empty" if part.required else "prompt")]
    findings: list[Finding] = []
    if len(lines) > MAX_LINES:
        findings.append(Finding(
            part.id, part.title, "",
            f"This part has {len(lines)} lines, and only the first {MAX_LINES} are checked. A "
            "plan used in a crisis is short: keep the lines she would really use.", "problem"))
        lines = lines[:MAX_LINES]
    # One line is one item; the rules read the start of an overlong one, so a paste stays quick.
    lines = [line[:MAX_LINE_CHARS] for line in lines]
    for line in lines:
        text_line = normalise(line)
        if part.vague is not None and is_vague(line, part.vague, words):
            findings.append(Finding(part.id, part.title, line, part.vague.message, "problem"))
        else:
            findings.extend(Finding(part.id, part.title, line, need.message, "problem")
                            for need in part.each_line if not has_marker(line, need, words))
        findings.extend(Finding(part.id, part.title, line, flag.message, "problem")
                        for flag in part.flags if found_phrases(text_line, flag.phrases))
    findings.extend(Finding(part.id, part.title, "", need.message, "prompt")
                    for need in part.somewhere
                    if not any(has_marker(line, need, words) for line in lines))
    return findings


def check_plan(spec: PlanSpec, entries: Mapping[str, str]) -> list[Finding]:
    """Every part's findings, in the plan's order."""
    return [finding for part in spec.parts
            for finding in check_part(part, entries.get(part.id, ""), spec.words)]


@dataclass(frozen=True)
class PlanSummary:
    """How far the plan has got: parts ready, parts to look at again, parts still empty."""

    ready: tuple[str, ...]
    to_revisit: tuple[str, ...]
    empty: tuple[str, ...]

    @property
    def total(self) -> int:
        """How many parts the plan has."""
        return len(self.ready) + len(self.to_revisit) + len(self.empty)

    def headline(self) -> str:
        """'5 of 7 parts ready'."""
        return f"{len(self.ready)} of {self.total} parts ready"

    def details(self) -> list[str]:
        """'To look at again: Warning signs.' and 'Still empty: ...', for the parts not ready."""
        lines = []
        for names, what in ((self.to_revisit, "To look at again"), (self.empty, "Still empty")):
            if names:
                lines.append(f"{what}: {', '.join(f'“{name}”' for name in names)}.")
        return lines

    def sentence(self) -> str:
        """The headline and the details as one line."""
        return " ".join([f"{self.headline()}.", *self.details()])


def summarise(spec: PlanSpec, findings: list[Finding]) -> PlanSummary:
    """Sort the parts into ready, to look at again and empty from their findings.

    A part that may be left empty (its prompt does not block) counts as ready.
    """
    ready, revisit, empty = [], [], []
    for part in spec.parts:
        own = [finding for finding in findings if finding.part == part.id]
        if any(finding.level == "empty" for finding in own):
            empty.append(part.title)
        elif any(finding.blocks for finding in own):
            revisit.append(part.title)
        else:
            ready.append(part.title)
    return PlanSummary(tuple(ready), tuple(revisit), tuple(empty))
