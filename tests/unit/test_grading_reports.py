"""Item analysis, outcome summaries, exports and feedback sanitising on known data."""

from __future__ import annotations

import html
import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from ipt_course.grading.export import quiz_tables, write_tables
from ipt_course.grading.feedback import (
    FeedbackSanitiser,
    answer_text,
    find_leaks,
    question_feedback,
    render_summary,
)
from ipt_course.grading.reports import (
    distractor_counts,
    item_analysis,
    outcome_summary,
    score_distribution,
)
from ipt_course.quiz.bank import load_bank
from ipt_course.quiz.store import check_responses

BANK = Path(__file__).parent / "fixtures" / "quizzes" / "fixture-quiz.yaml"


def _results() -> pd.DataFrame:
    """Four trainees, two questions: q1 (1 point, d1.lo1) and q2 (2 points, d1.lo2)."""
    rows = []
    table = {"a": (1, 2, "b", ["a", "c", "d"]), "b": (1, 1, "b", ["a", "b"]),
             "c": (0, 1, "a", ["a"]), "d": (0, 0, "c", None)}
    for trainee, (q1, q2, r1, r2) in table.items():
        for number, question, outcome, score, points, response in (
                (1, "q01", "d1.lo1", q1, 1, r1), (2, "q02", "d1.lo2", q2, 2, r2)):
            rows.append({"trainee": trainee, "first_name": trainee.upper(), "last_name": "X",
                         "email": f"{trainee}@example.org", "quiz": "fixture-quiz",
                         "number": number, "question": question, "type": "single"
                         if number == 1 else "multiple", "outcome": outcome,
                         "score": float(score), "max_score": float(points),
                         "proportion": score / points, "answered": response is not None,
                         "response": json.dumps(response) if response else ""})
    return pd.DataFrame(rows)


def test_item_analysis_computes_facility_and_discrimination() -> None:
    items = item_analysis(_results()).set_index("question")
    assert items.loc["q01", "share_correct"] == 0.5
    assert items.loc["q01", "facility"] == 0.5
    assert items.loc["q02", "facility"] == pytest.approx(0.5)
    assert items.loc["q02", "share_correct"] == 0.25
    # 27% of 4 trainees rounds to 1 per group: top is a (3 points), bottom is d (0)
    assert items.loc["q01", "discrimination"] == 1.0
    assert items.loc["q02", "discrimination"] == 1.0
    rest = pd.Series([2, 1, 1, 0], dtype=float)
    expected = pd.Series([1, 1, 0, 0], dtype=float).corr(rest)
    assert items.loc["q01", "point_biserial"] == pytest.approx(round(expected, 3))
    assert items.loc["q02", "answered"] == 3


def test_distractors_outcomes_and_distribution() -> None:
    bank = load_bank(BANK)
    counts = distractor_counts(_results(), bank)
    q01 = counts[counts["question"] == "q01"].set_index("choice")
    assert q01["count"].to_dict() == {"a": 1, "b": 2, "c": 1}
    assert q01.loc["b", "is_key"] and not q01.loc["a", "is_key"]
    q02 = counts[counts["question"] == "q02"].set_index("choice")["count"].to_dict()
    assert q02 == {"a": 3, "b": 1, "c": 1, "d": 1}
    outcomes = outcome_summary(_results())
    assert list(outcomes["outcome"]) == ["d1.lo1", "d1.lo2"]
    assert outcomes["mean_proportion"].tolist() == [0.5, 0.5]
    assert outcomes["trainees_below_half"].tolist() == [2, 1]
    spread = score_distribution(_results())
    assert spread[["trainee", "total", "percent"]].values.tolist() == [
        ["a", 3.0, 100.0], ["b", 2.0, 66.7], ["c", 1.0, 33.3], ["d", 0.0, 0.0]]


def test_export_writes_csv_and_xlsx(tmp_path: Path) -> None:
    tables = quiz_tables(_results())
    assert tables["by_trainee"].set_index("trainee").loc["b", "q02"] == 1.0
    assert tables["by_outcome"].set_index("trainee").loc["c", "d1.lo2"] == 0.5
    csv_files = write_tables(tables, tmp_path, "fixture-quiz", "csv")
    assert sorted(path.name for path in csv_files) == [
        "fixture-quiz-by-outcome.csv", "fixture-quiz-by-question.csv",
        "fixture-quiz-by-trainee.csv", "fixture-quiz-outcomes-overall.csv"]
    [book] = write_tables(tables, tmp_path, "fixture-quiz", "xlsx")
    sheets = pd.read_excel(book, sheet_name=None)
    assert set(sheets) == {"by_trainee", "by_question", "by_outcome", "outcomes_overall"}
    assert sheets["by_trainee"]["percent"].tolist() == [100.0, 66.7, 33.3, 0.0]


