"""Quiz results as pandas tables: one row per trainee per question, from the gradebook.

:func:`load_results` is the one place results are read; exports, item analysis and the
trainers' dashboards all start from its long table.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from ipt_course.grading.nbgrader_env import gradebook
from ipt_course.grading.quizdata import Bank, check_responses, is_answered, responses_name

RESULT_COLUMNS = [
    "trainee", "first_name", "last_name", "email", "quiz", "number", "question", "type",
    "outcome", "score", "max_score", "proportion", "answered", "response",
]


def load_results(root: Path, quiz_id: str, bank: Bank) -> pd.DataFrame:
    """One row per autograded trainee per question of ``bank``.

    ``score`` is NaN where no score exists yet (a reflection not yet marked by hand);
    ``response`` is the saved answer as JSON text (empty when not answered).
    """
    from nbgrader.api import MissingEntry

    rows: list[dict[str, Any]] = []
    with gradebook(root) as book:
        try:
            submissions = book.find_assignment(quiz_id).submissions
        except MissingEntry:
            submissions = []
        for submission in submissions:
            student = submission.student
            grades = {grade.name: grade for notebook in submission.notebooks
                      for grade in notebook.grades}
            answers = _answers(root, quiz_id, student.id)
            for number, question in enumerate(bank.questions, start=1):
                grade = grades.get(question.id)
                score = _score(grade)
                answer = answers.get(question.id)
                rows.append({
                    "trainee": student.id, "first_name": student.first_name or "",
                    "last_name": student.last_name or "", "email": student.email or "",
                    "quiz": quiz_id, "number": number, "question": question.id,
                    "type": question.type, "outcome": question.outcome, "score": score,
                    "max_score": question.points,
                    "proportion": score / question.points if score is not None
                    and question.points else None,
                    "answered": is_answered(answer) or (
                        question.type == "reflection" and score is not None and score > 0),
                    "response": json.dumps(answer, ensure_ascii=False)
                    if is_answered(answer) else "",
                })
    frame = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    return frame.astype({"score": "float64", "proportion": "float64", "max_score": "float64"})


def _score(grade: Any) -> float | None:
    if grade is None or (grade.auto_score is None and grade.manual_score is None):
        return None
    return round(float(grade.score), 2)


def _answers(root: Path, quiz_id: str, trainee: str) -> dict[str, Any]:
    for stage in ("autograded", "submitted"):
        path = root / stage / trainee / quiz_id / responses_name(quiz_id)
        if path.is_file():
            return check_responses(path, quiz_id).answers
    return {}


def course_totals(root: Path) -> pd.DataFrame:
    """Every roster trainee's total for every quiz in the gradebook (NaN: no submission)."""
    rows = []
    with gradebook(root) as book:
        quizzes = [assignment.name for assignment in book.assignments]
        for student in book.students:
            row: dict[str, Any] = {"trainee": student.id,
                                   "first_name": student.first_name or "",
                                   "last_name": student.last_name or "",
                                   "email": student.email or ""}
            for quiz in quizzes:
                scores = [s for s in student.submissions if s.assignment.name == quiz]
                row[quiz] = round(float(scores[0].score), 2) if scores else None
            rows.append(row)
        maxima = {assignment.name: assignment.max_score for assignment in book.assignments}
    frame = pd.DataFrame(rows, columns=["trainee", "first_name", "last_name", "email", *quizzes])
    frame.attrs["max_scores"] = maxima
    return frame
