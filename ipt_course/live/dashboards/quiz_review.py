"""The anonymous quiz review for the "Quiz and questions" slot, a page of its own to share.

One question at a time: its text, how the room did (facility), and how many chose each option,
in the bank's order. It shows no names, ids or written answers, and the key only when the
trainer reveals it for the question on screen. The page (``dashboards/quiz-review.ipynb``)
holds nothing else, so the whole window can be shared on Teams; the results page links to it.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote

import ipywidgets as widgets
import pandas as pd

from ipt_course.kit.order import letters
from ipt_course.live.dashboards.common import course_of, empty_note, style_block, wait_for_viewer
from ipt_course.live.dashboards.quiz_data import quiz_choices, quiz_report
from ipt_course.live.dashboards.review_grid import STYLE as GRID_STYLE
from ipt_course.live.dashboards.review_grid import MatchGrid, grid_html, match_grid

REVIEW_NOTEBOOK = "quiz-review.ipynb"
QUIZ_PARAMETER = "quiz"
CHOSEN_BY = {"ordering": "Placed first by"}
KEY_HEADING = {"ordering": "Right place"}
NOT_COUNTED = {"reflection": "Written answers are marked by hand and not shown here.",
               "numeric": "Numbers typed are not listed here."}


@dataclass(frozen=True)
class ReviewOption:
    """One option of a question as the room chose it."""

    label: str
    text: str
    count: int
    is_key: bool
    place: int | None = None  # in an ordering question, the option's place in the key


@dataclass(frozen=True)
class ReviewItem:
    """One question of the review."""

    number: int
    prompt: str
    kind: str
    facility: float | None
    answered: int
    options: tuple[ReviewOption, ...]
    grid: MatchGrid | None = None


def review_address(quiz_id: str) -> str:
    """The review page of ``quiz_id``, relative to a dashboard beside it in ``dashboards/``."""
    return f"{REVIEW_NOTEBOOK}?{QUIZ_PARAMETER}={quote(quiz_id)}"


def requested_quiz(query: str | None = None) -> str | None:
    """The quiz named in the page's address (``?quiz=day2-quiz``), or None.

    Voila hands a page's query string to its kernel as ``QUERY_STRING``.
    """
    query = os.environ.get("QUERY_STRING", "") if query is None else query
    found = parse_qs(query).get(QUIZ_PARAMETER)
    return found[0] if found else None


def review_items(report) -> list[ReviewItem]:
    """The review's questions in quiz order, from a quiz report (see ``quiz_data``)."""
    items = report.items.set_index("question") if not report.items.empty else pd.DataFrame()
    items_list = []
    for number, question in enumerate(report.bank.questions, start=1):
        rows = report.distractors[report.distractors["question"] == question.id]
        labels = letters(len(rows)) if question.type != "matching" else [""] * len(rows)
        places = _places(question, len(rows))
        options = tuple(ReviewOption(label, str(row.text), int(row.count), bool(row.is_key),
                                     place)
                        for label, row, place in zip(labels, rows.itertuples(), places,
                                                     strict=True))
        facility = answered = None
        if question.id in items.index:
            facility = float(items.loc[question.id, "facility"])
            answered = int(items.loc[question.id, "answered"])
        grid = match_grid(question, rows) if question.type == "matching" else None
        items_list.append(ReviewItem(number, question.prompt, question.type, facility,
                                     answered or 0, options, grid))
    return items_list


def _places(question, count: int) -> list[int | None]:
    """Each option's place in an ordering question's key, in bank order (else None each)."""
    order = question.answer if question.type == "ordering" else None
    if not isinstance(order, list) or len(question.texts("options")) != count:
        return [None] * count
    return [order.index(option) + 1 if option in order else None
            for option in question.texts("options")]


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return f"{number}{suffix}"


def position_html(item: ReviewItem, total: int) -> str:
    """Where the question stands in the quiz, how many answered it and how the room did."""
    facility = ("not marked yet" if item.facility is None
                else f"{item.facility:.0%} of the points on average")
    return (f'<p class="ipt-review-position">Question {item.number} of {total} &middot; '
            f"{item.answered} answered &middot; {facility}</p>")


