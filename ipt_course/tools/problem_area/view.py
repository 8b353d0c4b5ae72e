"""The decision aid widget: four questions, a suggestion with reasons, a check of the choice."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ipt_course.kit.render import escape, render
from ipt_course.kit.widgets import apply_theme, tidy_layout
from ipt_course.tools.problem_area.model import ProblemAreaModel
from ipt_course.tools.problem_area.rules import ANSWER_LABELS, PROBLEM_AREAS, QUESTIONS

CHECK_MARKS = {"ok": "✓ Fine", "warning": "! Think again", "error": "✗ Not allowed"}


class ProblemAreaView(widgets.VBox):
    """Decision aid: answer four questions, see the suggested problem area, check a choice.

    ``questions`` holds the answer buttons by question id (they carry no label of their own:
    the question above each row is its label); ``advice`` and ``result`` are what the aid says.
    """

    def __init__(self) -> None:
        self.model = ProblemAreaModel()
        self.questions: dict[str, widgets.ToggleButtons] = {}
        rows: list[widgets.Widget] = []
        for question in QUESTIONS:
            buttons = widgets.ToggleButtons(
                options=[(label, value) for value, label in ANSWER_LABELS.items()],
                value=None, style={"button_width": "8em"})
            buttons.observe(self._on_answer, names="value")
            self.questions[question.id] = buttons
            rows += [widgets.HTML(f"<p><b>{escape(question.text)}</b></p>"), buttons]
        suggest = widgets.Button(description="Suggest a problem area", button_style="primary",
                                 icon="lightbulb-o")
        self.advice = widgets.HTML()
        self._choices = {area: widgets.Checkbox(description=label, indent=False)
                         for area, label in PROBLEM_AREAS.items()}
        check = widgets.Button(description="Check my choice", icon="check")
        self.result = widgets.HTML()
        intro = widgets.HTML(
            "<p>Answer from what you have learned in the timeline and the inventory. The aid "
            "suggests a problem area and explains why; the decision stays yours and the "
            "client's.</p>")
        super().__init__([
            intro, *rows, suggest, self.advice,
            widgets.HTML("<p><b>Which problem area(s) will you propose to the client?</b></p>"),
            *self._choices.values(), check, self.result,
        ])
        self.add_class("ipt-problem-area-aid")
        apply_theme(self)
        tidy_layout(self)
        for box in self._choices.values():
            box.observe(self._on_choose, names="value")
        suggest.on_click(lambda _button: self._show_advice())
        check.on_click(lambda _button: self._show_checks())

    def _on_answer(self, _change: Any) -> None:
        self.model.answers = {qid: w.value or "" for qid, w in self.questions.items()}

    def _on_choose(self, _change: Any) -> None:
        self.model.chosen = [area for area, box in self._choices.items() if box.value]

    def _show_advice(self) -> None:
        self.advice.value = render("tools/problem_area/templates/advice.html.j2",
                                   advice=self.model.advice())

    def _show_checks(self) -> None:
        self.result.value = render("tools/problem_area/templates/checks.html.j2",
                                   checks=self.model.checks(), marks=CHECK_MARKS)
