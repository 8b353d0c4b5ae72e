"""The state of one self-check: the trainee's choice, their notes, and the verdict. No widgets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import traitlets

from ipt_course.tools.selfcheck.schema import Check, Option


@dataclass(frozen=True)
class OptionResult:
    """What the trainee chose for one option and whether that was right."""

    option: Option
    chosen: bool

    @property
    def status(self) -> str:
        """'right', 'wrong', 'missed' or 'fine' (not chosen, not correct)."""
        if self.chosen:
            return "right" if self.option.correct else "wrong"
        return "missed" if self.option.correct else "fine"


class SelfCheckModel(traitlets.HasTraits):
    """State of one self-check: the trainee's choice, their notes and whether they checked."""

    chosen = traitlets.List(traitlets.Unicode(), help="The ids of the options chosen.")
    notes = traitlets.Unicode("", help="A reflection's notes (never saved).")
    checked = traitlets.Bool(False, help="True once feedback is showing for the current choice.")
    misses = traitlets.Int(0, help="How many checks so far found the choice not right.")

    def __init__(self, check: Check, order: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.check = check
        self.order = list(order or (option.id for option in check.options))

    def shown_options(self) -> list[Option]:
        """The options in the order this trainee sees them (``order``, else the file's)."""
        by_id = {option.id: option for option in self.check.options}
        return [by_id[option_id] for option_id in self.order]

    @traitlets.validate("chosen")
    def _known_ids(self, proposal: dict[str, Any]) -> list[str]:
        known = [option.id for option in self.check.options]
        unknown = [option_id for option_id in proposal["value"] if option_id not in known]
        if unknown:
            raise traitlets.TraitError(f"unknown option id(s): {', '.join(unknown)}")
        return [option_id for option_id in known if option_id in proposal["value"]]

    @traitlets.observe("chosen", "notes")
    def _reset(self, _change: dict[str, Any]) -> None:
        if self.check.type != "reflection":
            self.checked = False

    def results(self) -> list[OptionResult]:
        """One result per option, in the order shown."""
        return [OptionResult(option, option.id in self.chosen) for option in self.shown_options()]

    def verdict(self) -> str:
        """'right', 'partly' (multiple choice: some right picks) or 'wrong'."""
        statuses = [result.status for result in self.results()]
        if "wrong" not in statuses and "missed" not in statuses:
            return "right"
        if self.check.type == "multiple" and "right" in statuses:
            return "partly"
        return "wrong"

    def record_check(self) -> str:
        """Mark the current choice as checked and return its verdict, counting a miss."""
        self.checked = True
        verdict = self.verdict()
        if verdict != "right":
            self.misses += 1
        return verdict
