"""The interpersonal inventory widget: a form, the closeness circle and a table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.render import render, table_html
from ipt_course.kit.saved import Status
from ipt_course.kit.widgets import (
    Field,
    Form,
    Picture,
    StatusLine,
    apply_theme,
    tidy_layout,
)
from ipt_course.tools.inventory.model import InventoryModel
from ipt_course.tools.inventory.people import (
    CONTACT_OPTIONS,
    RING_LABELS,
    TEXT_FIELDS,
    InventoryError,
    Person,
    inventory_guidance,
    people_count,
)

NEW_PERSON = "(add a new person)"
PERSON_FIELDS = (
    Field("name", "Name or initials", placeholder="e.g. Shirin or S.", wide=True),
    Field("relationship", "Relationship", placeholder="e.g. sister", wide=True),
    Field("ring", "Ring", "dropdown", options=[(label, r) for r, label in RING_LABELS.items()]),
    Field("support", "Support (0-5)", "slider", low=0, high=5),
    Field("conflict", "Conflict (0-5)", "slider", low=0, high=5),
    Field("contact", "Contact", "dropdown",
          options=[("(not recorded)", ""), *[(c, c) for c in CONTACT_OPTIONS]]),
    *[Field(key, label, "textarea", rows=2, wide=True) for key, label in TEXT_FIELDS.items()],
)


class InventoryView(widgets.VBox):
    """The interpersonal inventory widget: a form, the closeness circle and a table.

    Every change is saved at once to ``save_path`` (beside the notebook); the saved inventory is
    loaded again when the notebook is reopened. ``form``, ``status``, ``picture`` and ``table``
    are what the trainee fills in and reads.
    """

    def __init__(self, save_path: str | Path = "my-inventory.json") -> None:
        self.model = InventoryModel(save_path=save_path)
        guidance = inventory_guidance()
        self._pending_confirm = ""

        self.client = widgets.Text(description="Client (centre)", value=self.model.client_label,
                                   placeholder="e.g. Nadia or N.R.", continuous_update=False,
                                   style={"description_width": "16em"})
        self.chooser = widgets.Dropdown(description="Person", options=[NEW_PERSON],
                                        style={"description_width": "16em"})
        self.form = Form(PERSON_FIELDS)
        self._save_person = widgets.Button(description="Add person", button_style="primary",
                                           icon="plus")
        self._remove_person = widgets.Button(description="Remove person", button_style="danger",
                                             icon="trash", disabled=True)
        clear = widgets.Button(description="Clear the form", icon="eraser")
        example = widgets.Button(description="Load the course example", icon="book")
        export = widgets.Button(description="Save the drawing as PNG", icon="image")
        self.status = StatusLine()
        # The circle is taller than wide: at this width it and its button fit a 720 px screen.
        self.picture = Picture(max_width="520px")
        self.table = widgets.HTML(layout=widgets.Layout(width="100%"))

        prompts = widgets.Accordion(
            children=[widgets.HTML(render("tools/inventory/templates/prompts.html.j2",
                                          guidance=guidance))],
            titles=("What to ask about each person",))
        form = widgets.VBox([self.chooser, self.form, widgets.HBox(
            [self._save_person, self._remove_person, clear])])
        tabs = widgets.Tab(
            children=[widgets.VBox([prompts, form]), widgets.VBox([export, self.picture]),
                      self.table],
            titles=("Add or edit a person", "Closeness circle", "Table"),
        )
        help_text = widgets.HTML(render("tools/inventory/templates/help.html.j2",
                                        guidance=guidance))
        super().__init__([help_text, self.client, tabs, widgets.HBox([example]), self.status])
        self.add_class("ipt-inventory")
        apply_theme(self)
        tidy_layout(self)

        self.chooser.observe(self._on_choose, names="value")
        self.client.observe(lambda change: self.model.set_client(change["new"]), names="value")
        self._save_person.on_click(self._on_save)
        self._remove_person.on_click(self._on_remove)
        clear.on_click(lambda _button: self._show_person(None))
        example.on_click(self._on_example)
        export.on_click(self._on_export)
        self.model.observe(self._refresh, names=["people", "client_label"])
        self.model.observe(lambda _change: self.status.show(self.model.status), names="status")
        self._refresh()
        self.status.show(self.model.status)

    # -- model -> view -------------------------------------------------------------------
    def _refresh(self, _change: Any = None) -> None:
        self.client.value = self.model.client_label
        names = [p.name for p in self.model.people]
        current = self.chooser.value
        self.chooser.options = [NEW_PERSON, *names]
        self.chooser.value = current if current in names else NEW_PERSON
        people = list(self.model.people)
        self.picture.show(self.model.closeness_circle_png(), _alt_text(self.model.client_label,
                                                                       people))
        frame = self.model.to_dataframe()
        if frame.empty:
            self.table.value = "<p>No one has been added yet.</p>"
        else:
            self.table.value = (f"<div class='ipt-table-scroll'>{table_html(frame)}</div>")

    def _show_person(self, person: Person | None) -> None:
        if person is None:
            self.chooser.value = NEW_PERSON
        shown = person or Person(name="")
        self.form.fill({key: getattr(shown, key) for key in self.form.controls})
        self._save_person.description = "Add person" if person is None else "Save changes"
        self._remove_person.disabled = person is None
        self._pending_confirm = ""

    def _form_person(self) -> Person:
        return Person(**self.form.values())

    # -- view -> model -------------------------------------------------------------------
    def _on_choose(self, change: dict[str, Any]) -> None:
        if change["new"] == NEW_PERSON:
            self._show_person(None)
        else:
            self._show_person(self.model.get(change["new"]))

    def _on_save(self, _button: Any) -> None:
        try:
            if self.chooser.value == NEW_PERSON:
                self.model.add(self._form_person())
                self._show_person(None)
            else:
                person = self.model.update(self.chooser.value, self._form_person())
                self.chooser.value = person.name
        except InventoryError as error:
            self.model.status = Status(f"Not saved: {error}", "error")

    def _on_remove(self, _button: Any) -> None:
        name = self.chooser.value
        if name == NEW_PERSON:
            return
        if self._pending_confirm != f"remove:{name}":
            self._pending_confirm = f"remove:{name}"
            self.model.status = Status(f"Click 'Remove person' again to remove {name}.",
                                       "warning")
            return
        self.model.remove(name)
        self._show_person(None)

    def _on_example(self, _button: Any) -> None:
        count = len(self.model.people)
        if count and self._pending_confirm != "example":
            self._pending_confirm = "example"
            self.model.status = Status(
                f"The example replaces the {people_count(count)} in your inventory (a copy of "
                "your work is kept in a separate file). Click 'Load the course example' again "
                "to go on.", "warning")
            return
        self.model.load_example()
        self._show_person(None)

    def _on_export(self, _button: Any) -> None:
        try:
            self.model.export_png()
        except OSError as error:
            self.model.status = Status(f"The drawing could not be saved: {error}.", "error")


def _alt_text(client: str, people: list[Person]) -> str:
    """What the closeness circle shows, for screen readers; the table holds the details."""
    if not people:
        return f"Closeness circle for {client}: no one added yet."
    rings = "; ".join(
        f"ring {ring}: {', '.join(p.name for p in people if p.ring == ring) or 'nobody'}"
        for ring in (1, 2, 3))
    return (f"Closeness circle for {client} with {people_count(len(people))} ({rings}). "
            "The Table tab lists each person's details.")
