"""The interpersonal inventory widget: a form, the closeness circle and a table."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.widgets import make_readable, tidy_layout
from ipt_course.tools.inventory.model import InventoryModel
from ipt_course.tools.inventory.people import (
    CONTACT_OPTIONS,
    RING_LABELS,
    TEXT_FIELDS,
    InventoryError,
    Person,
    _people,
    inventory_guidance,
)

NEW_PERSON = "(add a new person)"
TABLE_STYLE = (
    "<style>.ipt-table {border-collapse: collapse; font-size: 0.95em}"
    " .ipt-table th, .ipt-table td {text-align: left; vertical-align: top;"
    " padding: 4px 8px; border-bottom: 1px solid #d0d7de; line-height: 1.4}"
    " .ipt-table td {min-width: 5em} .ipt-table-scroll {overflow-x: auto; max-width: 100%}"
    # A flex item will not shrink below its content unless told to, so nothing would scroll.
    " .ipt-inventory .widget-html-content {min-width: 0}</style>"
)


class InventoryBuilder(widgets.VBox):
    """The interpersonal inventory widget: a form, the closeness circle and a table.

    Every change is saved at once to ``save_path`` (beside the notebook); the saved inventory is
    loaded again when the notebook is reopened.
    """

    def __init__(self, save_path: str | Path = "my-inventory.json") -> None:
        self.model = InventoryModel(save_path=save_path)
        guidance = inventory_guidance()
        self._pending_confirm = ""

        self._help = widgets.HTML(
            f"<p>{html.escape(guidance['help'])}</p>"
            f"<p><b>{html.escape(guidance['present_focus'])}</b></p>"
        )
        self._client = widgets.Text(
            description="Client (centre)",
            value=self.model.client_label,
            placeholder="e.g. Nadia or N.R.",
            continuous_update=False,
        )
        self._chooser = widgets.Dropdown(description="Person", options=[NEW_PERSON])
        self._name = widgets.Text(description="Name or initials", placeholder="e.g. Shirin or S.")
        self._relationship = widgets.Text(description="Relationship", placeholder="e.g. sister")
        self._ring = widgets.Dropdown(
            description="Ring",
            options=[(label, ring) for ring, label in RING_LABELS.items()],
            value=2,
        )
        self._support = widgets.IntSlider(description="Support (0-5)", min=0, max=5, value=0)
        self._conflict = widgets.IntSlider(description="Conflict (0-5)", min=0, max=5, value=0)
        self._contact = widgets.Dropdown(
            description="Contact",
            options=[("(not recorded)", ""), *[(c, c) for c in CONTACT_OPTIONS]],
        )
        self._texts = {
            key: widgets.Textarea(description=label, rows=2) for key, label in TEXT_FIELDS.items()
        }
        wide = widgets.Layout(width="95%")
        for control in (self._name, self._relationship, *self._texts.values()):
            control.layout = wide
        for control in (
            self._client,
            self._chooser,
            self._name,
            self._relationship,
            self._ring,
            self._support,
            self._conflict,
            self._contact,
            *self._texts.values(),
        ):
            control.style = {"description_width": "16em"}

        self._save_person = widgets.Button(
            description="Add person", button_style="primary", icon="plus"
        )
        self._remove_person = widgets.Button(
            description="Remove person", button_style="danger", icon="trash", disabled=True
        )
        self._clear = widgets.Button(description="Clear the form", icon="eraser")
        self._example = widgets.Button(description="Load the course example", icon="book")
        self._export = widgets.Button(description="Save the drawing as PNG", icon="image")
        self._status = widgets.HTML()
        self._prompts = widgets.HTML(self._prompts_html(guidance))
        self._image = widgets.Image(
            format="png", layout=widgets.Layout(max_width="720px", width="100%")
        )
        self._table = widgets.HTML(layout=widgets.Layout(width="100%"))

        form = widgets.VBox(
            [
                self._chooser,
                self._name,
                self._relationship,
                self._ring,
                self._support,
                self._conflict,
                self._contact,
                *self._texts.values(),
                widgets.HBox([self._save_person, self._remove_person, self._clear]),
            ]
        )
        prompts = widgets.Accordion(
            children=[self._prompts], titles=("What to ask about each person",)
        )
        tabs = widgets.Tab(
            children=[
                widgets.VBox([prompts, form]),
                widgets.VBox([self._image, self._export]),
                self._table,
            ],
            titles=("Add or edit a person", "Closeness circle", "Table"),
        )
        super().__init__(
            [self._help, self._client, tabs, widgets.HBox([self._example]), self._status]
        )
        self.add_class("ipt-inventory")
        make_readable(self)
        tidy_layout(self)

        self._chooser.observe(self._on_choose, names="value")
        self._client.observe(lambda change: self.model.set_client(change["new"]), names="value")
        self._save_person.on_click(self._on_save)
        self._remove_person.on_click(self._on_remove)
        self._clear.on_click(lambda _button: self._show_person(None))
        self._example.on_click(self._on_example)
        self._export.on_click(self._on_export)
        self.model.observe(self._refresh, names=["people", "client_label"])
        self.model.observe(self._show_message, names="message")
        self._refresh()
        self._show_message()

    @staticmethod
    def _prompts_html(guidance: dict[str, Any]) -> str:
        asks = "".join(f"<li>{html.escape(q)}</li>" for q in guidance["prompts"])
        listen = "".join(f"<li>{html.escape(q)}</li>" for q in guidance["listen_for"])
        return (
            f"<p>{html.escape(guidance['present_focus'])}</p><ul>{asks}</ul>"
            f"<p><b>Listen for:</b></p><ul>{listen}</ul>"
        )

    # -- model -> view -------------------------------------------------------------------
    def _refresh(self, _change: Any = None) -> None:
        self._client.value = self.model.client_label
        names = [p.name for p in self.model.people]
        current = self._chooser.value
        self._chooser.options = [NEW_PERSON, *names]
        self._chooser.value = current if current in names else NEW_PERSON
        self._image.value = self.model.closeness_circle_png()
        frame = self.model.to_dataframe()
        if frame.empty:
            self._table.value = "<p>No one has been added yet.</p>"
        else:
            # Nine note columns do not fit beside each other: scroll sideways, never clip.
            self._table.value = (
                TABLE_STYLE
                + "<div class='ipt-table-scroll'>"
                + frame.to_html(
                    index=False, na_rep="", classes="ipt-table", border=0, justify="left"
                )
                + "</div>"
            )

    def _show_message(self, _change: Any = None) -> None:
        self._status.value = f"<p role='status'>{html.escape(self.model.message)}</p>"

    def _show_person(self, person: Person | None) -> None:
        blank = Person(name="")
        shown = person or blank
        if person is None:
            self._chooser.value = NEW_PERSON
        self._name.value = shown.name
        self._relationship.value = shown.relationship
        self._ring.value = shown.ring
        self._support.value = shown.support
        self._conflict.value = shown.conflict
        self._contact.value = shown.contact
        for key, control in self._texts.items():
            control.value = getattr(shown, key)
        self._save_person.description = "Add person" if person is None else "Save changes"
        self._remove_person.disabled = person is None
        self._pending_confirm = ""

    def _form_person(self) -> Person:
        return Person(
            name=self._name.value,
            relationship=self._relationship.value,
            ring=self._ring.value,
            support=self._support.value,
            conflict=self._conflict.value,
            contact=self._contact.value,
            **{key: control.value for key, control in self._texts.items()},
        )

    # -- view -> model -------------------------------------------------------------------
    def _on_choose(self, change: dict[str, Any]) -> None:
        if change["new"] == NEW_PERSON:
            self._show_person(None)
        else:
            self._show_person(self.model.get(change["new"]))

    def _on_save(self, _button: Any) -> None:
        try:
            if self._chooser.value == NEW_PERSON:
                person = self.model.add(self._form_person())
                self._show_person(None)
            else:
                person = self.model.update(self._chooser.value, self._form_person())
                self._chooser.value = person.name
        except InventoryError as error:
            self.model.message = f"Not saved: {error}"

    def _on_remove(self, _button: Any) -> None:
        name = self._chooser.value
        if name == NEW_PERSON:
            return
        if self._pending_confirm != f"remove:{name}":
            self._pending_confirm = f"remove:{name}"
            self.model.message = f"Click 'Remove person' again to remove {name}."
            return
        self.model.remove(name)
        self._show_person(None)

    def _on_example(self, _button: Any) -> None:
        count = len(self.model.people)
        if count and self._pending_confirm != "example":
            self._pending_confirm = "example"
            self.model.message = (
                f"The example replaces the {_people(count)} in your inventory (a copy of your "
                "work is kept in a separate file). Click 'Load the course example' again to go on."
            )
            return
        self.model.load_example()
        self._show_person(None)

    def _on_export(self, _button: Any) -> None:
        try:
            self.model.export_png()
        except OSError as error:
            self.model.message = f"The drawing could not be saved: {error}."
