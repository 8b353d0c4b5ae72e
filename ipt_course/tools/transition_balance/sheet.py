"""The balance sheet's rows, entries and review: what an entry may hold and what the aid asks.

The wording is in data/sheet.yaml, checked on the way in: a mistake fails with the file, the
key path and what is wrong (``sheet.yaml: sections[3].new.prompt: expected non-empty text``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError

from ipt_course.problems import problems_from_validation_error

SOURCE = "sheet.yaml"
SIDES = ("old", "new")
SECTION_IDS = ("gives", "costs", "feelings", "support", "skills")
MAX_TEXT = 160
MAX_ENTRIES = 40
ROLE_LIMIT = 60
NAME_LIMIT = 40
Side = Literal["old", "new"]


class SheetWordingError(ValueError):
    """The sheet's wording file is malformed; the message names the file and the key."""


class BalanceError(ValueError):
    """An entry cannot go on the sheet as it stands; the message says what to change."""


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected non-empty text")
    return " ".join(value.split())


def _optional_text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected text ('' for none)")
    return " ".join(value.split())


def _lower_words(words: Any) -> tuple[str, ...]:
    if not isinstance(words, list | tuple) or not words:
        raise ValueError("expected a list of words")
    return tuple(_text(word).lower() for word in words)


