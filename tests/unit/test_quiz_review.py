"""The anonymous quiz review: each kind of question as the room sees it, the key on demand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ipt_course.live.dashboards import quiz_report
from ipt_course.live.dashboards.quiz_review import (
    ReviewItem,
    ordinal,
    question_html,
    review_items,
)
from ipt_course.live.dashboards.review_grid import grid_html


@pytest.fixture
def items(course_copy: Path, fill_gradebook) -> dict[str, tuple[ReviewItem, object]]:
    """The Day 1 quiz's review items by question id, each with its bank question."""
    fill_gradebook(course_copy)
    report = quiz_report(course_copy, "day1-quiz")
    return {question.id: (item, question)
            for item, question in zip(review_items(report), report.bank.questions, strict=True)}


def _cells(text: str) -> list[str]:
    return re.findall(r'<td class="ipt-review-count[^"]*">(.*?)</td>', text)


def test_a_matching_question_is_one_grid_of_counts_with_its_choices_lettered(items) -> None:
    item, question = items["q05_problem_areas"]
    grid = item.grid
    assert grid.rows == tuple(question.texts("items").values())
    assert grid.columns == tuple(question.texts("choices").values())
    assert [sum(row) for row in grid.counts] == [item.answered] * len(grid.rows)
    assert [row.count(True) for row in grid.keys] == [1] * len(grid.rows)
    gareth = grid.columns[grid.keys[0].index(True)]
    assert gareth == "Grief (bereavement)"

    hidden, shown = question_html(item, reveal=False), question_html(item, reveal=True)
    assert hidden.count("<tr>") == len(grid.rows) + 1  # the letters, then one row per item
    assert "\u2713" not in hidden and "ipt-review-keycell" not in hidden
    assert shown.count("ipt-review-keycell") == len(grid.rows)
    assert "<strong>A</strong> Grief (bereavement)" in hidden
    assert " -> " not in hidden  # not a row per possible pair
    assert len(_cells(hidden)) == len(grid.rows) * len(grid.columns)


def test_the_side_with_the_shorter_words_becomes_the_columns(items) -> None:
    item, question = items["q08_techniques"]
    techniques, moves = question.texts("items"), question.texts("choices")
    assert max(map(len, techniques.values())) < max(map(len, moves.values()))
    assert item.grid.columns == tuple(techniques.values())
    assert item.grid.rows == tuple(moves.values())
    assert [column.count(True) for column in zip(*item.grid.keys, strict=True)] == [1] * 5


def test_an_ordering_question_shows_who_placed_each_first_and_reveals_the_order(items) -> None:
    item, question = items["q06_phase_order"]
    hidden, shown = question_html(item, reveal=False), question_html(item, reveal=True)
    assert "Placed first by" in hidden and "Right place" in hidden
    assert not re.search(r"\d(st|nd|rd|th)<", hidden)
    texts = question.texts("options")
    expected = {texts[option]: ordinal(place) for place, option in
                enumerate(question.answer, start=1)}
    assert re.findall(r'class="ipt-review-key">(\w+)<', shown) == [
        expected[text] for text in texts.values()]
    assert shown.count("ipt-review-keyrow") == 1


def test_a_single_answer_question_marks_only_its_key_and_only_when_revealed(items) -> None:
    item, _ = items["q01_origins"]
    assert "Answer" not in question_html(item, reveal=False)
    assert question_html(item, reveal=True).count(">Answer</strong>") == 1


def test_ordinals_read_as_english() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]


def test_an_unanswered_grid_counts_nothing_and_still_hides_the_key(items) -> None:
    item, _ = items["q05_problem_areas"]
    empty = type(item.grid)(item.grid.rows, item.grid.columns,
                            tuple(tuple(0 for _ in row) for row in item.grid.counts),
                            item.grid.keys)
    assert set(_cells(grid_html(empty, reveal=False))) == {"0"}
