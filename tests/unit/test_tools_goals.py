"""Goal checks: transparent word rules tested on good and bad goals, and the widget."""

from __future__ import annotations

import html
import json

import pytest

from ipt_course.tools.goals import (
    CRITERIA,
    GoalBuilder,
    GoalsFileError,
    capitalised_names,
    check_goal,
    parse_goals_file,
)
from tests.screen import control, press, tab

DRAFT = "Goal, in the client's words"
GOOD = "talk to my sister about how I feel about Mum's care without shouting, by session 8"


def unmet(
    goal: str, focus: str = "role_dispute", people: str = "Nadia (sister)", sessions: int = 16
) -> set[str]:
    return {r.criterion for r in check_goal(goal, focus, people, sessions).unmet()}


def test_feel_better_fails_specificity_and_interpersonal():
    report = check_goal("feel better", "role_dispute", "Nadia")
    failed = {r.criterion for r in report.unmet()}
    assert {"specific", "interpersonal", "focus"} <= failed
    interpersonal = next(r for r in report.results if r.criterion == "interpersonal")
    assert "symptom goal" in interpersonal.reason and "'feel better'" in interpersonal.reason


def test_the_model_goal_passes_every_criterion():
    report = check_goal(GOOD, "role_dispute", "Nadia")
    assert report.passed, [(r.criterion, r.reason) for r in report.unmet()]
    specific = next(r for r in report.results if r.criterion == "specific")
    assert "'talk'" in specific.reason and "'by session 8'" in specific.reason


@pytest.mark.parametrize(
    ("goal", "focus", "expected"),
    [
        ("I will look at photos of Dad with my brother by session 10", "grief", set()),
        (
            "I will invite Jo for lunch once a week by session 6",
            "interpersonal_sensitivities",
            set(),
        ),
        (
            "I will ask Imran to do the school run twice a week, by session 6",
            "role_transition",
            set(),
        ),
        ("Stop arguing with my sister", "role_dispute", {"positive", "specific"}),
        (
            "I will never argue with my sister again",
            "role_dispute",
            {"realistic", "positive", "specific"},
        ),
        (
            "I want to make my sister listen to me about Mum's care by session 6",
            "role_dispute",
            {"realistic"},
        ),
        ("I will talk to my sister about Mum's care by session 20", "role_dispute", {"realistic"}),
        (
            "The client will renegotiate the role dispute with her sister by session 8",
            "role_dispute",
            {"own_words", "specific"},
        ),
        (
            "I will join a choir and go every Thursday by session 6",
            "grief",
            {"focus", "interpersonal"},
        ),
        ("I want Imran to help more with Yusuf", "role_dispute", {"specific", "realistic"}),
        ("I'll get Imran to stand up to his mother", "role_dispute", {"specific", "realistic"}),
        ("Tell Rokeya that I will decide what Yusuf eats", "role_dispute", set()),
        ("I will stop going quiet when Imran and I disagree", "role_dispute", {"positive"}),
        (
            "I want to get back to work by session 12 and ask my manager about hours",
            "role_transition",
            set(),
        ),
        (
            "Sleep better and be less anxious",
            "role_transition",
            {"focus", "interpersonal", "specific", "own_words"},
        ),
    ],
)
def test_goal_examples(goal, focus, expected):
    assert unmet(goal, focus, people="Nadia (sister), Imran (husband), Rokeya") == expected


def test_every_unmet_criterion_explains_and_suggests_a_rewrite():
    report = check_goal("feel better and never be sad", "grief")
    assert len(report.unmet()) >= 4
    for result in report.unmet():
        assert result.reason and result.suggestion
        assert result.label == CRITERIA[result.criterion]
    focus = next(r for r in report.results if r.criterion == "focus")
    assert "person who died" in focus.suggestion


def test_without_is_allowed_but_stop_is_not():
    assert "positive" not in unmet("I will talk to Nadia calmly without shouting by session 8")
    assert "positive" in unmet("I will stop shouting at Nadia by session 8")


