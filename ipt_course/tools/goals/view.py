"""The goals widget: write a goal, see each criterion's verdict, keep a list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.render import render
from ipt_course.kit.vocabulary import problem_areas
from ipt_course.kit.widgets import Field, Form, StatusLine, apply_theme, tidy_layout
from ipt_course.tools.goals.checks import CRITERIA, GoalReport
from ipt_course.tools.goals.model import GoalModel
from ipt_course.tools.goals.words import HOW_CHECKED

SETTING_FIELDS = (
    Field("focus", "Agreed focus", "dropdown",
          options=[("(choose)", ""), *[(label, a) for a, label in problem_areas().items()]]),
    Field("people", "People involved", placeholder="e.g. Imran (husband), Rokeya", wide=True),
    Field("sessions", "Number of sessions", "whole", low=1, high=30),
    Field("draft", "Goal, in the client's words", "textarea", rows=3, wide=True,
          placeholder="e.g. I will tell Imran calmly what I need on his nights off, by session 8"),
)


def report_html(report: GoalReport) -> str:
    """The verdicts as an HTML table: criterion, met or not (in words), reason, rewrite pattern."""
    return render("tools/goals/templates/report.html.j2", report=report)


class GoalsView(widgets.VBox):
    """Write treatment goals and check each against six IPT criteria, with reasons.

    The goals kept, and the focus, people and draft, are saved to ``save_path`` as they change.
    ``form`` holds the settings and the draft; ``report``, ``kept`` and ``status`` are read.
    """

    def __init__(self, save_path: str | Path | None = "my-goals.json") -> None:
        self.model = GoalModel(save_path=save_path)
        self.form = Form(SETTING_FIELDS)
        check = widgets.Button(description="Check this goal", button_style="primary",
                               icon="check")
        keep = widgets.Button(description="Keep this goal", icon="plus")
        clear = widgets.Button(description="Clear my goals", icon="eraser")
        self.report = widgets.HTML()
        self.status = StatusLine()
        self.kept = widgets.HTML()
        intro = widgets.HTML(
            "<p>Write one goal at a time. Each goal is checked against six criteria with simple "
            "word rules, and every verdict says why: treat the verdicts as prompts to think, "
            "not marks.</p>")
        how = widgets.Accordion(
            children=[widgets.HTML(render("tools/goals/templates/how_checked.html.j2",
                                          how_checked=HOW_CHECKED, criteria=CRITERIA))],
            titles=("How the checks work",))
        super().__init__([intro, how, self.form, widgets.HBox([check, keep, clear]),
                          self.status, self.report, self.kept])
        self.add_class("ipt-goals")
        apply_theme(self)
        tidy_layout(self)
        for key, control in self.form.controls.items():
            # The model comes first, so linking shows the saved values rather than erasing them.
            traitlets.link((self.model, key), (control, "value"))
        check.on_click(lambda _b: self._show(self.model.check()))
        keep.on_click(lambda _b: self._show(self.model.keep()))
        clear.on_click(lambda _b: self.model.clear())
        self.model.observe(self._show_kept, names="kept")
        self.model.observe(lambda _change: self.status.show(self.model.status), names="status")
        self._show_kept()
        self.status.show(self.model.status)

    def _show(self, report: GoalReport | None) -> None:
        self.report.value = report_html(report) if report else ""

    def _show_kept(self, _change: Any = None) -> None:
        self.kept.value = render("tools/goals/templates/kept.html.j2", kept=self.model.kept)
