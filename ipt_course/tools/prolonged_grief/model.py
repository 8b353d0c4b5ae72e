"""The explorer's state: which case is open, the trainee's marks for each, their own case.

Nothing is saved: the explorer is for noticing and discussing, and the marks stay while the
notebook runs. No widgets here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import traitlets

from ipt_course.tools.prolonged_grief.criteria import (
    AGE_GROUPS,
    Criteria,
    Reading,
    Vignette,
    criteria,
    vignettes,
)
from ipt_course.tools.prolonged_grief.rules import (
    SYSTEMS,
    Case,
    RowResult,
    SystemSummary,
    evaluate,
    summarise,
)

OWN_CASE = "own"
MAX_MONTHS = 1200
NOTES_LIMIT = 4000
MARKS = ("yes", "no", "ask")


class ExplorerError(ValueError):
    """A mark or an entry that cannot be accepted; the message says what to change."""


@dataclass(frozen=True)
class Comparison:
    """One feature: the trainee's mark beside the course's reading and why."""

    label: str
    yours: str
    course: str
    why: str

    @property
    def agrees(self) -> bool:
        """True when the trainee marked it as the course reads it."""
        return self.yours == self.course


class ExplorerModel(traitlets.HasTraits):
    """Which case is open, the marks for each case, and the trainee's own practice case."""

    case_id = traitlets.Unicode(help="The open case: a vignette's id, or 'own' for the "
                                "trainee's own practice case.")
    marks = traitlets.Dict(help="The trainee's marks: {case id: {feature id: yes, no or ask}}.")
    own_name = traitlets.Unicode("", help="The name of the trainee's own (fictional) case.")
    own_months = traitlets.Int(0, min=0, max=MAX_MONTHS, help="Months since the death in the "
                               "trainee's own case.")
    own_age_group = traitlets.Enum(list(AGE_GROUPS), "adult", help="Adult, or young (a child "
                                   "or adolescent), for DSM-5-TR's time criterion.")
    own_notes = traitlets.Unicode("", help="The trainee's notes on their own case.")
    show_reading = traitlets.Bool(False, help="Whether the course's reading is shown.")

    def __init__(self, **kwargs: Any) -> None:
        self.criteria: Criteria = criteria()
        self.vignettes: dict[str, Vignette] = {v.id: v for v in vignettes()}
        kwargs.setdefault("case_id", next(iter(self.vignettes)))
        super().__init__(**kwargs)

    @traitlets.validate("case_id")
    def _known_case(self, proposal: dict[str, Any]) -> str:
        if proposal["value"] not in (*self.vignettes, OWN_CASE):
            raise traitlets.TraitError(f"There is no case called {proposal['value']!r}.")
        return proposal["value"]

    @traitlets.validate("own_notes")
    def _short_notes(self, proposal: dict[str, Any]) -> str:
        if len(proposal["value"]) > NOTES_LIMIT:
            raise traitlets.TraitError(
                f"Your notes are {len(proposal['value']):,} characters long; keep them to "
                f"{NOTES_LIMIT:,} or fewer.")
        return proposal["value"]

    @property
    def vignette(self) -> Vignette | None:
        """The open course vignette (None for the trainee's own case)."""
        return self.vignettes.get(self.case_id)

    def case(self) -> Case:
        """What the rules need about the open case."""
        if self.vignette is not None:
            return Case.of(self.vignette)
        name = " ".join(self.own_name.split()) or "Your practice case"
        return Case(name, self.own_months, self.own_age_group)

    def current_marks(self) -> dict[str, str]:
        """The marks for the open case."""
        return dict(self.marks.get(self.case_id, {}))

    def mark(self, feature: str, value: str | None) -> None:
        """Mark ``feature`` for the open case as yes, no or ask (None clears the mark)."""
        if feature not in {f.id for f in self.criteria.features}:
            raise ExplorerError(f"There is no feature called {feature!r}.")
        if value is not None and value not in MARKS:
            raise ExplorerError(f"A mark is one of {', '.join(MARKS)} (got {value!r}).")
        current = self.current_marks()
        if value is None:
            current.pop(feature, None)
        else:
            current[feature] = value
        self.marks = {**self.marks, self.case_id: current}

    def clear_marks(self) -> None:
        """Remove every mark for the open case."""
        self.marks = {key: value for key, value in self.marks.items() if key != self.case_id}

    def results(self) -> list[RowResult]:
        """The side-by-side table for the open case and its marks."""
        return evaluate(self.criteria, self.case(), self.current_marks())

    def summaries(self) -> list[SystemSummary]:
        """Where the marks leave each system."""
        results = self.results()
        return [summarise(self.criteria, results, system) for system in SYSTEMS]

    def other_explanations(self) -> str:
        """What else to weigh for the open case ('' for the trainee's own case)."""
        return self.vignette.other_explanations if self.vignette is not None else ""

    def comparison(self) -> list[Comparison]:
        """Each feature's mark beside the course's reading (empty for the trainee's own case)."""
        if self.vignette is None:
            return []
        marks = self.current_marks()
        readings: dict[str, Reading] = self.vignette.reading
        return [Comparison(feature.label, marks.get(feature.id, ""),
                           readings[feature.id].mark, readings[feature.id].why)
                for feature in self.criteria.features]
