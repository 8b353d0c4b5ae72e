"""The training-case checker: a referral, the trainee's verdict, each criterion and why."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.render import render
from ipt_course.kit.widgets import Field, Form, MessageBox, apply_theme, tidy_layout
from ipt_course.tools.training_cases.criteria import UNKNOWN, WEIGHT
from ipt_course.tools.training_cases.model import OWN_CASE, CheckerError, CheckerModel

STATUS_CLASSES = {"fits": "ipt-mark-right", "rules_out": "ipt-mark-wrong",
                  "open": "ipt-mark-missed", "supervisor": "ipt-mark-missed",
                  "note": "ipt-mark-fine"}
VERDICT_BOXES = {"fits": "ipt-box-ok", "rules_out": "ipt-box-error", "open": "ipt-box-note",
                 "supervisor": "ipt-box-note"}
NOT_KNOWN = ("Not known", None)


def own_fields(model: CheckerModel) -> list[Field]:
    """The form for the trainee's own referral, its choices taken from the criteria data."""
    fields = [Field("own_description", "Describe it (no identifying details)", "textarea",
                    rows=4, wide=True,
                    placeholder="e.g. a woman in her thirties, six months after a birth, low "
                                "since her partner's job moved abroad")]
    for criterion in model.criteria.criteria:
        fields.append(Field(f"own_{criterion.id}", criterion.question, "dropdown",
                            options=[(o.label, o.id) for o in criterion.options]))
    fields.append(Field("own_phq9", "PHQ-9 total", "dropdown",
                        options=[NOT_KNOWN, *[(str(n), n) for n in range(28)]]))
    fields.append(Field("own_item9", "PHQ-9 item 9", "dropdown",
                        options=[NOT_KNOWN, *[(str(n), n) for n in range(4)]]))
    return fields


class TrainingCaseView(widgets.VBox):
    """Choose a referral, give a verdict, and check it against the selection criteria.

    ``case`` chooses the referral, ``own`` holds the trainee's own referral, ``verdict`` is the
    trainee's verdict, ``check`` shows the result and ``result`` is what the trainee reads.
    Nothing is saved.
    """

    def __init__(self) -> None:
        self.model = CheckerModel()
        data = self.model.criteria
        self.case = widgets.Dropdown(
            description="Referral", style={"description_width": "6em"},
            options=[*[(r.title, r.id) for r in self.model.referrals.values()],
                     ("A referral of your own (no identifying details)", OWN_CASE)],
            layout=widgets.Layout(width="95%", max_width="48em"))
        self.story = widgets.HTML()
        self.own = Form(own_fields(self.model), description_width="16em")
        for key, control in self.own.controls.items():
            if isinstance(control, widgets.Dropdown):
                control.layout = widgets.Layout(width="95%", max_width="48em")
            elif key == "own_description":
                control.continuous_update = False
        self.verdict = widgets.RadioButtons(
            options=[(data.verdicts[status].title, status) for status in reversed(WEIGHT)],
            value=None, description="Your verdict", style={"description_width": "6em"},
            layout=widgets.Layout(width="auto"))
        self.check = widgets.Button(description="Check against the criteria", icon="check",
                                    button_style="primary")
        self.message = MessageBox()
        self.result = widgets.HTML(layout=widgets.Layout(width="100%"))
        header = widgets.HTML(render("tools/training_cases/templates/header.html.j2",
                                     banner=data.banner))
        super().__init__([header, self.case, self.story, self.own, self.verdict, self.check,
                          self.message, self.result])
        self.add_class("ipt-training-cases")
        apply_theme(self)
        tidy_layout(self)
        self.own.controls["own_description"].observe(self._described, names="value")
        for key in (*[f"own_{cid}" for cid in UNKNOWN], "own_phq9", "own_item9"):
            traitlets.link((self.model, key), (self.own.controls[key], "value"))
        traitlets.link((self.model, "case_id"), (self.case, "value"))
        self.verdict.observe(self._guessed, names="value")
        self.check.on_click(self._check_clicked)
        self.model.observe(self._case_changed, names="case_id")
        self.model.observe(self._refresh, names=["checked", "guesses", "own_description",
                                                 *[f"own_{cid}" for cid in UNKNOWN],
                                                 "own_phq9", "own_item9"])
        self._case_changed()

    def _described(self, change: dict[str, Any]) -> None:
        try:
            self.model.own_description = change["new"]
        except traitlets.TraitError as error:
            self.message.show("error", "Your description was not kept",
                              [f"{error} It is still in the box."])

    def _guessed(self, change: dict[str, Any]) -> None:
        if change["new"] != self.model.guess:
            self.model.set_guess(change["new"])

    def _check_clicked(self, _button: Any) -> None:
        if self.model.shown:
            self.model.hide()
            return
        try:
            self.model.check()
        except CheckerError as error:
            self.message.show("error", self.model.criteria.identifying.title
                              if "identify" in str(error) else "Not checked yet", [str(error)])

    def _case_changed(self, _change: Any = None) -> None:
        self.own.layout.display = "none" if self.model.referral is not None else ""
        self.story.value = render("tools/training_cases/templates/referral.html.j2",
                                  referral=self.model.referral)
        self.verdict.value = self.model.guess
        self._refresh()

    def _refresh(self, _change: Any = None) -> None:
        model = self.model
        problems = model.problems()
        if problems:
            self.message.show("error", model.criteria.identifying.title if any(
                "identify" in p for p in problems) else "Check your entries",
                [*problems, "Your entries are still here; change them and check again."])
        else:
            self.message.clear()
        self.check.description = ("Hide the result" if model.shown
                                  else "Check against the criteria")
        if not model.shown or problems:
            self.result.value = ""
            return
        data = model.criteria
        result = model.result()
        guess = model.guess
        referral = model.referral
        self.result.value = render(
            "tools/training_cases/templates/result.html.j2",
            name=referral.name if referral else "Your referral", result=result,
            verdict=data.verdicts[result.verdict], box=VERDICT_BOXES[result.verdict],
            guess=data.verdicts[guess] if guess else None, guess_agrees=guess == result.verdict,
            statuses=data.statuses, classes=STATUS_CLASSES,
            supervision=referral.supervision if referral else "",
            own_text="" if referral else " ".join(model.own_description.split()))
