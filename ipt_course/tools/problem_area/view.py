"""The decision aid widget: four questions, a suggestion with reasons, a check of the choice."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.widgets import make_readable, tidy_layout
from ipt_course.tools.problem_area.model import ProblemAreaModel
from ipt_course.tools.problem_area.rules import (
    ANSWER_LABELS,
    PROBLEM_AREAS,
    QUESTIONS,
    Advice,
    Check,
)


def _advice_html(advice: Advice) -> str:
    parts = []
    if advice.suggestions:
        items = "".join(
            f"<li><b>{html.escape(s.label)}</b>: {html.escape(s.reason)}</li>"
            for s in advice.suggestions
        )
        parts.append(f"<p>Suggested problem area(s):</p><ul>{items}</ul>")
    else:
        parts.append("<p>No problem area can be suggested yet.</p>")
    if advice.notes:
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in advice.notes)
        parts.append(f"<p>Notes:</p><ul>{notes}</ul>")
    return "".join(parts)


CHECK_MARKS = {"ok": "✓ Fine", "warning": "! Think again", "error": "✗ Not allowed"}


def _checks_html(checks: list[Check]) -> str:
    items = "".join(
        f"<li><b>{CHECK_MARKS[c.level]}:</b> {html.escape(c.text)}</li>" for c in checks
    )
    return f"<ul>{items}</ul>"


class ProblemAreaAid(widgets.VBox):
    """Decision aid: answer four questions, see the suggested problem area, check a choice."""

    def __init__(self) -> None:
        self.model = ProblemAreaModel()
        self._questions = {}
        rows = []
        for question in QUESTIONS:
            buttons = widgets.ToggleButtons(
                options=[(label, value) for value, label in ANSWER_LABELS.items()],
                value=None,
                style={"button_width": "8em"},
            )
            buttons.observe(self._on_answer, names="value")
            self._questions[question.id] = buttons
            rows.append(widgets.HTML(f"<p><b>{html.escape(question.text)}</b></p>"))
            rows.append(buttons)
        self._suggest = widgets.Button(
            description="Suggest a problem area", button_style="primary", icon="lightbulb-o"
        )
        self._advice = widgets.HTML()
        self._choices = {
            area: widgets.Checkbox(description=label, indent=False)
            for area, label in PROBLEM_AREAS.items()
        }
        self._check = widgets.Button(description="Check my choice", icon="check")
        self._result = widgets.HTML()
        intro = widgets.HTML(
            "<p>Answer from what you have learned in the timeline and the inventory. The aid "
            "suggests a problem area and explains why; the decision stays yours and the "
            "client's.</p>"
        )
        super().__init__(
            [
                intro,
                *rows,
                self._suggest,
                self._advice,
                widgets.HTML("<p><b>Which problem area(s) will you propose to the client?</b></p>"),
                *self._choices.values(),
                self._check,
                self._result,
            ]
        )
        self.add_class("ipt-problem-area-aid")
        make_readable(self)
        tidy_layout(self)
        for box in self._choices.values():
            box.observe(self._on_choose, names="value")
        self._suggest.on_click(self._on_suggest)
        self._check.on_click(self._on_check)

    def _on_answer(self, _change: Any) -> None:
        self.model.answers = {qid: w.value or "" for qid, w in self._questions.items()}

    def _on_choose(self, _change: Any) -> None:
        self.model.chosen = [area for area, box in self._choices.items() if box.value]

    def _on_suggest(self, _button: Any) -> None:
        self._advice.value = _advice_html(self.model.advice())

    def _on_check(self, _button: Any) -> None:
        self._result.value = _checks_html(self.model.checks())
