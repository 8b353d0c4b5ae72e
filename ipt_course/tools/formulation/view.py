"""The formulation widget: the trainee's notes in, a draft to offer the client out."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.widgets import make_readable, tidy_layout
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


class FormulationBuilder(widgets.VBox):
    """Write an interpersonal formulation from the trainee's notes, in words for the client.

    Notes and the edited wording are saved to ``save_path`` (beside the notebook) as they change.
    """

    def __init__(self, save_path: str | Path | None = "my-formulation.json") -> None:
        self.model = FormulationModel(save_path=save_path)
        self._fields: dict[str, Any] = {}
        wide = widgets.Layout(width="95%")
        style = {"description_width": "18em"}
        for key, hint in FIELD_HINTS.items():
            multiline = key in ("symptoms", "onset_events", "link")
            factory = widgets.Textarea if multiline else widgets.Text
            control = factory(
                description=FIELD_LABELS[key], placeholder=hint, layout=wide, style=style
            )
            self._fields[key] = control
        area_options = [("(choose)", ""), *[(label, a) for a, label in PROBLEM_AREAS.items()]]
        self._fields["problem_area"] = widgets.Dropdown(
            description=FIELD_LABELS["problem_area"], options=area_options, style=style
        )
        self._fields["second_area"] = widgets.Dropdown(
            description=FIELD_LABELS["second_area"],
            options=[("(none)", ""), *area_options[1:]],
            style=style,
        )
        self._fields["sessions"] = widgets.BoundedIntText(
            description=FIELD_LABELS["sessions"], value=16, min=1, max=40, style=style
        )
        order = [
            "client_name",
            "diagnosis",
            "symptoms",
            "onset",
            "onset_events",
            "problem_area",
            "second_area",
            "people",
            "link",
            "sessions",
        ]
        self._write = widgets.Button(
            description="Write the formulation", button_style="primary", icon="pencil"
        )
        self._output = widgets.HTML()
        self._saved = widgets.HTML()
        self._editable = widgets.Textarea(
            description="Edit into your own words",
            rows=12,
            layout=widgets.Layout(width="95%", display="none"),
            style={"description_width": "18em"},
        )
        intro = widgets.HTML(
            "<p>Fill in your notes in plain words. The tool drafts what you might say to the "
            "client; change it to suit your own voice, then check that the client agrees.</p>"
        )
        super().__init__(
            [
                intro,
                self._saved,
                *[self._fields[k] for k in order],
                self._write,
                self._output,
                self._editable,
            ]
        )
        self.add_class("ipt-formulation")
        make_readable(self)
        tidy_layout(self)
        for key, control in self._fields.items():
            control.value = getattr(self.model.notes, key)
            control.observe(self._sync(key), names="value")
        self._editable.observe(self._on_edit, names="value")
        self.model.observe(self._show_edited, names="edited")
        self.model.observe(self._show_saved, names="save_status")
        self._write.on_click(self._on_write)
        self._show_saved()
        self._show_edited()
        if self.model.text:
            self._show_draft()

    def _sync(self, key: str) -> Any:
        def update(change: dict[str, Any]) -> None:
            self.model.set_note(key, change["new"] or "")

        return update

    def _on_edit(self, change: dict[str, Any]) -> None:
        self.model.set_edited(change["new"])

    def _show_edited(self, _change: Any = None) -> None:
        self._editable.value = self.model.edited
        self._editable.layout.display = None if self.model.edited else "none"

    def _show_saved(self, _change: Any = None) -> None:
        status = self.model.save_status
        role = "alert" if "could not" in status else "status"
        self._saved.value = f"<p role='{role}'><i>{html.escape(status)}</i></p>" if status else ""

    def _warnings_html(self) -> str:
        warnings = "".join(f"<li>{html.escape(w)}</li>" for w in self.model.warnings)
        return f"<p><b>Things to think about:</b></p><ul>{warnings}</ul>" if warnings else ""

    def _show_draft(self) -> None:
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in self.model.text.split("\n\n"))
        kept = ""
        if self.model.edits_kept():
            kept = (
                "<p><b>Your own wording below has been kept as it was.</b> Copy from this new "
                "draft anything you want to use.</p>"
            )
        self._output.value = (
            "<div style='border-left: 4px solid #1F3A5F; padding-left: 1em'>"
            f"{paragraphs}</div>{kept}{self._warnings_html()}"
        )

    def _on_write(self, _button: Any) -> None:
        if not self.model.build():
            self._output.value = (
                f"<p role='alert'><b>Not yet:</b> {html.escape(self.model.error)}</p>"
                f"{self._warnings_html()}"
            )
            return
        self._show_draft()
