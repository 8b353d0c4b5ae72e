"""A small graded cohort in a real nbgrader gradebook, for tests of what trainers see."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ipt_course.grading.nbgrader_env import GRADEBOOK_FILE, gradebook
from ipt_course.grading.state import record_outcome
from ipt_course.grading.synthetic import (
    half_right_answers,
    perfect_answers,
    responses_document,
    wrong_answers,
)
from ipt_course.quiz.bank import load_bank

COHORT = {"t01": ("Ria", "Okafor", perfect_answers), "t02": ("Sam", "Lind", half_right_answers),
          "t03": ("Noor", "Vale", wrong_answers)}
QUIZ = "day1-quiz"
Answers = Callable[[Any], dict[str, Any]]


def cohort_of(size: int) -> dict[str, tuple[str, str, Answers]]:
    """``size`` trainees, t01 onwards, answering right, half right and wrong in turn."""
    patterns = list(COHORT.values())
    return {f"t{number:02d}": (patterns[(number - 1) % 3][0], f"Trainee{number:02d}",
                               patterns[(number - 1) % 3][2]) for number in range(1, size + 1)}


def fill_gradebook(root: Path, quiz_id: str = QUIZ,
                   cohort: Mapping[str, tuple[str, str, Answers]] = COHORT) -> None:
    """A graded cohort written through nbgrader's own Gradebook API, plus saved responses."""
    bank = load_bank(root / "quizzes" / f"{quiz_id.split('-')[0]}.yaml")
    with gradebook(root) as book:
        book.update_or_create_assignment(quiz_id)
        book.add_notebook(quiz_id, quiz_id)
        for question in bank.questions:
            book.add_grade_cell(question.id, quiz_id, quiz_id, max_score=question.points,
                                cell_type="code")
        for trainee, (first, last, answers) in cohort.items():
            book.update_or_create_student(trainee, first_name=first, last_name=last)
            book.add_submission(quiz_id, trainee)
            given = answers(bank)
            for question in bank.questions:
                grade = book.find_grade(question.id, quiz_id, quiz_id, trainee)
                if question.auto_graded:
                    right = given.get(question.id) == question.answer
                    grade.auto_score = question.points if right else 0.0
                else:
                    grade.manual_score = question.points if trainee == "t01" else 0.0
            book.db.commit()
            folder = root / "autograded" / trainee / quiz_id
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{quiz_id}.responses.json").write_text(responses_document(quiz_id, given))
            record_outcome(root, quiz_id, trainee)  # as `ipt-course grade autograde` records it


def copy_graded(template: Path, root: Path) -> None:
    """Give the course at ``root`` the gradebook and graded answers of ``template``."""
    shutil.copy2(template / GRADEBOOK_FILE, root / GRADEBOOK_FILE)
    shutil.copytree(template / "autograded", root / "autograded", dirs_exist_ok=True)
