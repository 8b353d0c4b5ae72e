"""The balance sheet widget: name the roles, add entries, see the picture and the table."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.render import render
from ipt_course.kit.saved import Status
from ipt_course.kit.widgets import (
    Field,
    Form,
    ListEditor,
    Picture,
    StatusLine,
    apply_theme,
    tidy_layout,
)
from ipt_course.tools.transition_balance.drawing import balance_alt_text
from ipt_course.tools.transition_balance.model import NAMES, BalanceModel
from ipt_course.tools.transition_balance.sheet import (
    SIDES,
    BalanceError,
    make_entry,
    wording,
)

WIDTH = "12em"
PICTURE = "Picture"


def name_fields() -> tuple[Field, ...]:
    """The client's name and the two roles."""
    sides = wording().sides
    return (Field("client", "Client (first name)", placeholder="e.g. Jess"),
            Field("old_role", sides["old"].label, placeholder=sides["old"].placeholder,
                  wide=True),
            Field("new_role", sides["new"].label, placeholder=sides["new"].placeholder,
                  wide=True))


ENTRY_FIELDS = (
    Field("side", "Column", "dropdown", options=list(SIDES)),
    Field("section", "Row", "dropdown", options=[s.id for s in wording().sections]),
    Field("text", "Entry", "textarea", rows=2, wide=True),
)


def table_html(model: BalanceModel) -> str:
    """The sheet as a table: a row per section, a column per role, every entry escaped."""
    words = wording()
    roles = {"old": model.old_role, "new": model.new_role}
    headings = [{"label": words.sides[side].label, "role": roles[side]} for side in SIDES]
    rows = [{"label": section.label,
             "cells": [{"qualifier": section.side(side).qualifier,
                        "entries": [e.text for e in model.entries
                                    if e.section == section.id and e.side == side]}
                       for side in SIDES]}
            for section in words.sections]
    return render("tools/transition_balance/templates/table.html.j2", headings=headings,
                  rows=rows, empty=words.picture.empty)


