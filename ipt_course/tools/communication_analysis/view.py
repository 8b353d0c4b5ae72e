"""The communication analysis worksheet: one exchange, line by line, in five tabs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.records_view import RecordsView, safety_html
from ipt_course.kit.render import render, trusted
from ipt_course.kit.widgets import (
    Field,
    Form,
    MessageBox,
    StatusLine,
    apply_theme,
    tidy_layout,
)
from ipt_course.tools.communication_analysis.content import problem_labels, problems, wording
from ipt_course.tools.communication_analysis.lines import LineEditor
from ipt_course.tools.communication_analysis.markdown import UNTITLED
from ipt_course.tools.communication_analysis.model import WorksheetModel
from ipt_course.tools.communication_analysis.rules import make_line
from ipt_course.tools.communication_analysis.schema import WorksheetError

TEMPLATES = "tools/communication_analysis/templates"
EXCHANGE_FIELDS = (
    Field("title", "Name of this worksheet", placeholder="e.g. Sunday's row about the bath",
          wide=True),
    Field("client", "The client", placeholder="e.g. Nadia"),
    Field("scene", "The scene", "textarea", rows=4, wide=True,
          placeholder="Where and when it happened, who was there, what led up to it"),
)
AFTER_FIELDS = (
    Field("feelings", "The feelings", "textarea", rows=4, wide=True,
          placeholder="What the client felt then, and feels now, telling it"),
    Field("afterwards", "What happened next", "textarea", rows=4, wide=True,
          placeholder="How the exchange ended, and what followed"),
)
SCRIPT_FIELDS = (
    Field("script", "Rehearsal script", "textarea", rows=8, wide=True,
          placeholder="Nadia: ...\nImran: ...\nNadia: ..."),
)
TAB_TITLES = ("1 The exchange", "2 Line by line", "3 Feelings and after",
              "4 Rehearsal script", "5 Check and export")


def worksheet_names(titles: list[str]) -> list[str]:
    """The names the chooser lists, telling apart untitled or same-titled worksheets."""
    names: list[str] = []
    for number, title in enumerate(titles, 1):
        name = title or f"{UNTITLED} {number}"
        names.append(name if name not in names else f"{name} ({number})")
    return names


class WorksheetView(RecordsView):
    """Rebuild one exchange line by line, mark its problems, write alternatives and a script.

    Saved as it changes to ``save_path``; one file holds several worksheets. ``message`` says
    what an action did, ``table`` shows the lines, ``report`` the checklist or comparison, and
    ``status`` how saving went.
    """

    def __init__(self, save_path: str | Path | None = "my-communication-analysis.json") -> None:
        self.model = WorksheetModel(save_path=save_path)
        text = wording()
        file = self.model.save_path.name if self.model.save_path else "(not saved)"
        header = widgets.HTML(render(f"{TEMPLATES}/intro.html.j2", text=text, file=file))
        listing = widgets.Accordion(
            children=[widgets.HTML(render(f"{TEMPLATES}/problems.html.j2",
                                          problems=problems()))],
            titles=("The communication problems",))
        self.chooser = widgets.Dropdown(description="Worksheet", layout=widgets.Layout(
            width="32em"), style={"description_width": "6em"})
        new = widgets.Button(description="New worksheet", icon="plus")
        example = widgets.Button(description="Start from Nadia's row", icon="book")
        self._delete_button = widgets.Button(description="Delete this worksheet", icon="trash",
                                      button_style="danger")
        self.exchange = Form(EXCHANGE_FIELDS)
        self.lines = LineEditor(problems())
        self.message = MessageBox()
        self.table = widgets.HTML()
        self.after = Form(AFTER_FIELDS)
        self.script = Form(SCRIPT_FIELDS)
        script_help = widgets.HTML(
            "<p class='ipt-tight'>Write the new approach as it might go: the client's first "
            "sentence, the reply the client fears, and what the client says next. You can "
            "practise it with the client by role play.</p>")
        check = widgets.Button(description="Check my worksheet", button_style="primary",
                               icon="check")
        self._compare_button = widgets.Button(description="Compare with the notebook's analysis",
                                       icon="balance-scale")
        export = widgets.Button(description="Export as Markdown", icon="download")
        self.report = widgets.HTML()
        self.status = StatusLine()
        self.tabs = widgets.Tab(children=[
            self.exchange, widgets.VBox([self.lines, self.message, self.table]),
            self.after, widgets.VBox([script_help, self.script]),
            widgets.VBox([widgets.HBox([check, self._compare_button, export]), self.report])],
            titles=TAB_TITLES)
        choosing = widgets.HBox([self.chooser, new, example, self._delete_button],
                                layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([header, listing, choosing, self.tabs, self.status])
        self.add_class("ipt-communication-analysis")
        apply_theme(self)
        tidy_layout(self)

        for form in (self.exchange, self.after, self.script):
            form.on_change(self._on_field)
        self.chooser.observe(self._on_choose, names="value")
        new.on_click(lambda _b: self._act(lambda: self.model.new_worksheet(), tab=0))
        example.on_click(lambda _b: self._act(self.model.start_from_example, tab=1))
        self._delete_button.on_click(lambda _b: self._on_delete())
        self.lines.list.on_action(self._on_line)
        self.lines.list.on_select(lambda index: self.lines.fill(self.model.analysis.lines[index]))
        self.lines.up.on_click(lambda _b: self._move(-1))
        self.lines.down.on_click(lambda _b: self._move(1))
        self.lines.clear.on_click(lambda _b: self._empty_line_boxes())
        check.on_click(lambda _b: self._show_report("review"))
        self._compare_button.on_click(lambda _b: self._show_report("compare"))
        export.on_click(lambda _b: self._on_export())
        self.model.observe(self._refresh, names=["analyses", "current"])
        self.model.observe(lambda _c: self.status.show(self.model.status), names="status")
        self._refresh()
        self.status.show(self.model.status)

    # -- model -> view -------------------------------------------------------------------
    def _refresh(self, _change: Any = None) -> None:
        analysis = self.model.analysis
        self._filling = True
        try:
            self._fill(worksheet_names([a.title for a in self.model.analyses]),
                       (self.exchange, self.after, self.script))
        finally:
            self._filling = False
        speakers = [analysis.client, *(line.speaker for line in analysis.lines)]
        self.lines.show_lines(analysis.lines, speakers)
        self.table.value = render(f"{TEMPLATES}/lines.html.j2", analysis=analysis,
                                  labels=problem_labels(),
                                  title=analysis.title or UNTITLED)
        self._compare_button.disabled = self.model.compare() is None
        if self._report:
            self._show_report(self._report)

    def _show_report(self, kind: str) -> None:
        self._report = kind
        analysis = self.model.analysis
        title = analysis.title or UNTITLED
        if kind == "compare":
            self.report.value = render(f"{TEMPLATES}/compare.html.j2",
                                       comparison=self.model.compare(), labels=problem_labels(),
                                       intro=wording().compare.intro)
            return
        review = self.model.review()
        text = wording().safety
        safety = safety_html(review.safety_words, text.title, text.text)
        self.report.value = render(f"{TEMPLATES}/review.html.j2", review=review, title=title,
                                   safety_html=trusted(safety))

    # -- view -> model -------------------------------------------------------------------
    def _clear_boxes(self, deselect: bool = False) -> None:
        """Empty the line boxes (and, with ``deselect``, the list's selection)."""
        if deselect:
            self._empty_line_boxes()
        else:
            self.lines.fill(None)

    def _on_line(self, action: str, selected: int | None) -> None:
        self._confirm_delete = ""
        try:
            if action == "delete":
                self.model.delete_line(selected)
                done = f"Deleted line {selected + 1}."
            else:
                line = make_line(self.lines.values(), (p.id for p in problems()))
                if action == "add":
                    done = f"Added line {self.model.add_line(line)}."
                else:
                    self.model.update_line(selected, line)
                    done = f"Saved the changes to line {selected + 1}."
        except WorksheetError as error:
            self.message.show("error", "Please check this line", [str(error)])
            return
        self.lines.fill(None)
        self.message.show("ok", done)

    def _move(self, step: int) -> None:
        try:
            target = self.model.move_line(self.lines.list.selected, step)
        except WorksheetError as error:
            self.message.show("error", "Please check this", [str(error)])
            return
        self.lines.list.entries.value = target

    def _empty_line_boxes(self) -> None:
        self.lines.list.show_entries([label for label, _ in self.lines.list.entries.options])
        self.lines.fill(None)
