"""Answer widgets for the quiz notebook: click or type, and every change is saved at once.

The widgets never see an answer key. They read the answer-free question data that the
generator ships beside the notebook (``<quiz id>.questions.json``: prompts and options only)
and save to ``<quiz id>.responses.json`` in the same folder, the notebook's own folder, which
is the kernel's working directory in JupyterLab and in Voila.

Options (and matching choices, and the starting order of an ordering question) are shown in
the trainee's own order (``ipt_course.kit.order``), from the seed saved in the responses file
or, before the first answer, the trainee's seed; answers are saved as option ids, in bank order.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.order import display_order, quiz_item, trainee_seed
from ipt_course.quiz.answer_box import AnswerModel, AnswerView
from ipt_course.quiz.store import AnswerTooLarge, ResponseStore, responses_path
from ipt_course.quiz.written import WrittenAnswerView, written_text

QUESTIONS_SUFFIX = ".questions.json"
CHOOSE = "Choose..."
SWITCH_ON = ("The quiz is not switched on yet: press Switch on the tools at the top of the "
             "page. Your saved answers will come back.")
_SESSION: QuizSession | None = None



def questions_path(folder: Path, quiz_id: str) -> Path:
    """Where the answer-free question data of ``quiz_id`` sits beside its notebook."""
    return Path(folder) / f"{quiz_id}{QUESTIONS_SUFFIX}"


class QuizSession:
    """The open quiz: its public questions, its saved answers and one model per question."""

    def __init__(self, quiz_id: str, folder: Path) -> None:
        self.quiz_id = quiz_id
        self.folder = Path(folder)
        data = json.loads(questions_path(self.folder, quiz_id).read_text(encoding="utf-8"))
        self.title: str = data.get("title", quiz_id)
        self.questions: dict[str, dict[str, Any]] = {q["id"]: q for q in data["questions"]}
        self.store = ResponseStore.open(responses_path(self.folder, quiz_id), quiz_id)
        if self.store.seed is None:
            self.store.seed = trainee_seed()
        self.seed: str = self.store.seed
        self.models: dict[str, AnswerModel] = {}

    def order(self, qid: str, key: str = "options") -> list[str]:
        """The ids of question ``qid``'s ``key`` (options or choices) in the order shown."""
        return display_order(_option_ids(self.questions[qid], key), seed=self.seed,
                             item=quiz_item(self.quiz_id, qid, key))

    def shown(self, qid: str) -> dict[str, Any]:
        """Question ``qid`` with its options and choices in this trainee's display order."""
        question = dict(self.questions[qid])
        for key in ("options", "choices"):
            if key in question:
                by_id = {option["id"]: option for option in question[key]}
                question[key] = [by_id[option_id] for option_id in self.order(qid, key)]
        return question

    def model(self, qid: str) -> AnswerModel:
        """The answer model of question ``qid``, created from the saved answer on first use."""
        if qid not in self.models:
            saved = _usable(self.questions[qid], self.store.answers.get(qid))
            model = AnswerModel(qid=qid, value=saved)
            if saved is not None:
                model.status = "Saved."
            model.observe(self._save, names="value")
            self.models[qid] = model
        return self.models[qid]

    def _save(self, change: dict[str, Any]) -> None:
        model: AnswerModel = change["owner"]
        try:
            self.store.set(model.qid, model.value)
        except AnswerTooLarge:
            model.status = ("Not saved: the answers file would be too large. Your answers "
                            "saved before are kept; shorten this answer and it will be saved.")
            return
        except OSError as error:
            model.status = (f"Your answer could not be saved ({error.strerror or error}). "
                            "Check there is space on the drive, then answer again.")
            return
        model.status = "Saved." if model.value is not None else "Not answered yet."

    def unanswered(self) -> list[str]:
        """Ids of the questions with no saved answer yet, written answers included."""
        self._refresh()
        return [qid for qid, q in self.questions.items()
                if _usable(q, self.store.answers.get(qid)) is None]

    def partly_answered(self) -> dict[str, str]:
        """Questions answered in part (a matching with items left), with what is missing."""
        self._refresh()
        missing = {}
        for qid, question in self.questions.items():
            saved = _usable(question, self.store.answers.get(qid))
            if question["type"] == "matching" and saved is not None:
                items = len(question.get("items", []))
                if len(saved) < items:
                    missing[qid] = f"{len(saved)} of {items} items matched"
        return missing

    def _refresh(self) -> None:
        if self.store.writable:
            self.store.reload()


def _option_ids(question: dict[str, Any], key: str = "options") -> list[str]:
    return [option["id"] for option in question.get(key, [])]


