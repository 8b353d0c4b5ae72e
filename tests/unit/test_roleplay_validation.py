"""Scenario loading and checking: good files pass, each kind of bad file is named and explained."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ipt_course.roleplay.schema import ScenarioError, load_scenario, techniques
from ipt_course.roleplay.validation import validate_scenario_file

FIXTURES = Path(__file__).parent / "fixtures" / "scenarios"
OUTCOMES = {"d1.lo8", "d3.lo1", "d3.lo2"}


def test_the_technique_vocabulary_has_the_ids_of_the_format() -> None:
    vocabulary = techniques()
    assert list(vocabulary)[:3] == ["exploration", "direct_elicitation", "clarification"]
    assert len(vocabulary) == 29
    assert vocabulary["communication_analysis"].ipt is True
    assert vocabulary["group_facilitation"].ipt is True
    assert vocabulary["cognitive_challenge"].ipt is False
    assert all(t.label and t.description for t in vocabulary.values())


@pytest.mark.parametrize("name", ["good.yaml", "good-loop.yaml"])
def test_good_fixtures_load_and_validate(name: str) -> None:
    scenario = load_scenario(FIXTURES / name)
    assert scenario.start in scenario.nodes
    assert validate_scenario_file(FIXTURES / name, OUTCOMES) == []


def test_good_fixture_reads_as_written() -> None:
    scenario = load_scenario(FIXTURES / "good.yaml")
    assert scenario.id == "fixture-dispute-good"
    assert scenario.dispute_stage == "renegotiation"
    assert scenario.decision_points == 3
    assert scenario.endings == ["ending_agreed", "ending_partial", "ending_withdrawn"]
    assert scenario.nodes["opening"].own_words is True
    assert scenario.nodes["opening"].choices[1].quality == "partial"
    assert scenario.breakout is not None
    assert scenario.breakout.observer_checklist[0].technique == "communication_analysis"


BAD = [
    ("bad-dangling-next.yaml", "nodes.opening.choices[0].next (line 15)",
     "leads to 'nowhere', which is not a node id"),
    ("bad-unreachable.yaml", "nodes.orphan (line 23)", "unreachable"),
    ("bad-dead-end.yaml", "nodes.stuck (line 23)", "dead end: a node without choices must be an"),
    ("bad-unknown-technique.yaml", "nodes.opening.choices[0].technique (line 15)",
     "unknown technique 'mind_reading'; expected one of: exploration"),
    ("bad-yaml-syntax.yaml", "line 10, column 6", "YAML syntax error"),
    ("bad-empty-text.yaml", "nodes.opening.choices[0].text (line 15)",
     "expected some text, found an empty value"),
    ("bad-one-ending.yaml", "nodes (line 11)", "expected at least two reachable endings, found 1"),
    ("bad-trap-cycle.yaml", "nodes.loop_a (line 23)",
     "trap: no sequence of choices from here reaches an ending"),
    ("bad-quality.yaml", "nodes.opening.choices[1].quality (line 16)",
     "Input should be 'sound', 'partial' or 'unhelpful' (got 'terrible')"),
]


@pytest.mark.parametrize(("name", "where", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_fixture_is_reported_with_file_place_and_reason(
        name: str, where: str, message: str) -> None:
    path = FIXTURES / name
    problems = validate_scenario_file(path, OUTCOMES)
    assert problems, f"{name} passed validation"
    assert all(problem.file == str(path) for problem in problems)
    matching = [p for p in problems if p.where == where and message in p.message]
    assert matching, "\n".join(map(str, problems))
    assert str(matching[0]).startswith(f"{path}: {where}: ")


@pytest.mark.parametrize("name", ["bad-yaml-syntax.yaml", "bad-empty-text.yaml",
                                  "bad-quality.yaml"])
def test_load_scenario_raises_a_readable_error_for_files_it_cannot_read(name: str) -> None:
    with pytest.raises(ScenarioError) as raised:
        load_scenario(FIXTURES / name)
    assert str(raised.value).startswith(str(FIXTURES / name))
    assert "Traceback" not in str(raised.value)


def _variant(tmp_path: Path, change, name: str = "variant.yaml") -> Path:
    """Write a copy of the good fixture after ``change(data)`` has edited it."""
    data = yaml.safe_load((FIXTURES / "good.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _messages(path: Path, outcomes: set[str] = OUTCOMES) -> list[str]:
    return [f"{p.where}: {p.message}" for p in validate_scenario_file(path, outcomes)]


def test_unknown_outcome_ids_are_named(tmp_path: Path) -> None:
    path = _variant(tmp_path, lambda d: d.update(outcomes=["d3.lo1", "d9.lo1"]))
    messages = _messages(path)
    assert len(messages) == 1, messages
    assert messages[0].startswith("outcomes[1] (line ")
    assert messages[0].endswith("unknown learning outcome 'd9.lo1'; use an id from course.yaml "
                                "such as 'd1.lo7'")


@pytest.mark.parametrize(("session", "expected"), [
    ("d3-s2", "expected a teaching session id such as 'd1.s5', found 'd3-s2'"),
    ("d3.b1", "expected a teaching session id such as 'd1.s5', found 'd3.b1'"),
    ("d2.s2", "session 'd2.s2' is not on day 3"),
])
def test_session_id_format_and_day_are_checked(tmp_path: Path, session: str,
                                               expected: str) -> None:
    path = _variant(tmp_path, lambda d: d.update(session=session))
    assert any(expected in message for message in _messages(path)), _messages(path)


def test_choice_counts_are_two_to_four(tmp_path: Path) -> None:
    def one_choice(data: dict) -> None:
        data["nodes"]["guarded"]["choices"] = data["nodes"]["guarded"]["choices"][:1]

    def five_choices(data: dict) -> None:
        choices = data["nodes"]["explore"]["choices"]
        data["nodes"]["explore"]["choices"] = choices + choices[1:] * 3

    assert any("nodes.guarded.choices" in m and "expected 2 to 4 choices, found 1" in m
               for m in _messages(_variant(tmp_path, one_choice, "one.yaml")))
    assert any("nodes.explore.choices" in m and "expected 2 to 4 choices, found 5" in m
               for m in _messages(_variant(tmp_path, five_choices, "five.yaml")))


def test_a_sound_choice_must_use_an_ipt_technique(tmp_path: Path) -> None:
    def sound_advice(data: dict) -> None:
        data["nodes"]["explore"]["choices"][1]["quality"] = "sound"

    assert any("nodes.explore.choices[1].quality" in m and "'advice_giving'" in m
               for m in _messages(_variant(tmp_path, sound_advice)))


def test_role_disputes_need_a_stage_and_others_must_not_have_one(tmp_path: Path) -> None:
    no_stage = _variant(tmp_path, lambda d: d.pop("dispute_stage"), "no-stage.yaml")
    grief_stage = _variant(tmp_path, lambda d: d.update(problem_area="role_transition"),
                           "stage.yaml")
    assert any(m.startswith("dispute_stage") and "needs a dispute_stage" in m
               for m in _messages(no_stage))
    assert any(m.startswith("dispute_stage") and "only when problem_area is role_dispute" in m
               for m in _messages(grief_stage))


def test_risk_content_needs_a_content_note(tmp_path: Path) -> None:
    def mention_overdose(data: dict) -> None:
        data["nodes"]["guarded"]["client"] = "Sometimes I think about taking an overdose."

    path = _variant(tmp_path, mention_overdose)
    assert any(m.startswith("content_note") and "'overdose'" in m for m in _messages(path))
    with_note = _variant(tmp_path, lambda d: (mention_overdose(d),
                                             d.update(content_note="Mentions suicidal thoughts.")),
                         "noted.yaml")
    assert _messages(with_note) == []


def test_unknown_keys_and_wrong_types_name_the_key_path(tmp_path: Path) -> None:
    def typo(data: dict) -> None:
        data["nodes"]["opening"]["choices"][0]["feedbak"] = data["nodes"]["opening"]["choices"][
            0].pop("feedback")
        data["client"]["age"] = "thirty"

    messages = _messages(_variant(tmp_path, typo))
    assert any(m.startswith("nodes.opening.choices[0].feedback") and "required" in m
               for m in messages), messages
    assert any(m.startswith("nodes.opening.choices[0].feedbak") and "unknown key" in m
               for m in messages), messages
    assert any(m.startswith("client.age") and "'thirty'" in m for m in messages), messages


def test_a_node_id_given_twice_is_reported_not_silently_dropped(tmp_path: Path) -> None:
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    text = text.replace("  ending_withdrawn:\n", "  ending_agreed:\n", 1)
    path = tmp_path / "twice.yaml"
    path.write_text(text, encoding="utf-8")
    messages = _messages(path)
    assert any(m.startswith("nodes.ending_agreed") and "given twice" in m for m in messages)


def test_an_empty_file_says_what_was_expected(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert _messages(path) == [": expected a mapping of scenario keys, found an empty file"]


def test_scenarios_in_the_curriculum_are_valid(repo_root: Path) -> None:
    from ipt_course.course import load_course

    outcome_ids = load_course(repo_root).outcome_ids()
    problems = [
        str(problem)
        for path in sorted(repo_root.glob("curriculum/day*/scenarios/*.yaml"))
        for problem in validate_scenario_file(path, outcome_ids)
    ]
    assert problems == []


def test_a_reveal_line_repeating_the_cards_prefix_is_named(tmp_path: Path) -> None:
    def repeated(data: dict) -> None:
        data["breakout"]["client_card"]["reveals"][0]["when"] = "the therapist asks gently"

    assert any("breakout.client_card.reveals[0].when" in m and "'the therapist'" in m
               for m in _messages(_variant(tmp_path, repeated, "repeated.yaml")))
