"""The goals widget: write a goal, see each criterion's verdict, keep a list."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.widgets import make_readable, tidy_layout
from ipt_course.tools.formulation import PROBLEM_AREAS
from ipt_course.tools.goals.checks import CRITERIA, GoalReport
from ipt_course.tools.goals.model import GoalModel
from ipt_course.tools.goals.words import HOW_CHECKED


def report_html(report: GoalReport) -> str:
    """The verdicts as an HTML table: criterion, met or not (in words), reason, rewrite pattern."""
    rows = []
    for r in report.results:
        mark = "✓ Met" if r.met else "✗ Not yet"
        tip = f"<br><i>Try:</i> {html.escape(r.suggestion)}" if r.suggestion else ""
        rows.append(
            f"<tr><th scope='row'>{html.escape(r.label)}</th><td>{mark}</td>"
            f"<td>{html.escape(r.reason)}{tip}</td></tr>"
        )
    summary = (
        "All six criteria are met."
        if report.passed
        else f"{len(report.unmet())} of 6 criteria not met yet."
    )
    return (
        f"<p><b>Goal:</b> {html.escape(report.goal)}</p><p>{summary}</p>"
        "<table class='ipt-goal-report'><thead><tr><th>Criterion</th><th>Verdict</th>"
        f"<th>Why, and how to improve it</th></tr></thead><tbody>{''.join(rows)}</tbody>"
        "</table>"
    )


class GoalBuilder(widgets.VBox):
    """Write treatment goals and check each against six IPT criteria, with reasons.

    The goals kept, and the focus, people and draft, are saved to ``save_path`` as they change.
    """

    def __init__(self, save_path: str | Path | None = "my-goals.json") -> None:
        self.model = GoalModel(save_path=save_path)
        style = {"description_width": "16em"}
        wide = widgets.Layout(width="95%")
        self._focus = widgets.Dropdown(
            description="Agreed focus",
            options=[("(choose)", ""), *[(label, a) for a, label in PROBLEM_AREAS.items()]],
            style=style,
        )
        self._people = widgets.Text(
            description="People involved",
            placeholder="e.g. Imran (husband), Rokeya",
            style=style,
            layout=wide,
        )
        self._sessions = widgets.BoundedIntText(
            description="Number of sessions", value=16, min=1, max=30, style=style
        )
        self._draft = widgets.Textarea(
            description="Goal, in the client's words",
            placeholder="e.g. I will tell Imran calmly what I need on his nights off, by session 8",
            rows=3,
            style=style,
            layout=wide,
        )
        self._check = widgets.Button(
            description="Check this goal", button_style="primary", icon="check"
        )
        self._keep = widgets.Button(description="Keep this goal", icon="plus")
        self._clear = widgets.Button(description="Clear my goals", icon="eraser")
        self._report = widgets.HTML()
        self._status = widgets.HTML()
        self._saved = widgets.HTML()
        self._kept = widgets.HTML()
        intro = widgets.HTML(
            "<p>Write one goal at a time. Each goal is checked against six criteria with simple "
            "word rules, and every verdict says why: treat the verdicts as prompts to think, "
            "not marks.</p>"
        )
        rules = "".join(
            f"<li><b>{html.escape(CRITERIA[key])}:</b> {html.escape(text)}</li>"
            for key, text in HOW_CHECKED.items()
        )
        how = widgets.Accordion(
            children=[widgets.HTML(f"<ul>{rules}</ul>")], titles=("How the checks work",)
        )
        super().__init__(
            [
                intro,
                how,
                self._saved,
                self._focus,
                self._people,
                self._sessions,
                self._draft,
                widgets.HBox([self._check, self._keep, self._clear]),
                self._status,
                self._report,
                self._kept,
            ]
        )
        self.add_class("ipt-goals")
        make_readable(self)
        tidy_layout(self)
        for control, name in (
            (self._focus, "focus"),
            (self._people, "people"),
            (self._sessions, "sessions"),
            (self._draft, "draft"),
        ):
            control.value = getattr(self.model, name)
            traitlets.dlink((control, "value"), (self.model, name))
        self._check.on_click(lambda _b: self._show(self.model.check()))
        self._keep.on_click(lambda _b: self._show(self.model.keep()))
        self._clear.on_click(lambda _b: self.model.clear())
        self.model.observe(self._show_kept, names="kept")
        self.model.observe(self._show_status, names="message")
        self.model.observe(self._show_saved, names="save_status")
        self._show_kept()
        self._show_saved()

    def _show(self, report: GoalReport | None) -> None:
        self._report.value = report_html(report) if report else ""

    def _show_status(self, _change: Any = None) -> None:
        self._status.value = f"<p role='status'>{html.escape(self.model.message)}</p>"

    def _show_saved(self, _change: Any = None) -> None:
        status = self.model.save_status
        role = "alert" if "could not" in status else "status"
        self._saved.value = f"<p role='{role}'><i>{html.escape(status)}</i></p>" if status else ""

    def _show_kept(self, _change: Any = None) -> None:
        if not self.model.kept:
            self._kept.value = ""
            return
        items = "".join(
            f"<li>{html.escape(r.goal)} ({6 - len(r.unmet())} of 6 criteria met)</li>"
            for r in self.model.kept
        )
        self._kept.value = f"<p><b>My goals</b></p><ol>{items}</ol>"
