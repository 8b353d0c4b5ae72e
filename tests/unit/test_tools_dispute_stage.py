"""Dispute stage aid: safety first, the staging rules, saving the answers and cases, the widget."""

from __future__ import annotations

import copy
import html
import json
import re

import ipywidgets as widgets
import pytest
import yaml

from ipt_course.kit.vocabulary import dispute_stages, techniques
from ipt_course.tools.dispute_stage import (
    QUESTION_IDS,
    Case,
    DisputeGuideError,
    DisputeStageAid,
    DisputeStageError,
    DisputeStageModel,
    guide,
    judgement_note,
    parse_guide,
    stage_dispute,
)
from tests.screen import button, control, press, tab

NADIA = {"talking": "yes", "hope": "yes", "ended": "no", "silent": "no"}
AILEEN = {"talking": "yes", "hope": "no", "ended": "yes", "silent": "no"}
GONE_QUIET = {"talking": "no", "hope": "yes", "ended": "no", "silent": "yes"}
# The table "Stage the dispute, then plan" of curriculum/day3/03-role-disputes.ipynb.
NOTEBOOK_TABLE = {
    "renegotiation": ("Still talking, still hoping",
                      "Calm things; improve communication; compromise"),
    "impasse": ("Talking stopped, resentment under it", "Bring it into the open, then renegotiate"),
    "dissolution": ("One or both have decided to end it", "Accept the end, mourn, move on"),
}


def shown_html(root) -> str:
    """The HTML a trainee can see: hidden parts (and everything inside them) left out."""
    if root.layout.display == "none":
        return ""
    own = root.value if isinstance(root, widgets.HTML) else ""
    return "\n".join([own, *(shown_html(child) for child in getattr(root, "children", ()))])


def packaged_yaml() -> dict:
    from importlib import resources

    text = resources.files("ipt_course.tools.dispute_stage").joinpath("data", "staging.yaml")
    return yaml.safe_load(text.read_text(encoding="utf-8"))


# -- the rules -----------------------------------------------------------------------------


def test_nothing_is_staged_before_the_safety_question_is_answered():
    staging = stage_dispute("", NADIA)
    assert (staging.outcome, staging.stage) == ("start", "")
    assert staging.notes == ("Start with the safety question.",)


@pytest.mark.parametrize("answers", [NADIA, AILEEN, GONE_QUIET, {}])
def test_abuse_or_coercive_control_puts_safety_first_whatever_the_answers(answers):
    staging = stage_dispute("present", answers)
    assert (staging.outcome, staging.stage, staging.reasons) == ("safety", "", ())


def test_not_yet_asked_about_abuse_means_ask_first():
    staging = stage_dispute("not_asked", NADIA)
    assert (staging.outcome, staging.stage) == ("ask", "")


def test_nadia_is_at_renegotiation_with_the_reasons():
    staging = stage_dispute("none", NADIA)
    assert (staging.outcome, staging.stage, staging.stage_label) == (
        "stage", "renegotiation", "Renegotiation")
    assert staging.reasons == ("Both are still talking about it, even if it goes badly.",
                               "Both still hope that things can change.",
                               "Neither has decided to end it.")
    assert staging.notes == ()


def test_a_decision_to_end_it_is_dissolution_even_while_one_still_talks():
    staging = stage_dispute("none", AILEEN)
    assert staging.stage == "dissolution"
    assert staging.reasons == ("One or both have decided to end the relationship.",)
    assert "rather than winning the other back" in staging.notes[0]


@pytest.mark.parametrize(("hope", "note"), [("yes", "move to renegotiation"),
                                            ("no", "moving towards ending it"),
                                            ("unsure", "Not sure yet (Hope of change)")])
def test_talking_stopped_with_resentment_is_an_impasse(hope, note):
    staging = stage_dispute("none", {**GONE_QUIET, "hope": hope})
    assert staging.stage == "impasse"
    assert staging.reasons[0] == "Talking about it has stopped, and resentment lies underneath."
    assert note in " ".join(staging.notes)


