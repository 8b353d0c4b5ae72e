"""Pieces of quiz grading that need no nbgrader run: key parsing, kernel fallback, config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nbgrader.converters import Autograde
from traitlets.config.loader import PyFileConfigLoader

from ipt_course.quiz.autograde import (
    QUIZ_AUTOGRADE_PREPROCESSORS,
    load_answers,
    score_saved_answer,
    scoring_call,
)
from ipt_course.quiz.bank import load_bank
from ipt_course.quiz.generate import grade_cell_source
from ipt_course.quiz.scoring import scoring_key

FIXTURE = Path(__file__).parent / "fixtures" / "quizzes" / "fixture-quiz.yaml"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bank():
    return load_bank(FIXTURE)


def test_scoring_call_reads_generated_cells(bank) -> None:
    for question in bank.questions:
        if question.auto_graded:
            source = grade_cell_source("fixture-quiz", question)
            assert scoring_call(source) == ("fixture-quiz", scoring_key(question))


@pytest.mark.parametrize("source", [
    "",
    "score_saved_answer(",
    "score_saved_answer('q', __import__('os').system('true'))",
    "score_saved_answer('q')",
    "score_saved_answer(1, {})",
    "x = 1",
])
def test_scoring_call_refuses_anything_else(source: str) -> None:
    assert scoring_call(source) is None


def test_kernel_fallback_scores_from_the_working_folder(bank, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    key = scoring_key(bank.question("q02"))
    assert score_saved_answer("fixture-quiz", key) == 0.0
    (tmp_path / "fixture-quiz.responses.json").write_text(json.dumps(
        {"quiz": "fixture-quiz", "format": 1, "answers": {"q02": ["a", "c"]}}))
    assert score_saved_answer("fixture-quiz", key) == 1.33


def test_load_answers_flags(tmp_path: Path) -> None:
    assert load_answers(tmp_path, "quiz", "quiz") == (
        {}, [{"code": "missing", "message": "no saved answers file (quiz.responses.json)"}])
    (tmp_path / "quiz.responses.json").write_text(
        '{"quiz": "quiz", "format": 1, "answers": {"q01": "a"}}')
    assert load_answers(tmp_path, "quiz", "quiz") == ({"q01": "a"}, [])


def test_course_config_uses_the_quiz_grader(tmp_path: Path) -> None:
    config = PyFileConfigLoader("nbgrader_config.py", path=str(REPO)).load_config()
    assert list(config.Autograde.autograde_preprocessors) == QUIZ_AUTOGRADE_PREPROCESSORS


def test_only_the_execute_step_is_replaced() -> None:
    default = Autograde.class_traits()["autograde_preprocessors"].default()
    stock = [f"{cls.__module__}.{cls.__name__}" for cls in default]
    ours = QUIZ_AUTOGRADE_PREPROCESSORS
    assert stock[0].endswith(".Execute") and ours[0].endswith(".QuizAutograde")
    assert [name.rsplit(".", 1)[1] for name in stock[1:]] == [
        name.rsplit(".", 1)[1] for name in ours[1:]]


def test_answers_of_the_wrong_kind_are_named() -> None:
    from ipt_course.quiz.autograde import wrong_kind

    assert wrong_kind("single", "b") is None and wrong_kind("single", None) is None
    assert wrong_kind("single", 2) == "the saved answer is a number, not one option"
    assert wrong_kind("multiple", "a") == "the saved answer is text, not a list of options"
    assert wrong_kind("numeric", "27") == "the saved answer is text, not a number"
    assert wrong_kind("numeric", True) == "the saved answer is yes/no, not a number"
    assert wrong_kind("matching", ["a"]) == "the saved answer is a list, not a choice for each item"
    assert wrong_kind("ordering", ["a", "b"]) is None and wrong_kind("numeric", 27.5) is None