def test_sanitiser_removes_grade_code_hidden_tests_and_solutions() -> None:
    grade = nbformat.v4.new_code_cell(
        "# note\n### BEGIN HIDDEN TESTS\nscore_saved_answer('q', {'answer': 'b'})\n"
        "### END HIDDEN TESTS")
    grade.metadata = {"nbgrader": {"grade": True, "solution": False, "grade_id": "q01"}}
    grade.outputs = [nbformat.v4.new_output("stream", name="stdout", text="key b")]
    answer = nbformat.v4.new_markdown_cell(
        "Mine\n### BEGIN SOLUTION\n**Marking rubric**\n### END SOLUTION\nmore")
    notebook = nbformat.v4.new_notebook(cells=[grade, answer])
    notebook.metadata["widgets"] = {"state": {"answer": "b"}}
    cleaned, _ = FeedbackSanitiser().preprocess(notebook, {})
    text = json.dumps(cleaned)
    assert find_leaks(text) == []
    assert "answer" not in text.replace("Marked from your saved answer", "")
    assert cleaned.cells[1].source == "Mine\nmore"
    assert find_leaks("<span>### BEGIN</span> <span>HIDDEN TESTS</span>") == [
        "BEGIN HIDDEN TESTS"]


def test_feedback_explains_every_automatic_item_and_never_the_marking_notes() -> None:
    """The policy: every automatic item's explanation, answered or not, right or wrong; the
    reflection's marking notes never; the trainee's own answers and the trainer's comment."""
    bank = load_bank(BANK)
    answers = {"q01": "a", "q02": ["a", "c", "d"], "q03": {"v1": "dispute"}}
    grades = {"q01": {"score": 0.0}, "q02": {"score": 2.0}, "q03": {"score": 0.0},
              "q04": {"score": 0.0}, "q05": {"score": 0.0},
              "q06": {"score": 3.0, "comment": "Good on guilt."}}
    items = question_feedback(bank, answers, grades, {"q06": "Relieves guilt."})
    assert [item.status for item in items] == [
        "not correct", "correct", "not correct", "not answered", "not answered", "marked"]
    page = render_summary("Alex One", bank, items, 5.0)
    for question in bank.questions:
        explained = html.escape(question.explanation.strip(), quote=False)
        if question.auto_graded and explained:
            assert page.count(explained) == 1, question.id
        elif explained:
            assert explained not in page, "a reflection's marking notes reached feedback"
    assert page.count("<strong>Why:</strong>") == sum(
        q.auto_graded and bool(q.explanation) for q in bank.questions)
    assert "Not answered." in page and "Good on guilt." in page and "Relieves guilt." in page
    assert "Accept any wording" not in page
    assert answer_text(bank.question("q05"), ["ending", "initial"]) == (
        "1. Ending phase | 2. Initial phase")


def test_trainee_text_in_the_summary_is_escaped() -> None:
    bank = load_bank(BANK)
    planted = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    items = question_feedback(bank, {"q04": planted}, {"q06": {"comment": planted}},
                              {"q06": planted})
    page = render_summary(planted, bank, items, 1.0, note=planted)
    assert "<script" not in page and "<img" not in page
    assert page.count("&lt;script&gt;") == 5  # name, note, answer, reflection, comment


def test_feedback_waits_for_the_quiz_to_close(tmp_path: Path) -> None:
    import datetime as dt
    import shutil

    from ipt_course.grading.feedback import FeedbackTooEarly, feedback_all
    from ipt_course.grading.nbgrader_env import gradebook

    (tmp_path / "quizzes").mkdir()
    shutil.copy(BANK, tmp_path / "quizzes" / BANK.name)
    closes = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=1)
    with gradebook(tmp_path) as book:
        book.update_or_create_assignment("fixture-quiz", duedate=closes)
    with pytest.raises(FeedbackTooEarly, match=r"closes at .* waits until then"):
        feedback_all(tmp_path, "fixture-quiz", progress=False)
    assert feedback_all(tmp_path, "fixture-quiz", progress=False, before_close=True) == {}
    with gradebook(tmp_path) as book:
        book.update_or_create_assignment("fixture-quiz", duedate=closes - dt.timedelta(days=2))
    assert feedback_all(tmp_path, "fixture-quiz", progress=False) == {}


@pytest.mark.parametrize(("content", "problem"), [
    (None, "responses file missing"), ("", "responses file empty"),
    ("{nope", "not json"), ('{"quiz": "fixture-quiz", "format": 1, "answers": []}', "shape"),
    ("x" * 1_000_001, "too large")])
def test_unusable_responses_are_named(tmp_path: Path, content: str | None, problem: str) -> None:
    path = tmp_path / "fixture-quiz.responses.json"
    if content is not None:
        path.write_text(content)
    check = check_responses(path, "fixture-quiz")
    assert check.answers == {}
    assert problem in check.problem
