"""The written answer box: a reflection typed in a plain text box that saves itself.

The trainee clicks in the box and types; every change is saved to the quiz's responses file
like any other answer, so nothing depends on JupyterLab's edit and command modes. When the
quiz is graded, the saved text is brought into the question's manually graded cell
(:mod:`ipt_course.quiz.autograde`), where formgrader and the feedback page show it.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ipt_course.quiz.answer_box import AnswerModel, AnswerView

MAX_WRITTEN_CHARACTERS = 20_000
PLACEHOLDER = "Click here and type your answer. It is saved as you type."


def written_text(value: Any) -> str | None:
    """A saved written answer if it is text with something in it, else None."""
    if isinstance(value, str) and value.strip() and len(value) <= MAX_WRITTEN_CHARACTERS:
        return value
    return None


def too_long_message(length: int) -> str:
    """What the trainee is told when a written answer is over the limit."""
    return (f"Not saved: this answer is {length:,} characters long and a written answer can "
            f"hold {MAX_WRITTEN_CHARACTERS:,}. Your last saved answer is kept; shorten this "
            "one and it will be saved again.")


class WrittenAnswerView(AnswerView):
    """A multi-line box in the page's font; what is typed is saved at each change."""

    def __init__(self, model: AnswerModel, question: dict[str, Any]) -> None:
        self._box = widgets.Textarea(value=model.value or "", placeholder=PLACEHOLDER,
                                     description="Your answer",
                                     layout=widgets.Layout(width="100%", height="14em"))
        self._box.observe(self._typed, names="value")
        super().__init__(model, question, [self._box])
        self.add_class("ipt-quiz-written")

    @property
    def text(self) -> str:
        """What the box holds now."""
        return self._box.value

    def type_text(self, text: str) -> None:
        """Put ``text`` in the box, as typing or pasting it would."""
        self._box.value = text

    def _typed(self, change: dict[str, Any]) -> None:
        text = change["new"]
        if len(text) > MAX_WRITTEN_CHARACTERS:
            self.model.status = too_long_message(len(text))
            return
        value = text if text.strip() else None
        if value == self.model.value:
            self.model.status = "Saved." if value is not None else "Not answered yet."
        else:
            self.model.value = value
