"""The problem-area decision aid and the formulation builder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipt_course.tools.formulation import (
    FIELD_LABELS,
    FormulationBuilder,
    FormulationError,
    FormulationFields,
    FormulationFileError,
    ProblemAreaAid,
    check_choice,
    formulation_warnings,
    parse_formulation_file,
    split_symptoms,
    suggest_problem_areas,
    write_formulation,
)
from tests.screen import control, press

OWN_WORDS = "Edit into your own words"
NONE_ACUTE = {"death": "no", "dispute": "no", "change": "no"}


def areas(answers: dict[str, str]) -> list[str]:
    return [s.area for s in suggest_problem_areas(answers).suggestions]


def notes_text(answers: dict[str, str]) -> str:
    return " ".join(suggest_problem_areas(answers).notes)


# -- decision aid rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"death": "yes", "dispute": "no", "change": "no", "isolation": "no"}, ["grief"]),
        ({"death": "no", "dispute": "yes", "change": "no", "isolation": "no"}, ["role_dispute"]),
        ({"death": "no", "dispute": "no", "change": "yes", "isolation": "no"}, ["role_transition"]),
        ({**NONE_ACUTE, "isolation": "yes"}, ["interpersonal_sensitivities"]),
        (
            {"death": "yes", "dispute": "yes", "change": "no", "isolation": "no"},
            ["grief", "role_dispute"],
        ),
    ],
)
def test_each_answer_points_to_its_problem_area(answers, expected):
    assert areas(answers) == expected


def test_suggestions_carry_reasons():
    advice = suggest_problem_areas({"death": "yes"})
    assert advice.suggestions[0].label == "Grief"
    assert "death" in advice.suggestions[0].reason


def test_sensitivities_is_not_suggested_when_there_is_an_acute_event():
    answers = {"death": "no", "dispute": "yes", "change": "no", "isolation": "yes"}
    assert areas(answers) == ["role_dispute"]
    assert "not the focus" in notes_text(answers)


def test_sensitivities_waits_until_acute_events_are_ruled_out():
    answers = {"death": "unsure", "dispute": "no", "change": "no", "isolation": "yes"}
    assert areas(answers) == []
    text = notes_text(answers)
    assert "ruled out" in text and "Not sure about grief" in text


def test_sensitivities_is_explained_as_last_resort_when_suggested():
    assert "last resort" in notes_text({**NONE_ACUTE, "isolation": "yes"})


def test_more_than_two_areas_prompts_narrowing():
    answers = {"death": "yes", "dispute": "yes", "change": "yes", "isolation": "no"}
    assert len(areas(answers)) == 3
    assert "More than two areas fit" in notes_text(answers)


def test_nothing_fits_sends_trainee_back_to_timeline_and_supervisor():
    answers = {**NONE_ACUTE, "isolation": "no"}
    assert areas(answers) == []
    assert "supervisor" in notes_text(answers)


def test_unanswered_questions_are_listed():
    assert "Still to answer" in notes_text({"death": "no"})


def test_bad_answer_value_is_refused():
    with pytest.raises(ValueError, match="expected one of yes, no, unsure"):
        suggest_problem_areas({"death": "maybe"})


def test_choosing_sensitivities_with_acute_event_is_an_error():
    checks = check_choice({"death": "yes", "isolation": "yes"}, ["interpersonal_sensitivities"])
    assert [c.level for c in checks] == ["error"]
    assert "last resort" in checks[0].text


def test_choosing_sensitivities_before_ruling_out_events_is_a_warning():
    checks = check_choice({"death": "no", "isolation": "yes"}, ["interpersonal_sensitivities"])
    assert checks[0].level == "warning" and "last resort" in checks[0].text


def test_choosing_sensitivities_when_it_fits_is_fine():
    checks = check_choice({**NONE_ACUTE, "isolation": "yes"}, ["interpersonal_sensitivities"])
    assert [c.level for c in checks] == ["ok"]


def test_more_than_two_chosen_areas_warns():
    answers = {"death": "yes", "dispute": "yes", "change": "yes"}
    checks = check_choice(answers, ["grief", "role_dispute", "role_transition"])
    assert any(c.level == "warning" and "one focus, two at most" in c.text for c in checks)
    assert not any(c.level == "ok" for c in checks)


def test_choosing_an_area_answered_no_asks_for_evidence():
    checks = check_choice({"death": "no", "dispute": "yes"}, ["grief"])
    assert checks[0].level == "warning" and "answered 'no'" in checks[0].text


def test_no_choice_asks_for_one():
    assert check_choice({}, [])[0].text.startswith("Choose the problem area")


# -- the decision aid widget -----------------------------------------------------------------


def test_aid_widget_suggests_and_checks():
    aid = ProblemAreaAid()
    aid.questions["death"].value = "no"
    aid.questions["dispute"].value = "yes"
    aid.questions["change"].value = "no"
    aid.questions["isolation"].value = "yes"
    assert aid.model.answers == {
        "death": "no",
        "dispute": "yes",
        "change": "no",
        "isolation": "yes",
    }
    press(aid, "Suggest a problem area")
    assert "Role dispute" in aid.advice.value
    assert "Interpersonal sensitivities" not in aid.advice.value

    control(aid, "Interpersonal sensitivities (deficits)").value = True
    press(aid, "Check my choice")
    assert aid.model.chosen == ["interpersonal_sensitivities"]
    assert "✗ Not allowed" in aid.result.value and "last resort" in aid.result.value

    control(aid, "Interpersonal sensitivities (deficits)").value = False
    control(aid, "Role dispute").value = True
    press(aid, "Check my choice")
    assert "✓ Fine" in aid.result.value and "agree" in aid.result.value


# -- formulation -------------------------------------------------------------------------------


def ruki(**changes: str) -> FormulationFields:
    fields = FormulationFields(
        client_name="Ruki",
        diagnosis="depression",
        symptoms="Low mood\npoor sleep; no interest in choir",
        onset="about five months ago",
        onset_events="Your mum had a stroke and moved into a care home, and you and Nadia began "
        "to argue about her care.",
        problem_area="role_dispute",
        people="Nadia",
        link="after each row with Nadia you sleep badly and keep to yourself",
    )
    for key, value in changes.items():
        setattr(fields, key, value)
    return fields


def test_formulation_has_every_part_in_order():
    text = write_formulation(ruki())
    parts = [
        "Ruki, from everything you have told me",
        "going through depression",
        "low mood, poor sleep and no interest in choir",
        "common illness, and it can be treated",
        "not your fault",
        "It began about five months ago, when your mum had a stroke",
        "your relationship with Nadia",
        "role dispute",
        "You have noticed that after each row with Nadia you sleep badly",
        "over our 16 weekly sessions, we concentrate on the disagreement with Nadia",
        "we would expect your mood to lift",
        "Does that fit with how you see it?",
    ]
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)
    assert text.rstrip().endswith("Is there anything I have missed, or anything you would change?")
    assert ".." not in text


@pytest.mark.parametrize(
    ("area", "phrase"),
    [
        ("grief", "death of Nadia"),
        ("role_transition", "big change in your life"),
        ("interpersonal_sensitivities", "close relationships"),
    ],
)
def test_formulation_words_each_problem_area(area, phrase):
    text = write_formulation(ruki(problem_area=area))
    assert phrase in text and "Does that fit with how you see it?" in text


def test_sensitivities_does_not_need_named_people():
    text = write_formulation(ruki(problem_area="interpersonal_sensitivities", people=""))
    assert "the people around you" in text


def test_second_area_is_mentioned():
    text = write_formulation(ruki(second_area="role_transition"))
    assert "and also on the change you are going through" in text


def test_missing_fields_are_named():
    with pytest.raises(FormulationError) as caught:
        write_formulation(FormulationFields(client_name="Ruki", diagnosis=""))
    error = caught.value
    assert "Diagnosis in plain words" in error.missing
    assert "Problem area" in error.missing and "Client's first name" not in error.missing
    assert str(error).startswith("Please fill in: Diagnosis in plain words")


def test_session_count_is_used_and_checked():
    assert "over our 12 weekly sessions" in write_formulation(ruki(sessions=12))
    with pytest.raises(FormulationError, match="Number of weekly sessions: expected a whole"):
        write_formulation(ruki(sessions=0))


def test_same_area_twice_is_refused():
    with pytest.raises(FormulationError, match="choose a different area"):
        write_formulation(ruki(second_area="role_dispute"))


def test_symptoms_are_split_and_names_kept():
    assert split_symptoms("Low mood, and poor sleep\nTired") == ["low mood", "poor sleep", "tired"]
    text = write_formulation(ruki(onset_events="Nadia moved abroad"))
    assert "when Nadia moved abroad" in text


def test_warnings_flag_blame_jargon_and_missing_depression():
    warnings = formulation_warnings(
        ruki(
            link="you overreact and it is your fault",
            diagnosis="low mood",
            onset_events="non-reciprocal expectations",
        )
    )
    text = " ".join(warnings)
    assert "overreact" in text and "your fault" in text
    assert "non-reciprocal" in text
    assert "does not mention depression" in text
    assert formulation_warnings(ruki()) == []


def test_formulation_widget_validates_then_writes(tmp_path):
    builder = FormulationBuilder(save_path=tmp_path / "my-formulation.json")
    press(builder, "Write the formulation")
    assert "Not yet" in builder.draft.value and "Please fill in" in builder.draft.value
    assert builder.model.text == ""
    assert control(builder, OWN_WORDS).layout.display == "none"

    values = ruki()
    for key in (
        "client_name",
        "symptoms",
        "onset",
        "onset_events",
        "problem_area",
        "people",
        "link",
    ):
        control(builder, FIELD_LABELS[key]).value = getattr(values, key)
    press(builder, "Write the formulation")
    assert builder.model.error == ""
    assert "Does that fit with how you see it?" in builder.draft.value
    assert "Ruki, from everything you have told me" in builder.draft.value
    assert control(builder, OWN_WORDS).value == builder.model.text
    assert control(builder, OWN_WORDS).layout.display is None


# -- saving and reloading the trainee's work ------------------------------------------------------

RUKI_KEYS = ("client_name", "symptoms", "onset", "onset_events", "problem_area", "people", "link")


def fill_in(builder: FormulationBuilder) -> None:
    values = ruki()
    for key in RUKI_KEYS:
        control(builder, FIELD_LABELS[key]).value = getattr(values, key)


def test_every_change_is_saved_and_comes_back_after_a_restart(tmp_path):
    path = tmp_path / "my-formulation.json"
    builder = FormulationBuilder(save_path=path)
    assert "will be saved in my-formulation.json" in builder.status.value
    control(builder, FIELD_LABELS["client_name"]).value = "Ruki"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["kind"], saved["format"]) == ("ipt-formulation", 1)
    assert saved["notes"]["client_name"] == "Ruki"
    assert "Saved to my-formulation.json" in builder.status.value

    fill_in(builder)
    control(builder, FIELD_LABELS["sessions"]).value = 12
    press(builder, "Write the formulation")
    control(builder, OWN_WORDS).value = builder.model.text + "\n\nWe can change this together."

    again = FormulationBuilder(save_path=path)
    assert "Loaded your saved formulation notes from my-formulation.json" in again.status.value
    for key in RUKI_KEYS:
        assert control(again, FIELD_LABELS[key]).value == getattr(ruki(), key)
    assert control(again, FIELD_LABELS["sessions"]).value == 12
    assert control(again, OWN_WORDS).value.endswith("We can change this together.")
    assert control(again, OWN_WORDS).layout.display is None
    assert "over our 12 weekly sessions" in again.draft.value


def test_rewriting_keeps_the_trainees_own_wording(tmp_path):
    builder = FormulationBuilder(save_path=tmp_path / "f.json")
    fill_in(builder)
    press(builder, "Write the formulation")
    assert control(builder, OWN_WORDS).value == builder.model.text
    control(builder, OWN_WORDS).value = "Ruki, in my own words: this is what I think is going on."
    control(builder, FIELD_LABELS["sessions"]).value = 14
    press(builder, "Write the formulation")
    assert "over our 14 weekly sessions" in builder.draft.value
    assert control(builder, OWN_WORDS).value == (
        "Ruki, in my own words: this is what I think is going on.")
    assert "Your own wording below has been kept as it was" in builder.draft.value

    control(builder, FIELD_LABELS["onset"]).value = ""
    press(builder, "Write the formulation")
    assert "Not yet" in builder.draft.value
    assert control(builder, OWN_WORDS).layout.display is None
    saved = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    assert saved["edited"] == "Ruki, in my own words: this is what I think is going on."


def test_untouched_wording_follows_the_new_draft(tmp_path):
    builder = FormulationBuilder(save_path=tmp_path / "f.json")
    fill_in(builder)
    press(builder, "Write the formulation")
    control(builder, FIELD_LABELS["sessions"]).value = 12
    press(builder, "Write the formulation")
    assert "over our 12 weekly sessions" in control(builder, OWN_WORDS).value
    assert "has been kept" not in builder.draft.value


def test_a_damaged_file_is_kept_aside_with_a_clear_message(tmp_path):
    path = tmp_path / "my-formulation.json"
    path.write_text('{"kind": "ipt-formulation", "format": 1, "notes": {', encoding="utf-8")
    builder = FormulationBuilder(save_path=path)
    message = builder.status.value
    assert "Your saved formulation (my-formulation.json) could not be read" in message
    assert "not valid JSON (line 1" in message and "role='alert'" in message
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("my-formulation.unreadable-")]
    assert len(kept) == 1 and kept[0].name in message
    assert kept[0].read_text(encoding="utf-8").endswith('"notes": {')
    assert control(builder, FIELD_LABELS["client_name"]).value == ""

    control(builder, FIELD_LABELS["client_name"]).value = "Ruki"
    assert json.loads(path.read_text(encoding="utf-8"))["notes"]["client_name"] == "Ruki"
    assert kept[0].exists()


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"kind": "ipt-inventory", "format": 1}, "kind: expected 'ipt-formulation'"),
        ({"kind": "ipt-formulation", "format": 2}, "format: expected 1, got 2"),
        ({"kind": "ipt-formulation", "format": 1, "notes": []}, "notes: expected"),
        ({"kind": "ipt-formulation", "format": 1, "notes": {"mood": "low"}},
         "notes.mood: not a formulation field"),
        ({"kind": "ipt-formulation", "format": 1, "notes": {"onset": 3}},
         "notes.onset: expected text"),
        ({"kind": "ipt-formulation", "format": 1, "notes": {"problem_area": "grieving"}},
         "notes.problem_area: expected one of grief"),
        ({"kind": "ipt-formulation", "format": 1, "notes": {"sessions": 0}},
         "notes.sessions: expected a whole number from 1 to 40"),
        ({"kind": "ipt-formulation", "format": 1, "edited": ["x"]}, "edited: expected text"),
    ],
)
def test_saved_files_are_checked_with_key_paths(tmp_path, document, message):
    path = tmp_path / "f.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(FormulationFileError, match=message):
        parse_formulation_file(path)


def test_the_default_save_path_is_beside_the_notebook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    builder = FormulationBuilder()
    control(builder, FIELD_LABELS["onset"]).value = "about four months ago"
    saved = json.loads(Path("my-formulation.json").read_text(encoding="utf-8"))
    assert saved["notes"]["onset"] == "about four months ago"
    assert control(FormulationBuilder(), FIELD_LABELS["onset"]).value == "about four months ago"