def _usable(question: dict[str, Any], value: Any) -> Any:
    """The saved value if it still fits the question, else None (shown as unanswered)."""
    kind = question["type"]
    ids = _option_ids(question)
    if kind == "single":
        return value if isinstance(value, str) and value in ids else None
    if kind == "multiple":
        ok = isinstance(value, list) and value and all(v in ids for v in value)
        return value if ok else None
    if kind == "ordering":
        return value if isinstance(value, list) and sorted(value) == sorted(ids) else None
    if kind == "matching":
        choices = _option_ids(question, "choices")
        if not isinstance(value, dict):
            return None
        kept = {k: v for k, v in value.items() if k in _option_ids(question, "items")
                and v in choices}
        return kept or None
    if kind == "numeric":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return value if ok else None
    if kind == "reflection":
        return written_text(value)
    return None


def parse_number(text: str) -> float | None:
    """The number typed by the trainee, or None if it is not one (commas as thousands)."""
    cleaned = text.strip().replace(",", "")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


# ---------------------------------------------------------------------------------------------
# Views: one per question type, each a VBox whose children are private


class SingleChoiceView(AnswerView):
    """One option, picked with radio buttons."""

    def __init__(self, model: AnswerModel, question: dict[str, Any]) -> None:
        self._radio = widgets.RadioButtons(
            options=[(o["text"], o["id"]) for o in question["options"]], value=model.value,
            layout=widgets.Layout(width="auto"))
        self._radio.observe(self._picked, names="value")
        super().__init__(model, question, [self._radio])

    def _picked(self, change: dict[str, Any]) -> None:
        self.model.value = change["new"]


class MultipleChoiceView(AnswerView):
    """Any number of options, each with its own tick box; saved in bank order, not as shown."""

    def __init__(self, model: AnswerModel, question: dict[str, Any],
                 bank_order: list[str] | None = None) -> None:
        self._bank_order = bank_order or _option_ids(question)
        chosen = set(model.value or [])
        self._boxes = {
            o["id"]: widgets.Checkbox(value=o["id"] in chosen, description=o["text"],
                                      indent=False, layout=widgets.Layout(width="auto"))
            for o in question["options"]
        }
        for box in self._boxes.values():
            box.observe(self._ticked, names="value")
        super().__init__(model, question, list(self._boxes.values()))

    def _ticked(self, _change: object) -> None:
        picked = [oid for oid in self._bank_order if self._boxes[oid].value]
        self.model.value = picked or None


class MatchingView(AnswerView):
    """A drop-down list of choices beside each item."""

    def __init__(self, model: AnswerModel, question: dict[str, Any]) -> None:
        saved = model.value or {}
        # ipywidgets shows a drop-down whose value is None as blank, so "Choose..." is "".
        options = [(CHOOSE, "")] + [(c["text"], c["id"]) for c in question["choices"]]
        self._menus: dict[str, widgets.Dropdown] = {}
        rows = []
        for number, item in enumerate(question["items"], start=1):
            # The description is the drop-down's accessible name; the full text sits above it.
            menu = widgets.Dropdown(options=options, value=saved.get(item["id"], ""),
                                    description=f"Item {number}",
                                    style={"description_width": "4em"},
                                    layout=widgets.Layout(width="22em"))
            menu.observe(self._matched, names="value")
            self._menus[item["id"]] = menu
            text = widgets.HTML(f"<strong>Item {number}.</strong> {html.escape(item['text'])}")
            rows.append(widgets.VBox([text, menu], layout=widgets.Layout(margin="0 0 6px 0")))
        super().__init__(model, question, rows)

    def _matched(self, _change: object) -> None:
        pairs = {iid: menu.value for iid, menu in self._menus.items() if menu.value}
        self.model.value = pairs or None


class NumericView(AnswerView):
    """A box for a number, with a plain message if what is typed is not a number."""

    def __init__(self, model: AnswerModel, question: dict[str, Any]) -> None:
        shown = "" if model.value is None else f"{model.value:g}"
        self._box = widgets.Text(value=shown, placeholder="Type a number",
                                 description="Your answer", style={"description_width": "7em"},
                                 layout=widgets.Layout(width="20em"))
        self._box.observe(self._typed, names="value")
        self._message = widgets.HTML()
        super().__init__(model, question, [self._box, self._message])

    def _typed(self, change: dict[str, Any]) -> None:
        text = change["new"]
        if not text.strip():
            self._message.value = ""
            self.model.value = None
            return
        number = parse_number(text)
        if number is None:
            self._message.value = (f"<strong>{html.escape(text)} is not a number.</strong> "
                                   "Please type digits only, for example 14 or 2.5.")
            return
        self._message.value = ""
        self.model.value = int(number) if number.is_integer() else number


