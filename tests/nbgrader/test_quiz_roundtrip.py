"""Real nbgrader: generate_assignment on the fixture bank, then autograde real submissions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from ipt_course.quiz.autograde import QUIZ_AUTOGRADE_PREPROCESSORS
from ipt_course.quiz.generate import build_quiz, find_leaks, release_quiz

pytestmark = pytest.mark.nbgrader

FIXTURE = Path(__file__).parents[1] / "unit" / "fixtures" / "quizzes" / "fixture-quiz.yaml"
QUIZ = "fixture-quiz"
PERFECT = {"q01": "b", "q02": ["a", "c", "d"],
           "q03": {"v1": "grief", "v2": "dispute", "v3": "transition"}, "q04": 27,
           "q05": ["initial", "middle", "ending"]}
PARTIAL = {"q01": "a", "q02": ["a", "b", "c"], "q03": {"v1": "grief", "v2": "transition"},
           "q04": "27", "q05": ["initial", "ending", "middle"]}
CONFIG = f"""
c = get_config()
c.CourseDirectory.course_id = "fixture-course"
c.Autograde.autograde_preprocessors = {QUIZ_AUTOGRADE_PREPROCESSORS!r}
c.Execute.timeout = 60
"""


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "nbgrader", *args]
    return subprocess.run(command, cwd=course, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def _responses(answers: dict) -> str:
    return json.dumps({"quiz": QUIZ, "format": 1, "saved_at": "2026-01-05T10:00:00+00:00",
                       "answers": answers})


def _submit(course: Path, student: str, responses: str | bytes | None = None,
            edit=None) -> Path:
    folder = course / "submitted" / student / QUIZ
    shutil.copytree(course / "release" / QUIZ, folder)
    if responses is not None:
        target = folder / f"{QUIZ}.responses.json"
        if isinstance(responses, bytes):
            target.write_bytes(responses)
        else:
            target.write_text(responses, encoding="utf-8")
    if edit is not None:
        path = folder / f"{QUIZ}.ipynb"
        notebook = nbformat.read(path, as_version=4)
        edit(notebook)
        nbformat.write(notebook, path)
    return folder


def _write_reflection(notebook) -> None:
    for cell in notebook.cells:
        if cell.get("id") == "q06-answer":
            cell.source = "The sick role lifts guilt for a limited time while the client works "
            cell.source += "at getting better."


def _tamper(notebook) -> None:
    notebook.cells = [c for c in notebook.cells if c.get("id") != "q01-score"]
    for cell in notebook.cells:
        if cell.get("id") == "q03-score":
            cell.metadata["nbgrader"]["points"] = 100
        if cell.get("id") == "q04-score":
            cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "1.0"},
                                                   execution_count=1)]
    notebook.cells.append(nbformat.v4.new_code_cell(
        "open('code-was-run.txt', 'w').write('yes')"))
    notebook.metadata.pop("ipt_quiz", None)


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary nbgrader course with the fixture quiz released and seven submissions
    autograded in one real ``nbgrader autograde`` run."""
    root = tmp_path_factory.mktemp("course")
    (root / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    release = build_quiz(FIXTURE, root)
    assert release == root / "release" / QUIZ / f"{QUIZ}.ipynb"
    _submit(root, "perfect", _responses(PERFECT), edit=_write_reflection)
    _submit(root, "blank")
    _submit(root, "partial", _responses(PARTIAL))
    _submit(root, "notjson", "{this is not json")
    _submit(root, "oversized", _responses(PERFECT) + " " * 1_000_001)
    _submit(root, "wrongshape", '{"quiz": "fixture-quiz", "format": 1, "answers": ["b"]}')
    _submit(root, "tampered", _responses(PERFECT), edit=_tamper)
    result = _nbgrader(root, "autograde", QUIZ)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def _grades(course: Path, student: str) -> dict[str, float | None]:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "fixture-course") as gradebook:
        notebook = gradebook.find_submission_notebook(QUIZ, QUIZ, student)
        return {grade.name: grade.auto_score for grade in notebook.grades}


def _flags(course: Path, student: str) -> dict:
    path = course / "autograded" / student / QUIZ / "grading-flags.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_release_holds_no_answer_key(course: Path) -> None:
    folder = course / "release" / QUIZ
    assert sorted(p.name for p in folder.iterdir()) == [f"{QUIZ}.ipynb",
                                                         f"{QUIZ}.questions.json"]
    text = "".join(p.read_text(encoding="utf-8") for p in folder.iterdir())
    assert "BEGIN HIDDEN TESTS" not in text
    assert "score_saved_answer" not in text
    assert "Marking rubric" not in text and "relieves guilt" not in text
    assert '"answer"' not in text and '"transition"}' not in text
    assert find_leaks(folder) == []
    notebook = nbformat.read(folder / f"{QUIZ}.ipynb", as_version=4)
    scores = [c for c in notebook.cells if c.metadata["nbgrader"].get("grade")]
    assert [c.metadata["nbgrader"]["grade_id"] for c in scores] == [
        "q01", "q02", "q03", "q04", "q05", "q06"]


def test_source_still_holds_the_keys(course: Path) -> None:
    text = (course / "source" / QUIZ / f"{QUIZ}.ipynb").read_text(encoding="utf-8")
    assert text.count("### BEGIN HIDDEN TESTS") == 5 and "Marking rubric" in text


def test_regenerating_the_release_changes_nothing(course: Path) -> None:
    folder = course / "release" / QUIZ
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    release_quiz(QUIZ, course)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_perfect_submission_gets_full_automatic_marks(course: Path) -> None:
    grades = _grades(course, "perfect")
    assert grades == {"q01": 1.0, "q02": 2.0, "q03": 3.0, "q04": 1.0, "q05": 2.0, "q06": None}
    assert _flags(course, "perfect")["flags"] == []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "fixture-course") as gradebook:
        submission = gradebook.find_submission(QUIZ, "perfect")
        assert submission.needs_manual_grade   # the written answer waits for a trainer
        assert submission.score == 9.0 and submission.max_score == 13.0


