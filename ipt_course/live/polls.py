"""What trainees send from the live page: check-in, confidence, evaluation, questions, sign-in."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ipt_course.course import Day
from ipt_course.live.store import LiveInputError, LiveStore
from ipt_course.live.wording import (
    CHECKIN_THANKS,
    EVALUATION_THANKS,
    QUESTION_THANKS,
    confidence_thanks,
    signed_in,
)

RATING_LABELS = ("1", "2", "3", "4", "5")


def _rating_buttons(description: str, low: str, high: str) -> widgets.VBox:
    """Five rating buttons with what 1 and 5 mean written underneath (not only in tooltips)."""
    options = [(label, i + 1) for i, label in enumerate(RATING_LABELS)]
    buttons = widgets.ToggleButtons(options=options, value=None, description=description,
                                    tooltips=[low, "", "", "", high],
                                    style={"description_width": "initial", "button_width": "52px"})
    legend = widgets.HTML(f'<span class="ipt-rating-legend">{html.escape(low)} &middot; '
                          f"{html.escape(high)}</span>")
    box = widgets.VBox([buttons, legend])
    box.add_class("ipt-rating")
    return box


def _chosen(rating: widgets.VBox) -> int | None:
    """The value of a rating made by ``_rating_buttons``."""
    return rating.children[0].value


class _Form(widgets.VBox):
    """A form with a send button and a message line; bad input keeps what was typed."""

    def __init__(self, title: str, intro: str, fields: list[widgets.Widget],
                 send_label: str = "Send") -> None:
        self._message = widgets.HTML()
        self._send_button = widgets.Button(description=send_label, button_style="primary",
                                    tooltip=send_label)
        self._send_button.on_click(lambda _: self._submit())
        super().__init__([widgets.HTML(f"<h3>{html.escape(title)}</h3><p>{intro}</p>"), *fields,
                          self._send_button, self._message])
        self.add_class("ipt-poll")

    def say(self, text: str, ok: bool = True) -> None:
        """Show a message under the form."""
        css = "ipt-ok" if ok else "ipt-problem"
        role = "status" if ok else "alert"
        self._message.value = f'<p class="{css}" role="{role}">{html.escape(text)}</p>'

    def _submit(self) -> None:
        try:
            self.send()
        except LiveInputError as problem:
            self.say(str(problem), ok=False)

    def send(self) -> None:  # pragma: no cover - every form overrides it
        raise NotImplementedError


class CheckInForm(_Form):
    """How are you arriving today? A rating and one word."""

    def __init__(self, store: LiveStore, day: Day, viewer: str) -> None:
        self.store, self.day, self.viewer = store, day, viewer
        self.rating = _rating_buttons("How are you arriving?", "1 = running on empty",
                                      "5 = ready for anything")
        self.word = widgets.Text(placeholder="one word", description="One word:",
                                 style={"description_width": "initial"})
        super().__init__("Check-in", "Anonymous: your trainer sees only the room's totals.",
                         [self.rating, self.word])

    def send(self) -> None:
        if _chosen(self.rating) is None:
            raise LiveInputError("Choose a rating from 1 to 5.")
        self.store.check_in(self.day.number, self.viewer, _chosen(self.rating), self.word.value)
        self.say(CHECKIN_THANKS)
        self.word.value = ""


class ConfidenceForm(_Form):
    """Confidence in each of the day's outcomes, at the start and at the end of the day."""

    def __init__(self, store: LiveStore, day: Day, viewer: str) -> None:
        self.store, self.day, self.viewer = store, day, viewer
        self.moment = widgets.ToggleButtons(options=[("Start of the day", "start"),
                                                     ("End of the day", "end")], value="start",
                                            description="When:")
        self.ratings = {
            outcome.id: _rating_buttons(outcome.id, "1 = not at all confident",
                                        "5 = very confident")
            for outcome in day.outcomes
        }
        rows = []
        for outcome in day.outcomes:
            rows += [widgets.HTML(f"<p><strong>{outcome.id}</strong> "
                                  f"{html.escape(outcome.text)}</p>"), self.ratings[outcome.id]]
        super().__init__("How confident are you?",
                         "Rate each learning outcome from 1 (not at all) to 5 (very). "
                         "Anonymous; you can send it again to change it.",
                         [self.moment, *rows])

    def send(self) -> None:
        chosen = {o: _chosen(w) for o, w in self.ratings.items() if _chosen(w) is not None}
        self.store.rate_confidence(self.day.number, self.viewer, self.moment.value, chosen)
        self.say(confidence_thanks(len(chosen), len(self.ratings) - len(chosen)))


class EvaluationForm(_Form):
    """The end-of-day evaluation."""

    def __init__(self, store: LiveStore, day: Day, viewer: str) -> None:
        self.store, self.day, self.viewer = store, day, viewer
        self.presentation = _rating_buttons("How well was today presented?", "1 = poorly",
                                            "5 = very well")
        self.relevance = _rating_buttons("How relevant is it to your practice?",
                                         "1 = not relevant", "5 = very relevant")
        self.comment = widgets.Textarea(placeholder="What worked, what would you change?",
                                        description="Comments:",
                                        layout=widgets.Layout(width="95%", height="90px"),
                                        style={"description_width": "initial"})
        super().__init__("Evaluation of the day", "Anonymous. Thank you for your honesty.",
                         [self.presentation, self.relevance, self.comment])

    def send(self) -> None:
        if _chosen(self.presentation) is None or _chosen(self.relevance) is None:
            raise LiveInputError("Please give both ratings (1 to 5) before sending.")
        self.store.evaluate(self.day.number, self.viewer, _chosen(self.presentation),
                            _chosen(self.relevance), self.comment.value)
        self.say(EVALUATION_THANKS)
        self.comment.value = ""


class QuestionForm(_Form):
    """A question for the Q&A slot."""

    def __init__(self, store: LiveStore, day: Day, viewer: str) -> None:
        self.store, self.day, self.viewer = store, day, viewer
        self.text = widgets.Textarea(placeholder="Your question", description="Question:",
                                     layout=widgets.Layout(width="95%", height="70px"),
                                     style={"description_width": "initial"})
        super().__init__("Questions for the trainer",
                         "Anonymous. Your trainer answers them in the questions slot.",
                         [self.text], send_label="Send question")

    def send(self) -> None:
        self.store.ask(self.day.number, self.viewer, self.text.value)
        self.say(QUESTION_THANKS)
        self.text.value = ""


class SignInForm(_Form):
    """Named attendance, shown only when the trainer has turned it on."""

    def __init__(self, store: LiveStore, day: Day) -> None:
        self.store, self.day = store, day
        self.name = widgets.Text(placeholder="your name as on the course register",
                                 description="Name:")
        super().__init__("Sign in", "Your trainer has turned on named attendance for "
                         "certificates. Only your name and the day are kept.", [self.name],
                         send_label="Sign in")

    def send(self) -> None:
        self.store.sign_in(self.day.number, self.name.value)
        self.say(signed_in(self.day.number))
