"""The relationship review's saved file: its fields, their limits, and a date ahead.

Every limit is checked by a plain validator, so a message says how long a text may be without
repeating a huge paste back to the trainee.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from ipt_course.kit.saved import SavedDocument, SavedFileError
from ipt_course.tools.timeline.model import MonthYear, TimelineError, parse_month_year

SHORT = 80
LINE = 300
ENTRY = 1000
LONG = 8000
MAX_ITEMS = 40
LIST_NAMES = ("memories", "gave", "hard")
# What each text is called in a message, and the most it may hold.
TEXT_LIMITS: dict[str, tuple[str, int]] = {
    "client": ("The client's name", SHORT),
    "name": ("The name of the person who died", SHORT),
    "relationship": ("Who they were to the client", LINE),
    "hopes": ("The hopes held for them", LONG),
    "death_story": ("The story of the death", LONG),
    "time_after": ("The time after", LONG),
}
ITEM_WORDS: dict[str, tuple[str, str]] = {
    # list name: (one entry, the list)
    "memories": ("memory", "Memories"),
    "gave": ("entry", "What they gave"),
    "hard": ("entry", "What was hard"),
}


class ReviewError(ValueError):
    """An entry cannot be accepted; the message says what to change."""


class ReviewFileError(ReviewError, SavedFileError):
    """A saved review cannot be read; the message names the key path and the problem."""


def too_long(what: str, text: str, limit: int) -> str:
    """The message for ``text`` over ``limit`` characters ('' when it fits)."""
    if len(text) <= limit:
        return ""
    return (f"{what} is {len(text):,} characters long; keep it to {limit:,} or fewer "
            "(the detail belongs in your own notes).")


def _limited(limit: int) -> BeforeValidator:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("expected text.")
        if len(value) > limit:
            raise ValueError(f"expected at most {limit:,} characters, got {len(value):,}.")
        return value

    return BeforeValidator(check)


def _required(limit: int) -> BeforeValidator:
    def check(value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValueError("expected the entry's words.")
        if len(value) > limit:
            raise ValueError(f"expected at most {limit:,} characters, got {len(value):,}.")
        return value.strip()

    return BeforeValidator(check)


def _position(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not -3 <= value <= 3:
        raise ValueError(f"expected a whole number from -3 to 3, or null; got {value!r}.")
    return value


def _month(value: Any) -> str:
    try:
        return parse_month_year(value).iso
    except TimelineError as error:
        raise ValueError(str(error)) from None


Entry = Annotated[str, _required(ENTRY)]
Position = Annotated[int | None, BeforeValidator(_position)]


class DateAhead(BaseModel):
    """An anniversary or other date that matters: the month, what it is, and any plan for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: Annotated[str, BeforeValidator(_month)]
    what: Annotated[str, _required(LINE)]
    plan: Annotated[str, _limited(LINE)] = ""

    @property
    def when(self) -> MonthYear:
        """The month, as the timeline's month-and-year."""
        return parse_month_year(self.date)

    def describe(self) -> str:
        """One line for lists: 'Jul 2027 · First anniversary · Plan: a walk on the beach'."""
        plan = f" · Plan: {self.plan}" if self.plan.strip() else ""
        return f"{self.when} · {self.what}{plan}"


class ReviewDocument(SavedDocument):
    """A saved relationship review: the person, both sides, the story, the dates, the balance."""

    KIND: ClassVar[str] = "ipt-grief-review"
    WHAT: ClassVar[str] = "a relationship review file"
    MESSAGES: ClassVar[dict[str, str]] = {
        "string_type": "expected text.",
        "bool_type": "expected true or false.",
        "list_type": "expected a list.",
        "too_long": f"expected at most {MAX_ITEMS} entries.",
    }

    client: Annotated[str, _limited(SHORT)] = ""
    name: Annotated[str, _limited(SHORT)] = ""
    relationship: Annotated[str, _limited(LINE)] = ""
    baby: bool = False
    hopes: Annotated[str, _limited(LONG)] = ""
    memories: list[Entry] = Field(default_factory=list, max_length=MAX_ITEMS)
    gave: list[Entry] = Field(default_factory=list, max_length=MAX_ITEMS)
    hard: list[Entry] = Field(default_factory=list, max_length=MAX_ITEMS)
    death_story: Annotated[str, _limited(LONG)] = ""
    time_after: Annotated[str, _limited(LONG)] = ""
    dates: list[DateAhead] = Field(default_factory=list, max_length=MAX_ITEMS)
    balance_now: Position = None
    balance_aim: Position = None

    def person(self) -> str:
        """The name to use in prompts and headings ('the person' when none is given)."""
        return " ".join(self.name.split()) or "the person"


def make_entry(list_name: str, text: Any) -> str:
    """An entry for one of the lists, checked: words required, no longer than ENTRY."""
    entry = str(text or "").strip()
    one = ITEM_WORDS[list_name][0]
    if not entry:
        raise ReviewError(f"Write the {one} in the box first.")
    problem = too_long(f"This {one}", entry, ENTRY)
    if problem:
        raise ReviewError(problem)
    return entry


def make_date(when: MonthYear, what: Any, plan: Any = "") -> DateAhead:
    """A date ahead, checked: what the date is, required; a plan, if any, kept short."""
    what_text = " ".join(str(what or "").split())
    plan_text = " ".join(str(plan or "").split())
    if not what_text:
        raise ReviewError("Say what the date is, e.g. 'First anniversary of the death'.")
    for label, text in (("What the date is", what_text), ("The plan", plan_text)):
        problem = too_long(label, text, LINE)
        if problem:
            raise ReviewError(problem)
    return DateAhead(date=when.iso, what=what_text, plan=plan_text)

