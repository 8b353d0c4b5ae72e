"""Which symptom is shown and how far round the cycle the trainee has gone."""

from __future__ import annotations

from typing import Any

import traitlets

from ipt_course.tools.cycle.content import IPT_STEP, CycleExample


class CycleModel(traitlets.HasTraits):
    """Which symptom is shown and how far round the cycle the trainee has gone (0-5)."""

    symptom_id = traitlets.Unicode(help="The id of the symptom shown (one of the examples).")
    step = traitlets.Int(1, help="How far round the cycle: 1-4 steps shown, 5 the IPT move too.")

    def __init__(self, examples: list[CycleExample], **kwargs: Any) -> None:
        self.examples = {example.id: example for example in examples}
        super().__init__(symptom_id=examples[0].id, **kwargs)

    @traitlets.validate("symptom_id")
    def _known(self, proposal: dict[str, Any]) -> str:
        if proposal["value"] not in self.examples:
            raise traitlets.TraitError(f"unknown symptom {proposal['value']!r}")
        return proposal["value"]

    @traitlets.validate("step")
    def _in_range(self, proposal: dict[str, Any]) -> int:
        return max(1, min(IPT_STEP, proposal["value"]))

    @traitlets.observe("symptom_id")
    def _restart(self, _change: dict[str, Any]) -> None:
        self.step = 1

    @property
    def example(self) -> CycleExample:
        """The symptom currently shown."""
        return self.examples[self.symptom_id]

    @property
    def ipt_shown(self) -> bool:
        """True once the IPT move has been revealed."""
        return self.step >= IPT_STEP

    def next_step(self) -> None:
        """Reveal the next part of the cycle."""
        self.step += 1

    def show_all(self) -> None:
        """Reveal every step and the IPT move."""
        self.step = IPT_STEP