class TransitionBalanceView(widgets.VBox):
    """Set a client's old role beside the new one; saved as it changes, the picture as PNG.

    ``names`` holds the client and the two roles; ``entries`` is the list editor (its form is
    ``entry``); ``picture``, ``table`` and ``review`` are what the trainee reads; ``status``
    says how saving went.
    """

    def __init__(self, save_path: str | Path | None = "my-transition-balance.json") -> None:
        self.model = BalanceModel(save_path=save_path)
        self._pending_new = False
        self.names = Form(name_fields(), description_width=WIDTH)
        self.entry = Form(ENTRY_FIELDS, description_width=WIDTH)
        # Each name is saved when it changes, so only a finished one is sent. The entry box
        # stays continuous: its prompt changes with the row, and ipywidgets redraws a box from
        # the value it last received, which would wipe words not yet sent.
        for control in self.names.controls.values():
            control.continuous_update = False
        self.entries = ListEditor([self.entry], "Entries", "Add to the sheet")
        self.picture = Picture(max_width="960px")
        self.table = widgets.HTML()
        self.review = widgets.HTML()
        self.status = StatusLine()
        export = widgets.Button(description="Save the picture as PNG", icon="image")
        new_sheet = widgets.Button(description="Start a new sheet", icon="file-o")
        self._tabs = widgets.Tab(children=[self.entries, widgets.VBox([self.picture, export]),
                                           self.table],
                                 titles=("Add or edit entries", PICTURE, "Table"))
        self._picture_stale = True
        header = widgets.HTML(render("tools/transition_balance/templates/intro.html.j2",
                                     words=wording(), file=self.model.save_path.name
                                     if self.model.save_path else ""))
        super().__init__([header, self.names, self._tabs, self.review, new_sheet, self.status])
        self.add_class("ipt-transition-balance")
        apply_theme(self)
        tidy_layout(self)

        self.names.on_change(self._on_name)
        self.entry.controls["side"].observe(lambda _change: self._label_rows(), names="value")
        self.entry.controls["section"].observe(lambda _change: self._prompt(), names="value")
        self.entries.on_action(self._on_action)
        self.entries.on_select(self._on_select)
        export.on_click(lambda _button: self._on_export())
        self._tabs.observe(lambda _change: self._show_picture(), names="selected_index")
        new_sheet.on_click(lambda _button: self._on_new_sheet())
        self.model.observe(self._refresh, names=["client", "old_role", "new_role", "entries"])
        self.model.observe(self._show_review, names="review")
        self.model.observe(lambda _change: self.status.show(self.model.status), names="status")
        self._refresh()
        self._show_review()
        self.status.show(self.model.status)

    # -- model -> view -------------------------------------------------------------------
    def _refresh(self, _change: Any = None) -> None:
        model = self.model
        self.names.fill({key: getattr(model, key) for key in NAMES})
        self._label_columns()
        self.entries.show_entries([entry.describe() for entry in model.entries])
        self.table.value = table_html(model)
        self._picture_stale = True
        self._show_picture()

    def _show_picture(self) -> None:
        # Drawing takes a moment, so the picture is drawn only when its tab is open.
        if not self._picture_stale or self._tabs.titles[self._tabs.selected_index] != PICTURE:
            return
        model = self.model
        self.picture.show(model.png(), balance_alt_text(model.client, model.old_role,
                                                        model.new_role, list(model.entries)))
        self._picture_stale = False

    def _show_review(self, _change: Any = None) -> None:
        self.review.value = render("tools/transition_balance/templates/review.html.j2",
                                   review=self.model.review)

    def _label_columns(self) -> None:
        sides = wording().sides
        roles = {"old": self.model.old_role, "new": self.model.new_role}
        _relabel(self.entry.controls["side"],
                 [(f"{sides[s].label}: {roles[s]}" if roles[s] else sides[s].label, s)
                  for s in SIDES])
        self._label_rows()

    def _label_rows(self) -> None:
        side = self.entry.controls["side"].value
        _relabel(self.entry.controls["section"],
                 [(section.choice_label(side), section.id) for section in wording().sections])
        self._prompt()

    def _prompt(self) -> None:
        controls = self.entry.controls
        section = wording().section(controls["section"].value)
        controls["text"].placeholder = section.side(controls["side"].value).prompt

    # -- view -> model -------------------------------------------------------------------
    def _on_name(self, key: str, value: Any) -> None:
        self._pending_new = False
        self.model.set_name(key, value or "")

    def _on_select(self, index: int) -> None:
        entry = self.model.entries[index]
        self.entry.fill({"side": entry.side, "section": entry.section, "text": entry.text})

    def _on_action(self, action: str, selected: int | None) -> None:
        self._pending_new = False
        values = self.entry.values()
        if action != "add" and selected is None:
            self.model.status = Status("Pick an entry from the list first.", "warning")
            return
        text = self.entry.controls["text"]
        try:
            if action == "delete":
                self.model.delete(selected)
                return
            entry = make_entry(values["side"], values["section"], values["text"])
            # Emptied before the sheet changes, so the box is clear by the time "Added" shows.
            text.value = ""
            if action == "add":
                self.model.add(entry)
            else:
                self.model.update(selected, entry)
        except BalanceError as error:
            text.value = values["text"]
            self.model.status = Status(str(error), "warning")

    def _on_export(self) -> None:
        with contextlib.suppress(OSError):
            self.export_png()

    def export_png(self, folder: str | Path | None = None) -> Path:
        """Save the picture as a PNG beside the notebook (never over an earlier one)."""
        try:
            return self.model.export_png(folder)
        except OSError as error:
            self.model.status = Status(f"The picture could not be saved: "
                                       f"{error.strerror or error}.", "error")
            raise

    def _on_new_sheet(self) -> None:
        model = self.model
        if (model.entries or model.old_role or model.new_role) and not self._pending_new:
            self._pending_new = True
            model.status = Status("A new sheet clears this one (a copy is kept beside it). "
                                  "Press “Start a new sheet” again to go on.", "warning")
            return
        self._pending_new = False
        try:
            model.new_sheet()
        except OSError as error:
            model.status = Status(f"No copy of your sheet could be kept "
                                  f"({error.strerror or error}), so it has been left as it is.",
                                  "error")


def _relabel(dropdown: widgets.Dropdown, options: list[tuple[str, str]]) -> None:
    """Give ``dropdown`` new labels for the same values, keeping the one chosen."""
    if list(dropdown.options) == options:
        return
    chosen = dropdown.value
    dropdown.options = options
    dropdown.value = chosen
