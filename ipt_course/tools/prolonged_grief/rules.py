"""From a case and the trainee's marks to each criterion's status, side by side. Pure functions.

A criterion is ``met`` only when what it asks for is marked as shown, ``not_met`` when a mark
rules it out, and ``open`` while something is still to ask. Rows the course's sources do not
confirm are ``unconfirmed`` and rows that are a clinician's judgement are ``judgement``: neither
is ever counted. Nothing here diagnoses: the view says so beside every result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ipt_course.tools.prolonged_grief.criteria import (
    SYSTEMS,
    Criteria,
    Criterion,
    Row,
    Vignette,
)
from ipt_course.tools.timeline.model import MonthYear

Status = Literal["met", "not_met", "open", "unconfirmed", "judgement"]
COUNTED: tuple[Status, ...] = ("met", "not_met", "open")
STATUS_WORDS: dict[str, str] = {
    "met": "Met",
    "not_met": "Not met",
    "open": "Still to ask",
    "unconfirmed": "Not checked here",
    "judgement": "A judgement for supervision",
}
MARK_WORDS: dict[str, str] = {"yes": "Shown", "no": "Not shown", "ask": "Ask"}


@dataclass(frozen=True)
class Case:
    """What the rules need to know about a case: time since the death and the age group."""

    name: str
    months: int
    age_group: str = "adult"
    died: MonthYear | None = None
    other_explanations: str = ""

    @classmethod
    def of(cls, vignette: Vignette) -> Case:
        """The case a course vignette describes."""
        return cls(vignette.name, vignette.months_since_death, vignette.age_group,
                   vignette.died, vignette.other_explanations)


@dataclass(frozen=True)
class Cell:
    """One system's criterion for the case: its status and the detail behind it."""

    status: Status
    detail: str

    @property
    def words(self) -> str:
        """The status as a trainee reads it."""
        return STATUS_WORDS[self.status]


@dataclass(frozen=True)
class RowResult:
    """One row of the table, worked out for both systems."""

    row: Row
    cells: dict[str, Cell]


@dataclass(frozen=True)
class SystemSummary:
    """Which rows one system has met, not met, still open, and left to judgement."""

    title: str
    met: list[str] = field(default_factory=list)
    not_met: list[str] = field(default_factory=list)
    open: list[str] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)

    @property
    def headline(self) -> str:
        """One sentence on where the marks leave this system (never a diagnosis)."""
        if self.not_met:
            return (f"On the marks so far, not every {self.title} criterion is met "
                    f"({', '.join(self.not_met)}).")
        if self.open:
            return f"{self.title}: still to ask about {', '.join(self.open)}."
        return (f"Every {self.title} criterion this explorer checks is marked as met: a reason "
                "to talk to your supervisor, not a diagnosis.")


def shift(month: MonthYear, months: int) -> MonthYear:
    """The month ``months`` after ``month``."""
    index = month.year * 12 + month.month - 1 + months
    return MonthYear(index // 12, index % 12 + 1)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def combine(*statuses: Status) -> Status:
    """All parts met is met; any part ruled out is not met; otherwise still open."""
    if "not_met" in statuses:
        return "not_met"
    return "met" if all(status == "met" for status in statuses) else "open"


def any_of(marks: Mapping[str, str], features: tuple[str, ...]) -> Status:
    """Met when one feature is shown; not met when every one is marked not shown."""
    if any(marks.get(f) == "yes" for f in features):
        return "met"
    return "not_met" if all(marks.get(f) == "no" for f in features) else "open"


def all_of(marks: Mapping[str, str], features: tuple[str, ...]) -> Status:
    """Met when every feature is shown; not met when any is marked not shown."""
    return combine(*[{"yes": "met", "no": "not_met"}.get(marks.get(f, ""), "open")
                     for f in features])


def count_of(marks: Mapping[str, str], features: tuple[str, ...], at_least: int) -> Cell:
    """Met when ``at_least`` features are shown; not met when too few are left to ask."""
    shown = sum(marks.get(f) == "yes" for f in features)
    unknown = sum(marks.get(f) not in ("yes", "no") for f in features)
    status: Status = "met" if shown >= at_least else (
        "not_met" if shown + unknown < at_least else "open")
    detail = f"{shown} of {len(features)} marked as shown ({at_least} needed)"
    if unknown:
        detail += f"; {unknown} still to ask"
    return Cell(status, detail + ".")


def time_cell(criterion: Criterion, case: Case) -> Cell:
    """The time since the death against what this system asks for this age group."""
    needed = criterion.months(case.age_group)
    since = f"{_plural(case.months, 'month')} since the death; {needed} needed"
    if case.months >= needed:
        return Cell("met", f"{since}.")
    if case.died is not None:
        return Cell("not_met", f"{since}: not before {shift(case.died, needed)}.")
    return Cell("not_met", f"{since}: not for another {_plural(needed - case.months, 'month')}.")


def cell(criterion: Criterion, case: Case, marks: Mapping[str, str],
         labels: Mapping[str, str]) -> Cell:
    """One system's criterion worked out for the case and the marks (``labels`` name features)."""
    if criterion.rule == "time":
        return time_cell(criterion, case)
    if criterion.rule in ("unconfirmed", "judgement"):
        return Cell(criterion.rule, "")
    if criterion.rule == "count":
        return count_of(marks, criterion.features, criterion.at_least)
    found = any_of(marks, criterion.features) if criterion.rule == "any" else all_of(
        marks, criterion.features)
    if criterion.also:
        found = combine(found, all_of(marks, criterion.also))
    named = [f"{labels[f]}: {MARK_WORDS.get(marks.get(f, ''), 'not marked yet').lower()}"
             for f in (*criterion.features, *criterion.also)]
    return Cell(found, "; ".join(named) + ".")


def evaluate(criteria: Criteria, case: Case, marks: Mapping[str, str]) -> list[RowResult]:
    """Every row of the table for the case, both systems side by side."""
    labels = {feature.id: feature.label for feature in criteria.features}
    return [RowResult(row, {system: cell(row.criterion(system), case, marks, labels)
                            for system in SYSTEMS}) for row in criteria.rows]


def summarise(criteria: Criteria, results: list[RowResult], system: str) -> SystemSummary:
    """Sort one system's rows into met, not met, still open and not counted."""
    summary = SystemSummary(criteria.systems[system].title)
    for result in results:
        status = result.cells[system].status
        bucket = {"met": summary.met, "not_met": summary.not_met, "open": summary.open}.get(
            status, summary.unchecked)
        bucket.append(result.row.title)
    return summary
