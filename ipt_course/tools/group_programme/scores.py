"""The Thursday group's weekly PHQ-9 and GAD-7 (data/thursday_group.yaml), checked as read, and
what the facilitators review in a session's first 30 minutes: each form, the change, item 9."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ipt_course.kit.datafile import load_data
from ipt_course.kit.plans import OneLine
from ipt_course.tools.group_programme.programme import PACKAGE, WEEKS, session_dates
from ipt_course.tools.measures.scales import GAD7, PHQ9, gad7_band, phq9_band

ABSENT = "absent"
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve")


def _form(scores: tuple[int, int, int]) -> tuple[int, int, int]:
    phq9, gad7, item9 = scores
    problems = []
    if not 0 <= phq9 <= PHQ9.max_total:
        problems.append(f"PHQ-9 total {phq9} is outside 0 to {PHQ9.max_total}")
    if not 0 <= gad7 <= GAD7.max_total:
        problems.append(f"GAD-7 total {gad7} is outside 0 to {GAD7.max_total}")
    if not 0 <= item9 <= 3:
        problems.append(f"item 9 score {item9} is outside 0 to 3")
    elif item9 > phq9:
        problems.append(f"item 9 ({item9}) cannot be more than the PHQ-9 total ({phq9})")
    if problems:
        raise ValueError("; ".join(problems))
    return scores


Form = Annotated[tuple[int, int, int], AfterValidator(_form)]


class Member(BaseModel):
    """One mother in the group, her loss and focus, and her form at each of the twelve sessions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: OneLine
    age: int = Field(ge=16, le=60)
    loss: OneLine
    focus: OneLine
    scores: tuple[Form | Literal["absent"], ...] = Field(min_length=WEEKS, max_length=WEEKS)
    notes: dict[Annotated[int, Field(ge=1, le=WEEKS)], OneLine] = Field(default_factory=dict)

    def form(self, session: int) -> tuple[int, int, int] | None:
        """(PHQ-9, GAD-7, item 9) at ``session``, or None if she was absent."""
        entry = self.scores[session - 1]
        return None if entry == ABSENT else entry


class HardDate(BaseModel):
    """A date that may be hard for a member (an anniversary, a due date), over a span of days."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    member: OneLine
    first: date = Field(alias="from")
    last: date = Field(alias="to")
    what: OneLine

    @model_validator(mode="after")
    def _in_order(self) -> HardDate:
        if self.last < self.first:
            raise ValueError("'to' must not be before 'from'")
        return self


class Group(BaseModel):
    """The fictional group: who is in it, when it starts, and its weekly forms."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: OneLine
    first_session: date
    facilitators: OneLine
    members: tuple[Member, ...] = Field(min_length=1)
    hard_dates: tuple[HardDate, ...] = ()

    @model_validator(mode="after")
    def _names_known_and_unique(self) -> Group:
        names = [member.name for member in self.members]
        if len(set(names)) != len(names):
            raise ValueError("members: each member needs her own name")
        unknown = [hard.member for hard in self.hard_dates if hard.member not in names]
        if unknown:
            raise ValueError(f"hard_dates: {unknown[0]!r} is not a member of the group")
        return self

    @property
    def title(self) -> str:
        """The group's name to start a sentence or a heading: 'The Thursday group'."""
        return self.name[:1].upper() + self.name[1:]

    @property
    def size(self) -> str:
        """How many members, in words for a small group ('seven')."""
        count = len(self.members)
        return NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)

    def member(self, name: str) -> Member:
        """The member called ``name``."""
        return next(member for member in self.members if member.name == name)

    def dates(self) -> dict[int, date]:
        """Each session's date."""
        return session_dates(self.first_session)

    def hard_dates_on(self, day: date) -> list[HardDate]:
        """The hard dates whose span takes in the week of ``day``."""
        return [hard for hard in self.hard_dates if hard.first <= day <= hard.last]


@cache
def thursday_group() -> Group:
    """The course's fictional Thursday group."""
    return load_data(PACKAGE, "thursday_group.yaml", Group)


@dataclass(frozen=True)
class ReviewRow:
    """One member's form as the facilitators read it in the first 30 minutes of a session."""

    name: str
    phq9: int | None
    gad7: int | None
    item9: int | None
    phq9_change: int | None
    note: str

    @property
    def absent(self) -> bool:
        """True when she was not there (no form)."""
        return self.phq9 is None

    @property
    def flagged(self) -> bool:
        """True when item 9 is above 0: a private, direct conversation in this session."""
        return bool(self.item9)

    @property
    def phq9_band(self) -> str:
        """The PHQ-9 severity band ('' when absent)."""
        return "" if self.phq9 is None else phq9_band(self.phq9)

    @property
    def gad7_band(self) -> str:
        """The GAD-7 severity band ('' when absent)."""
        return "" if self.gad7 is None else gad7_band(self.gad7)


def last_form_before(member: Member, session: int) -> tuple[int, int, int] | None:
    """Her most recent form before ``session`` (skipping absences), or None."""
    for earlier in range(session - 1, 0, -1):
        form = member.form(earlier)
        if form is not None:
            return form
    return None


def review(group: Group, session: int) -> list[ReviewRow]:
    """Every member's form at ``session``, with the change in PHQ-9 since her last form."""
    rows = []
    for member in group.members:
        form = member.form(session)
        before = last_form_before(member, session)
        note = member.notes.get(session, "")
        if form is None:
            rows.append(ReviewRow(member.name, None, None, None, None, note))
            continue
        change = form[0] - before[0] if before is not None else None
        rows.append(ReviewRow(member.name, *form, change, note))
    return rows


@dataclass(frozen=True)
class Flag:
    """An item-9 score above 0 on one member's form at one session."""

    name: str
    session: int
    item9: int

    @property
    def answer(self) -> str:
        """The answer she ticked, in the questionnaire's words."""
        return next(response.label for response in PHQ9.responses if response.score == self.item9)


def flags(group: Group, up_to: int = WEEKS) -> list[Flag]:
    """Every item-9 flag from session 1 to ``up_to``, in session order."""
    found = []
    for session in range(1, up_to + 1):
        for member in group.members:
            form = member.form(session)
            if form is not None and form[2] > 0:
                found.append(Flag(member.name, session, form[2]))
    return found


def change_over(member: Member, up_to: int = WEEKS) -> int | None:
    """PHQ-9 at her last form up to ``up_to`` minus her first form (None with under two forms)."""
    forms = [form for session in range(1, up_to + 1) if (form := member.form(session))]
    return forms[-1][0] - forms[0][0] if len(forms) > 1 else None


class TrackerWording(BaseModel):
    """What the tracker says around the scores."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    note_title: OneLine
    note: OneLine
    about: OneLine
    flag_action: OneLine
    no_flags: OneLine
    absent: OneLine


@cache
def tracker_wording() -> TrackerWording:
    """The tracker's wording."""
    return load_data(PACKAGE, "tracker.yaml", TrackerWording)
