"""The prolonged grief explorer: a case, the trainee's marks, both systems side by side."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.render import render
from ipt_course.kit.widgets import Field, Form, MessageBox, apply_theme, tidy_layout
from ipt_course.tools.prolonged_grief.criteria import AGE_GROUPS
from ipt_course.tools.prolonged_grief.model import MAX_MONTHS, OWN_CASE, ExplorerModel
from ipt_course.tools.prolonged_grief.rules import MARK_WORDS, SYSTEMS

MARK_OPTIONS = [(words, mark) for mark, words in MARK_WORDS.items()]
STATUS_CLASSES = {"met": "ipt-mark-right", "not_met": "ipt-mark-wrong", "open": "ipt-mark-missed",
                  "unconfirmed": "ipt-mark-fine", "judgement": "ipt-mark-fine"}
STATUS_SYMBOLS = {"met": "✓", "not_met": "✗", "open": "?", "unconfirmed": "–",
                  "judgement": "–"}
OWN_FIELDS = (
    Field("own_name", "Case name (fictional)", placeholder="e.g. a practice case of your own"),
    Field("own_months", "Months since the death", "whole", low=0, high=MAX_MONTHS),
    Field("own_age_group", "Age group", "dropdown",
          options=[(words, key) for key, words in AGE_GROUPS.items()]),
    Field("own_notes", "Your notes", "textarea", rows=4, wide=True,
          placeholder="the story as you know it, and what else might explain it"),
)


class ProlongedGriefView(widgets.VBox):
    """Mark a case's features and see ICD-11 (6B42) and DSM-5-TR worked out side by side.

    ``case`` chooses the case, ``features[id]`` are the marks, ``table``, ``summary`` and
    ``reading`` are what the trainee reads. Nothing is saved.
    """

    def __init__(self) -> None:
        self.model = ExplorerModel()
        criteria = self.model.criteria
        self._showing = False
        self.case = widgets.Dropdown(
            description="Case", style={"description_width": "6em"},
            options=[*[(v.title, v.id) for v in self.model.vignettes.values()],
                     ("Your own practice case", OWN_CASE)],
            layout=widgets.Layout(width="95%", max_width="44em"))
        self.story = widgets.HTML()
        self.own = Form(OWN_FIELDS, description_width="14em")
        self.message = MessageBox()
        self.features = {
            feature.id: widgets.ToggleButtons(
                options=MARK_OPTIONS, value=None, description=feature.label,
                style={"description_width": "15em", "button_width": "7.5em"})
            for feature in criteria.features}
        explained = widgets.Accordion(
            children=[widgets.HTML(render("tools/prolonged_grief/templates/features.html.j2",
                                          features=criteria.features))],
            titles=("What each feature means, and one way to ask",))
        clear = widgets.Button(description="Clear my marks for this case", icon="eraser")
        self.compare = widgets.Button(description="Compare with the course's reading",
                                      icon="balance-scale")
        self.table = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.summary = widgets.HTML()
        self.reading = widgets.HTML()
        header = widgets.HTML(render("tools/prolonged_grief/templates/header.html.j2",
                                     banner=criteria.banner))
        marks = widgets.VBox([widgets.HTML("<p class='ipt-tight'><b>Your marks</b></p>"),
                              explained, *self.features.values(), clear])
        super().__init__([header, self.case, self.story, self.own, self.message, marks, self.table,
                          self.summary, self.compare, self.reading])
        self.add_class("ipt-prolonged-grief")
        apply_theme(self)
        tidy_layout(self)
        for control in self.own.controls.values():
            if isinstance(control, widgets.Text | widgets.Textarea):
                control.continuous_update = False
        self.own.controls["own_notes"].observe(self._notes_changed, names="value")
        for key in ("own_name", "own_months", "own_age_group"):
            traitlets.link((self.model, key), (self.own.controls[key], "value"))
        traitlets.link((self.model, "case_id"), (self.case, "value"))
        for feature_id, toggle in self.features.items():
            toggle.observe(lambda change, feature_id=feature_id: self._marked(feature_id, change),
                           names="value")
        clear.on_click(lambda _b: self.model.clear_marks())
        self.compare.on_click(lambda _b: setattr(self.model, "show_reading",
                                                 not self.model.show_reading))
        self.model.observe(self._case_changed, names="case_id")
        self.model.observe(self._refresh, names=["marks", "own_name", "own_months",
                                                 "own_age_group", "show_reading"])
        self._case_changed()

    def _notes_changed(self, change: dict[str, Any]) -> None:
        try:
            self.model.own_notes = change["new"]
        except traitlets.TraitError as error:
            self.message.show("error", "Your notes were not kept",
                              [f"{error} They are still in the box."])
            return
        self.message.clear()

    def _marked(self, feature_id: str, change: dict[str, Any]) -> None:
        if not self._showing:
            self.model.mark(feature_id, change["new"])

    def _case_changed(self, _change: Any = None) -> None:
        own = self.model.vignette is None
        self.own.layout.display = "" if own else "none"
        self.model.show_reading = False
        self._refresh()

    def _refresh(self, _change: Any = None) -> None:
        model = self.model
        marks = model.current_marks()
        self._showing = True
        try:
            for feature_id, toggle in self.features.items():
                toggle.value = marks.get(feature_id)
        finally:
            self._showing = False
        case = model.case()
        self.story.value = render("tools/prolonged_grief/templates/case.html.j2",
                                  vignette=model.vignette, case=case,
                                  age_group=AGE_GROUPS[case.age_group])
        self.table.value = render(
            "tools/prolonged_grief/templates/table.html.j2", case=case, results=model.results(),
            systems=SYSTEMS, titles={s: model.criteria.systems[s].title for s in SYSTEMS},
            classes=STATUS_CLASSES, symbols=STATUS_SYMBOLS, other=model.other_explanations())
        self.summary.value = render("tools/prolonged_grief/templates/summary.html.j2",
                                    case=case, summaries=model.summaries(),
                                    banner=model.criteria.banner)
        self.compare.description = ("Hide the course's reading" if model.show_reading
                                    else "Compare with the course's reading")
        self.reading.value = render(
            "tools/prolonged_grief/templates/reading.html.j2", comparison=model.comparison(),
            marks=MARK_WORDS, supervision=getattr(model.vignette, "supervision", ""),
        ) if model.show_reading else ""