def test_blank_submission_scores_zero_and_is_flagged(course: Path) -> None:
    assert _grades(course, "blank") == dict.fromkeys(
        ["q01", "q02", "q03", "q04", "q05", "q06"], 0.0)
    flags = _flags(course, "blank")
    assert [f["code"] for f in flags["flags"]] == ["missing"]
    assert flags["student"] == "blank" and flags["quiz"] == QUIZ


def test_partial_credit_is_recorded_exactly(course: Path) -> None:
    grades = _grades(course, "partial")
    assert grades == {"q01": 0.0, "q02": 0.67, "q03": 1.0, "q04": 0.0, "q05": 0.67, "q06": 0.0}
    assert _flags(course, "partial")["scores"]["q02"] == 0.67


@pytest.mark.parametrize(("student", "code"), [
    ("notjson", "not_json"), ("oversized", "too_large"), ("wrongshape", "wrong_shape")])
def test_unusable_responses_score_zero_with_a_flag(course: Path, student: str, code: str) -> None:
    grades = _grades(course, student)
    assert all(grades[q] == 0.0 for q in ("q01", "q02", "q03", "q04", "q05"))
    assert [f["code"] for f in _flags(course, student)["flags"]] == [code]
    autograded = nbformat.read(course / "autograded" / student / QUIZ / f"{QUIZ}.ipynb", 4)
    notes = [o.text for c in autograded.cells if c.cell_type == "code" for o in c.outputs
             if o.output_type == "stream"]
    assert notes and all(n.startswith("Scored 0 of") for n in notes)


def test_tampered_notebook_is_scored_from_answers_and_runs_no_code(course: Path) -> None:
    grades = _grades(course, "tampered")
    assert grades == {"q01": 1.0, "q02": 2.0, "q03": 3.0, "q04": 1.0, "q05": 2.0, "q06": 0.0}
    assert not list(course.rglob("code-was-run.txt"))
    codes = [(f["code"], f.get("question")) for f in _flags(course, "tampered")["flags"]]
    assert codes == [("cell_restored", "q01")]


def test_autograded_score_output_is_visible(course: Path) -> None:
    autograded = nbformat.read(course / "autograded" / "partial" / QUIZ / f"{QUIZ}.ipynb", 4)
    cell = next(c for c in autograded.cells if c.get("id") == "q02-score")
    assert cell.outputs[0].text == "Marked from the saved answer: 0.67 of 2 points.\n"
    assert cell.outputs[1].data["text/plain"] == "0.67"
    assert cell.source == "# Marked from your saved answer when the quiz is graded."
    assert find_leaks(course / "autograded" / "partial") == []


def test_other_notebooks_are_still_executed(course: Path) -> None:
    """A hand-written assignment (not from a bank) goes through nbgrader's normal execution."""
    source = course / "source" / "plain"
    source.mkdir(parents=True)
    cells = []
    for grade_id, code, points in (("passes", "assert 1 + 1 == 2", 1), ("fails", "assert 0", 2)):
        cell = nbformat.v4.new_code_cell(code, id=grade_id)
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": grade_id, "locked": True,
                                     "points": points, "schema_version": 3, "solution": False}
        cells.append(cell)
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {
        "display_name": "Python 3", "language": "python", "name": "python3"}})
    nbformat.write(notebook, source / "plain.ipynb")
    assert _nbgrader(course, "generate_assignment", "plain").returncode == 0
    submitted = course / "submitted" / "perfect" / "plain"
    shutil.copytree(course / "release" / "plain", submitted)
    result = _nbgrader(course, "autograde", "plain")
    assert result.returncode == 0, result.stdout + result.stderr
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "fixture-course") as gradebook:
        grades = gradebook.find_submission_notebook("plain", "plain", "perfect").grades
        assert {g.name: g.auto_score for g in grades} == {"passes": 1.0, "fails": 0.0}


def test_stock_nbgrader_execution_gives_the_same_scores(tmp_path: Path) -> None:
    """Without the course's config, grade cells run in a kernel and still score correctly."""
    (tmp_path / "nbgrader_config.py").write_text(
        'c = get_config()\nc.CourseDirectory.course_id = "fixture-course"\n', encoding="utf-8")
    build_quiz(FIXTURE, tmp_path)
    _submit(tmp_path, "partial", _responses(PARTIAL))
    result = _nbgrader(tmp_path, "autograde", QUIZ)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Scoring fixture-quiz from saved answers" not in result.stderr
    assert _grades(tmp_path, "partial") == {
        "q01": 0.0, "q02": 0.67, "q03": 1.0, "q04": 0.0, "q05": 0.67, "q06": 0.0}


def test_release_notebook_runs_top_to_bottom(course: Path, tmp_path: Path) -> None:
    """The trainee's copy executes in a real kernel and shows one widget per answer cell."""
    from nbclient import NotebookClient

    folder = tmp_path / QUIZ
    shutil.copytree(course / "release" / QUIZ, folder)
    notebook = nbformat.read(folder / f"{QUIZ}.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == []
    widget_cells = [c.id for c in notebook.cells if c.cell_type == "code" and any(
        "application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in c.outputs)]
    # The written question's answer is typed in a box that saves itself (q06-box).
    assert widget_cells == ["q01-answer", "q02-answer", "q03-answer", "q04-answer",
                            "q05-answer", "q06-box", "quiz-check"]
    assert not (folder / f"{QUIZ}.responses.json").exists()   # showing is not answering
