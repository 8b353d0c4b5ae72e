"""The safety plan builder: the six steps and reasons for living, checked, then printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.plan_view import LABEL_WIDTH, PlanView
from ipt_course.kit.render import render
from ipt_course.tools.safety_plan.content import crisis_lines, safety_plan_content
from ipt_course.tools.safety_plan.model import SafetyPlanModel


class SafetyPlanView(PlanView):
    """Build a practice safety plan with Nadia, the course's fictional client, step by step.

    Each step's box is ``parts[id].text``; ``nation`` picks the urgent line printed with the
    crisis lines; ``check()`` and ``make_page()`` are the two buttons.
    """

    part_word = "Step"
    body_template = "tools/safety_plan/templates/page.html.j2"

    def __init__(self, save_path: str | Path | None = "my-safety-plan.json") -> None:
        content = safety_plan_content()
        self.client_label = content.client_label
        self.page_title = content.page_title
        self.practice_note = content.practice_note
        model = SafetyPlanModel(save_path=save_path)
        self.nation = widgets.Dropdown(options=crisis_lines().choices(),
                                       description=content.nation_label,
                                       style={"description_width": LABEL_WIDTH})
        self.crisis = widgets.HTML()
        super().__init__(model)
        self.add_class("ipt-safety-plan")
        # The model comes first, so linking shows the saved choice rather than erasing it.
        traitlets.link((model, "nation"), (self.nation, "value"))
        model.observe(lambda _change: self._show_crisis_lines(), names="nation")
        self._show_crisis_lines()

    def banner_html(self) -> str:
        """The practice-only banner."""
        return render("tools/safety_plan/templates/banner.html.j2",
                      banner=safety_plan_content().banner)

    def after_part(self, part_id: str) -> list[widgets.Widget]:
        """The crisis lines and the nation they are for, after the professionals step."""
        return [self.nation, self.crisis] if part_id == "professionals" else []

    def page_context(self) -> dict[str, Any]:
        """The crisis lines for the printed page."""
        return {"crisis": self.model.crisis_lines(), "crisis_heading": crisis_lines().heading}

    def _show_crisis_lines(self) -> None:
        self.crisis.value = crisis_lines_html(self.model.crisis_lines())


def crisis_lines_html(lines: tuple[str, ...]) -> str:
    """The crisis lines a plan carries, as the box the tools show under the step they belong to."""
    return render("tools/safety_plan/templates/crisis.html.j2", heading=crisis_lines().heading,
                  lines=lines)
