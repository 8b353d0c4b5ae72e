"""The decision aid's state: the answers and the chosen areas. No widgets."""

from __future__ import annotations

import traitlets

from ipt_course.tools.problem_area.rules import (
    ANSWER_LABELS,
    PROBLEM_AREAS,
    Advice,
    Check,
    check_choice,
    suggest_problem_areas,
)


class ProblemAreaModel(traitlets.HasTraits):
    """State of the decision aid: the answers and the chosen areas. No widgets."""

    answers = traitlets.Dict(
        value_trait=traitlets.Enum(["", *ANSWER_LABELS]),
        help="Question id -> 'yes', 'no', 'unsure', or '' while it is unanswered.")
    chosen = traitlets.List(
        traitlets.Enum(list(PROBLEM_AREAS)),
        help="The problem areas the trainee proposes to focus on, in the aid's order.")

    def advice(self) -> Advice:
        """Suggestions and notes for the current answers."""
        return suggest_problem_areas(dict(self.answers))

    def checks(self) -> list[Check]:
        """Findings about the current choice."""
        return check_choice(dict(self.answers), list(self.chosen))
