"""Quiz bank schema, checks against the course, and the exact scoring rules."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

from ipt_course.course import load_course
from ipt_course.quiz.bank import BankError, find_bank, load_bank, load_bank_for, validate_bank_file
from ipt_course.quiz.scoring import (
    public_questions,
    question_from_key,
    round_score,
    score_answer,
    score_responses,
    scoring_key,
)

FIXTURE = Path(__file__).parent / "fixtures" / "quizzes" / "fixture-quiz.yaml"

COURSE_YAML = {
    "course": {"id": "mini", "title": "Mini course", "welcome": "curriculum/00-welcome.ipynb"},
    "days": [
        {"number": 1, "title": "Day one",
         "outcomes": [{"id": "d1.lo1", "text": "One."}, {"id": "d1.lo2", "text": "Two."}],
         "sessions": [{"id": "d1.s1", "title": "Teaching", "start": "09:00", "end": "10:00",
                       "outcomes": ["d1.lo1", "d1.lo2"]}]},
        {"number": 2, "title": "Day two",
         "outcomes": [{"id": "d2.lo1", "text": "Three."}],
         "sessions": [{"id": "d2.s1", "title": "Teaching", "start": "09:00", "end": "10:00",
                       "outcomes": ["d2.lo1"]}]},
    ],
}


@pytest.fixture(scope="module")
def bank():
    return load_bank(FIXTURE)


@pytest.fixture
def course(tmp_path: Path):
    (tmp_path / "course.yaml").write_text(yaml.safe_dump(COURSE_YAML), encoding="utf-8")
    notebook = tmp_path / "curriculum" / "day1" / "01-overview.ipynb"
    notebook.parent.mkdir(parents=True)
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Overview\n", "\n", "## Phases\n"]},
    ]}), encoding="utf-8")
    return load_course(tmp_path)


def _write(tmp_path: Path, data: dict, name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _data() -> dict:
    return copy.deepcopy(yaml.safe_load(FIXTURE.read_text(encoding="utf-8")))


def _messages(problems) -> str:
    return "\n".join(str(p) for p in problems)


# ------------------------------------------------------------------------------ validation


def test_fixture_bank_is_valid_against_the_course(course) -> None:
    assert validate_bank_file(FIXTURE, course) == []


def test_yaml_syntax_error_names_the_line(tmp_path: Path, course) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text("id: x\nquestions: [\n  - id: q01\n", encoding="utf-8")
    problems = validate_bank_file(path, course)
    assert len(problems) == 1
    assert "YAML syntax error" in problems[0].message
    assert problems[0].where.startswith("line ")


def test_schema_error_names_the_question_and_key(tmp_path: Path, course) -> None:
    data = _data()
    data["questions"][1]["type"] = "essay"
    data["questions"][2]["points"] = -1
    problems = validate_bank_file(_write(tmp_path, data), course)
    text = _messages(problems)
    assert "questions[1].type (question q02)" in text
    assert "questions[2].points (question q03)" in text
    assert all(p.file == "bank.yaml" for p in problems)  # relative to the course root


def test_unknown_key_is_reported(tmp_path: Path, course) -> None:
    data = _data()
    data["questions"][0]["anwser"] = "b"
    problems = validate_bank_file(_write(tmp_path, data), course)
    assert "questions[0].anwser (question q01): unknown key" in _messages(problems)


def test_duplicate_question_ids(tmp_path: Path, course) -> None:
    data = _data()
    data["questions"][1]["id"] = "q01"
    assert "question id 'q01' is used more than once" in _messages(
        validate_bank_file(_write(tmp_path, data), course))


@pytest.mark.parametrize(("index", "answer", "expected"), [
    (0, "z", "expected one option id from ['a', 'b', 'c'], got 'z'"),
    (1, ["a", "x"], "expected a non-empty list of option ids"),
    (1, ["a", "a"], "lists ['a'] more than once"),
    (2, {"v1": "grief"}, "exactly the item ids ['v1', 'v2', 'v3']"),
    (2, {"v1": "grief", "v2": "dispute", "v3": "nope"}, "are not choice ids"),
    (3, "twenty-seven", "expected a number"),
    (4, ["initial", "middle"], "expected every option id"),
    (4, ["middle", "ending", "initial"], "starting order would already be the answer"),
])
def test_answer_must_fit_its_question(tmp_path: Path, course, index, answer, expected) -> None:
    data = _data()
    data["questions"][index]["answer"] = answer
    problems = validate_bank_file(_write(tmp_path, data), course)
    qid = data["questions"][index]["id"]
    assert any(expected in p.message and f"(question {qid})" in p.where for p in problems), \
        _messages(problems)


def test_reflection_rubric_must_add_up(tmp_path: Path, course) -> None:
    data = _data()
    data["questions"][5]["rubric"][0]["points"] = 1
    problems = validate_bank_file(_write(tmp_path, data), course)
    assert "rubric points add up to 3 but the question is worth 4" in _messages(problems)
    del data["questions"][5]["rubric"]
    problems = validate_bank_file(_write(tmp_path, data), course)
    assert "a reflection question needs a marking rubric" in _messages(problems)


def test_outcomes_must_be_known_and_of_the_banks_day(tmp_path: Path, course) -> None:
    data = _data()
    data["questions"][0]["outcome"] = "d9.lo1"
    data["questions"][1]["outcome"] = "d2.lo1"
    text = _messages(validate_bank_file(_write(tmp_path, data), course))
    assert "unknown learning outcome 'd9.lo1'" in text
    assert "'d2.lo1' is not an outcome of Day 1" in text


def test_every_outcome_of_the_day_is_assessed(tmp_path: Path, course) -> None:
    data = _data()
    for question in data["questions"]:
        question["outcome"] = "d1.lo1"
    text = _messages(validate_bank_file(_write(tmp_path, data), course))
    assert "outcome d1.lo2 of Day 1 is not assessed by any question" in text


def test_reference_notebook_must_exist(tmp_path: Path, course) -> None:
    data = _data()
    data["questions"][0]["reference"]["notebook"] = "curriculum/day1/99-missing.ipynb"
    text = _messages(validate_bank_file(_write(tmp_path, data), course))
    assert "reference.notebook (question q01): notebook not found" in text


def test_load_bank_raises_with_every_problem(tmp_path: Path) -> None:
    data = _data()
    data["questions"][0]["answer"] = "z"
    data["questions"][3]["answer"] = None
    with pytest.raises(BankError) as raised:
        load_bank(_write(tmp_path, data))
    assert len(raised.value.problems) == 2


def test_a_bank_is_found_by_its_id_past_a_broken_file(tmp_path: Path) -> None:
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    (quizzes / "a-broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    _write(quizzes, _data(), "day1.yaml")
    assert find_bank(tmp_path, "fixture-quiz") == quizzes / "day1.yaml"
    assert load_bank_for(tmp_path, "fixture-quiz").total_points == 13.0
    with pytest.raises(BankError) as raised:
        load_bank_for(tmp_path, "day9-quiz")
    assert str(raised.value) == f"{quizzes}: no quiz bank with id 'day9-quiz'"


def test_option_texts_by_id_in_bank_order(bank) -> None:
    matching = bank.question("q03")
    assert list(matching.texts("items")) == ["v1", "v2", "v3"]
    assert matching.texts("choices")["dispute"] == "Role dispute"
    assert matching.texts() == {}
    assert [q.id for q in bank.questions if not q.auto_graded] == ["q06"]


# ------------------------------------------------------------------------------ public data


def test_public_questions_hold_no_answers(bank) -> None:
    public = public_questions(bank)
    text = repr(public)
    for secret in ("answer", "explanation", "rubric", "tolerance", "sick role relieves"):
        assert secret not in text
    assert [q["id"] for q in public["questions"]] == ["q01", "q02", "q03", "q04", "q05", "q06"]
    assert public["questions"][2]["choices"][0] == {"id": "grief", "text": "Grief"}


def test_scoring_key_round_trips(bank) -> None:
    for question in bank.questions:
        rebuilt = question_from_key(scoring_key(question))
        assert rebuilt.answer == question.answer
        assert score_answer(rebuilt, question.answer) == score_answer(question, question.answer)


# ------------------------------------------------------------------------------ scoring


@pytest.mark.parametrize(("given", "expected"), [("b", 1.0), ("a", 0.0), (None, 0.0),
                                                 (["b"], 0.0), (2, 0.0), ({"b": 1}, 0.0)])
def test_single(bank, given, expected) -> None:
    assert score_answer(bank.question("q01"), given) == expected


@pytest.mark.parametrize(("given", "expected"), [
    (["a", "c", "d"], 2.0),          # all three right
    (["d", "a", "c"], 2.0),          # order does not matter
    (["a", "c"], 1.33),              # 2 x 2/3
    (["a"], 0.67),                   # 2 x 1/3
    (["a", "b", "c"], 0.67),         # 2 x (2 - 1)/3
    (["a", "b"], 0.0),               # 2 x (1 - 1)/3
    (["b"], 0.0),                    # never below zero
    (["a", "b", "c", "d"], 1.33),    # ticking everything: 2 x (3 - 1)/3
    (["a", "a", "a"], 0.67),         # a repeated pick counts once
    (["a", 7, None], 0.67),          # junk in the list is ignored
    ([], 0.0),
    ("a", 0.0),                      # not a list
    ({"a": True}, 0.0),
])
def test_multiple(bank, given, expected) -> None:
    assert score_answer(bank.question("q02"), given) == expected


@pytest.mark.parametrize(("given", "expected"), [
    ({"v1": "grief", "v2": "dispute", "v3": "transition"}, 3.0),
    ({"v1": "grief", "v2": "dispute"}, 2.0),
    ({"v1": "grief", "v2": "transition", "v3": "dispute"}, 1.0),
    ({"v1": "grief", "v9": "grief", "v2": ["dispute"]}, 1.0),
    ({}, 0.0),
    (["grief", "dispute", "transition"], 0.0),
])
def test_matching(bank, given, expected) -> None:
    assert score_answer(bank.question("q03"), given) == expected


@pytest.mark.parametrize(("given", "expected"), [
    (27, 1.0), (27.0, 1.0), (26, 0.0), (27.5, 0.0), ("27", 0.0), (True, 0.0),
    (float("nan"), 0.0), (float("inf"), 0.0), ([27], 0.0),
])
def test_numeric(bank, given, expected) -> None:
    assert score_answer(bank.question("q04"), given) == expected


def test_numeric_tolerance_is_inclusive(bank) -> None:
    question = bank.question("q04").model_copy(update={"answer": 2.2, "tolerance": 0.1})
    assert score_answer(question, 2.3) == 1.0
    assert score_answer(question, 2.1) == 1.0
    assert score_answer(question, 2.31) == 0.0


@pytest.mark.parametrize(("given", "expected"), [
    (["initial", "middle", "ending"], 2.0),
    (["initial", "ending", "middle"], 0.67),    # 2 x 1/3
    (["ending", "middle", "initial"], 0.67),
    (["middle", "ending", "initial"], 0.0),
    (["initial", "middle"], 1.33),              # a short list: missing places are wrong
    (["initial", "middle", "ending", "extra"], 2.0),
    ("initial", 0.0),
    ({"0": "initial"}, 0.0),
])
def test_ordering(bank, given, expected) -> None:
    assert score_answer(bank.question("q05"), given) == expected


def test_reflection_is_never_scored_automatically(bank) -> None:
    assert score_answer(bank.question("q06"), "A thoughtful answer") == 0.0


def test_rounding_is_half_up_to_two_places() -> None:
    assert round_score(0.125) == 0.13
    assert round_score(2 / 3) == 0.67
    assert round_score(1.005) == 1.01


def test_score_responses_covers_only_auto_questions(bank) -> None:
    answers = {"q01": "b", "q02": ["a", "c"], "q03": {"v1": "grief"}, "q04": 27,
               "q05": ["initial", "middle", "ending"], "q06": "text", "q99": "x"}
    assert score_responses(bank, answers) == {
        "q01": 1.0, "q02": 1.33, "q03": 1.0, "q04": 1.0, "q05": 2.0}
    assert score_responses(bank, "not a mapping") == dict.fromkeys(
        ["q01", "q02", "q03", "q04", "q05"], 0.0)


def test_reference_section_must_be_a_heading(tmp_path: Path, course) -> None:
    data = _data()
    data["questions"][0]["reference"]["section"] = "Stages"
    text = _messages(validate_bank_file(_write(tmp_path, data), course))
    assert ("reference.section (question q01): no heading containing 'Stages' in "
            "curriculum/day1/01-overview.ipynb") in text
    data["questions"][0]["reference"]["section"] = "phases"
    assert validate_bank_file(_write(tmp_path, data), course) == []