@pytest.mark.parametrize(
    ("answers", "note"),
    [
        ({**NADIA, "ended": "unsure"}, "Whether either has decided to end it settles the stage"),
        ({**NADIA, "silent": "yes"}, "both that they are still talking and that talking has "
                                     "stopped"),
        ({**NADIA, "hope": "no"}, "Still talking, but with no hope left"),
        ({**NADIA, "talking": "no"}, "Not talking about it, yet no resentment"),
        ({**NADIA, "talking": "unsure"}, "Not sure yet (Still talking): Ask about the last time"),
    ],
)
def test_answers_that_settle_no_stage_say_what_to_find_out(answers, note):
    staging = stage_dispute("none", answers)
    assert (staging.outcome, staging.stage) == ("none", "")
    assert note in " ".join(staging.notes)


def test_a_stage_waits_for_all_four_answers():
    staging = stage_dispute("none", {"talking": "yes", "hope": "yes"})
    assert staging.outcome == "none"
    assert staging.notes == ("Still to answer: Decided to end it?, Stopped, resentment under "
                             "it?.",)


def test_unsure_answers_beside_a_clear_stage_are_noted():
    staging = stage_dispute("none", {**NADIA, "silent": "unsure"})
    assert staging.stage == "renegotiation"
    assert any("Not sure yet (Stopped, resentment under it)" in note for note in staging.notes)


@pytest.mark.parametrize(("safety", "answers", "message"), [
    ("maybe", {}, "safety: expected one of none, present, not_asked"),
    ("none", {"talking": "perhaps"}, "answers.talking: expected yes, no or unsure"),
    ("none", {"mood": "yes"}, "answers: unknown question 'mood'"),
])
def test_answers_outside_the_rules_are_refused(safety, answers, message):
    with pytest.raises(ValueError, match=message):
        stage_dispute(safety, answers)


def test_the_trainee_judgement_is_theirs_and_a_difference_is_named_not_marked():
    renegotiation = stage_dispute("none", NADIA)
    assert judgement_note("renegotiation", renegotiation) == ""
    assert judgement_note("", renegotiation) == ""
    differs = judgement_note("impasse", renegotiation)
    assert differs.startswith("You judged it impasse; the answers point to renegotiation.")
    assert "can be right" in differs
    unsettled = stage_dispute("none", {**NADIA, "ended": "unsure"})
    assert "do not settle a stage yet" in judgement_note("dissolution", unsettled)
    assert judgement_note("impasse", stage_dispute("present", NADIA)).startswith(
        "While safety comes first")
    with pytest.raises(ValueError, match="judgement: expected a dispute stage"):
        judgement_note("divorce", renegotiation)


# -- the wording file ----------------------------------------------------------------------


def test_the_stages_and_plans_read_as_in_the_disputes_notebook():
    stages = guide().stages
    assert tuple(stages) == dispute_stages()
    assert {key: (stage.signs, stage.plan) for key, stage in stages.items()} == NOTEBOOK_TABLE
    assert (guide().any_stage.signs, guide().any_stage.plan) == ("Abuse or coercive control",
                                                                 "Safety first")


def test_each_stage_calls_for_known_ipt_techniques_and_the_questions_are_the_four():
    for stage in guide().stages.values():
        assert stage.techniques and all(techniques()[t].ipt for t in stage.techniques)
        assert len(stage.steps) >= 3
    assert tuple(q.id for q in guide().questions) == QUESTION_IDS
    assert "communication_analysis" in guide().stages["renegotiation"].techniques
    assert "encouragement_of_affect" in guide().stages["dissolution"].techniques


