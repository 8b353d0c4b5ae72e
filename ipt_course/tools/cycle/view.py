"""The symptom cycle widget: pick a symptom, step round, reveal where IPT breaks in."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ipt_course.kit.render import SIGNPOSTING_HTML, box_html, escape, figure_png
from ipt_course.kit.widgets import Picture
from ipt_course.tools.cycle.content import (
    IPT_STEP,
    STEP_KEYS,
    STEP_TITLES,
    TECHNIQUE_NAMES,
    CycleExample,
    load_cycle_content,
)
from ipt_course.tools.cycle.drawing import cycle_figure
from ipt_course.tools.cycle.model import CycleModel


class SymptomCycle(widgets.VBox):
    """Pick a symptom, step round the cycle, then reveal where IPT breaks it."""

    def __init__(self) -> None:
        intro, examples = load_cycle_content()
        self.model = CycleModel(examples)
        self._symptom = widgets.Dropdown(
            options=[(example.label, example.id) for example in examples],
            value=self.model.symptom_id,
            description="Symptom",
            layout=widgets.Layout(width="26em"),
        )
        self._symptom.observe(self._on_symptom, "value")
        self._next = widgets.Button(
            description="Next step",
            button_style="primary",
            icon="arrow-right",
            layout=widgets.Layout(width="auto"),
        )
        self._all = widgets.Button(
            description="Show where IPT breaks the cycle",
            icon="scissors",
            layout=widgets.Layout(width="auto"),
        )
        self._restart = widgets.Button(
            description="Start again", icon="undo", layout=widgets.Layout(width="auto")
        )
        self._next.on_click(lambda _b: self.model.next_step())
        self._all.on_click(lambda _b: self.model.show_all())
        self._restart.on_click(lambda _b: setattr(self.model, "step", 1))
        self._diagram = Picture(max_width="900px")
        self._text = widgets.HTML()
        header = widgets.HTML(
            "<h3 style='margin:0.2em 0'>The symptom–relationship cycle</h3>"
            f"<p style='margin:0.2em 0'>{escape(intro)}</p>"
        )
        super().__init__(
            [
                header,
                self._symptom,
                widgets.HBox([self._next, self._all, self._restart]),
                self._diagram,
                self._text,
            ]
        )
        self.add_class("ipt-symptom-cycle")
        self.model.observe(self._refresh, ["symptom_id", "step"])
        self._refresh()

    def _on_symptom(self, change: dict[str, Any]) -> None:
        self.model.symptom_id = change["new"]

    def _refresh(self, _change: dict[str, Any] | None = None) -> None:
        example, step = self.model.example, self.model.step
        self._next.disabled = step >= IPT_STEP
        self._diagram.show(figure_png(cycle_figure(example, step), dpi=100),
                           cycle_alt_text(example, step))
        self._text.value = cycle_text_html(example, step)


def cycle_alt_text(example: CycleExample, step: int) -> str:
    """A short description of the diagram for screen readers; the full text follows it."""
    shown = min(step, len(STEP_KEYS))
    text = (f"Cycle diagram for {example.label.lower()}: {shown} of {len(STEP_KEYS)} steps "
            "shown")
    if step >= IPT_STEP:
        text += ", with the point where the IPT move interrupts the cycle marked"
    return text + ". The same steps are written out below the diagram."


def cycle_text_html(example: CycleExample, step: int) -> str:
    """The revealed steps as text (what a screen reader or a trainer reads out)."""
    items = "".join(
        f"<li><b>{escape(STEP_TITLES[index])}.</b> {escape(example.step_text(index + 1))}</li>"
        for index in range(min(step, len(STEP_KEYS)))
    )
    html_text = f"<ol style='margin:0.3em 0 0.3em 1.2em;padding:0'>{items}</ol>"
    if step < IPT_STEP:
        html_text += (
            "<p style='color:#555;margin:0.2em 0'>Before going on: where would you "
            "step in, and how?</p>"
        )
        return html_text
    where = (
        "between the symptom and what happens with other people"
        if example.breaks_at == "interpersonal"
        else "between what happens with other people and mood"
    )
    techniques = ", ".join(TECHNIQUE_NAMES[t] for t in example.techniques)
    body = (
        f"<p style='margin:0.3em 0'>{escape(example.ipt_move)}</p>"
        f"<p style='margin:0.3em 0'>This interrupts the cycle {escape(where)}. "
        f"Techniques: {escape(techniques)}.</p>"
    )
    if example.touches_risk:
        body += SIGNPOSTING_HTML
    return html_text + box_html("ok", "Where IPT breaks the cycle", body, role="status")
