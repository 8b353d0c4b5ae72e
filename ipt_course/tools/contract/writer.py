"""The contract's text: what was agreed, checked, written out in plain English."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

import yaml

from ipt_course.tools.contract.schedule import (
    ALLOWED_SESSIONS,
    MANY_BREAK_WEEKS,
    USUAL_SESSIONS,
    ContractError,
    PlannedBreak,
    Slot,
    breaks_outside,
    parse_breaks,
    parse_date,
    parse_time,
    schedule,
    uk_date,
    week_of,
)


def contract_defaults() -> dict[str, str]:
    """Default client-facing wording for each section (from data/wording.yaml)."""
    text = (
        resources.files("ipt_course.tools.contract")
        .joinpath("data", "wording.yaml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)




@dataclass
class ContractDetails:
    """What the trainee and the client have agreed. Texts are in words for the client."""

    client_name: str = ""
    therapist_name: str = ""
    therapist_role: str = "IPT therapist"
    sessions: int = 16
    session_minutes: int = 50
    start_date: date | str | None = None
    session_time: str = ""
    place: str = ""
    focus: str = ""
    goals: list[str] = field(default_factory=list)
    breaks: list[date | str] = field(default_factory=list)
    missed_sessions: str = ""
    between_sessions: str = ""
    ending: str = ""
    recording: bool = False
    supervision: bool = True

    def __post_init__(self) -> None:
        defaults = contract_defaults()
        for key in ("missed_sessions", "between_sessions", "ending"):
            if not getattr(self, key):
                setattr(self, key, defaults[key])


def whole_number(value: Any) -> int | None:
    """``value`` as a whole number (1, 1.0 or "1"), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def validate_contract(details: ContractDetails) -> tuple[date, str, list[str]]:
    """Check the details; return (start date, 'HH:MM', warnings) or raise ContractError.

    All problems are collected, so the trainee sees everything to fix at once.
    """
    problems: list[str] = []
    for key, label in (
        ("client_name", "Client"),
        ("therapist_name", "Therapist"),
        ("focus", "Agreed focus"),
    ):
        if not str(getattr(details, key) or "").strip():
            problems.append(f"{label}: please fill this in.")
    if not [g for g in details.goals if str(g).strip()]:
        problems.append("Goals: write at least one goal, one per line.")
    sessions = whole_number(details.sessions)
    low, high = ALLOWED_SESSIONS
    if sessions is None or not low <= sessions <= high:
        problems.append(
            f"Number of sessions: expected a whole number from {low} to {high}, "
            f"got {details.sessions!r}."
        )
    minutes = whole_number(details.session_minutes)
    if minutes is None or not 15 <= minutes <= 120:
        problems.append("Session length: expected a number of minutes from 15 to 120.")
    start, time = None, ""
    try:
        start = parse_date(details.start_date)
    except ContractError as error:
        problems.extend(error.problems)
    try:
        time = parse_time(details.session_time)
    except ContractError as error:
        problems.extend(error.problems)
    breaks: list[PlannedBreak] = []
    try:
        breaks = parse_breaks(details.breaks)
    except ContractError as error:
        problems.extend(error.problems)
    if start is not None and sessions is not None and low <= sessions <= high:
        problems.extend(breaks_outside(start, sessions, breaks))
    if problems or start is None or sessions is None:
        raise ContractError(problems)
    warnings = []
    break_weeks = sum(len(b.weeks()) for b in breaks)
    if break_weeks > MANY_BREAK_WEEKS:
        warnings.append(
            f"{break_weeks} weeks of planned breaks spread the sessions out and can slow the "
            "work down. Check the plan with your supervisor."
        )
    if not USUAL_SESSIONS[0] <= sessions <= USUAL_SESSIONS[1]:
        warnings.append(
            f"{sessions} sessions is outside the usual IPT contract of {USUAL_SESSIONS[0]}-"
            f"{USUAL_SESSIONS[1]} weekly sessions. Agree a different length with your "
            "supervisor first."
        )
    return start, time, warnings


def write_contract(details: ContractDetails) -> str:
    """Return the contract as Markdown. Raises ContractError if the details are not valid."""
    start, time, _warnings = validate_contract(details)
    texts = contract_defaults()
    sessions = int(details.sessions)
    breaks = parse_breaks(details.breaks)
    slots = schedule(start, sessions, breaks)
    dates = [s.day for s in slots if s.number is not None]
    role = details.therapist_role.strip() or "therapist"
    goals = "\n".join(
        f"{n}. {g.strip()}" for n, g in enumerate((g for g in details.goals if g.strip()), start=1)
    )
    place = f", {details.place.strip()}" if details.place.strip() else ""
    table = "\n".join(_table_row(slot) for slot in slots)
    lines = [
        "# Our agreement for interpersonal psychotherapy (IPT)",
        "",
        f"**Between** {details.client_name.strip()} (client) and {details.therapist_name.strip()} "
        f"({role}).",
        "",
        "## What we will work on",
        "",
        f"We have agreed to focus on: **{details.focus.strip()}**.",
        "",
        "Our goals:",
        "",
        goals,
        "",
        "## When we will meet",
        "",
        f"- **{sessions} weekly sessions**, each about {int(details.session_minutes)} minutes"
        f"{place}.",
        f"- **Every {start:%A} at {time}**, starting on **{uk_date(start)}**.",
        f"- **Our last session will be on {uk_date(dates[-1])}.**",
        *_break_lines(breaks, slots),
        "",
        "| Session | Date |",
        "|---|---|",
        table,
        "",
        "## Why the end date is fixed",
        "",
        texts["why_fixed_end"].strip(),
        "",
        *([texts["breaks_and_end"].strip(), ""] if breaks else []),
        "## If a session is missed or cancelled",
        "",
        details.missed_sessions.strip(),
        "",
        "## Between sessions, and if things get worse",
        "",
        details.between_sessions.strip(),
        "",
        "## At the end of therapy",
        "",
        details.ending.strip(),
        "",
    ]
    if details.recording or details.supervision:
        lines += ["## Recording and supervision", ""]
        if details.supervision:
            lines += [texts["supervision"].strip(), ""]
        if details.recording:
            lines += [
                texts["recording"].strip(),
                "",
                "Client's consent to recording: yes / no (please circle)",
                "",
            ]
    lines += [
        "## Signed",
        "",
        f"Client: {details.client_name.strip()}  Signature: ____________________  Date: __________",
        "",
        f"Therapist: {details.therapist_name.strip()}  Signature: ____________________  "
        "Date: __________",
        "",
    ]
    return "\n".join(lines)


def _table_row(slot: Slot) -> str:
    """One row of the dates table: a numbered session, or a week with no session."""
    if slot.number is not None:
        return f"| {slot.number} | {uk_date(slot.day)} |"
    reason = f" ({slot.reason})" if slot.reason else ""
    return f"| No session | Week of {uk_date(week_of(slot.day))}: planned break{reason} |"


def _break_lines(breaks: list[PlannedBreak], slots: list[Slot]) -> list[str]:
    """The bullet that lists the planned breaks and says the end date already allows for them."""
    skipped = [s for s in slots if s.number is None]
    if not skipped:
        return []
    weeks = "; ".join(
        f"the week of {uk_date(week_of(s.day))}" + (f" ({s.reason})" if s.reason else "")
        for s in skipped
    )
    count = "this week" if len(skipped) == 1 else f"these {len(skipped)} weeks"
    return [
        f"- **Planned breaks, with no session: {weeks}.** The date of the last session already "
        f"includes {count}, and it stays fixed."
    ]
