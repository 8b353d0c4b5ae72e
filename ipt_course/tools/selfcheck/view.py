"""One self-check question on screen: choose, press Check, read the feedback."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ipt_course.kit.render import box_html, render
from ipt_course.kit.widgets import THEME_CLASS, THEME_CSS, apply_theme
from ipt_course.problems import Problem
from ipt_course.tools.selfcheck.model import SelfCheckModel
from ipt_course.tools.selfcheck.schema import Check

TEMPLATES = "tools/selfcheck/templates"
INSTRUCTIONS = {
    "single": "Choose one answer.",
    "multiple": "Choose all that apply.",
    "reflection": "Write a few lines for yourself. Notes typed here are not saved, so copy "
    "anything you want to keep.",
}
STATUS_TEXT = {
    "right": ("✔", "You chose this: correct."),
    "wrong": ("✘", "You chose this: not correct."),
    "missed": ("!", "This one is correct and you did not choose it."),
    "fine": ("–", "Not chosen, and rightly so."),
}
VERDICT = {
    "right": ("ok", "Well done: that is right."),
    "partly": ("note", "Partly right: look at the feedback on each option."),
    "wrong": ("error", "Not quite: look at the feedback on each option."),
}
TRY_AGAIN = {
    "partly": ("note", "Partly right. Change your choice and press Check again."),
    "wrong": ("error", "Not quite. Change your choice and press Check again."),
}
TRIES_BEFORE_ANSWER = 2
SHOW_ANSWER = "Show the answer"


def feedback_html(model: SelfCheckModel) -> str:
    """The full feedback: a verdict, a line per option and the explanation (the answer too)."""
    kind, title = VERDICT[model.verdict()]
    rows = []
    for result in model.results():
        mark, said = STATUS_TEXT[result.status]
        if model.check.type == "single" and result.status == "missed":
            said = "This was the answer."
        rows.append({"status": result.status, "mark": mark, "said": said,
                     "text": result.option.text, "feedback": result.option.feedback})
    body = render(f"{TEMPLATES}/feedback.html.j2", rows=rows,
                  explanation=model.check.explanation)
    return box_html(kind, title, body, role="status")


def try_again_html(model: SelfCheckModel) -> str:
    """Feedback on the options chosen only, so the answer is left for another try."""
    kind, title = TRY_AGAIN[model.verdict()]
    rows = []
    for result in model.results():
        if result.chosen:
            mark, said = STATUS_TEXT[result.status]
            rows.append({"status": result.status, "mark": mark, "said": said,
                         "text": result.option.text, "feedback": result.option.feedback})
    body = render(f"{TEMPLATES}/feedback.html.j2", rows=rows, explanation=None)
    if model.misses >= TRIES_BEFORE_ANSWER:
        body += f"<p>Press <b>{SHOW_ANSWER}</b> to see the answer and why.</p>"
    return box_html(kind, title, body, role="status")


def model_points_html(check: Check) -> str:
    """The model points for a reflection check, to compare with the trainee's own notes."""
    body = render(f"{TEMPLATES}/model_points.html.j2", check=check)
    return box_html("info", "Points a good answer might include", body, role="status")


class SelfCheckView(widgets.VBox):
    """One self-check question: choose, press Check, read the feedback.

    ``choice`` (one answer) or ``boxes`` (several) or ``notes`` (a reflection) is what the
    trainee fills in; ``feedback`` is what the check says back.
    """

    def __init__(self, check: Check, order: list[str] | None = None) -> None:
        self.model = SelfCheckModel(check, order)
        self.prompt = widgets.HTML(render(f"{TEMPLATES}/prompt.html.j2",
                                          instruction=INSTRUCTIONS[check.type],
                                          prompt=check.prompt))
        self.feedback = widgets.HTML("")
        self.choice: widgets.RadioButtons | None = None
        self.boxes: list[widgets.Checkbox] = []
        self.notes: widgets.Textarea | None = None
        if check.type == "reflection":
            self.notes = widgets.Textarea(placeholder="Type your thoughts here…",
                                          layout=widgets.Layout(width="100%", height="8em"))
            self.notes.observe(lambda change: setattr(self.model, "notes", change["new"]),
                               "value")
            button = widgets.Button(description="Compare with model points", button_style="info",
                                    layout=widgets.Layout(width="auto"))
            answer: list[widgets.Widget] = [self.notes]
        else:
            answer = self._option_controls(check)
            button = widgets.Button(description="Check", button_style="primary")
        button.on_click(self._on_button)
        self.show_answer = widgets.Button(description=SHOW_ANSWER,
                                          layout=widgets.Layout(width="auto", display="none"))
        self.show_answer.on_click(self._on_show_answer)
        buttons = widgets.HBox([button, self.show_answer])
        super().__init__([self.prompt, *answer, buttons, self.feedback], layout=widgets.Layout(
            border="1px solid #c8d3df", padding="0.5em 1em", margin="0.8em 0"))
        self.add_class("ipt-selfcheck")
        apply_theme(self)

    def _option_controls(self, check: Check) -> list[widgets.Widget]:
        """The answer options as the trainee sees them: radio buttons, or one box each.

        Options are listed in this trainee's display order (``model.shown_options()``); this
        is the one place that order reaches the screen.
        """
        shown = self.model.shown_options()
        if check.type == "single":
            self.choice = widgets.RadioButtons(
                options=[(option.text, option.id) for option in shown], value=None,
                layout=widgets.Layout(width="auto"))
            self.choice.observe(self._on_choice, "value")
            return [self.choice]
        for option in shown:
            box = widgets.Checkbox(value=False, description=option.text, indent=False,
                                   layout=widgets.Layout(width="auto"))
            box.observe(self._on_choice, "value")
            self.boxes.append(box)
        return list(self.boxes)

    def _on_choice(self, _change: dict[str, Any]) -> None:
        if self.choice is not None:
            self.model.chosen = [self.choice.value] if self.choice.value is not None else []
        else:
            self.model.chosen = [
                option.id
                for option, box in zip(self.model.shown_options(), self.boxes, strict=True)
                if box.value
            ]
        self.feedback.value = ""

    def _on_button(self, _button: widgets.Button) -> None:
        check = self.model.check
        if check.type == "reflection":
            self.model.checked = True
            self.feedback.value = model_points_html(check)
            return
        if not self.model.chosen:
            self.feedback.value = box_html("note", "Choose an answer first, then press Check.")
            return
        if self.model.record_check() == "right":
            self.feedback.value = feedback_html(self.model)
            return
        self.feedback.value = try_again_html(self.model)
        if self.model.misses >= TRIES_BEFORE_ANSWER:
            self.show_answer.layout.display = None

    def _on_show_answer(self, _button: widgets.Button) -> None:
        self.feedback.value = feedback_html(self.model)


def error_widget(path: str, check_id: str, problems: list[Problem]) -> widgets.HTML:
    """A readable message in place of a self-check that could not be loaded.

    It carries the tools' stylesheet itself, as nothing else on the page may.
    """
    body = render(f"{TEMPLATES}/problems.html.j2", path=path, check_id=check_id,
                  problems=[str(problem) for problem in problems])
    html_widget = widgets.HTML(
        THEME_CSS + box_html("error", "This self-check could not be shown", body, role="alert"))
    html_widget.add_class("ipt-selfcheck-error")
    html_widget.add_class(THEME_CLASS)
    return html_widget
