"""The written-plan rules and the YAML reader the Day 5 plans share."""

from __future__ import annotations

import pytest

from ipt_course.kit.datafile import DataFileError, load_data, parse_data
from ipt_course.kit.plans import (
    Flag,
    Need,
    PartSpec,
    PlanSpec,
    PlanWords,
    Vague,
    check_part,
    check_plan,
    entry_lines,
    has_name,
    has_number,
    is_vague,
    plan_words,
    summarise,
)

WORDS = plan_words()
HELP = PartSpec(
    id="help", title="People I can ask for help", prompt="Who?", empty="No one yet.",
    vague=Vague(phrases=("someone", "friends"), message="Whom, by name?"),
    each_line=(Need(name=True, message="Give a name."),
               Need(number=True, phrases=("in my phone",), message="Add the number.")))


def test_lines_lose_their_bullets_and_blanks() -> None:
    assert entry_lines("- Shirin\n\n  • Leanne  \n2. Imran\n* Mum\n") == [
        "Shirin", "Leanne", "Imran", "Mum"]
    assert entry_lines("   \n") == []


@pytest.mark.parametrize(("line", "named"), [
    ("Shirin, mobile saved", True),
    ("Ring Shirin", True),
    ("ring my sister", False),
    ("Ring my Sister", False),
    ("Monday at the baby group", False),
    ("Shirin's number in my phone", True),
    ("GP surgery", False),
    ("Mum, 07700 900123", True),
])
def test_a_name_is_a_capitalised_word_that_is_not_a_common_word(line: str, named: bool) -> None:
    assert has_name(line, WORDS) is named


@pytest.mark.parametrize(("line", "numbered"), [
    ("Samaritans 116 123", True), ("999", True), ("Lifeline 0808 808 8000", True),
    ("07700-900-123", True), ("Year 1", False), ("weekdays 9-5", False), ("8.30am", False),
])
def test_a_phone_number_has_three_digits_or_more(line: str, numbered: bool) -> None:
    assert has_number(line) is numbered


@pytest.mark.parametrize(("line", "vague"), [
    ("call someone", True),
    ("Call someone if it gets bad", True),
    ("someone", True),
    ("call someone at work", False),
    ("call someone: Shirin", False),
    ("ring someone on 07700 900123", False),
    ("see friends", True),
    ("See friends from the baby group", False),
])
def test_a_line_is_vague_when_nothing_concrete_is_left(line: str, vague: bool) -> None:
    assert is_vague(line, HELP.vague, WORDS) is vague


def test_my_sister_needs_a_name_and_a_way_to_reach_her() -> None:
    findings = check_part(HELP, "my sister", WORDS)
    assert [f.message for f in findings] == ["Give a name.", "Add the number."]
    assert all(f.line == "my sister" and f.level == "problem" for f in findings)
    assert check_part(HELP, "Shirin (sister), number in my phone", WORDS) == []


def test_a_vague_line_is_reported_once_not_again_for_each_missing_detail() -> None:
    findings = check_part(HELP, "call someone", WORDS)
    assert [(f.line, f.message) for f in findings] == [("call someone", "Whom, by name?")]


def test_an_empty_part_is_empty_when_required_and_a_prompt_when_not() -> None:
    assert [(f.level, f.message) for f in check_part(HELP, " \n", WORDS)] == [
        ("empty", "No one yet.")]
    optional = HELP.model_copy(update={"required": False})
    assert [f.level for f in check_part(optional, "", WORDS)] == ["prompt"]


def test_flags_and_whole_part_needs() -> None:
    part = PartSpec(id="changes", title="What changed", prompt="?", empty="Nothing yet.",
                    flags=(Flag(phrases=("down to you",), message="Credit given away."),),
                    somewhere=(Need(phrases=("review",), message="Say the follow-up."),))
    findings = check_part(part, "It's down to you, really\nI ring Shirin", WORDS)
    assert [(f.line, f.level, f.message) for f in findings] == [
        ("It's down to you, really", "problem", "Credit given away."),
        ("", "prompt", "Say the follow-up.")]
    assert check_part(part, "I asked Imran. Review in June", WORDS) == []


def test_the_summary_sorts_parts_into_ready_to_revisit_and_empty() -> None:
    other = HELP.model_copy(update={"id": "other", "title": "Other", "required": False})
    spec = PlanSpec(parts=(HELP, other), words=WORDS)
    summary = summarise(spec, check_plan(spec, {"help": "call someone"}))
    assert (summary.ready, summary.to_revisit, summary.empty) == (
        ("Other",), ("People I can ask for help",), ())
    assert summary.headline() == "1 of 2 parts ready"
    assert summary.details() == ["To look at again: “People I can ask for help”."]
    empty = summarise(spec, check_plan(spec, {}))
    assert empty.empty == ("People I can ask for help",)
    assert empty.sentence() == "1 of 2 parts ready. Still empty: “People I can ask for help”."


def test_part_ids_must_be_unique() -> None:
    with pytest.raises(ValueError, match="repeated: help"):
        PlanSpec(parts=(HELP, HELP), words=WORDS)


def test_the_shared_words_load_as_lower_case_words() -> None:
    assert "ring" in WORDS.not_names and "monday" in WORDS.not_names
    assert "mum" not in WORDS.not_names
    assert {"if", "call", "when"} <= WORDS.fillers
    assert all(isinstance(word, str) and word == word.lower() for word in WORDS.not_names)


# -- reading a packaged YAML file ----------------------------------------------------------------


def test_yaml_syntax_errors_name_the_file_line_and_column() -> None:
    with pytest.raises(DataFileError, match=r"^x/data/w\.yaml: line 2, column \d+: YAML syntax"):
        parse_data("not_names: [a\nfillers: b: c", "x/data/w.yaml", PlanWords)


@pytest.mark.parametrize(("text", "message"), [
    ("fillers: [a]", r"w\.yaml: not_names: this key is required but missing"),
    ("not_names: [a]\nfillers: [a]\nextra: 1", r"w\.yaml: extra: unknown key"),
    ("not_names: [yes]\nfillers: [a]", r"w\.yaml: not_names\[0\]: Input should be a valid string"),
    ("- a\n- b", r"w\.yaml: expected a mapping of keys at the top level"),
])
def test_schema_errors_name_the_file_and_key(text: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        parse_data(text, "w.yaml", PlanWords)


def test_a_missing_packaged_file_is_named() -> None:
    with pytest.raises(DataFileError, match=r"safety_plan/data/nothing\.yaml: file not found"):
        load_data("ipt_course.tools.safety_plan", "nothing.yaml", PlanWords)