def question_html(item: ReviewItem, reveal: bool) -> str:
    """The question's text and the options chosen, with the key marked only if revealed."""
    head = f'<h2 class="ipt-review-prompt">{html.escape(item.prompt)}</h2>'
    if not item.options:
        return head + f"<p>{html.escape(NOT_COUNTED.get(item.kind, ''))}</p>"
    if item.grid is not None:
        return head + grid_html(item.grid, reveal)
    most = max(option.count for option in item.options) or 1
    rows = []
    for option in item.options:
        key = reveal and option.is_key
        mark = '<strong class="ipt-review-key">Answer</strong>' if key else ""
        if reveal and option.place is not None:
            mark = f'<strong class="ipt-review-key">{ordinal(option.place)}</strong>'
        width = round(100 * option.count / most)
        rows.append(
            f'<tr class="{"ipt-review-keyrow" if key else ""}">'
            f"<td>{html.escape(option.label)}</td><td>{html.escape(option.text)}</td>"
            f'<td><span class="ipt-bar" aria-hidden="true"><span style="width:{width}%">'
            f"</span></span> {option.count}</td><td>{mark}</td></tr>")
    return (head + '<table class="ipt-review-options"><thead><tr><th scope="col">Option</th>'
            f'<th scope="col">Text</th><th scope="col">{CHOSEN_BY.get(item.kind, "Chosen by")}'
            f'</th><th scope="col">{KEY_HEADING.get(item.kind, "Key")}</th></tr></thead><tbody>'
            + "".join(rows)
            + "</tbody></table>")


STYLE = """<style>
.ipt-review { font-size: 20px; max-width: 1180px; }
.ipt-review p, .ipt-review td, .ipt-review th { font-size: 20px; color: #111; }
.ipt-review h2.ipt-review-prompt { font-size: 24px; line-height: 1.3; color: #0b3d91;
  margin: 4px 0 8px; }
.ipt-review .ipt-review-bar { align-items: center; gap: 6px; flex-wrap: wrap; }
.ipt-review .ipt-review-bar > .widget-html { flex: 1 1 auto; margin: 0; }
.ipt-review p.ipt-review-position { margin: 0; }
.ipt-review .ipt-review-options { border-collapse: collapse; width: 100%; }
.ipt-review .ipt-review-options td, .ipt-review .ipt-review-options th {
  border-bottom: 1px solid #999; padding: 4px 10px; line-height: 1.35; text-align: left;
  vertical-align: top; }
.ipt-review .ipt-review-options th { white-space: nowrap; }
.ipt-review .ipt-review-options td:nth-child(3) { white-space: nowrap; }
.ipt-review .ipt-review-options th:nth-child(4) { width: 5em; }
.ipt-review .ipt-review-keyrow td { background: #e3f1e6; }
.ipt-review .ipt-review-key { color: #0a5c2b; }
.ipt-review .ipt-bar { display: inline-block; width: 120px; height: 16px; background: #e4e7ec;
  margin-right: 6px; vertical-align: -1px; }
.ipt-review .ipt-bar > span { display: block; height: 100%; background: #0b3d91; }
.ipt-review .jupyter-button { font-size: 18px; height: auto; min-height: 40px; width: auto; }
.ipt-review .jupyter-button.ipt-review-reveal { background: #0b3d91; color: #fff;
  min-width: 11em; }
.ipt-review .jupyter-button.ipt-review-reveal:disabled { background: #e4e7ec; color: #333; }
""" + GRID_STYLE + "</style>"


