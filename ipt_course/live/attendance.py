"""Attendance registers: roster-based marking, CSV import, sign-ins, and the attendance rule.

Attendance is one row per trainee per day in the live store's ``attendance`` table. A trainee
is a roster id (from the nbgrader gradebook) when the trainer marks the register, or the name
typed on the live page when named attendance is on.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from ipt_course.course import Course
from ipt_course.grading.nbgrader_env import GRADEBOOK_FILE
from ipt_course.grading.roster import normalise_header, trainee_id_problem
from ipt_course.live.store import Attendance, LiveStore

ID_COLUMNS = ("id", "traineeid", "studentid", "trainee")
RULE_DAYS = re.compile(r"days?\s+(\d)\s*(?:to|-|–|and)\s*(\d)", re.IGNORECASE)


@dataclass(frozen=True)
class RosterEntry:
    """A trainee on the course roster: their id and the name to print on a certificate."""

    id: str
    name: str


@dataclass
class MarkResult:
    """What a marking run did: who was marked present and which entries were refused."""

    marked: list[str]
    problems: list[str]


def roster(root: Path) -> list[RosterEntry]:
    """The trainees in the nbgrader gradebook (empty when there is no gradebook yet)."""
    if not (root / GRADEBOOK_FILE).is_file():
        return []
    from ipt_course.grading.nbgrader_env import gradebook

    with gradebook(root) as book:
        entries = [RosterEntry(student.id, " ".join(
            part for part in (student.first_name, student.last_name) if part) or student.id)
            for student in book.students]
    return sorted(entries, key=lambda entry: entry.id)


def display_names(root: Path) -> dict[str, str]:
    """Roster id -> printable name."""
    return {entry.id: entry.name for entry in roster(root)}


def register(store: LiveStore, day: int) -> pd.DataFrame:
    """One day's register: trainee, how they were marked, and the date, in name order."""
    frame = store.table(Attendance, day)
    if frame.empty:
        return pd.DataFrame(columns=["trainee", "source", "date"])
    frame["date"] = pd.to_datetime(frame["created"]).dt.date
    return frame[["trainee", "source", "date"]].sort_values("trainee", ignore_index=True)


def attendance_matrix(root: Path, store: LiveStore, course: Course) -> pd.DataFrame:
    """Every known trainee (roster and anyone signed in) by day: True when present."""
    names = display_names(root)
    frame = store.table(Attendance)
    trainees = sorted(set(names) | set(frame["trainee"]))
    days = [day.number for day in course.days]
    present = {(row.trainee, int(row.day)) for row in frame.itertuples()}
    rows = [{"trainee": trainee, "name": names.get(trainee, trainee),
             **{f"Day {day}": (trainee, day) in present for day in days}}
            for trainee in trainees]
    return pd.DataFrame(rows, columns=["trainee", "name", *[f"Day {day}" for day in days]])


def days_attended(store: LiveStore, trainee: str) -> dict[int, dt.date]:
    """The days a trainee was present, with the date each was recorded."""
    frame = store.table(Attendance)
    frame = frame[frame["trainee"] == trainee]
    return {int(row.day): pd.Timestamp(row.created).date() for row in frame.itertuples()}


def mark_present(store: LiveStore, course: Course, day: int, trainees: list[str],
                 known: set[str] | None = None, on: dt.date | None = None,
                 source: str = "register") -> MarkResult:
    """Mark roster trainees present on ``day``; unknown or malformed ids are refused, not lost.

    ``known`` is the roster's ids (None: no roster, any well-formed id is accepted); ``on`` is
    the date of the session when the register is marked afterwards.
    """
    if refusal := _unknown_day(course, day):
        return refusal
    marked, problems = [], []
    for trainee in trainees:
        trainee = trainee.strip()
        problem = trainee_id_problem(trainee)
        if problem is None and known is not None and trainee not in known:
            problem = f"{trainee!r} is not on the roster (import it with `ipt-course grade roster`)"
        if problem:
            problems.append(problem)
        else:
            _add(store, day, trainee, source, on)
            marked.append(trainee)
    return MarkResult(marked, problems)


def unmark(store: LiveStore, course: Course, day: int, trainees: list[str]) -> MarkResult:
    """Take trainees off ``day``'s register (a mark made by mistake); ids not on it are
    reported. ``MarkResult.marked`` lists those taken off."""
    if refusal := _unknown_day(course, day):
        return refusal
    removed, problems = [], []
    with Session(store.engine) as session, session.begin():
        for trainee in (name.strip() for name in trainees):
            row = session.scalar(select(Attendance).filter_by(day=day, trainee=trainee))
            if row is None:
                problems.append(f"{trainee!r} is not on Day {day}'s register")
            else:
                session.delete(row)
                removed.append(trainee)
    return MarkResult(removed, problems)


def _unknown_day(course: Course, day: int) -> MarkResult | None:
    """The refusal for a day course.yaml does not have (None for a course day)."""
    if day in {d.number for d in course.days}:
        return None
    return MarkResult([], [f"there is no Day {day} in course.yaml"])


def _add(store: LiveStore, day: int, trainee: str, source: str, on: dt.date | None) -> None:
    with Session(store.engine) as session, session.begin():
        if session.scalar(select(Attendance).filter_by(day=day, trainee=trainee)):
            return
        row = Attendance(day=day, trainee=trainee, source=source)
        if on is not None:
            row.created = dt.datetime.combine(on, dt.time(9, 0))
        session.add(row)


def read_register_csv(path: Path) -> tuple[list[str], list[str]]:
    """Trainee ids from a register CSV (an ``id`` column), and problems naming file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return [], [f"{path}: cannot read it as UTF-8 text ({error.__class__.__name__})"]
    reader = csv.DictReader(text.splitlines())
    columns = {normalise_header(name): name for name in reader.fieldnames or []}
    column = next((columns[name] for name in ID_COLUMNS if name in columns), None)
    if column is None:
        return [], [f"{path}: line 1: expected an 'id' column (found: "
                    f"{', '.join(reader.fieldnames or []) or 'nothing'})"]
    ids, problems = [], []
    for line, row in enumerate(reader, start=2):
        value = (row.get(column) or "").strip()
        if value:
            ids.append(value)
        else:
            problems.append(f"{path}: line {line}: no trainee id")
    return ids, problems


def import_register(store: LiveStore, course: Course, day: int, path: Path,
                    known: set[str] | None = None, on: dt.date | None = None) -> MarkResult:
    """Mark everyone listed in a register CSV present; bad lines are reported."""
    ids, problems = read_register_csv(path)
    result = mark_present(store, course, day, ids, known, on, source="import")
    return MarkResult(result.marked, problems + [f"{path}: {p}" for p in result.problems])


def required_days(course: Course) -> list[int]:
    """The days the attendance rule requires, read from ``course.attendance_rule``.

    "every session of Days 1 to 5" -> [1, 2, 3, 4, 5]; with no readable range, every day.
    """
    days = [day.number for day in course.days]
    match = RULE_DAYS.search(course.course.attendance_rule or "")
    if not match:
        return days
    first, last = sorted((int(match.group(1)), int(match.group(2))))
    return list(range(first, last + 1))


def attendance_verdict(required: list[int], attended: set[int]) -> tuple[bool, str]:
    """Whether attendance meets the rule, and the reason when it does not."""
    missing = [day for day in required if day not in attended]
    if not missing:
        return True, ""
    listed = ", ".join(f"Day {day}" for day in missing)
    return False, (f"missed {listed}; the rule needs every session of "
                   f"Days {required[0]} to {required[-1]}")
