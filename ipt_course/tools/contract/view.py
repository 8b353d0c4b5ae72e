"""The contract widget: fill in what was agreed, preview and save the contract."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.render import escape, markdown_html, render
from ipt_course.kit.widgets import Field, Form, apply_theme, tidy_layout
from ipt_course.tools.contract.model import ContractModel

BREAKS_HINT = ("one per line: a date in the week, or a range, with a reason if you like, e.g. "
               "16/02/2026: my leave, or 30/03/2026 to 10/04/2026: Easter")
WHEN_FIELDS = (
    Field("client_name", "Client", placeholder="e.g. Nadia"),
    Field("therapist_name", "Therapist", placeholder="your name"),
    Field("therapist_role", "Therapist's role"),
    Field("sessions", "Number of sessions", "whole", low=1, high=40),
    Field("session_minutes", "Minutes per session", "whole", low=15, high=120),
    Field("start_date", "First session", "date"),
    Field("session_time", "Time (24-hour)", placeholder="e.g. 14:30"),
    Field("place", "Where", placeholder="e.g. by video, or clinic room 2", wide=True),
    Field("breaks", "Planned breaks (weeks with no session)", "textarea",
          placeholder=BREAKS_HINT, rows=2, wide=True),
)
WHAT_FIELDS = (
    Field("focus", "Agreed focus", wide=True,
          placeholder="e.g. the disagreements with Imran about the nights and his mum"),
    Field("goals", "Goals (one per line)", "textarea", rows=3, wide=True),
    Field("missed_sessions", "Missed or cancelled sessions", "textarea", rows=4, wide=True),
    Field("between_sessions", "Between sessions and risk plan", "textarea", rows=5, wide=True),
    Field("ending", "At the end", "textarea", rows=5, wide=True),
    Field("supervision", "Discussed in supervision", "checkbox"),
    Field("recording", "Sessions recorded (with consent)", "checkbox"),
)
LINE_LISTS = ("goals", "breaks")
SCHEDULE_KEYS = ("sessions", "start_date", "breaks")


class ContractView(widgets.VBox):
    """Fill in what was agreed; preview and save a plain-English IPT contract.

    ``end_date`` shows when the last session falls as the dates change; ``preview`` the
    contract; ``status`` what happened last and anything to check with a supervisor.
    """

    def __init__(self, save_path: str | Path = "my-contract.md") -> None:
        self.model = ContractModel(save_path=save_path)
        when, what = Form(WHEN_FIELDS), Form(WHAT_FIELDS)
        details = self.model.details
        for form in (when, what):
            form.fill({key: value for key, value in vars(details).items()
                       if key in form.controls and key not in LINE_LISTS})
            form.on_change(self._on_change)
        self.end_date = widgets.HTML()
        preview = widgets.Button(description="Preview the contract", button_style="primary",
                                 icon="eye")
        save = widgets.Button(description="Save the contract", icon="save")
        self.status = widgets.HTML()
        self.preview = widgets.HTML()
        intro = widgets.HTML(
            "<p>Fill in what you and the client have agreed. The end date is worked out from "
            "the first session, the number of weekly sessions and any planned breaks (weeks "
            "with no session, such as your leave or a bank holiday). Saving never overwrites an "
            "earlier contract: a new file is made beside this notebook.</p>")
        super().__init__([intro, when, self.end_date, what, widgets.HBox([preview, save]),
                          self.status, self.preview])
        self.add_class("ipt-contract")
        apply_theme(self)
        tidy_layout(self)
        preview.on_click(lambda _b: self._show(self.model.build()))
        save.on_click(lambda _b: (self.model.save(), self._show(self.model.text)))
        self._show_end_date()

    def _on_change(self, key: str, value: Any) -> None:
        if key in LINE_LISTS:
            value = [line.strip() for line in value.splitlines() if line.strip()]
        setattr(self.model.details, key, value)
        if key in SCHEDULE_KEYS:
            self._show_end_date()

    def _show_end_date(self) -> None:
        self.end_date.value = f"<p><b>{escape(self.model.end_date_summary())}</b></p>"

    def _show(self, text: str) -> None:
        self.preview.value = markdown_html(text) if text else ""
        self.status.value = render("tools/contract/templates/status.html.j2",
                                   status=self.model.status, warnings=self.model.warnings)
