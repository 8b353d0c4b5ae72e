"""Read a SQLite gradebook in a few SQL queries, without importing nbgrader.

nbgrader's Gradebook API costs seconds before the first row (importing nbgrader pulls in
nbformat's schema validators) and one query per student, submission and grade. The
dashboards only read, so they ask SQLite directly, with nbgrader's own rules for a score
(``Grade.score``: the manual score, else the automatic one, plus any extra credit) and for
an assignment's maximum (its grade and task cells). ``None`` from these functions means
"read it through nbgrader instead" (a gradebook that is not SQLite, or not one nbgrader wrote).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ipt_course.grading.nbgrader_env import SQLITE_BUSY_SECONDS, course_config

SCORE = ("CASE WHEN g.manual_score IS NOT NULL THEN g.manual_score + COALESCE(g.extra_credit, 0)"
         " WHEN g.auto_score IS NOT NULL THEN g.auto_score + COALESCE(g.extra_credit, 0)"
         " ELSE 0.0 END")


@dataclass(frozen=True)
class StudentRow:
    """A gradebook student."""

    id: str
    first_name: str | None
    last_name: str | None
    email: str | None


@dataclass(frozen=True)
class GradeRow:
    """One grade of a submission, scored as nbgrader scores it."""

    auto_score: float | None
    manual_score: float | None
    extra_credit: float | None

    @property
    def score(self) -> float:
        """nbgrader's ``Grade.score``."""
        base = self.manual_score if self.manual_score is not None else self.auto_score
        return 0.0 if base is None else base + (self.extra_credit or 0.0)


@dataclass(frozen=True)
class QuizGrades:
    """Every student, and each submitting student's grades for one quiz by grade-cell name."""

    students: dict[str, StudentRow]
    submissions: dict[str, dict[str, GradeRow]]


@dataclass(frozen=True)
class CourseScores:
    """Students in nbgrader's order, quizzes in its order, totals and maxima per quiz."""

    students: list[StudentRow]
    quizzes: list[str]
    totals: dict[tuple[str, str], float]  # (student, quiz) -> total, for submissions only
    maxima: dict[str, float]


@contextlib.contextmanager
def _database(root: Path) -> Iterator[sqlite3.Connection | None]:
    url = str(course_config(root, stock=True).CourseDirectory.db_url)
    if not url.startswith("sqlite:///"):
        yield None
        return
    path = url.removeprefix("sqlite:///").split("?", 1)[0]
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                            timeout=SQLITE_BUSY_SECONDS)) as database:
        yield database


def _students(database: sqlite3.Connection) -> list[StudentRow]:
    rows = database.execute("SELECT id, first_name, last_name, email FROM student "
                            "ORDER BY last_name, first_name")
    return [StudentRow(*row) for row in rows]


def quiz_grades(root: Path, quiz_id: str) -> QuizGrades | None:
    """The students and one quiz's grades, or None to read them through nbgrader."""
    try:
        with _database(root) as database:
            if database is None:
                return None
            students = {row.id: row for row in _students(database)}
            submissions: dict[str, dict[str, GradeRow]] = {}
            for trainee, name, auto, manual, extra in database.execute(
                    "SELECT sa.student_id, bc.name, g.auto_score, g.manual_score, "
                    "g.extra_credit FROM submitted_assignment sa "
                    "JOIN assignment a ON a.id = sa.assignment_id "
                    "LEFT JOIN submitted_notebook sn ON sn.assignment_id = sa.id "
                    "LEFT JOIN grade g ON g.notebook_id = sn.id "
                    "LEFT JOIN base_cell bc ON bc.id = g.cell_id WHERE a.name = ?",
                    (quiz_id,)):
                grades = submissions.setdefault(trainee, {})
                if name is not None:
                    grades[name] = GradeRow(auto, manual, extra)
    except sqlite3.Error:
        return None
    return QuizGrades(students, submissions)


def course_scores(root: Path) -> CourseScores | None:
    """Every student's total per submitted quiz, or None to read them through nbgrader."""
    try:
        with _database(root) as database:
            if database is None:
                return None
            students = _students(database)
            quizzes = [name for (name,) in database.execute(
                "SELECT name FROM assignment ORDER BY duedate, name")]
            totals = {(student, quiz): float(total) for student, quiz, total in database.execute(
                f"SELECT sa.student_id, a.name, COALESCE(SUM({SCORE}), 0.0) "
                "FROM submitted_assignment sa JOIN assignment a ON a.id = sa.assignment_id "
                "LEFT JOIN submitted_notebook sn ON sn.assignment_id = sa.id "
                "LEFT JOIN grade g ON g.notebook_id = sn.id GROUP BY sa.id")}
            maxima = {name: 0.0 for name in quizzes}
            for table in ("grade_cells", "task_cells"):
                for name, maximum in database.execute(
                        f"SELECT a.name, SUM(c.max_score) FROM {table} c "
                        "JOIN base_cell bc ON bc.id = c.id "
                        "JOIN notebook n ON n.id = bc.notebook_id "
                        "JOIN assignment a ON a.id = n.assignment_id GROUP BY a.id"):
                    maxima[name] = maxima.get(name, 0.0) + float(maximum or 0.0)
    except sqlite3.Error:
        return None
    return CourseScores(students, quizzes, totals, maxima)
