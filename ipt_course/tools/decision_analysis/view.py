"""The decision analysis aid: a client's decision weighed step by step, in five tabs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.records_view import RecordsView, safety_html
from ipt_course.kit.render import render, trusted
from ipt_course.kit.widgets import (
    Field,
    Form,
    ListEditor,
    MessageBox,
    StatusLine,
    apply_theme,
    tidy_layout,
)
from ipt_course.tools.decision_analysis.content import wording
from ipt_course.tools.decision_analysis.markdown import decision_title
from ipt_course.tools.decision_analysis.model import DecisionModel
from ipt_course.tools.decision_analysis.rules import make_option
from ipt_course.tools.decision_analysis.schema import DecisionError

TEMPLATES = "tools/decision_analysis/templates"
NOT_CHOSEN = "(not chosen yet)"
DECISION_FIELDS = (
    Field("client", "The client", placeholder="e.g. Nadia"),
    Field("other", "The other person", placeholder="e.g. Imran and the family", wide=True),
    Field("decision", "The decision", "textarea", rows=2, wide=True,
          placeholder="In the client's words, e.g. “Go back in April, or stick to June?”"),
    Field("matters", "What matters most", "textarea", rows=3, wide=True,
          placeholder="What the client says matters most in this decision"),
)
STEP_FIELDS = (
    Field("first_step", "The first step", "textarea", rows=3, wide=True,
          placeholder="What the client will do or say, to whom, and when, before next session"),
)
REVIEW_FIELDS = (
    Field("review_question", "Review question", wide=True,
          placeholder="The question you will open the review with next session"),
    Field("review_notes", "What happened", "textarea", rows=4, wide=True,
          placeholder="At the next session: what the client tried, and how it went"),
)
TAB_TITLES = ("1 The decision", "2 Options", "3 Choice, first step", "4 Review",
              "5 Check and export")
WIDE = widgets.Layout(width="95%", max_width="60em")


def _box(kind: type[widgets.Widget], label: str, placeholder: str, **more: Any) -> Any:
    return kind(description=label, placeholder=placeholder, layout=WIDE,
                style={"description_width": "16em"}, **more)


class DecisionView(RecordsView):
    """Weigh a client's options step by step: the decision, options and consequences for both,
    the choice, the first step before next session, and the review.

    Saved as it changes to ``save_path``; one file holds several decisions. ``message`` says
    what an action did, ``table`` shows the options, ``report`` the checklist or comparison,
    and ``status`` how saving went.
    """

    def __init__(self, save_path: str | Path | None = "my-decision-analysis.json") -> None:
        self.model = DecisionModel(save_path=save_path)
        file = self.model.save_path.name if self.model.save_path else "(not saved)"
        header = widgets.HTML(render(f"{TEMPLATES}/intro.html.j2", text=wording(), file=file))
        self.chooser = widgets.Dropdown(description="Decision", layout=widgets.Layout(
            width="32em"), style={"description_width": "6em"})
        new = widgets.Button(description="New decision", icon="plus")
        example = widgets.Button(description="Start from Nadia's decision", icon="book")
        self._delete_button = widgets.Button(description="Delete this decision", icon="trash",
                                      button_style="danger")
        self.about = Form(DECISION_FIELDS)
        self._name = _box(widgets.Text, "Option", "A few words, e.g. Go back in April")
        self._for_client = _box(widgets.Textarea, "For the client",
                                "Likely consequences for the client", rows=2)
        self._for_other = _box(widgets.Textarea, "For the other person",
                               "Likely consequences for the other person", rows=2)
        self.options = ListEditor(
            [self._name, self._for_client, self._for_other], "Options", "Add option",
            intro=widgets.HTML("<p class='ipt-tight'>Write each option and its likely "
                               "consequences, then press “Add option”. To change one, choose "
                               "it in the list below.</p>"))
        self.message = MessageBox()
        self.table = widgets.HTML()
        self.choice = widgets.Dropdown(description="The client's choice", options=[NOT_CHOSEN],
                                       style={"description_width": "16em"})
        self.step = Form(STEP_FIELDS)
        self.rehearsed = widgets.Checkbox(description="Rehearsed in the session by role play",
                                          indent=False, layout=widgets.Layout(width="auto"))
        self.review_form = Form(REVIEW_FIELDS)
        check = widgets.Button(description="Check my decision", button_style="primary",
                               icon="check")
        self._compare_button = widgets.Button(description="Compare with the worked example",
                                       icon="balance-scale")
        export = widgets.Button(description="Export as Markdown", icon="download")
        self.report = widgets.HTML()
        self.status = StatusLine()
        self.tabs = widgets.Tab(children=[
            self.about, widgets.VBox([self.options, self.message, self.table]),
            widgets.VBox([self.choice, self.step, self.rehearsed]), self.review_form,
            widgets.VBox([widgets.HBox([check, self._compare_button, export]), self.report])],
            titles=TAB_TITLES)
        choosing = widgets.HBox([self.chooser, new, example, self._delete_button],
                                layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([header, choosing, self.tabs, self.status])
        self.add_class("ipt-decision-analysis")
        apply_theme(self)
        tidy_layout(self)

        for form in (self.about, self.step, self.review_form):
            form.on_change(self._on_field)
        self.chooser.observe(self._on_choose, names="value")
        self.choice.observe(self._on_choice, names="value")
        self.rehearsed.observe(self._on_rehearsed, names="value")
        new.on_click(lambda _b: self._act(lambda: self.model.new_decision(), tab=0))
        example.on_click(lambda _b: self._act(self.model.start_from_example, tab=1))
        self._delete_button.on_click(lambda _b: self._on_delete())
        self.options.on_action(self._on_option)
        self.options.on_select(self._show_option)
        check.on_click(lambda _b: self._show_report("review"))
        self._compare_button.on_click(lambda _b: self._show_report("compare"))
        export.on_click(lambda _b: self._on_export())
        self.model.observe(self._refresh, names=["decisions", "current"])
        self.model.observe(lambda _c: self.status.show(self.model.status), names="status")
        self._refresh()
        self.status.show(self.model.status)

    # -- model -> view -------------------------------------------------------------------
    def _refresh(self, _change: Any = None) -> None:
        decision = self.model.decision
        self._filling = True
        try:
            self._fill([f"{n}. {decision_title(d)}" for n, d in enumerate(self.model.decisions, 1)],
                       (self.about, self.step, self.review_form))
            self.choice.options = [NOT_CHOSEN, *(o.name for o in decision.options)]
            self.choice.value = decision.choice or NOT_CHOSEN
            self.rehearsed.value = decision.rehearsed
        finally:
            self._filling = False
        labels = [o.name for o in decision.options]
        if [label for label, _ in self.options.entries.options] != labels:
            self.options.show_entries(labels)
        self.table.value = render(f"{TEMPLATES}/options.html.j2", decision=decision,
                                  title=decision_title(decision),
                                  client=decision.client or "the client",
                                  other=decision.other or "the other person")
        self._compare_button.disabled = self.model.compare() is None
        if self._report:
            self._show_report(self._report)

    def _show_report(self, kind: str) -> None:
        self._report = kind
        if kind == "compare":
            self.report.value = render(f"{TEMPLATES}/compare.html.j2",
                                       comparison=self.model.compare())
            return
        review = self.model.review()
        text = wording().safety
        safety = safety_html(review.safety_words, text.title, text.text)
        self.report.value = render(f"{TEMPLATES}/review.html.j2", review=review,
                                   title=decision_title(self.model.decision),
                                   safety_html=trusted(safety))

    # -- view -> model -------------------------------------------------------------------
    def _on_choice(self, change: dict[str, Any]) -> None:
        if not self._filling:
            self.model.choose("" if change["new"] == NOT_CHOSEN else change["new"])

    def _on_rehearsed(self, change: dict[str, Any]) -> None:
        if not self._filling:
            self.model.set_rehearsed(change["new"])

    def _clear_boxes(self, deselect: bool = False) -> None:
        """Empty the option boxes and the list's selection."""
        self._empty_option_boxes()

    def _show_option(self, index: int) -> None:
        option = self.model.decision.options[index]
        self._name.value = option.name
        self._for_client.value, self._for_other.value = option.for_client, option.for_other

    def _empty_option_boxes(self) -> None:
        self.options.show_entries([o.name for o in self.model.decision.options])
        for box in (self._name, self._for_client, self._for_other):
            box.value = ""

    def _on_option(self, action: str, selected: int | None) -> None:
        self._confirm_delete = ""
        try:
            if action == "delete":
                done = self.model.delete_option(selected)
            else:
                option = make_option({"name": self._name.value,
                                      "for_client": self._for_client.value,
                                      "for_other": self._for_other.value})
                done = (self.model.add_option(option) if action == "add"
                        else self.model.update_option(selected, option))
        except DecisionError as error:
            self.message.show("error", "Please check this option", [str(error)])
            return
        self._empty_option_boxes()
        self.message.show("ok", done)
