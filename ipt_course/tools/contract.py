"""The IPT treatment contract (Day 2).

``ContractGenerator(save_path="my-contract.md")`` collects what a trainee agrees with a client
and writes a plain-English contract (Markdown), with the weekly dates and the fixed end date.
Planned breaks (weeks with no session, such as the therapist's leave or a bank holiday) are
skipped, and the end date moves on by one week for each week of break.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets
import yaml

from ipt_course.kit.widgets import make_readable, tidy_layout
from ipt_course.safe_files import write_new_file

USUAL_SESSIONS = (12, 16)
MANY_BREAK_WEEKS = 2
ALLOWED_SESSIONS = (1, 40)
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")


class ContractError(ValueError):
    """The contract cannot be written; ``problems`` lists each problem in plain words."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems))


def contract_defaults() -> dict[str, str]:
    """Default client-facing wording for each section (from data/contract.yaml)."""
    text = (
        resources.files("ipt_course.tools")
        .joinpath("data", "contract.yaml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


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


def _whole(value: Any) -> int | None:
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
    sessions = _whole(details.sessions)
    low, high = ALLOWED_SESSIONS
    if sessions is None or not low <= sessions <= high:
        problems.append(
            f"Number of sessions: expected a whole number from {low} to {high}, "
            f"got {details.sessions!r}."
        )
    minutes = _whole(details.session_minutes)
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


def markdown_to_html(text: str) -> str:
    """Render the contract for the preview (mistune ships with nbconvert, which we depend on)."""
    try:
        import mistune
    except ImportError:  # pragma: no cover - nbconvert brings mistune; stay usable without it
        return f"<pre>{html.escape(text)}</pre>"
    return mistune.create_markdown(escape=True, plugins=["table"])(text)


class ContractModel(traitlets.HasTraits):
    """State of the contract generator: details, last text, warnings and messages. No widgets."""

    text = traitlets.Unicode("")
    message = traitlets.Unicode("")
    warnings = traitlets.List(traitlets.Unicode())
    saved_path = traitlets.Unicode("")

    def __init__(self, save_path: str | Path = "my-contract.md", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.save_path = Path(save_path)
        self.details = ContractDetails()

    def end_date_summary(self) -> str:
        """One line for the trainee: the end date, or what stops it being worked out."""
        try:
            start = parse_date(self.details.start_date)
        except ContractError as error:
            return error.problems[0]
        sessions = _whole(self.details.sessions)
        if sessions is None or not ALLOWED_SESSIONS[0] <= sessions <= ALLOWED_SESSIONS[1]:
            return "Number of sessions: expected a whole number from 1 to 40."
        try:
            breaks = parse_breaks(self.details.breaks)
        except ContractError as error:
            return error.problems[0]
        outside = breaks_outside(start, sessions, breaks)
        if outside:
            return outside[0]
        slots = schedule(start, sessions, breaks)
        skipped = sum(1 for s in slots if s.number is None)
        with_breaks = ""
        if skipped:
            with_breaks = f", with {skipped} week{'s' if skipped != 1 else ''} of planned break"
        return (
            f"{sessions} weekly sessions on {start:%A}s from {uk_date(start)}{with_breaks}: "
            f"the last is on {uk_date(slots[-1].day)}."
        )

    def build(self) -> str:
        """Write the contract text; on failure set ``message`` and return ''."""
        try:
            _start, _time, self.warnings = validate_contract(self.details)
            self.text = write_contract(self.details)
        except ContractError as error:
            self.text = ""
            self.message = "Not ready yet: " + " ".join(error.problems)
            return ""
        self.message = "Contract ready. Read it through, then save it."
        return self.text

    def save(self) -> Path | None:
        """Save as my-contract.md beside the notebook, or -2, -3... if taken; never overwrite."""
        if not self.build():
            return None
        try:
            path = write_new_file(self.save_path, self.text)
        except OSError as error:
            self.message = f"The contract could not be saved: {error}."
            return None
        note = ""
        if path.name != self.save_path.name:
            note = f" ({self.save_path.name} already existed and was left as it was)"
        self.saved_path = str(path)
        self.message = f"Saved as {path.name}{note}."
        return path


class ContractGenerator(widgets.VBox):
    """Fill in what was agreed; preview and save a plain-English IPT contract."""

    def __init__(self, save_path: str | Path = "my-contract.md") -> None:
        self.model = ContractModel(save_path=save_path)
        details = self.model.details
        style = {"description_width": "16em"}
        wide = widgets.Layout(width="95%")
        self._client = widgets.Text(description="Client", placeholder="e.g. Nadia", style=style)
        self._therapist = widgets.Text(
            description="Therapist", placeholder="your name", style=style
        )
        self._role = widgets.Text(
            description="Therapist's role", value=details.therapist_role, style=style
        )
        self._sessions = widgets.BoundedIntText(
            description="Number of sessions", value=16, min=1, max=40, style=style
        )
        self._minutes = widgets.BoundedIntText(
            description="Minutes per session", value=50, min=15, max=120, style=style
        )
        self._start = widgets.DatePicker(description="First session", style=style)
        self._time = widgets.Text(
            description="Time (24-hour)", placeholder="e.g. 14:30", style=style
        )
        self._place = widgets.Text(
            description="Where",
            placeholder="e.g. by video, or clinic room 2",
            style=style,
            layout=wide,
        )
        self._focus = widgets.Text(
            description="Agreed focus",
            placeholder="e.g. the disagreements with Imran about the nights and his mum",
            style=style,
            layout=wide,
        )
        self._goals = widgets.Textarea(
            description="Goals (one per line)", rows=3, style=style, layout=wide
        )
        self._breaks = widgets.Textarea(
            description="Planned breaks (weeks with no session)",
            placeholder=(
                "one per line: a date in the week, or a range, with a reason if you like, "
                "e.g. 16/02/2026: my leave, or 30/03/2026 to 10/04/2026: Easter"
            ),
            rows=2,
            style=style,
            layout=wide,
        )
        self._missed = widgets.Textarea(
            description="Missed or cancelled sessions",
            rows=4,
            value=details.missed_sessions,
            style=style,
            layout=wide,
        )
        self._between = widgets.Textarea(
            description="Between sessions and risk plan",
            rows=5,
            value=details.between_sessions,
            style=style,
            layout=wide,
        )
        self._ending = widgets.Textarea(
            description="At the end", rows=5, value=details.ending, style=style, layout=wide
        )
        self._supervision = widgets.Checkbox(
            description="Discussed in supervision", value=details.supervision, indent=False
        )
        self._recording = widgets.Checkbox(
            description="Sessions recorded (with consent)", value=details.recording, indent=False
        )
        self._end_date = widgets.HTML()
        self._preview_button = widgets.Button(
            description="Preview the contract", button_style="primary", icon="eye"
        )
        self._save = widgets.Button(description="Save the contract", icon="save")
        self._status = widgets.HTML()
        self._preview = widgets.HTML()
        intro = widgets.HTML(
            "<p>Fill in what you and the client have agreed. The end date is worked out from "
            "the first session, the number of weekly sessions and any planned breaks (weeks "
            "with no session, such as your leave or a bank holiday). Saving never overwrites an "
            "earlier contract: a new file is made beside this notebook.</p>"
        )
        super().__init__(
            [
                intro,
                self._client,
                self._therapist,
                self._role,
                self._sessions,
                self._minutes,
                self._start,
                self._time,
                self._place,
                self._breaks,
                self._end_date,
                self._focus,
                self._goals,
                self._missed,
                self._between,
                self._ending,
                self._supervision,
                self._recording,
                widgets.HBox([self._preview_button, self._save]),
                self._status,
                self._preview,
            ]
        )
        self.add_class("ipt-contract")
        make_readable(self)
        tidy_layout(self)
        bindings = {
            self._client: "client_name",
            self._therapist: "therapist_name",
            self._role: "therapist_role",
            self._sessions: "sessions",
            self._minutes: "session_minutes",
            self._start: "start_date",
            self._time: "session_time",
            self._place: "place",
            self._focus: "focus",
            self._missed: "missed_sessions",
            self._between: "between_sessions",
            self._ending: "ending",
            self._supervision: "supervision",
            self._recording: "recording",
        }
        for control, key in bindings.items():
            control.observe(self._setter(key), names="value")
        self._goals.observe(self._on_goals, names="value")
        self._breaks.observe(self._on_breaks, names="value")
        self._preview_button.on_click(self._on_preview)
        self._save.on_click(self._on_save)
        self.model.observe(self._show_status, names=["message", "warnings"])
        self._show_end_date()

    def _setter(self, key: str) -> Any:
        def update(change: dict[str, Any]) -> None:
            setattr(self.model.details, key, change["new"])
            self._show_end_date()

        return update

    def _on_goals(self, change: dict[str, Any]) -> None:
        self.model.details.goals = [g.strip() for g in change["new"].splitlines() if g.strip()]

    def _on_breaks(self, change: dict[str, Any]) -> None:
        self.model.details.breaks = [b.strip() for b in change["new"].splitlines() if b.strip()]
        self._show_end_date()

    def _show_end_date(self) -> None:
        self._end_date.value = f"<p><b>{html.escape(self.model.end_date_summary())}</b></p>"

    def _show_status(self, _change: Any = None) -> None:
        warnings = "".join(f"<li>{html.escape(w)}</li>" for w in self.model.warnings)
        warning_html = f"<ul>{warnings}</ul>" if warnings else ""
        self._status.value = f"<p role='status'>{html.escape(self.model.message)}</p>{warning_html}"

    def _on_preview(self, _button: Any) -> None:
        text = self.model.build()
        self._preview.value = markdown_to_html(text) if text else ""
        self._show_status()

    def _on_save(self, _button: Any) -> None:
        self.model.save()
        self._preview.value = markdown_to_html(self.model.text) if self.model.text else ""
        self._show_status()