def test_focus_needs_choosing():
    report = check_goal(GOOD, "", "Nadia")
    focus = next(r for r in report.results if r.criterion == "focus")
    assert not focus.met and "No agreed focus" in focus.reason


def test_focus_hint_names_people_not_listed():
    report = check_goal("I will visit my aunt every Sunday by session 8", "grief", "")
    focus = next(r for r in report.results if r.criterion == "focus")
    assert not focus.met and "'aunt'" in focus.reason and "People involved" in focus.reason


def test_session_limit_follows_the_contract():
    goal = "I will talk to my sister about Mum's care by session 14"
    assert "realistic" not in unmet(goal, sessions=16)
    assert "realistic" in unmet(goal, sessions=12)


def test_capitalised_names_skip_days_and_the_first_word():
    assert capitalised_names("Invite Jo and Mrs K. on Sundays in March") == ["jo", "mrs", "k"]


def test_empty_goal_is_refused():
    with pytest.raises(ValueError, match="Write a goal first"):
        check_goal("   ", "grief")


# -- the widget --------------------------------------------------------------------------------


def test_goal_builder_checks_and_keeps_goals():
    builder = GoalBuilder(save_path=None)
    press(builder, "Check this goal")
    assert "Write a goal in the box first" in builder.status.value

    control(builder, "Agreed focus").value = "role_dispute"
    control(builder, "People involved").value = "Nadia (sister)"
    control(builder, DRAFT).value = "feel better"
    press(builder, "Check this goal")
    assert builder.model.focus == "role_dispute"
    assert "✗ Not yet" in builder.report.value
    assert "4 of 6 criteria not met yet" in builder.report.value

    control(builder, DRAFT).value = GOOD
    press(builder, "Keep this goal")
    assert "All six criteria are met" in builder.report.value
    assert [r.goal for r in builder.model.kept] == [GOOD]
    assert "6 of 6 criteria met" in builder.kept.value

    press(builder, "Keep this goal")
    assert "already in your list" in builder.status.value and len(builder.model.kept) == 1


def test_goal_builder_advises_against_too_many_goals():
    builder = GoalBuilder(save_path=None)
    control(builder, "Agreed focus").value = "role_dispute"
    for number in range(4):
        control(builder, DRAFT).value = (
            f"I will ask my sister to visit Mum with me by session {number + 5}")
        press(builder, "Keep this goal")
    assert "Two or three goals are usually enough" in builder.status.value
    press(builder, "Clear my goals")
    assert builder.model.kept == [] and builder.kept.value == ""


def test_rules_are_explained_in_the_widget():
    builder = GoalBuilder(save_path=None)
    text = html.unescape(tab(builder, "How the checks work").value)
    for label in CRITERIA.values():
        assert label in text
    assert "'Without shouting' is fine" in text


def test_sessions_box_feeds_the_realistic_check():
    builder = GoalBuilder(save_path=None)
    control(builder, "Agreed focus").value = "role_dispute"
    control(builder, "Number of sessions").value = 12
    control(builder, DRAFT).value = "I will talk to my sister about Mum's care by session 14"
    press(builder, "Check this goal")
    assert "beyond the 12 agreed" in builder.report.value


# -- saving and reloading the trainee's goals -----------------------------------------------------


def keep_good_goal(builder: GoalBuilder) -> None:
    control(builder, "Agreed focus").value = "role_dispute"
    control(builder, "People involved").value = "Nadia (sister)"
    control(builder, "Number of sessions").value = 12
    control(builder, DRAFT).value = GOOD
    press(builder, "Keep this goal")


