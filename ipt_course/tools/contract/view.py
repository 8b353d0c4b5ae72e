"""The contract widget: fill in what was agreed, preview and save the contract."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.widgets import make_readable, tidy_layout
from ipt_course.tools.contract.model import ContractModel
from ipt_course.tools.contract.writer import markdown_to_html


class ContractGenerator(widgets.VBox):
    """Fill in what was agreed; preview and save a plain-English IPT contract."""

    def __init__(self, save_path: str | Path = "my-contract.md") -> None:
        self.model = ContractModel(save_path=save_path)
        details = self.model.details
        style = {"description_width": "16em"}
        wide = widgets.Layout(width="95%")
        self._client = widgets.Text(description="Client", placeholder="e.g. Nadia", style=style)
        self._therapist = widgets.Text(
            description="Therapist", placeholder="your name", style=style
        )
        self._role = widgets.Text(
            description="Therapist's role", value=details.therapist_role, style=style
        )
        self._sessions = widgets.BoundedIntText(
            description="Number of sessions", value=16, min=1, max=40, style=style
        )
        self._minutes = widgets.BoundedIntText(
            description="Minutes per session", value=50, min=15, max=120, style=style
        )
        self._start = widgets.DatePicker(description="First session", style=style)
        self._time = widgets.Text(
            description="Time (24-hour)", placeholder="e.g. 14:30", style=style
        )
        self._place = widgets.Text(
            description="Where",
            placeholder="e.g. by video, or clinic room 2",
            style=style,
            layout=wide,
        )
        self._focus = widgets.Text(
            description="Agreed focus",
            placeholder="e.g. the disagreements with Imran about the nights and his mum",
            style=style,
            layout=wide,
        )
        self._goals = widgets.Textarea(
            description="Goals (one per line)", rows=3, style=style, layout=wide
        )
        self._breaks = widgets.Textarea(
            description="Planned breaks (weeks with no session)",
            placeholder=(
                "one per line: a date in the week, or a range, with a reason if you like, "
                "e.g. 16/02/2026: my leave, or 30/03/2026 to 10/04/2026: Easter"
            ),
            rows=2,
            style=style,
            layout=wide,
        )
        self._missed = widgets.Textarea(
            description="Missed or cancelled sessions",
            rows=4,
            value=details.missed_sessions,
            style=style,
            layout=wide,
        )
        self._between = widgets.Textarea(
            description="Between sessions and risk plan",
            rows=5,
            value=details.between_sessions,
            style=style,
            layout=wide,
        )
        self._ending = widgets.Textarea(
            description="At the end", rows=5, value=details.ending, style=style, layout=wide
        )
        self._supervision = widgets.Checkbox(
            description="Discussed in supervision", value=details.supervision, indent=False
        )
        self._recording = widgets.Checkbox(
            description="Sessions recorded (with consent)", value=details.recording, indent=False
        )
        self._end_date = widgets.HTML()
        self._preview_button = widgets.Button(
            description="Preview the contract", button_style="primary", icon="eye"
        )
        self._save = widgets.Button(description="Save the contract", icon="save")
        self._status = widgets.HTML()
        self._preview = widgets.HTML()
        intro = widgets.HTML(
            "<p>Fill in what you and the client have agreed. The end date is worked out from "
            "the first session, the number of weekly sessions and any planned breaks (weeks "
            "with no session, such as your leave or a bank holiday). Saving never overwrites an "
            "earlier contract: a new file is made beside this notebook.</p>"
        )
        super().__init__(
            [
                intro,
                self._client,
                self._therapist,
                self._role,
                self._sessions,
                self._minutes,
                self._start,
                self._time,
                self._place,
                self._breaks,
                self._end_date,
                self._focus,
                self._goals,
                self._missed,
                self._between,
                self._ending,
                self._supervision,
                self._recording,
                widgets.HBox([self._preview_button, self._save]),
                self._status,
                self._preview,
            ]
        )
        self.add_class("ipt-contract")
        make_readable(self)
        tidy_layout(self)
        bindings = {
            self._client: "client_name",
            self._therapist: "therapist_name",
            self._role: "therapist_role",
            self._sessions: "sessions",
            self._minutes: "session_minutes",
            self._start: "start_date",
            self._time: "session_time",
            self._place: "place",
            self._focus: "focus",
            self._missed: "missed_sessions",
            self._between: "between_sessions",
            self._ending: "ending",
            self._supervision: "supervision",
            self._recording: "recording",
        }
        for control, key in bindings.items():
            control.observe(self._setter(key), names="value")
        self._goals.observe(self._on_goals, names="value")
        self._breaks.observe(self._on_breaks, names="value")
        self._preview_button.on_click(self._on_preview)
        self._save.on_click(self._on_save)
        self.model.observe(self._show_status, names=["message", "warnings"])
        self._show_end_date()

    def _setter(self, key: str) -> Any:
        def update(change: dict[str, Any]) -> None:
            setattr(self.model.details, key, change["new"])
            self._show_end_date()

        return update

    def _on_goals(self, change: dict[str, Any]) -> None:
        self.model.details.goals = [g.strip() for g in change["new"].splitlines() if g.strip()]

    def _on_breaks(self, change: dict[str, Any]) -> None:
        self.model.details.breaks = [b.strip() for b in change["new"].splitlines() if b.strip()]
        self._show_end_date()

    def _show_end_date(self) -> None:
        self._end_date.value = f"<p><b>{html.escape(self.model.end_date_summary())}</b></p>"

    def _show_status(self, _change: Any = None) -> None:
        warnings = "".join(f"<li>{html.escape(w)}</li>" for w in self.model.warnings)
        warning_html = f"<ul>{warnings}</ul>" if warnings else ""
        self._status.value = f"<p role='status'>{html.escape(self.model.message)}</p>{warning_html}"

    def _on_preview(self, _button: Any) -> None:
        text = self.model.build()
        self._preview.value = markdown_to_html(text) if text else ""
        self._show_status()

    def _on_save(self, _button: Any) -> None:
        self.model.save()
        self._preview.value = markdown_to_html(self.model.text) if self.model.text else ""
        self._show_status()
