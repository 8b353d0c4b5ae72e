"""The anonymous quiz review for the "Quiz and questions" slot, safe to share on Teams.

One question at a time: its text, how the room did (facility), and how many chose each option,
in the bank's order. It shows no names, ids or written answers, and the key only when the
trainer reveals it for the question on screen.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd

from ipt_course.kit.order import letters

NOT_COUNTED = {"reflection": "Written answers are marked by hand and not shown here.",
               "numeric": "Numbers typed are not listed here."}


@dataclass(frozen=True)
class ReviewOption:
    """One option of a question as the room chose it."""

    label: str
    text: str
    count: int
    is_key: bool


@dataclass(frozen=True)
class ReviewItem:
    """One question of the review."""

    number: int
    prompt: str
    kind: str
    facility: float | None
    answered: int
    options: tuple[ReviewOption, ...]


def review_items(report) -> list[ReviewItem]:
    """The review's questions in quiz order, from a quiz report (see ``quiz_results``)."""
    items = report.items.set_index("question") if not report.items.empty else pd.DataFrame()
    items_list = []
    for number, question in enumerate(report.bank.questions, start=1):
        rows = report.distractors[report.distractors["question"] == question.id]
        labels = letters(len(rows)) if question.type != "matching" else [""] * len(rows)
        options = tuple(ReviewOption(label, str(row.text), int(row.count), bool(row.is_key))
                        for label, row in zip(labels, rows.itertuples(), strict=True))
        facility = answered = None
        if question.id in items.index:
            facility = float(items.loc[question.id, "facility"])
            answered = int(items.loc[question.id, "answered"])
        items_list.append(ReviewItem(number, question.prompt, question.type, facility,
                                     answered or 0, options))
    return items_list


def item_html(item: ReviewItem, total: int, reveal: bool) -> str:
    """One question as shared: text, facility and the options chosen; the key if revealed."""
    facility = ("not marked yet" if item.facility is None
                else f"{item.facility:.0%} of the points on average")
    head = (f'<p class="ipt-review-position">Question {item.number} of {total} &middot; '
            f"{item.answered} answered &middot; {facility}</p>"
            f'<h2 class="ipt-review-prompt">{html.escape(item.prompt)}</h2>')
    if not item.options:
        return head + f"<p>{html.escape(NOT_COUNTED.get(item.kind, ''))}</p>"
    most = max(option.count for option in item.options) or 1
    rows = []
    for option in item.options:
        key = reveal and option.is_key
        mark = '<strong class="ipt-review-key">Answer</strong>' if key else ""
        width = round(100 * option.count / most)
        rows.append(
            f'<tr class="{"ipt-review-keyrow" if key else ""}">'
            f"<td>{html.escape(option.label)}</td><td>{html.escape(option.text)}</td>"
            f'<td>{option.count}</td><td><span class="ipt-bar" aria-hidden="true">'
            f'<span style="width:{width}%"></span></span></td><td>{mark}</td></tr>')
    return (head + '<table class="ipt-review-options"><thead><tr><th scope="col">Option</th>'
            '<th scope="col">Text</th><th scope="col">Chosen by</th><th scope="col">Share'
            '</th><th scope="col">Key</th></tr></thead><tbody>' + "".join(rows)
            + "</tbody></table>")


STYLE = """<style>
.ipt-review { font-size: 20px; max-width: 1180px; }
.ipt-review p, .ipt-review td, .ipt-review th { font-size: 20px; color: #111; }
.ipt-review h2.ipt-review-prompt { font-size: 26px; color: #0b3d91; margin: 6px 0 12px; }
.ipt-review .ipt-review-options { border-collapse: collapse; width: 100%; }
.ipt-review .ipt-review-options td, .ipt-review .ipt-review-options th {
  border-bottom: 1px solid #999; padding: 6px 10px; text-align: left; vertical-align: top; }
.ipt-review .ipt-review-keyrow td { background: #e3f1e6; }
.ipt-review .ipt-review-key { color: #0a5c2b; }
.ipt-review .ipt-bar { display: inline-block; width: 160px; height: 16px; background: #e4e7ec; }
.ipt-review .ipt-bar > span { display: block; height: 100%; background: #0b3d91; }
.ipt-review .jupyter-button { font-size: 18px; height: auto; min-height: 40px; width: auto; }
.ipt-review .jupyter-button.ipt-review-reveal { background: #0b3d91; color: #fff; }
.ipt-review .jupyter-button.ipt-review-reveal:disabled { background: #e4e7ec; color: #333; }
</style>"""


class QuizReviewView(widgets.VBox):
    """Step through the questions; the trainer reveals each key when the room has discussed it."""

    def __init__(self, items: list[ReviewItem]) -> None:
        self.items = items
        self.index = 0
        self.revealed = False
        self._item = widgets.HTML()
        self._previous = widgets.Button(description="Previous", tooltip="Previous question")
        self._next = widgets.Button(description="Next", tooltip="Next question")
        self._reveal = widgets.Button(description="Reveal the answer",
                                      tooltip="Show the key for this question only")
        self._reveal.add_class("ipt-review-reveal")
        self._previous.on_click(lambda _: self.show(self.index - 1))
        self._next.on_click(lambda _: self.show(self.index + 1))
        self._reveal.on_click(lambda _: self._toggle())
        super().__init__([widgets.HTML(STYLE),
                          widgets.HBox([self._previous, self._next, self._reveal]), self._item])
        self.add_class("ipt-review")
        self.show(0)

    def _toggle(self) -> None:
        self.revealed = not self.revealed
        self._draw()

    def show(self, index: int) -> None:
        """Show question ``index`` (from 0) with its key hidden."""
        if not self.items:
            self._item.value = "<p>Nothing to review until this quiz is graded.</p>"
            for button in (self._previous, self._next, self._reveal):
                button.disabled = True
            return
        self.index = max(0, min(index, len(self.items) - 1))
        self.revealed = False
        self._draw()

    def _draw(self) -> None:
        item = self.items[self.index]
        self._item.value = item_html(item, len(self.items), self.revealed)
        self._previous.disabled = self.index == 0
        self._next.disabled = self.index == len(self.items) - 1
        self._reveal.disabled = not any(option.is_key for option in item.options)
        self._reveal.description = "Hide the answer" if self.revealed else "Reveal the answer"
