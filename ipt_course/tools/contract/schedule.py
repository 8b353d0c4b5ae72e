"""Dates of the weekly sessions: reading dates and times, planned breaks, the fixed end."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

USUAL_SESSIONS = (12, 16)
MANY_BREAK_WEEKS = 2
ALLOWED_SESSIONS = (1, 40)
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")


class ContractError(ValueError):
    """The contract cannot be written; ``problems`` lists each problem in plain words."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems))




def uk_date(day: date) -> str:
    """A date as people write it in the UK: 'Tuesday 3 March 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def parse_date(value: date | str | None, label: str = "First session") -> date:
    """Read a date given as a date, 'YYYY-MM-DD' or UK day-first 'DD/MM/YYYY'.

    Raises ContractError with a message saying what was wrong and how to write it.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        raise ContractError([f"{label}: please choose a date."])
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    if re.fullmatch(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", text):
        raise ContractError(
            [
                f"{label}: {text!r} is not a real calendar date. Write the day first, then the "
                "month, e.g. 03/03/2026 for 3 March 2026."
            ]
        )
    raise ContractError(
        [f"{label}: {text!r} is not a date. Write it as DD/MM/YYYY, e.g. 03/03/2026."]
    )


def parse_time(value: str, label: str = "Time") -> str:
    """Read a session time ('14:30', '2.30pm', '9am') and return it as 24-hour 'HH:MM'."""
    text = str(value or "").strip().lower().replace(" ", "")
    match = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?(am|pm)?", text)
    if match:
        hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "pm" else 0)
        elif half:
            hour = 99
        if (match[2] or half) and hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    if not text:
        raise ContractError([f"{label}: please enter the time of the weekly session, e.g. 14:30."])
    raise ContractError([f"{label}: {value!r} is not a time. Use the 24-hour clock, e.g. 14:30."])


def week_of(day: date) -> date:
    """The Monday of the week (Monday to Sunday) that ``day`` falls in."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class PlannedBreak:
    """Weeks with no session: every week (Monday to Sunday) from ``first`` to ``last``."""

    first: date
    last: date
    reason: str = ""

    def weeks(self) -> list[date]:
        """The Mondays of the weeks the break covers."""
        start, end = week_of(self.first), week_of(self.last)
        return [start + timedelta(weeks=n) for n in range((end - start).days // 7 + 1)]


@dataclass(frozen=True)
class Slot:
    """One week of the schedule: a session (``number`` from 1) or a break (``number`` None)."""

    day: date
    number: int | None = None
    reason: str = ""


def parse_break(value: date | str, label: str = "Planned breaks") -> PlannedBreak:
    """Read one break: a date in the week, or 'date to date', optionally ': reason' after it.

    E.g. '16/02/2026', '16/02/2026: therapist's leave', '30/03/2026 to 10/04/2026: Easter'.
    """
    if isinstance(value, date):
        day = parse_date(value, label)
        return PlannedBreak(day, day)
    text, _, reason = str(value).partition(":")
    first_text, separator, last_text = text.partition(" to ")
    first = parse_date(first_text, label)
    last = parse_date(last_text, label) if separator else first
    if last < first:
        raise ContractError(
            [f"{label}: {text.strip()!r} ends before it starts. Write the earlier date first."]
        )
    return PlannedBreak(first, last, reason.strip())


def parse_breaks(values: list[date | str] | tuple[date | str, ...]) -> list[PlannedBreak]:
    """Read every planned break; raise ContractError listing each problem by line number."""
    numbered: list[tuple[int, PlannedBreak]] = []
    problems: list[str] = []
    entries = [v for v in values if isinstance(v, date) or str(v or "").strip()]
    for number, value in enumerate(entries, start=1):
        label = f"Planned breaks, line {number}" if len(entries) > 1 else "Planned breaks"
        try:
            numbered.append((number, parse_break(value, label)))
        except ContractError as error:
            problems.extend(error.problems)
    seen: dict[date, int] = {}
    for number, planned in numbered:
        for monday in planned.weeks():
            if monday in seen:
                problems.append(
                    f"Planned breaks: the week of {uk_date(monday)} is listed twice "
                    f"(lines {seen[monday]} and {number})."
                )
            seen[monday] = number
    if problems:
        raise ContractError(problems)
    return [planned for _number, planned in numbered]


def schedule(start: date, sessions: int, breaks: list[PlannedBreak] | tuple = ()) -> list[Slot]:
    """Every week from the first session to the last: sessions numbered, break weeks skipped.

    A session is skipped when its date falls in a break week (Monday to Sunday), and the
    sessions after it move on by a week, so the end date includes the breaks.
    """
    reasons = {monday: b.reason for b in breaks for monday in b.weeks()}
    slots: list[Slot] = []
    day, number = start, 0
    while number < sessions:
        if week_of(day) in reasons:
            slots.append(Slot(day, None, reasons[week_of(day)]))
        else:
            number += 1
            slots.append(Slot(day, number))
        day += timedelta(weeks=1)
    return slots


def session_dates(
    start: date, sessions: int, breaks: list[PlannedBreak] | tuple = ()
) -> list[date]:
    """The date of every weekly session: the same weekday each week, break weeks skipped."""
    return [s.day for s in schedule(start, sessions, breaks) if s.number is not None]


def breaks_outside(start: date, sessions: int, breaks: list[PlannedBreak]) -> list[str]:
    """Problems with breaks that do not fall between the first and the last session."""
    dates = session_dates(start, sessions, breaks)
    problems = []
    for planned in breaks:
        weeks = planned.weeks()
        where = uk_date(planned.first)
        if planned.last != planned.first:
            where += f" to {uk_date(planned.last)}"
        if weeks[0] <= week_of(start):
            problems.append(
                f"Planned breaks: {where} is not after the week of the first session "
                f"({uk_date(start)}). A break must fall inside the contract, between the first "
                "session and the last; to start later, change the first session's date."
            )
        elif weeks[-1] > week_of(dates[-1]):
            problems.append(
                f"Planned breaks: {where} is after the last session ({uk_date(dates[-1])}). "
                "A break must fall inside the contract, between the first session and the last."
            )
    return problems
