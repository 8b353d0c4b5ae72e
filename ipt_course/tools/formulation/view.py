"""The formulation widget: the trainee's notes in, a draft to offer the client out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.render import render
from ipt_course.kit.widgets import Field, Form, StatusLine, apply_theme, tidy_layout
from ipt_course.tools.formulation.model import FormulationModel
from ipt_course.tools.formulation.writer import FIELD_LABELS
from ipt_course.tools.problem_area.rules import PROBLEM_AREAS

FIELD_HINTS = {
    "client_name": "e.g. Nadia",
    "diagnosis": "e.g. depression",
    "symptoms": "one per line, e.g. low mood, poor sleep, tearfulness",
    "onset": "e.g. about four months ago",
    "onset_events": "e.g. Rokeya moved in and Imran went on to night shifts",
    "people": "e.g. Imran",
    "link": "e.g. after a row with Imran you go quiet for days and feel lower",
}
_AREAS = [(label, area) for area, label in PROBLEM_AREAS.items()]


def _text(key: str, multiline: bool = False) -> Field:
    return Field(key, FIELD_LABELS[key], "textarea" if multiline else "text",
                 placeholder=FIELD_HINTS[key], wide=True)


NOTE_FIELDS = (
    _text("client_name"),
    _text("diagnosis"),
    _text("symptoms", multiline=True),
    _text("onset"),
    _text("onset_events", multiline=True),
    Field("problem_area", FIELD_LABELS["problem_area"], "dropdown",
          options=[("(choose)", ""), *_AREAS]),
    Field("second_area", FIELD_LABELS["second_area"], "dropdown",
          options=[("(none)", ""), *_AREAS]),
    _text("people"),
    _text("link", multiline=True),
    Field("sessions", FIELD_LABELS["sessions"], "whole", low=1, high=40),
)


class FormulationView(widgets.VBox):
    """Write an interpersonal formulation from the trainee's notes, in words for the client.

    Notes and the edited wording are saved to ``save_path`` (beside the notebook) as they change.
    ``form`` holds the notes, ``draft`` shows what the tool wrote, ``status`` how saving went.
    """

    def __init__(self, save_path: str | Path | None = "my-formulation.json") -> None:
        self.model = FormulationModel(save_path=save_path)
        self.form = Form(NOTE_FIELDS, description_width="18em")
        write = widgets.Button(description="Write the formulation", button_style="primary",
                               icon="pencil")
        self.draft = widgets.HTML()
        self.status = StatusLine()
        self._own_words = widgets.Textarea(
            description="Edit into your own words", rows=12,
            layout=widgets.Layout(width="95%", display="none"),
            style={"description_width": "18em"})
        intro = widgets.HTML(
            "<p>Fill in your notes in plain words. The tool drafts what you might say to the "
            "client; change it to suit your own voice, then check that the client agrees.</p>")
        super().__init__([intro, self.status, self.form, write, self.draft, self._own_words])
        self.add_class("ipt-formulation")
        apply_theme(self)
        tidy_layout(self)
        self.form.fill({key: getattr(self.model.notes, key) for key in self.form.controls})
        self.form.on_change(lambda key, value: self.model.set_note(key, value or ""))
        # The model comes first, so linking shows the saved wording rather than erasing it.
        traitlets.link((self.model, "edited"), (self._own_words, "value"))
        self.model.observe(self._show_own_words, names="edited")
        self.model.observe(lambda _change: self.status.show(self.model.status), names="status")
        write.on_click(self._on_write)
        self.status.show(self.model.status)
        self._show_own_words()
        if self.model.text:
            self._show_draft()

    def _show_own_words(self, _change: Any = None) -> None:
        self._own_words.layout.display = None if self.model.edited else "none"

    def _show_draft(self) -> None:
        model = self.model
        self.draft.value = render(
            "tools/formulation/templates/draft.html.j2", error=model.error,
            paragraphs=model.text.split("\n\n"), kept=model.edits_kept(),
            warnings=model.warnings)

    def _on_write(self, _button: Any) -> None:
        self.model.build()
        self._show_draft()
