"""The dispute stage aid widget: safety first, four questions, a suggested stage and its plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.render import escape, render, signposting_html, trusted
from ipt_course.kit.saved import Status
from ipt_course.kit.vocabulary import techniques
from ipt_course.kit.widgets import ListEditor, StatusLine, apply_theme, tidy_layout
from ipt_course.tools.dispute_stage.guide import guide
from ipt_course.tools.dispute_stage.model import (
    Case,
    DisputeStageError,
    DisputeStageModel,
)
from ipt_course.tools.dispute_stage.rules import ANSWER_LABELS, stage_labels

WIDE = "16em"
JUDGEMENT_OPTIONS = [("(not decided yet)", ""),
                     *[(label, stage) for stage, label in stage_labels().items()],
                     ("Not yet clear", "unclear")]


def _heading(text: str) -> widgets.HTML:
    return widgets.HTML(f"<h4 class='ipt-heading'>{text}</h4>")


def stages_table_html() -> str:
    """The three stages with their signs and plans, and safety first at any stage."""
    labels = stage_labels()
    stages = [{"label": labels[stage_id], "signs": stage.signs, "plan": stage.plan}
              for stage_id, stage in guide().stages.items()]
    return render("tools/dispute_stage/templates/stages.html.j2", stages=stages,
                  any_stage=guide().any_stage)


class DisputeStageView(widgets.VBox):
    """Stage a role dispute: safety first, then four questions, a suggested stage and its plan.

    The answers are saved to ``save_path`` as they change, with the cases the trainee keeps
    (Nadia's, then Aileen's, say). ``client``, ``safety``, ``questions`` (by question id),
    ``judgement`` and ``why`` are the controls; ``advice`` is what the aid says; ``status`` how
    saving went.
    """

    def __init__(self, save_path: str | Path | None = "my-dispute-stage.json") -> None:
        self.model = DisputeStageModel(save_path=save_path)
        words = guide()
        self._pending_delete: int | None = None
        self._pending_clear = False
        self.client = widgets.Text(description="Client (first name)", placeholder="e.g. Nadia",
                                   continuous_update=False, style={"description_width": WIDE})
        new_case = widgets.Button(description="Start a new case", icon="file-o")
        # Each question is its answers' label (the theme lets it wrap), so nothing repeats it.
        self.safety = widgets.RadioButtons(
            options=[(label, key) for key, label in words.safety.answers.items()], value=None,
            description=words.safety.question, style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"))
        self.questions = {
            question.id: widgets.ToggleButtons(
                options=[(label, value) for value, label in ANSWER_LABELS.items()], value=None,
                description=question.text,
                style={"description_width": "initial", "button_width": "7em"})
            for question in words.questions}
        self.advice = widgets.HTML()
        self.judgement = widgets.Dropdown(options=JUDGEMENT_OPTIONS, description="Your judgement",
                                          style={"description_width": WIDE})
        self.why = widgets.Textarea(description="What you base it on", rows=3,
                                    continuous_update=False,
                                    placeholder="e.g. They still row about the nights, and "
                                                "both want it to change",
                                    style={"description_width": WIDE},
                                    layout=widgets.Layout(width="95%"))
        self.judgement_note = widgets.HTML()
        self._staging_part = widgets.VBox([_heading("2. Four questions to stage the dispute"),
                                           *self.questions.values()])
        self._judgement_part = widgets.VBox([_heading("3. Your judgement"), self.judgement,
                                             self.why, self.judgement_note])
        self.cases = ListEditor(
            [widgets.HBox([self.client, new_case]), _heading("1. Safety first"), self.safety,
             self._staging_part, self.advice, self._judgement_part],
            "Kept cases", "Keep as a new case")
        self.status = StatusLine()
        stages = widgets.Accordion(children=[widgets.HTML(stages_table_html())],
                                   titles=("The three stages and their plans",))
        header = widgets.HTML(render("tools/dispute_stage/templates/intro.html.j2",
                                     file=self.model.save_path.name
                                     if self.model.save_path else ""))
        super().__init__([header, stages, self.cases, self.status])
        self.add_class("ipt-dispute-stage")
        apply_theme(self)
        tidy_layout(self)

        for key, control in (("client", self.client), ("judgement", self.judgement),
                             ("why", self.why)):
            # The model comes first, so linking shows the saved answers rather than erasing them.
            traitlets.link((self.model, key), (control, "value"))
        self.safety.observe(lambda change: setattr(self.model, "safety", change["new"] or ""),
                            names="value")
        for question_id, buttons in self.questions.items():
            buttons.observe(lambda change, qid=question_id: self.model.answer(
                qid, change["new"] or ""), names="value")
        new_case.on_click(lambda _button: self._on_new_case())
        self.cases.on_action(self._on_action)
        self.cases.on_select(self._on_select)
        self.model.observe(self._show_answers, names=["safety", "answers"])
        self.model.observe(self._show_advice, names=["staging", "judgement"])
        self.model.observe(self._show_cases, names="cases")
        self.model.observe(lambda _change: self.status.show(self.model.status), names="status")
        self._show_answers()
        self._show_advice()
        self._show_cases()
        self.status.show(self.model.status)

    # -- model -> view -------------------------------------------------------------------
    def _show_answers(self, _change: Any = None) -> None:
        self.safety.value = self.model.safety or None
        for question_id, buttons in self.questions.items():
            buttons.value = self.model.answers.get(question_id)
        staging_open = self.model.safety == "none"
        for part in (self._staging_part, self._judgement_part):
            part.layout.display = None if staging_open else "none"

    def _show_advice(self, _change: Any = None) -> None:
        staging = self.model.staging
        stage = guide().stages.get(staging.stage)
        used = [techniques()[t] for t in stage.techniques] if stage else []
        self.advice.value = render(
            "tools/dispute_stage/templates/advice.html.j2", staging=staging, stage=stage,
            techniques=used, safety=guide().safety, yours=guide().judgement.yours,
            signposting=trusted(signposting_html()))
        note = self.model.judgement_note()
        self.judgement_note.value = (f"<p class='ipt-tight' role='status'>{escape(note)}</p>"
                                     if note else "")

    def _show_cases(self, _change: Any = None) -> None:
        self.cases.show_entries([case.describe() for case in self.model.cases])

    # -- view -> model -------------------------------------------------------------------
    def _on_select(self, index: int) -> None:
        self._pending_delete = None
        case = self.model.cases[index]
        self.model.show(case)
        self.model.status = Status(f"Showing the kept case for {case.client}. Change it and "
                                   "press “Save changes to selected”, or start a new case.")

    def _on_action(self, action: str, selected: int | None) -> None:
        try:
            if action == "add":
                self.model.keep()
            elif action == "update":
                self.model.update(selected)
            elif self._confirm_delete(selected):
                self.model.delete(selected)
        except DisputeStageError as error:
            self.model.status = Status(str(error), "warning")
            return
        if action != "delete":
            self._pending_delete = None

    def _confirm_delete(self, selected: int | None) -> bool:
        if selected is None or self._pending_delete == selected:
            self._pending_delete = None
            return True
        self._pending_delete = selected
        name = self.model.cases[selected].client or "(no name)"
        self.model.status = Status(f"Press “Delete selected” again to delete the case for "
                                   f"{name}.", "warning")
        return False

    def _on_new_case(self) -> None:
        current = self.model.current
        unkept = current != Case() and not any(current.same_as(c) for c in self.model.cases)
        if unkept and not self._pending_clear:
            self._pending_clear = True
            self.model.status = Status(
                "These answers are not kept yet. Press “Keep as a new case” to keep them, or "
                "“Start a new case” again to clear them.", "warning")
            return
        self._pending_clear = False
        self.model.show(Case())
        self.model.status = Status("Started a new case: answer the safety question first.")
