"""Life events and mood ratings, month by month: checking entries and keeping them in order."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

import traitlets
import yaml

from ipt_course.tools.timeline.kinds import ALL_KINDS, EVENT_KINDS

MAX_LABEL = 60


FIRST_YEAR = 1900
_MONTH_NAMES = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_DATE_HINT = "enter the month and year, e.g. 03/2024, 2024-03 or March 2024"


class TimelineError(ValueError):
    """An entry that cannot be accepted; the message says what to change."""


@dataclass(frozen=True, order=True)
class MonthYear:
    """A month in a given year (the timeline's resolution)."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{calendar.month_abbr[self.month]} {self.year}"

    @property
    def iso(self) -> str:
        """'YYYY-MM', the form used in saved files."""
        return f"{self.year:04d}-{self.month:02d}"

    def as_date(self) -> date:
        """The middle of the month, for plotting."""
        return date(self.year, self.month, 15)


def last_allowed_year() -> int:
    """Latest year accepted: a little ahead of today, for expected events such as a due date."""
    return date.today().year + 2


def make_month_year(month: Any, year: Any) -> MonthYear:
    """Validate a month (1-12) and year, raising TimelineError with a clear message."""
    if month in (None, "", 0):
        raise TimelineError("Choose a month.")
    year_text = str(year).strip() if year is not None else ""
    if not year_text:
        raise TimelineError("Enter a year, e.g. 2024.")
    if isinstance(year, bool) or not re.fullmatch(r"\d{4}", year_text):
        raise TimelineError(f"The year must be four digits, e.g. 2024 (got {year_text!r}).")
    try:
        month_number = int(month)
    except (TypeError, ValueError):
        raise TimelineError(f"The month must be 1 to 12 (got {month!r}).") from None
    if isinstance(month, bool) or not 1 <= month_number <= 12:
        raise TimelineError(f"The month must be 1 to 12 (got {month!r}).")
    year_number = int(year_text)
    if not FIRST_YEAR <= year_number <= last_allowed_year():
        raise TimelineError(
            f"The year must be between {FIRST_YEAR} and {last_allowed_year()} (got {year_number})."
        )
    return MonthYear(year_number, month_number)


def parse_month_year(text: Any) -> MonthYear:
    """Parse '2024-03', '03/2024', '3/2024', 'Mar 2024' or 'March 2024'."""
    value = str(text).strip() if text is not None else ""
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
        return make_month_year(int(match[2]), match[1])
    if match := re.fullmatch(r"(\d{1,2})\s*/\s*(\d{4})", value):
        return make_month_year(int(match[1]), match[2])
    if match := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{4})", value):
        month = _MONTH_NAMES.get(match[1].lower())
        if month:
            return make_month_year(month, match[2])
    raise TimelineError(f"{value!r} is not a date I can read: {_DATE_HINT}.")


@dataclass(frozen=True)
class LifeEvent:
    """Something that happened: when, a short label, and its kind."""

    when: MonthYear
    label: str
    kind: str

    def describe(self) -> str:
        """One line for lists: 'Mar 2024 · Loss or bereavement · Father died'."""
        return f"{self.when} · {ALL_KINDS[self.kind]} · {self.label}"


@dataclass(frozen=True)
class MoodRating:
    """How low or good mood was in a month, 0 (lowest) to 10 (best)."""

    when: MonthYear
    rating: int

    def describe(self) -> str:
        """One line for lists: 'Mar 2024 · mood 4/10'."""
        return f"{self.when} · mood {self.rating}/10"


def make_event(when: MonthYear, label: Any, kind: Any,
               kinds: Mapping[str, str] = EVENT_KINDS) -> LifeEvent:
    """Validate and build a life event of one of ``kinds`` (by default Day 1's four)."""
    text = " ".join(str(label).split()) if label is not None else ""
    if not text:
        raise TimelineError("Give the event a short label, e.g. 'Father died'.")
    if len(text) > MAX_LABEL:
        raise TimelineError(
            f"Keep the label to {MAX_LABEL} characters or fewer (it has {len(text)}); "
            "details belong in your notes."
        )
    if kind not in kinds:
        raise TimelineError(f"The kind must be one of {', '.join(kinds)} (got {kind!r}).")
    return LifeEvent(when, text, kind)


def make_rating(when: MonthYear, rating: Any) -> MoodRating:
    """Validate and build a mood rating (a whole number 0-10)."""
    if isinstance(rating, bool) or not isinstance(rating, int | float) or rating != int(rating):
        raise TimelineError(f"A mood rating must be a whole number from 0 to 10 (got {rating!r}).")
    if not 0 <= rating <= 10:
        raise TimelineError(f"A mood rating must be from 0 to 10 (got {rating!r}).")
    return MoodRating(when, int(rating))


