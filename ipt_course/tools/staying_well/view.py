"""The staying-well plan: what changed and who did it, warning signs, what helps, whom to
contact, what is ahead and the follow-up; checked, then printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.plan_view import PlanView
from ipt_course.kit.render import render
from ipt_course.tools.safety_plan.content import ALL_NATIONS, crisis_lines
from ipt_course.tools.safety_plan.view import crisis_lines_html
from ipt_course.tools.staying_well.content import staying_well_content
from ipt_course.tools.staying_well.model import StayingWellModel

URGENT_AFTER = "act_today"


class StayingWellView(PlanView):
    """Write a practice staying-well plan for the end of therapy, part by part.

    Each part's box is ``parts[id].text``; ``check()`` and ``make_page()`` are the two buttons.
    The UK crisis lines (all four nations) follow the part about acting the same day.
    """

    part_word = ""
    body_template = "tools/staying_well/templates/page.html.j2"

    def __init__(self, save_path: str | Path | None = "my-staying-well-plan.json") -> None:
        content = staying_well_content()
        self.client_label = content.client_label
        self.page_title = content.page_title
        self.practice_note = content.practice_note
        self.crisis = widgets.HTML(crisis_lines_html(crisis_lines().for_nation(ALL_NATIONS)))
        super().__init__(StayingWellModel(save_path=save_path))
        self.add_class("ipt-staying-well")

    def banner_html(self) -> str:
        """The practice banner."""
        return render("tools/staying_well/templates/banner.html.j2",
                      banner=staying_well_content().banner)

    def after_part(self, part_id: str) -> list[widgets.Widget]:
        """The urgent lines, after the part about acting the same day."""
        return [self.crisis] if part_id == URGENT_AFTER else []

    def page_context(self) -> dict[str, Any]:
        """The urgent lines for the printed page."""
        return {"crisis": crisis_lines().for_nation(ALL_NATIONS),
                "crisis_heading": crisis_lines().heading, "urgent_after": URGENT_AFTER}
