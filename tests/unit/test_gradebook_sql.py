"""The gradebook read in SQL gives what nbgrader's own Gradebook API gives."""

from __future__ import annotations

from pathlib import Path

from ipt_course.grading.gradebook_sql import course_scores, quiz_grades
from ipt_course.grading.nbgrader_env import gradebook
from ipt_course.grading.results import (
    _course_scores_through_nbgrader,
    _quiz_grades_through_nbgrader,
    course_totals,
    load_results,
)
from ipt_course.quiz.bank import load_bank
from tests.cohort import QUIZ


def _mark_by_hand(root: Path) -> None:
    """A manual score with extra credit, over an automatic one; a second, empty quiz."""
    with gradebook(root) as book:
        grade = book.find_grade("q01_origins", QUIZ, QUIZ, "t02")
        grade.manual_score = 0.5
        grade.extra_credit = 0.25
        book.db.commit()
        book.add_assignment("day2-quiz")
        book.update_or_create_student("t09", first_name="Ada", last_name="Ng")


def test_quiz_grades_match_nbgrader(course_copy: Path, fill_gradebook) -> None:
    fill_gradebook(course_copy)
    _mark_by_hand(course_copy)
    ours = quiz_grades(course_copy, QUIZ)
    assert ours is not None
    stock = _quiz_grades_through_nbgrader(course_copy, QUIZ)
    assert ours == stock
    assert set(ours.submissions) == {"t01", "t02", "t03"}
    assert ours.submissions["t02"]["q01_origins"].score == 0.75
    assert quiz_grades(course_copy, "day2-quiz").submissions == {}


def test_course_scores_match_nbgrader(course_copy: Path, fill_gradebook) -> None:
    fill_gradebook(course_copy)
    _mark_by_hand(course_copy)
    ours = course_scores(course_copy)
    assert ours == _course_scores_through_nbgrader(course_copy)
    assert ours.quizzes == ["day1-quiz", "day2-quiz"] and ours.maxima["day2-quiz"] == 0
    totals = course_totals(course_copy)
    assert totals.set_index("trainee").loc["t09", "day1-quiz"] != \
        totals.set_index("trainee").loc["t09", "day1-quiz"]  # NaN: no submission
    assert totals.set_index("trainee").loc["t01", "day1-quiz"] == ours.maxima["day1-quiz"]


def test_a_gradebook_sqlite_cannot_read_falls_back_to_nbgrader(course_copy: Path) -> None:
    (course_copy / "gradebook.db").write_bytes(b"")  # an empty file: no tables yet
    assert quiz_grades(course_copy, QUIZ) is None
    bank = load_bank(course_copy / "quizzes" / "day1.yaml")
    assert load_results(course_copy, QUIZ, bank).empty