class TimelineModel(traitlets.HasTraits):
    """The events and mood ratings of one timeline, each list kept in date order."""

    title = traitlets.Unicode("My timeline", help="The heading of the timeline picture.")
    events = traitlets.List(traitlets.Instance(LifeEvent),
                            help="Life events, kept in date order.")
    moods = traitlets.List(traitlets.Instance(MoodRating),
                           help="Mood ratings, at most one a month, kept in date order.")

    def add_event(self, event: LifeEvent) -> None:
        """Add an event."""
        self.events = sorted([*self.events, event], key=lambda item: item.when)

    def update_event(self, index: int, event: LifeEvent) -> None:
        """Replace the event at ``index``."""
        events = list(self.events)
        events[self._check_index(index, events, "event")] = event
        self.events = sorted(events, key=lambda item: item.when)

    def delete_event(self, index: int) -> LifeEvent:
        """Remove and return the event at ``index``."""
        events = list(self.events)
        removed = events.pop(self._check_index(index, events, "event"))
        self.events = events
        return removed

    def add_mood(self, mood: MoodRating, replacing: int | None = None) -> None:
        """Add a rating (or replace the one at ``replacing``); one rating per month."""
        moods = list(self.moods)
        if replacing is not None:
            moods.pop(self._check_index(replacing, moods, "mood rating"))
        if any(other.when == mood.when for other in moods):
            raise TimelineError(
                f"There is already a mood rating for {mood.when}: select it in the list to "
                "change it."
            )
        self.moods = sorted([*moods, mood], key=lambda item: item.when)

    def update_mood(self, index: int, mood: MoodRating) -> None:
        """Replace the rating at ``index``."""
        self.add_mood(mood, replacing=index)

    def delete_mood(self, index: int) -> MoodRating:
        """Remove and return the rating at ``index``."""
        moods = list(self.moods)
        removed = moods.pop(self._check_index(index, moods, "mood rating"))
        self.moods = moods
        return removed

    def clear(self) -> None:
        """Remove every entry."""
        self.events, self.moods = [], []

    @property
    def is_empty(self) -> bool:
        """True when there is nothing on the timeline."""
        return not self.events and not self.moods

    @staticmethod
    def _check_index(index: int, items: list[Any], what: str) -> int:
        if index is None or not 0 <= index < len(items):
            raise TimelineError(f"First select the {what} in the list.")
        return index

    def load_data(self, data: Any, source: str) -> list[str]:
        """Replace the contents from plain data; returns a message for each entry skipped."""
        if not isinstance(data, dict):
            raise TimelineError(f"{source}: expected a mapping with 'events' and 'moods'.")
        problems: list[str] = []
        events: list[LifeEvent] = []
        moods: list[MoodRating] = []
        for key, target in (("events", events), ("moods", moods)):
            entries = data.get(key, [])
            if not isinstance(entries, list):
                problems.append(f"{source}: {key}: expected a list; it was skipped.")
                continue
            for index, entry in enumerate(entries):
                try:
                    if not isinstance(entry, dict):
                        raise TimelineError("expected a mapping")
                    when = parse_month_year(entry.get("date"))
                    if key == "events":
                        target.append(make_event(when, entry.get("label"), entry.get("kind"),
                                                 ALL_KINDS))
                    else:
                        target.append(make_rating(when, entry.get("rating")))
                except TimelineError as error:
                    problems.append(f"{source}: {key}[{index}]: {error} This entry was skipped.")
        months = [mood.when for mood in moods]
        duplicates = {when for when in months if months.count(when) > 1}
        if duplicates:
            problems.append(
                f"{source}: moods: more than one rating for "
                f"{', '.join(str(when) for when in sorted(duplicates))}; "
                "the first was kept."
            )
            moods = list({mood.when: mood for mood in reversed(moods)}.values())
        self.title = str(data.get("title") or "My timeline")
        self.events = sorted(events, key=lambda item: item.when)
        self.moods = sorted(moods, key=lambda item: item.when)
        return problems


def example_file(perinatal: bool = False) -> str:
    """The name of the course example's file: Mei's timeline, drawn with the perinatal kinds."""
    return "example-perinatal.yaml" if perinatal else "example.yaml"


def example_data(perinatal: bool = False) -> dict[str, Any]:
    """The course's fictional example timeline (from the package data)."""
    text = (
        resources.files("ipt_course.tools.timeline")
        .joinpath("data", example_file(perinatal))
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


def load_example(model: TimelineModel, perinatal: bool = False) -> None:
    """Replace the model's contents with the course example (its perinatal form if asked)."""
    problems = model.load_data(example_data(perinatal), example_file(perinatal))
    if problems:
        raise TimelineError("; ".join(problems))