def test_the_safety_answer_names_planning_policy_and_a_same_day_supervisor_talk():
    present = " ".join(guide().safety.present.lines)
    assert "safety plan" in present and "policies" in present
    assert "supervisor today" in present
    assert any("0808 2000 247" in line for line in guide().safety.present.helplines)
    assert "NICE PH50" in " ".join(guide().safety.not_asked.lines)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["stages"]["impasse"].update(techniques=["advise"]),
     "staging.yaml: stages.impasse.techniques: .*unknown technique 'advise'"),
    (lambda d: d["stages"].pop("impasse"),
     "staging.yaml: stages: .*expected the stages renegotiation, impasse, dissolution"),
    (lambda d: d["questions"][0].pop("find_out"),
     r"staging.yaml: questions\[0\].find_out: this key is required but missing"),
    (lambda d: d["safety"]["present"].update(title="  "),
     "staging.yaml: safety.present.title: .*expected non-empty text"),
    (lambda d: d["notes"].update(unanswerd="x"),
     "staging.yaml: notes.unanswerd: unknown key"),
])
def test_a_mistake_in_the_wording_file_names_the_file_and_key(change, message):
    data = copy.deepcopy(packaged_yaml())
    change(data)
    with pytest.raises(DisputeGuideError, match=message):
        parse_guide(data)


# -- saving and reloading ------------------------------------------------------------------


def answered(model: DisputeStageModel, client: str, safety: str, answers: dict) -> None:
    model.client, model.safety = client, safety
    for key, value in answers.items():
        model.answer(key, value)


def test_answers_are_saved_as_they_change_and_come_back(tmp_path):
    path = tmp_path / "my-dispute-stage.json"
    model = DisputeStageModel(save_path=path)
    assert "will be saved in my-dispute-stage.json" in model.status.text
    answered(model, "Nadia", "none", NADIA)
    model.judgement, model.why = "renegotiation", "They still row about the nights."
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["kind"], saved["format"]) == ("ipt-dispute-stage", 1)
    assert saved["current"] == {"client": "Nadia", "safety": "none", "answers": NADIA,
                                "judgement": "renegotiation",
                                "why": "They still row about the nights."}
    again = DisputeStageModel(save_path=path)
    assert again.current == model.current
    assert again.staging.stage == "renegotiation"
    assert again.status.text == "Loaded your answers and 0 kept cases from my-dispute-stage.json."


def test_cases_are_kept_changed_and_deleted_and_survive_a_restart(tmp_path):
    path = tmp_path / "d.json"
    model = DisputeStageModel(save_path=path)
    answered(model, "Nadia", "none", NADIA)
    model.keep()
    answered(model, "Aileen", "none", AILEEN)
    model.keep()
    assert [c.describe() for c in model.cases] == [
        "Nadia · suggested: Renegotiation", "Aileen · suggested: Dissolution"]
    model.show(model.cases[0])
    model.judgement = "impasse"
    model.update(0)
    assert model.cases[0].judgement == "impasse"
    assert model.cases[0].describe() == ("Nadia · suggested: Renegotiation · your judgement: "
                                         "Impasse")
    model.delete(1)
    again = DisputeStageModel(save_path=path)
    assert [(c.client, c.judgement) for c in again.cases] == [("Nadia", "impasse")]


@pytest.mark.parametrize(("client", "safety", "message"), [
    ("  ", "none", "Give the client's first name"),
    ("Nadia", "", "Answer the safety question first"),
    ("N" * 41, "none", "Keep the client's name to 40 characters or fewer"),
])
def test_a_case_needs_a_name_and_the_safety_answer(client, safety, message):
    model = DisputeStageModel(save_path=None)
    model.client, model.safety = client, safety
    with pytest.raises(DisputeStageError, match=message):
        model.keep()
    assert model.cases == []


def test_the_same_case_is_kept_once(tmp_path):
    model = DisputeStageModel(save_path=tmp_path / "d.json")
    answered(model, "Nadia", "none", NADIA)
    model.keep()
    model.client = "nadia"
    with pytest.raises(DisputeStageError, match="already kept"):
        model.keep()


def test_two_kernels_keeping_cases_in_one_file_lose_none(tmp_path):
    path = tmp_path / "d.json"
    first, second = DisputeStageModel(save_path=path), DisputeStageModel(save_path=path)
    answered(first, "Nadia", "none", NADIA)
    first.keep()
    answered(second, "Aileen", "none", AILEEN)
    second.keep()
    assert [c.client for c in second.cases] == ["Nadia", "Aileen"]
    first.delete(0)
    second.update(0)
    assert [c.client for c in DisputeStageModel(save_path=path).cases] == ["Aileen", "Aileen"]


