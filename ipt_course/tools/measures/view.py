"""The practice scorers: one row of 0-3 buttons per item and a live result panel."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ipt_course.kit.render import escape, render
from ipt_course.kit.widgets import apply_theme
from ipt_course.tools.measures.model import MeasureModel
from ipt_course.tools.measures.panels import result_html, risk_flag_html, standing_note_html
from ipt_course.tools.measures.scales import GAD7, PHQ9, Measure

TEMPLATES = "tools/measures/templates"


class MeasureView(widgets.VBox):
    """A practice form: one row of 0-3 buttons per item, with a live result panel.

    ``item_buttons`` holds each item's row of answers, in item order (the item's wording above
    a row is its label); ``result_text`` is everything the result panels show.
    """

    def __init__(self, measure: Measure) -> None:
        self.model = MeasureModel(measure)
        self.item_buttons: list[widgets.ToggleButtons] = []
        rows: list[widgets.Widget] = []
        for number, text in enumerate(measure.items, start=1):
            buttons = widgets.ToggleButtons(
                options=[(f"{r.score} {r.label}", r.score) for r in measure.responses],
                value=None, style=widgets.ToggleButtonsStyle(button_width="auto"),
                tooltips=[r.label for r in measure.responses])
            buttons.observe(self._on_answer, "value")
            self.item_buttons.append(buttons)
            rows.append(widgets.VBox([widgets.HTML(f"<b>{number}.</b> {escape(text)}"), buttons],
                                     layout=widgets.Layout(margin="0 0 0.6em 0")))
        clear = widgets.Button(description="Clear all answers", icon="eraser",
                               layout=widgets.Layout(width="auto"))
        clear.on_click(lambda _button: self.clear())
        self._result = widgets.HTML()
        self._risk = widgets.HTML()
        self._standing = widgets.HTML(standing_note_html() if measure.risk_item else "")
        self._difficulty: widgets.Dropdown | None = None
        extra: list[widgets.Widget] = []
        if measure.difficulty is not None:
            self._difficulty = widgets.Dropdown(
                options=[("(not answered)", ""), *[(t, t) for t in measure.difficulty.options]],
                value="", description="Difficulty", layout=widgets.Layout(width="26em"))
            extra = [widgets.VBox([
                widgets.HTML(f"<i>Not scored:</i> {escape(measure.difficulty.question)}"),
                self._difficulty])]
        header = widgets.HTML(render(f"{TEMPLATES}/header.html.j2", measure=measure))
        footer = widgets.HTML(render(f"{TEMPLATES}/footer.html.j2", measure=measure))
        super().__init__([header, *rows, *extra, widgets.HBox([clear]), self._risk,
                          self._result, self._standing, footer])
        self.add_class(f"ipt-{measure.key}-scorer")
        self.add_class("ipt-measure-scorer")
        apply_theme(self)
        self.model.observe(self._refresh, "answers")
        self._refresh()

    def _on_answer(self, _change: dict[str, Any]) -> None:
        self.model.answers = [buttons.value for buttons in self.item_buttons]

    def clear(self) -> None:
        """Reset every item to unanswered."""
        for buttons in self.item_buttons:
            buttons.value = None
        if self._difficulty is not None:
            self._difficulty.value = ""
        self.model.clear()

    def set_answers(self, answers: list[int | None]) -> None:
        """Fill the form (e.g. with a vignette's answers)."""
        for buttons, answer in zip(self.item_buttons, answers, strict=True):
            buttons.value = answer

    def _refresh(self, _change: dict[str, Any] | None = None) -> None:
        self._result.value = result_html(self.model)
        self._risk.value = (
            risk_flag_html(self.model.risk_item_score) if self.model.risk_flag else "")

    @property
    def result_text(self) -> str:
        """Everything the result panels currently show, as HTML (for tests and screenshots)."""
        return self._risk.value + self._result.value + self._standing.value


class PHQ9View(MeasureView):
    """PHQ-9 practice scorer with the item 9 risk flag and the standing item 9 caveat."""

    def __init__(self) -> None:
        super().__init__(PHQ9)


class GAD7View(MeasureView):
    """GAD-7 practice scorer."""

    def __init__(self) -> None:
        super().__init__(GAD7)
