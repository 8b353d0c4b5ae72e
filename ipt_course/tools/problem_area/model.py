"""The decision aid's state: the answers and the chosen areas. No widgets."""

from __future__ import annotations

import traitlets

from ipt_course.tools.problem_area.rules import Advice, Check, check_choice, suggest_problem_areas


class ProblemAreaModel(traitlets.HasTraits):
    """State of the decision aid: the answers and the chosen areas. No widgets."""

    answers = traitlets.Dict()
    chosen = traitlets.List(traitlets.Unicode())

    def advice(self) -> Advice:
        """Suggestions and notes for the current answers."""
        return suggest_problem_areas(dict(self.answers))

    def checks(self) -> list[Check]:
        """Findings about the current choice."""
        return check_choice(dict(self.answers), list(self.chosen))