def test_an_overlong_note_is_not_saved_and_nothing_is_lost(tmp_path):
    path = tmp_path / "d.json"
    model = DisputeStageModel(save_path=path)
    answered(model, "Nadia", "none", NADIA)
    model.why = "x" * 5000
    assert model.status.level == "warning" and "2000 characters or fewer" in model.status.text
    assert model.why == "x" * 5000
    again = DisputeStageModel(save_path=path)
    assert again.why == "" and again.answers == NADIA and again.status.level == "ok"


def test_a_damaged_file_is_set_aside_with_a_plain_message(tmp_path):
    path = tmp_path / "my-dispute-stage.json"
    path.write_text('{"kind": "ipt-dispute-stage", "format": 1, "cases": [{"safety": "yes"}]}',
                    encoding="utf-8")
    model = DisputeStageModel(save_path=path)
    assert model.status.level == "warning"
    assert ("Your saved dispute stage answers (my-dispute-stage.json) could not be read: "
            "cases[0].safety: expected one of") in model.status.text
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("my-dispute-stage.unreadable-")]
    assert len(kept) == 1 and kept[0].name in model.status.text
    answered(model, "Nadia", "none", NADIA)
    assert json.loads(path.read_text(encoding="utf-8"))["current"]["client"] == "Nadia"


@pytest.mark.parametrize(("text", "message"), [
    ("[1, 2", "not valid JSON"),
    ('{"kind": "ipt-goals", "format": 1}', "kind: expected 'ipt-dispute-stage'"),
    ('{"kind": "ipt-dispute-stage", "format": 2}', "format: expected 1, got 2"),
    ('{"kind": "ipt-dispute-stage", "format": 1, "current": {"answers": {"talking": "maybe"}}}',
     "current.answers: .*talking: expected yes, no or unsure"),
    ('{"kind": "ipt-dispute-stage", "format": 1, "cases": [{"client": 3}]}',
     r"cases\[0\].client: expected text"),
    ('{"kind": "ipt-dispute-stage", "format": 1, "cases": [{"judgement": "divorce"}]}',
     r"cases\[0\].judgement: expected one of"),
    ('{"kind": "ipt-dispute-stage", "format": 1, "cases": {}}', "cases: expected a list"),
])
def test_saved_files_are_checked_with_key_paths(tmp_path, text, message):
    path = tmp_path / "d.json"
    path.write_text(text, encoding="utf-8")
    model = DisputeStageModel(save_path=path)
    assert model.status.level == "warning"
    assert re.search(message, model.status.text), model.status.text


def test_the_default_file_is_beside_the_notebook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    view = DisputeStageAid()
    control(view, "Client (first name)").value = "Nadia"
    assert (tmp_path / "my-dispute-stage.json").is_file()
    assert DisputeStageAid().model.client == "Nadia"


# -- the widget, driven headless -------------------------------------------------------------


def answer_on_screen(view, client: str, safety: str, answers: dict) -> None:
    control(view, "Client (first name)").value = client
    control(view, guide().safety.question).value = safety
    for question in guide().questions:
        if question.id in answers:
            control(view, question.text).value = answers[question.id]


def test_the_staging_questions_open_only_once_safety_is_answered_none():
    view = DisputeStageAid(save_path=None)
    staging = view.questions["talking"]
    assert "Start with the safety question" in shown_html(view)
    assert "Four questions to stage the dispute" not in shown_html(view)
    control(view, guide().safety.question).value = "present"
    text = html.unescape(shown_html(view))
    assert "Safety first: the dispute work waits" in text
    assert "Talk to your supervisor today" in text and "0808 2000 247" in text
    assert "Samaritans" in text and "Suggested stage" not in text
    assert "Four questions to stage the dispute" not in text
    control(view, guide().safety.question).value = "not_asked"
    assert "Ask first, in private" in html.unescape(shown_html(view))
    control(view, guide().safety.question).value = "none"
    assert "Four questions to stage the dispute" in shown_html(view)
    staging.value = "yes"
    assert view.model.answers == {"talking": "yes"}