def _section_ids(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    if tuple(section.id for section in sections) != SECTION_IDS:
        raise ValueError(f"expected the sections {', '.join(SECTION_IDS)}, in that order")
    return sections


def _side_keys(sides: dict[str, SideLabel]) -> dict[str, SideLabel]:
    if tuple(sides) != SIDES:
        raise ValueError("expected the sides old and new, in that order")
    return sides


Text = Annotated[str, BeforeValidator(_text)]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SideWording(_Part):
    """One cell of a row: the word set before its entries and the question that fills it."""

    qualifier: Annotated[str, BeforeValidator(_optional_text)]
    prompt: Text


class Section(_Part):
    """One row of the sheet, with its wording for each side."""

    id: str
    label: Text
    old: SideWording
    new: SideWording

    def side(self, side: str) -> SideWording:
        """The wording of this row on ``side`` (old or new)."""
        return self.old if side == "old" else self.new

    def choice_label(self, side: str) -> str:
        """The row as the entry form names it: 'Support: to build', 'Gives'."""
        qualifier = self.side(side).qualifier
        return f"{self.label}: {qualifier.lower()}" if qualifier else self.label


class SideLabel(_Part):
    """A column: its heading and the example shown in the role's box."""

    label: Text
    placeholder: Text


class Review(_Part):
    """What the aid asks when the sheet is one-sided or has a gap."""

    one_sided: Text
    old_idealised: Text
    old_dismissed: Text
    new_hopeless: Text
    new_rosy: Text
    no_old: Text
    no_feelings: Text
    no_support: Text
    no_skills: Text


class Vague(_Part):
    """The words an entry cannot be made of alone, and what the aid says when it is."""

    words: Annotated[tuple[str, ...], BeforeValidator(_lower_words)]
    message: Text

    def spots(self, text: str) -> bool:
        """True when ``text`` has words and every one of them is on the list."""
        found = re.findall(r"[\w/']+", text.lower())
        return bool(found) and all(word in self.words for word in found)


class Picture(_Part):
    """The picture's title, the note under it, and what an empty cell shows."""

    title: Text
    note: Text
    empty: Text


class Wording(_Part):
    """The whole wording file."""

    intro: Text
    fictional: Text
    picture: Picture
    sides: Annotated[dict[str, SideLabel], AfterValidator(_side_keys)]
    sections: Annotated[tuple[Section, ...], AfterValidator(_section_ids)]
    review: Review
    vague: Vague

    def section(self, section_id: str) -> Section:
        """The row with ``section_id``."""
        return next(s for s in self.sections if s.id == section_id)


def parse_wording(data: Any, source: str = SOURCE) -> Wording:
    """Check the wording file's content; SheetWordingError names the first key that is wrong."""
    try:
        return Wording.model_validate(data)
    except ValidationError as error:
        raise SheetWordingError(str(problems_from_validation_error(source, error)[0])) from None


@cache
def wording() -> Wording:
    """The packaged wording."""
    text = resources.files("ipt_course.tools.transition_balance").joinpath("data", SOURCE)
    try:
        data = yaml.safe_load(text.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise SheetWordingError(f"{SOURCE}: YAML syntax error: {error}") from None
    return parse_wording(data)


def _entry_text(value: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise ValueError("expected the entry's words.")
    if len(text) > MAX_TEXT:
        raise ValueError(f"expected at most {MAX_TEXT} characters, got {len(text)}.")
    return text


def _known_section(value: str) -> str:
    if value not in SECTION_IDS:
        raise ValueError(f"expected one of {', '.join(SECTION_IDS)}, got {value!r}.")
    return value


@dataclass(frozen=True)
class Entry:
    """One point on the sheet: its column (old or new role), its row and its words.

    Making one checks nothing (:func:`make_entry` does); a saved file is checked against the
    field types below.
    """

    __pydantic_config__ = ConfigDict(extra="forbid")

    side: Side
    section: Annotated[str, AfterValidator(_known_section)]
    text: Annotated[str, AfterValidator(_entry_text)]

    def describe(self) -> str:
        """One line for the list of entries: 'Old role · Support: lost · Leanne at work'."""
        words = wording()
        return (f"{words.sides[self.side].label} · "
                f"{words.section(self.section).choice_label(self.side)} · {self.text}")


def make_entry(side: Any, section: Any, text: Any) -> Entry:
    """Check and build an entry; BalanceError says what to change."""
    if side not in SIDES:
        raise BalanceError(f"Choose the old role or the new role (got {side!r}).")
    if section not in SECTION_IDS:
        raise BalanceError(f"Choose a row: {', '.join(SECTION_IDS)} (got {section!r}).")
    words = " ".join(str(text or "").split())
    if not words:
        prompt = wording().section(section).side(side).prompt
        raise BalanceError(f"Write the entry first. {prompt}")
    if len(words) > MAX_TEXT:
        raise BalanceError(
            f"Keep each entry to {MAX_TEXT} characters or fewer (this one has {len(words)}): "
            "one point per entry, so split a longer one.")
    vague = wording().vague
    if vague.spots(words):
        prompt = wording().section(section).side(side).prompt
        raise BalanceError(f"{vague.message.format(entry=words)} {prompt}")
    return Entry(side, section, words)


def in_sheet_order(entries: Sequence[Entry]) -> list[Entry]:
    """Entries by row, then column, keeping the order they were added within each cell."""
    return sorted(entries, key=lambda e: (SECTION_IDS.index(e.section), SIDES.index(e.side)))


def _named(side: str, role: str) -> str:
    column = wording().sides[side].label.lower()
    return f"the {column} ({role})" if role else f"the {column}"


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def review_sheet(old_role: str, new_role: str, entries: Sequence[Entry]) -> list[str]:
    """What to ask next about the sheet: one-sided columns first, then gaps.

    Rules: a column with only what it gives, or only what it costs, is one-sided (both columns
    one-sided in opposite ways is "all good and all bad"); then an old role with no entries,
    no feelings at all, no support to build and no skills needed. An empty sheet gets nothing.
    """
    if not entries:
        return []
    cells = {(entry.side, entry.section) for entry in entries}
    review = wording().review
    names = {"old": _named("old", old_role), "new": _named("new", new_role)}

    def only(side: str, section: str, missing: str) -> bool:
        return (side, section) in cells and (side, missing) not in cells

    old_good, old_bad = only("old", "gives", "costs"), only("old", "costs", "gives")
    new_good, new_bad = only("new", "gives", "costs"), only("new", "costs", "gives")
    found = []
    if (old_good and new_bad) or (old_bad and new_good):
        found.append(review.one_sided)
    else:
        for flagged, text in ((old_good, review.old_idealised), (old_bad, review.old_dismissed),
                              (new_bad, review.new_hopeless), (new_good, review.new_rosy)):
            if flagged:
                found.append(text)
    if not any(side == "old" for side, _section in cells):
        found.append(review.no_old)
    if not any(section == "feelings" for _side, section in cells):
        found.append(review.no_feelings)
    if ("new", "support") not in cells:
        found.append(review.no_support)
    if ("new", "skills") not in cells:
        found.append(review.no_skills)
    return [_sentence(text.format(**names)) for text in found]