def test_kept_goals_are_saved_and_come_back_after_a_restart(tmp_path):
    path = tmp_path / "my-goals.json"
    builder = GoalBuilder(save_path=path)
    assert "will be saved in my-goals.json" in builder.status.value
    keep_good_goal(builder)
    control(builder, DRAFT).value = "feel better"
    press(builder, "Keep this goal")
    assert "Kept. You have 2 goals." in builder.status.value
    assert "Saved to my-goals.json" in builder.status.value
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["kind"], saved["format"]) == ("ipt-goals", 1)
    assert [k["goal"] for k in saved["kept"]] == [GOOD, "feel better"]

    again = GoalBuilder(save_path=path)
    assert "Loaded 2 goals from my-goals.json" in again.status.value
    assert [r.goal for r in again.model.kept] == [GOOD, "feel better"]
    assert "6 of 6 criteria met" in again.kept.value and "2 of 6 criteria met" in again.kept.value
    shown = [control(again, label).value for label in
             ("Agreed focus", "People involved", "Number of sessions", DRAFT)]
    assert shown == ["role_dispute", "Nadia (sister)", 12, "feel better"]
    press(again, "Keep this goal")
    assert "already in your list" in again.status.value


def test_clearing_keeps_a_copy_of_the_cleared_goals(tmp_path):
    path = tmp_path / "my-goals.json"
    builder = GoalBuilder(save_path=path)
    keep_good_goal(builder)
    press(builder, "Clear my goals")
    assert builder.kept.value == ""
    assert "kept in my-goals-cleared.json" in builder.status.value
    copy = json.loads((tmp_path / "my-goals-cleared.json").read_text(encoding="utf-8"))
    assert [k["goal"] for k in copy["kept"]] == [GOOD]
    assert json.loads(path.read_text(encoding="utf-8"))["kept"] == []
    assert GoalBuilder(save_path=path).model.kept == []


def test_a_damaged_goals_file_is_kept_aside_with_a_clear_message(tmp_path):
    path = tmp_path / "my-goals.json"
    path.write_text('{"kind": "ipt-goals", "format": 1, "kept": [{"goal": 7}]}', encoding="utf-8")
    builder = GoalBuilder(save_path=path)
    message = builder.status.value
    assert "Your saved goals (my-goals.json) could not be read: kept[0].goal: expected text" in (
        message
    )
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("my-goals.unreadable-")]
    assert len(kept) == 1 and kept[0].name in message
    assert '"goal": 7' in kept[0].read_text(encoding="utf-8")
    assert builder.model.kept == [] and not path.exists()
    keep_good_goal(builder)
    assert [k["goal"] for k in json.loads(path.read_text(encoding="utf-8"))["kept"]] == [GOOD]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", r"not valid JSON \(line 1, column 1\)"),
        ('{"kind": "ipt-formulation", "format": 1}', "kind: expected 'ipt-goals'"),
        ('{"kind": "ipt-goals", "format": 9}', "format: expected 1, got 9"),
        ('{"kind": "ipt-goals", "format": 1, "focus": "sadness"}', "focus: expected one of"),
        ('{"kind": "ipt-goals", "format": 1, "sessions": 99}', "sessions: expected a whole"),
        ('{"kind": "ipt-goals", "format": 1, "kept": {}}', "kept: expected a list"),
        (
            '{"kind": "ipt-goals", "format": 1, "kept": [{"goal": "x", "results": '
            '[{"criterion": "kind", "met": true}]}]}',
            r"kept\[0\]\.results\[0\]\.criterion: expected one of focus",
        ),
        (
            '{"kind": "ipt-goals", "format": 1, "kept": [{"goal": "x", "results": '
            '[{"criterion": "focus", "met": "yes"}]}]}',
            r"kept\[0\]\.results\[0\]\.met: expected true or false",
        ),
    ],
)
def test_saved_goals_files_are_checked_with_key_paths(tmp_path, text, message):
    path = tmp_path / "g.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GoalsFileError, match=message):
        parse_goals_file(path)


def test_the_default_goals_file_is_beside_the_notebook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    keep_good_goal(GoalBuilder())
    assert (tmp_path / "my-goals.json").exists()
    assert [r.goal for r in GoalBuilder().model.kept] == [GOOD]
