"""The answers to one questionnaire and what follows from them. No widgets."""

from __future__ import annotations

from typing import Any

import traitlets

from ipt_course.tools.measures.scales import Measure, nice_severity, severity_band


class MeasureModel(traitlets.HasTraits):
    """The answers to one questionnaire (None = not yet answered) and what follows from them."""

    answers = traitlets.List(traitlets.Int(allow_none=True),
                             help="One answer (0-3) per item; None while unanswered.")

    def __init__(self, measure: Measure, **kwargs: Any) -> None:
        self.measure = measure
        super().__init__(**kwargs)
        if not self.answers:
            self.answers = [None] * len(measure.items)

    @traitlets.validate("answers")
    def _valid_answers(self, proposal: dict[str, Any]) -> list[int | None]:
        answers = list(proposal["value"])
        if len(answers) != len(self.measure.items):
            raise traitlets.TraitError(
                f"{self.measure.name} has {len(self.measure.items)} items (got {len(answers)})"
            )
        for number, answer in enumerate(answers, start=1):
            if answer is not None and answer not in (0, 1, 2, 3):
                raise traitlets.TraitError(
                    f"{self.measure.name} item {number}: answer must be 0, 1, 2 or 3 "
                    f"(got {answer!r})"
                )
        return answers

    def set_answer(self, item: int, value: int | None) -> None:
        """Set the answer (0-3, or None to clear) for item number ``item`` (1-based)."""
        if not 1 <= item <= len(self.measure.items):
            raise ValueError(f"{self.measure.name} has items 1 to {len(self.measure.items)}")
        answers = list(self.answers)
        answers[item - 1] = value
        self.answers = answers

    def clear(self) -> None:
        """Forget every answer."""
        self.answers = [None] * len(self.measure.items)

    @property
    def missing(self) -> list[int]:
        """Item numbers (1-based) still unanswered."""
        return [number for number, answer in enumerate(self.answers, 1) if answer is None]

    @property
    def complete(self) -> bool:
        """True when every item has an answer."""
        return not self.missing

    @property
    def total(self) -> int | None:
        """The total once every item is answered, else None (a partial sum would mislead)."""
        return sum(self.answers) if self.complete else None

    @property
    def band(self) -> str | None:
        """The severity band of a complete form, else None."""
        return None if self.total is None else severity_band(self.measure, self.total)

    @property
    def nice_group(self) -> str | None:
        """NICE NG222 grouping for a complete PHQ-9, else None."""
        if self.measure.key != "phq9" or self.total is None:
            return None
        return nice_severity(self.total)

    @property
    def nice_applies(self) -> bool:
        """True when NICE NG222's grouping is worth showing: a complete PHQ-9 of 5 or more.

        Below 5 a total is in the minimal band, and calling it "less severe depression" would
        label a well person with an illness.
        """
        nice_from = self.measure.nice_from
        return nice_from is not None and self.total is not None and self.total >= nice_from

    @property
    def nice_looks_contradictory(self) -> bool:
        """True when a 'severe' band sits beside NICE's 'less severe' (a total of 15)."""
        return self.nice_applies and self.nice_group == "less severe" and "severe" in (
            self.band or "")

    @property
    def risk_item_score(self) -> int | None:
        """The PHQ-9 item 9 answer (None for other measures or when unanswered)."""
        if self.measure.risk_item is None:
            return None
        return self.answers[self.measure.risk_item - 1]

    @property
    def risk_flag(self) -> bool:
        """True when PHQ-9 item 9 is above 0: a risk assessment is needed now."""
        return bool(self.risk_item_score)


# The name earlier versions used.
ScoreSheet = MeasureModel
