"""What the quiz dashboards read: the quizzes in course.yaml and one quiz's graded report.

The results page (trainer only) and the anonymous review (safe to share) both draw on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ipt_course.course import Course
from ipt_course.grading.nbgrader_env import GRADEBOOK_FILE
from ipt_course.grading.reports import (
    distractor_counts,
    item_analysis,
    outcome_summary,
    score_distribution,
)
from ipt_course.live.dashboards.common import course_of
from ipt_course.problems import Problem
from ipt_course.quiz.bank import BankError, QuizBank, load_bank


def quiz_choices(root: Path | None = None) -> list[tuple[str, str]]:
    """(title, quiz id) for every day with a quiz bank in course.yaml, in day order."""
    course = course_of(root)
    choices = []
    for day in course.days:
        if day.quiz:
            try:
                bank = load_bank(course.root / day.quiz)
            except BankError:
                continue
            choices.append((bank.title or bank.id, bank.id))
    return choices


def _bank(course: Course, quiz_id: str) -> QuizBank:
    for day in course.days:
        if day.quiz:
            bank = load_bank(course.root / day.quiz)
            if bank.id == quiz_id:
                return bank
    raise BankError([Problem("course.yaml", "days", f"no quiz bank with id {quiz_id!r}")])


def quiz_results_table(root: Path, quiz_id: str, bank: QuizBank) -> pd.DataFrame:
    """The grading long table for one quiz, empty (no gradebook file made) when none exists."""
    if not (root / GRADEBOOK_FILE).is_file():
        from ipt_course.grading.results import RESULT_COLUMNS

        return pd.DataFrame(columns=RESULT_COLUMNS)
    from ipt_course.grading.results import load_results

    return load_results(root, quiz_id, bank)


@dataclass
class QuizReport:
    """The tables behind the quiz dashboards."""

    bank: QuizBank
    results: pd.DataFrame
    distribution: pd.DataFrame
    items: pd.DataFrame
    outcomes: pd.DataFrame
    distractors: pd.DataFrame

    @property
    def empty(self) -> bool:
        """True when no trainee's submission has been graded."""
        return self.distribution.empty


def quiz_report(root: Path | None, quiz_id: str) -> QuizReport:
    """Score distribution, item analysis, outcome summary and distractors for one quiz."""
    course = course_of(root)
    bank = _bank(course, quiz_id)
    results = quiz_results_table(course.root, quiz_id, bank)
    return QuizReport(bank, results, score_distribution(results), item_analysis(results),
                      outcome_summary(results), distractor_counts(results, bank))