class QuizReviewView(widgets.VBox):
    """Step through the questions; the trainer reveals each key when the room has discussed it."""

    def __init__(self, items: list[ReviewItem]) -> None:
        self.items = items
        self.index = 0
        self.revealed = False
        self._position = widgets.HTML()
        self._item = widgets.HTML()
        self._previous = widgets.Button(description="Previous", tooltip="Previous question")
        self._next = widgets.Button(description="Next", tooltip="Next question")
        self._reveal = widgets.Button(description="Reveal the answer",
                                      tooltip="Show the key for this question only")
        self._reveal.add_class("ipt-review-reveal")
        self._previous.on_click(lambda _: self.show(self.index - 1))
        self._next.on_click(lambda _: self.show(self.index + 1))
        self._reveal.on_click(lambda _: self._toggle())
        # The buttons share the position's line, so a long question still fits a shared screen.
        bar = widgets.HBox([self._position, self._previous, self._next, self._reveal])
        bar.add_class("ipt-review-bar")
        super().__init__([widgets.HTML(STYLE), bar, self._item])
        self.add_class("ipt-review")
        self.show(0)

    def _toggle(self) -> None:
        self.revealed = not self.revealed
        self._draw()

    def show(self, index: int) -> None:
        """Show question ``index`` (from 0) with its key hidden."""
        if not self.items:
            self._position.value = ""
            self._item.value = "<p>Nothing to review until this quiz is graded.</p>"
            for button in (self._previous, self._next, self._reveal):
                button.disabled = True
            return
        self.index = max(0, min(index, len(self.items) - 1))
        self.revealed = False
        self._draw()

    def _draw(self) -> None:
        item = self.items[self.index]
        self._item.value = question_html(item, self.revealed)
        self._previous.disabled = self.index == 0
        self._next.disabled = self.index == len(self.items) - 1
        self._reveal.disabled = not any(option.is_key for option in item.options)
        self._reveal.description = "Hide the answer" if self.revealed else "Reveal the answer"
        # The position changes last: once it reads the new question, all of it is drawn.
        self._position.value = position_html(item, len(self.items))


PAGE_STYLE = """<style>
.ipt-review-page { max-width: 1180px; }
.ipt-review-page .ipt-review-top { align-items: center; gap: 24px; flex-wrap: wrap; }
.ipt-review-page h1 { margin: 0; }
.ipt-review-page .widget-dropdown label, .ipt-review-page .widget-dropdown select {
  font-size: 18px; color: #111; }
.ipt-review-page .widget-dropdown { height: auto; }
.ipt-review-page .widget-dropdown select { height: 36px; }
</style>"""


class QuizReviewPage(widgets.VBox):
    """The review as a page of its own: a heading, a quiz to choose and its questions."""

    def __init__(self, root: Path | None = None, quiz: str | None = None) -> None:
        self._root = course_of(root).root
        choices = quiz_choices(self._root)
        ids = [quiz_id for _, quiz_id in choices]
        self._picker = widgets.Dropdown(
            options=choices, value=quiz if quiz in ids else (ids[0] if ids else None),
            description="Quiz:", style={"description_width": "initial"},
            layout={"width": "640px"})
        self._review = widgets.VBox()
        top = widgets.HBox([widgets.HTML("<h1>Quiz review</h1>"), self._picker])
        top.add_class("ipt-review-top")
        super().__init__([style_block(), widgets.HTML(PAGE_STYLE), top, self._review])
        self.add_class("ipt-dash")
        self.add_class("ipt-review-page")
        if not choices:
            self._review.children = [widgets.HTML(empty_note("course.yaml lists no quiz yet."))]
            return
        self._picker.observe(lambda _: self.refresh(), names="value")
        self.refresh()

    @property
    def quiz(self) -> str | None:
        """The id of the quiz under review."""
        return self._picker.value

    @property
    def view(self) -> QuizReviewView | None:
        """The question-by-question view of the chosen quiz (None when there is no quiz)."""
        shown = self._review.children
        return shown[0] if shown and isinstance(shown[0], QuizReviewView) else None

    def refresh(self) -> None:
        """Read the chosen quiz's grades again and start at its first question."""
        report = quiz_report(self._root, self._picker.value)
        self._review.children = [QuizReviewView([] if report.empty else review_items(report))]


def quiz_review(root: Path | None = None) -> QuizReviewPage:
    """The anonymous quiz review page, on the quiz its address names (else the first)."""
    wait_for_viewer(root)
    return QuizReviewPage(root, quiz=requested_quiz())
