"""Quiz results as pandas tables: one row per trainee per question, from the gradebook.

:func:`load_results` is the one place results are read; exports, item analysis and the
trainers' dashboards all start from its long table.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from ipt_course.grading.gradebook_sql import (
    CourseScores,
    GradeRow,
    QuizGrades,
    StudentRow,
    course_scores,
    quiz_grades,
)
from ipt_course.grading.nbgrader_env import gradebook
from ipt_course.grading.state import grading_state, submitted_trainees
from ipt_course.quiz.bank import QuizBank
from ipt_course.quiz.store import check_responses, is_answered, responses_name

RESULT_COLUMNS = [
    "trainee", "first_name", "last_name", "email", "quiz", "number", "question", "type",
    "outcome", "score", "max_score", "proportion", "answered", "response", "graded", "status",
]
GRADED = "graded"


def load_results(root: Path, quiz_id: str, bank: QuizBank) -> pd.DataFrame:
    """One row per submitting trainee per question of ``bank``.

    ``score`` is NaN where no score exists yet (a reflection not yet marked by hand) and for
    every question of a trainee whose latest submission is not graded: ``graded`` is then
    False and ``status`` says why, so no older score and no 0 ever stands in for a grade.
    ``response`` is the saved answer as JSON text (empty when not answered).
    """
    read = quiz_grades(root, quiz_id) or _quiz_grades_through_nbgrader(root, quiz_id)
    students, by_trainee = read.students, read.submissions
    rows: list[dict[str, Any]] = []
    waiting = [trainee for trainee in submitted_trainees(root, quiz_id)
               if trainee in students and trainee not in by_trainee]
    for trainee in sorted(by_trainee) + waiting:
        submission = by_trainee.get(trainee)
        student = students[trainee]
        state = grading_state(root, quiz_id, trainee)
        grades = submission if submission is not None and state.graded else {}
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
                "graded": state.graded,
                "status": GRADED if state.graded else f"not graded: {state.reason}",
            })
    frame = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    return frame.astype({"score": "float64", "proportion": "float64", "max_score": "float64",
                         "graded": "bool"})


def graded_only(results: pd.DataFrame) -> pd.DataFrame:
    """The rows of trainees whose latest submission is graded."""
    if "graded" not in results:
        return results
    return results[results["graded"].astype(bool)]


def not_graded(results: pd.DataFrame) -> dict[str, str]:
    """Trainee -> why their latest submission has no grade."""
    if "graded" not in results:
        return {}
    rows = results[~results["graded"].astype(bool)].drop_duplicates("trainee")
    return dict(zip(rows["trainee"], rows["status"], strict=True))


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


def _quiz_grades_through_nbgrader(root: Path, quiz_id: str) -> QuizGrades:
    """:func:`quiz_grades` for a gradebook only nbgrader can read (not SQLite)."""
    from nbgrader.api import MissingEntry

    with gradebook(root) as book:
        try:
            found = book.find_assignment(quiz_id).submissions
        except MissingEntry:
            found = []
        submissions = {submission.student.id: {
            grade.name: GradeRow(grade.auto_score, grade.manual_score, grade.extra_credit)
            for notebook in submission.notebooks for grade in notebook.grades}
            for submission in found}
        students = {student.id: _student(student) for student in book.students}
    return QuizGrades(students, submissions)


def _student(student: Any) -> StudentRow:
    return StudentRow(student.id, student.first_name, student.last_name, student.email)


def _course_scores_through_nbgrader(root: Path) -> CourseScores:
    """:func:`course_scores` for a gradebook only nbgrader can read (not SQLite)."""
    with gradebook(root) as book:
        quizzes = [assignment.name for assignment in book.assignments]
        students = [_student(student) for student in book.students]
        totals = {(submission.student.id, submission.assignment.name): float(submission.score)
                  for student in book.students for submission in student.submissions}
        maxima = {assignment.name: assignment.max_score for assignment in book.assignments}
    return CourseScores(students, quizzes, totals, maxima)


def course_totals(root: Path) -> pd.DataFrame:
    """Every roster trainee's total for every quiz in the gradebook.

    NaN where there is no submission or the latest one is not graded; the column
    ``not graded`` lists the quizzes of the second kind.
    """
    scores = course_scores(root) or _course_scores_through_nbgrader(root)
    rows = []
    for student in scores.students:
        row: dict[str, Any] = {"trainee": student.id, "first_name": student.first_name or "",
                               "last_name": student.last_name or "",
                               "email": student.email or ""}
        missing = []
        for quiz in scores.quizzes:
            total = scores.totals.get((student.id, quiz))
            current = total is not None and grading_state(root, quiz, student.id).graded
            row[quiz] = round(total, 2) if current else None
            if total is not None and not current:
                missing.append(quiz)
        row["not graded"] = ", ".join(missing)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["trainee", "first_name", "last_name", "email",
                                        *scores.quizzes, "not graded"])
    frame.attrs["max_scores"] = scores.maxima
    return frame
