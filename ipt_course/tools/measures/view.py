"""The practice scorers: one row of 0-3 buttons per item and a live result panel."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ipt_course.kit.render import escape
from ipt_course.kit.widgets import make_readable
from ipt_course.tools.measures.model import ScoreSheet
from ipt_course.tools.measures.panels import (
    bands_html,
    result_html,
    risk_flag_html,
    standing_note_html,
)
from ipt_course.tools.measures.scales import (
    GAD7,
    PHQ9,
    PHQ9_DIFFICULTY_OPTIONS,
    PHQ9_DIFFICULTY_QUESTION,
    RESPONSES,
    Measure,
)

# The default pressed look of a toggle button is a slightly darker grey, too faint to check a
# completed form at a glance.
_SELECTED_ANSWER_CSS = """<style>
.ipt-measure-scorer .widget-toggle-button.mod-active,
.ipt-measure-scorer .jupyter-widget-toggle-button.mod-active {
  background-color: #1f4e79; color: #ffffff; font-weight: bold;
}
</style>"""


class MeasureScorer(widgets.VBox):
    """A practice form: one row of 0-3 buttons per item, with a live result panel."""

    def __init__(self, measure: Measure) -> None:
        self.model = ScoreSheet(measure)
        self._buttons: list[widgets.ToggleButtons] = []
        rows: list[widgets.Widget] = []
        for number, text in enumerate(measure.items, start=1):
            buttons = widgets.ToggleButtons(
                options=[(f"{score} {label}", score) for score, label in RESPONSES],
                value=None,
                style=widgets.ToggleButtonsStyle(button_width="auto"),
                tooltips=[label for _score, label in RESPONSES],
            )
            buttons.observe(self._on_answer, "value")
            self._buttons.append(buttons)
            rows.append(
                widgets.VBox(
                    [
                        widgets.HTML(f"<b>{number}.</b> {escape(text)}"),
                        buttons,
                    ],
                    layout=widgets.Layout(margin="0 0 0.6em 0"),
                )
            )
        self._clear = widgets.Button(
            description="Clear all answers", icon="eraser", layout=widgets.Layout(width="auto")
        )
        self._clear.on_click(lambda _button: self.clear())
        self._result = widgets.HTML()
        self._risk = widgets.HTML()
        self._standing = widgets.HTML(standing_note_html() if measure.key == "phq9" else "")
        header = widgets.HTML(
            f"{_SELECTED_ANSWER_CSS}"
            f"<h3 style='margin:0.2em 0'>{escape(measure.name)} practice scorer</h3>"
            f"<p style='margin:0.2em 0'>{escape(measure.stem)}</p>"
            "<p style='margin:0.2em 0;color:#444'>For practice with a fictional client: do not "
            "enter anything that identifies a real person.</p>"
        )
        extra: list[widgets.Widget] = []
        if measure.key == "phq9":
            self._difficulty = widgets.Dropdown(
                options=[
                    ("(not answered)", ""),
                    *[(text, text) for text in PHQ9_DIFFICULTY_OPTIONS],
                ],
                value="",
                description="Difficulty",
                layout=widgets.Layout(width="26em"),
            )
            extra = [
                widgets.VBox(
                    [
                        widgets.HTML(f"<i>Not scored:</i> {escape(PHQ9_DIFFICULTY_QUESTION)}"),
                        self._difficulty,
                    ]
                )
            ]
        footer = widgets.HTML(
            f"<p style='color:#444;font-size:0.9em'>Bands: {bands_html(measure)}. "
            f"{' '.join(escape(note) for note in measure.notes)}<br>"
            f"Source: {escape(measure.citation)}</p>"
        )
        super().__init__(
            [
                header,
                *rows,
                *extra,
                widgets.HBox([self._clear]),
                self._risk,
                self._result,
                self._standing,
                footer,
            ]
        )
        self.add_class(f"ipt-{measure.key}-scorer")
        self.add_class("ipt-measure-scorer")
        make_readable(self)
        self.model.observe(self._refresh, "answers")
        self._refresh()

    def _on_answer(self, _change: dict[str, Any]) -> None:
        self.model.answers = [buttons.value for buttons in self._buttons]

    def clear(self) -> None:
        """Reset every item to unanswered."""
        for buttons in self._buttons:
            buttons.value = None
        if self.model.measure.key == "phq9":
            self._difficulty.value = ""
        self.model.clear()

    def set_answers(self, answers: list[int | None]) -> None:
        """Fill the form (e.g. with a vignette's answers)."""
        for buttons, answer in zip(self._buttons, answers, strict=True):
            buttons.value = answer

    def _refresh(self, _change: dict[str, Any] | None = None) -> None:
        self._result.value = result_html(self.model)
        self._risk.value = (
            risk_flag_html(self.model.risk_item_score) if self.model.risk_flag else ""
        )

    @property
    def result_text(self) -> str:
        """Everything the result panels currently show, as HTML (for tests and screenshots)."""
        return self._risk.value + self._result.value + self._standing.value


class PHQ9Scorer(MeasureScorer):
    """PHQ-9 practice scorer with the item 9 risk flag and the standing item 9 caveat."""

    def __init__(self) -> None:
        super().__init__(PHQ9)


class GAD7Scorer(MeasureScorer):
    """GAD-7 practice scorer."""

    def __init__(self) -> None:
        super().__init__(GAD7)
