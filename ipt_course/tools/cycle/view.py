"""The symptom cycle widget: pick a symptom, step round, reveal where IPT breaks in."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.render import box_html, escape, figure_png, render
from ipt_course.kit.vocabulary import technique_label
from ipt_course.kit.widgets import Picture, apply_theme
from ipt_course.tools.cycle.content import (
    IPT_STEP,
    STEP_KEYS,
    STEP_TITLES,
    CycleExample,
    load_cycle_content,
)
from ipt_course.tools.cycle.drawing import cycle_figure
from ipt_course.tools.cycle.model import CycleModel


class CycleView(widgets.VBox):
    """Pick a symptom, step round the cycle, then reveal where IPT breaks it.

    ``picture`` is the diagram and ``text`` the same steps written out.
    """

    def __init__(self) -> None:
        intro, examples = load_cycle_content()
        self.model = CycleModel(examples)
        symptom = widgets.Dropdown(options=[(example.label, example.id) for example in examples],
                                   value=self.model.symptom_id, description="Symptom",
                                   layout=widgets.Layout(width="26em"))
        traitlets.link((self.model, "symptom_id"), (symptom, "value"))
        auto = widgets.Layout(width="auto")
        self._next = widgets.Button(description="Next step", button_style="primary",
                                    icon="arrow-right", layout=auto)
        show_all = widgets.Button(description="Show where IPT breaks the cycle", icon="scissors",
                                  layout=auto)
        restart = widgets.Button(description="Start again", icon="undo", layout=auto)
        self._next.on_click(lambda _b: self.model.next_step())
        show_all.on_click(lambda _b: self.model.show_all())
        restart.on_click(lambda _b: setattr(self.model, "step", 1))
        self.picture = Picture(max_width="900px")
        self.text = widgets.HTML()
        header = widgets.HTML("<h3 class='ipt-heading'>The symptom–relationship cycle</h3>"
                              f"<p class='ipt-tight'>{escape(intro)}</p>")
        super().__init__([header, symptom, widgets.HBox([self._next, show_all, restart]),
                          self.picture, self.text])
        self.add_class("ipt-symptom-cycle")
        apply_theme(self)
        self.model.observe(self._refresh, ["symptom_id", "step"])
        self._refresh()

    def _refresh(self, _change: dict[str, Any] | None = None) -> None:
        example, step = self.model.example, self.model.step
        self._next.disabled = step >= IPT_STEP
        self.picture.show(figure_png(cycle_figure(example, step), dpi=100),
                          cycle_alt_text(example, step))
        self.text.value = cycle_text_html(example, step)


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
    shown = min(step, len(STEP_KEYS))
    steps = [(STEP_TITLES[i], example.step_text(i + 1)) for i in range(shown)]
    html_text = render("tools/cycle/templates/steps.html.j2", steps=steps,
                       revealed=step >= IPT_STEP)
    if step < IPT_STEP:
        return html_text
    where = (
        "between the symptom and what happens with other people"
        if example.breaks_at == "interpersonal"
        else "between what happens with other people and mood"
    )
    techniques = ", ".join(technique_label(t).lower() for t in example.techniques)
    body = render("tools/cycle/templates/break.html.j2", example=example, where=where,
                  techniques=techniques)
    return html_text + box_html("ok", "Where IPT breaks the cycle", body, role="status")