class OrderingView(AnswerView):
    """Options in a list that the trainee reorders with Up and Down buttons."""

    def __init__(self, model: AnswerModel, question: dict[str, Any]) -> None:
        self._texts = {o["id"]: o["text"] for o in question["options"]}
        self._order: list[str] = list(model.value or self._texts)
        self._rows = widgets.VBox()
        self._keep = widgets.Button(description="Keep this order", tooltip="Save this order")
        self._keep.on_click(lambda _button: self._commit())
        super().__init__(model, question, [self._rows, self._keep])
        self._draw()

    @property
    def order(self) -> list[str]:
        """The option ids in the order shown."""
        return list(self._order)

    def move(self, option_id: str, step: int) -> None:
        """Move an option up (-1) or down (+1) and save the new order."""
        here = self._order.index(option_id)
        there = here + step
        if 0 <= there < len(self._order):
            self._order[here], self._order[there] = self._order[there], self._order[here]
        self._draw()
        self._commit()

    def _commit(self) -> None:
        self.model.value = list(self._order)

    def _draw(self) -> None:
        rows = []
        for position, option_id in enumerate(self._order, start=1):
            up = widgets.Button(description="Up", disabled=position == 1,
                                tooltip="Move up", layout=widgets.Layout(width="5em"))
            down = widgets.Button(description="Down", disabled=position == len(self._order),
                                  tooltip="Move down", layout=widgets.Layout(width="5em"))
            up.on_click(lambda _b, oid=option_id: self.move(oid, -1))
            down.on_click(lambda _b, oid=option_id: self.move(oid, +1))
            text = widgets.HTML(f"{position}. {html.escape(self._texts[option_id])}",
                                layout=widgets.Layout(margin="0 0 0 8px"))
            rows.append(widgets.HBox([up, down, text], layout=widgets.Layout(
                align_items="center")))
        self._rows.children = rows


VIEWS: dict[str, type[AnswerView]] = {
    "single": SingleChoiceView,
    "multiple": MultipleChoiceView,
    "matching": MatchingView,
    "numeric": NumericView,
    "ordering": OrderingView,
    "reflection": WrittenAnswerView,
}


class UnansweredList(widgets.VBox):
    """Lists the questions not answered, or answered in part; never what is right or wrong.

    The list is drawn when the trainee presses the button, not when the cell runs, so running
    the whole quiz does not end on a long list at the bottom of the page.
    """

    def __init__(self, session: QuizSession) -> None:
        self._session = session
        self._report = widgets.HTML("<p>Press <strong>Check my answers</strong> to see any "
                                    "question still to answer.</p>")
        self._again = widgets.Button(description="Check my answers", button_style="primary",
                                     layout=widgets.Layout(width="auto"))
        self._again.on_click(lambda _button: self.refresh())
        super().__init__(children=[self._report, self._again])

    @property
    def report(self) -> str:
        """The list as last drawn (HTML)."""
        return self._report.value

    def refresh(self) -> None:
        """Look at the saved answers again."""
        missing = self._session.unanswered()
        partly = self._session.partly_answered()
        lines = [f"<li>Question {self._number(qid)}: "
                 f"{'not answered' if qid in missing else html.escape(partly[qid])}</li>"
                 for qid in self._session.questions if qid in missing or qid in partly]
        if lines:
            text = (f"<p><strong>{len(lines)} question(s) still to finish:</strong></p>"
                    f"<ul>{''.join(lines)}</ul>")
        else:
            text = "<p><strong>Every question has an answer saved.</strong></p>"
        self._report.value = text
        self._again.description = "Check again"

    def _number(self, qid: str) -> str:
        return str(list(self._session.questions).index(qid) + 1)


def _problem(message: str) -> widgets.HTML:
    return widgets.HTML(f'<p role="alert"><strong>{html.escape(message)}</strong></p>')


def start_quiz(quiz_id: str, folder: Path | str | None = None) -> widgets.Widget | None:
    """Open quiz ``quiz_id`` from the notebook's folder; returns a notice only if needed."""
    global _SESSION
    where = Path(folder) if folder is not None else Path.cwd()
    if not questions_path(where, quiz_id).is_file():
        _SESSION = None
        return _problem(f"The file {quiz_id}{QUESTIONS_SUFFIX} is missing from this folder. "
                        "Ask your trainer for the complete quiz folder.")
    try:
        _SESSION = QuizSession(quiz_id, where)
    except (ValueError, KeyError, TypeError):
        _SESSION = None
        return _problem(f"The file {quiz_id}{QUESTIONS_SUFFIX} in this folder is damaged. "
                        "Ask your trainer for a fresh copy of the quiz folder.")
    if _SESSION.store.notice:
        return _problem(_SESSION.store.notice)
    return None


def current_session() -> QuizSession | None:
    """The quiz opened by ``start_quiz`` in this kernel, if any."""
    return _SESSION


def ask(qid: str) -> widgets.Widget:
    """The answer widget for question ``qid`` of the open quiz, showing any saved answer."""
    session = _SESSION
    if session is None:
        return _problem(SWITCH_ON)
    question = session.questions.get(qid)
    if question is None:
        return _problem(f"This quiz has no question {qid} to answer here.")
    if question["type"] == "multiple":
        return MultipleChoiceView(session.model(qid), session.shown(qid), _option_ids(question))
    return VIEWS[question["type"]](session.model(qid), session.shown(qid))


def check_answers() -> widgets.Widget:
    """A list of the questions not answered yet (nothing about right or wrong)."""
    if _SESSION is None:
        return _problem(SWITCH_ON)
    return UnansweredList(_SESSION)