def test_nadia_on_screen_gets_renegotiation_its_plan_techniques_and_whose_judgement_it_is():
    view = DisputeStageAid(save_path=None)
    answer_on_screen(view, "Nadia", "none", NADIA)
    advice = html.unescape(view.advice.value)
    assert "Suggested stage: Renegotiation" in advice
    assert "Calm things; improve communication; compromise" in advice
    for label in ("Clarification", "Communication analysis", "Decision analysis", "Role play"):
        assert f"<b>{label}</b>" in advice
    assert "The judgement is yours" in advice
    assert "The judgement is yours" in view.children[0].value
    control(view, "Your judgement").value = "impasse"
    assert "the answers point to renegotiation" in view.judgement_note.value


def test_the_stages_table_is_at_hand():
    view = DisputeStageAid(save_path=None)
    table = html.unescape(tab(view, "The three stages and their plans").value)
    for signs, plan in NOTEBOOK_TABLE.values():
        assert signs in table and plan in table
    assert "Abuse or coercive control" in table and "Safety first" in table


def test_keeping_two_cases_then_reopening_one(tmp_path):
    view = DisputeStageAid(save_path=tmp_path / "d.json")
    answer_on_screen(view, "Nadia", "none", NADIA)
    press(view, "Keep as a new case")
    assert "Kept the case for Nadia." in view.status.value
    press(view, "Start a new case")
    assert control(view, "Client (first name)").value == ""
    assert control(view, guide().safety.question).value is None
    answer_on_screen(view, "Aileen", "none", AILEEN)
    press(view, "Start a new case")
    assert "not kept yet" in view.status.value and view.model.client == "Aileen"
    press(view, "Keep as a new case")
    kept = control(view, "Kept cases")
    assert [label for label, _index in kept.options] == [
        "Nadia · suggested: Renegotiation", "Aileen · suggested: Dissolution"]
    kept.value = 0
    assert control(view, "Client (first name)").value == "Nadia"
    assert control(view, guide().question("ended").text).value == "no"
    assert "Suggested stage: Renegotiation" in view.advice.value
    again = DisputeStageAid(save_path=tmp_path / "d.json")
    assert control(again, "Client (first name)").value == "Nadia"
    assert len(control(again, "Kept cases").options) == 2


def test_deleting_a_case_asks_first(tmp_path):
    view = DisputeStageAid(save_path=tmp_path / "d.json")
    answer_on_screen(view, "Nadia", "none", NADIA)
    press(view, "Keep as a new case")
    control(view, "Kept cases").value = 0
    press(view, "Delete selected")
    assert "again to delete the case for Nadia" in view.status.value
    assert len(view.model.cases) == 1
    press(view, "Delete selected")
    assert view.model.cases == [] and "Deleted the case for Nadia." in view.status.value


def test_problems_are_shown_not_raised_and_names_are_escaped(tmp_path):
    view = DisputeStageAid(save_path=tmp_path / "d.json")
    press(view, "Keep as a new case")
    assert "Give the client's first name" in html.unescape(view.status.value)
    press(view, "Save changes to selected")
    assert "Pick a case from the list" in view.status.value
    answer_on_screen(view, "<b>Nadia</b>", "none", NADIA)
    press(view, "Keep as a new case")
    assert "&lt;b&gt;Nadia&lt;/b&gt;" in view.status.value and "<b>Nadia" not in view.status.value


def test_every_control_has_a_label():
    view = DisputeStageAid(save_path=None)
    for name in ("Client (first name)", guide().safety.question, "Your judgement",
                 "What you base it on", *(q.text for q in guide().questions)):
        assert control(view, name) is not None
    assert button(view, "Keep as a new case").description == "Keep as a new case"


def test_a_case_describes_itself_when_safety_comes_first():
    assert Case("Natalie", "present").describe() == "Natalie · safety first"
    assert Case("Gloria", "not_asked").describe() == "Gloria · ask about safety first"
    assert Case("Ross", "none", {"talking": "yes"}).describe() == "Ross · no stage suggested"
