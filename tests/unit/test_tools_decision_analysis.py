"""Decision analysis aid: its content, rules, saved file, export and the widget."""

from __future__ import annotations

import html
import json
import multiprocessing
from pathlib import Path

import pytest

from ipt_course.kit.render import markdown_html
from ipt_course.tools.decision_analysis import (
    ContentError,
    Decision,
    DecisionAnalysisAid,
    DecisionError,
    DecisionModel,
    Option,
    compare,
    decision_markdown,
    example,
    is_doing_nothing,
    make_option,
    names_someone,
    preference_phrases,
    review,
    safety_words,
)
from ipt_course.tools.decision_analysis.content import (
    Example,
    Wording,
    check_example,
    parse,
    read_data,
    yaml_data,
)
from tests.screen import button, control, press, select_tab

HOSTILE = "<script>alert(1)</script>"
NADIA_STEP = ("Ring her manager herself to say June. Ask Imran on Saturday, after he has slept, "
              "to swap one night shift a week.")


def test_packaged_content_loads_and_the_example_is_nadias_session_8() -> None:
    worked = example()
    assert (worked.client, worked.other) == ("Nadia", "Imran and the family")
    assert [o.name for o in worked.options] == ["April", "June", "Decide nothing"]
    assert worked.choice == "June" and worked.rehearsed
    assert worked.options[2].for_other == "The manager decides by default."


def test_a_bad_content_file_names_the_file_the_key_and_the_fault() -> None:
    wording = read_data("wording.yaml")
    wording["checks"]["choice_done"] = ""
    with pytest.raises(ContentError, match=r"wording\.yaml: checks\.choice_done: expected text, "
                                           "not empty"):
        parse(Wording, wording, "wording.yaml")
    wording = read_data("wording.yaml")
    wording["patterns"]["when"] = "tomorrow"
    with pytest.raises(ContentError, match=r"patterns\.when"):
        parse(Wording, wording, "wording.yaml")
    with pytest.raises(ContentError, match=r"example\.yaml: line 4: YAML syntax error"):
        yaml_data("client: Nadia\noptions:\n  - name: [April\n", "example.yaml")
    worked = read_data("example.yaml")
    worked["choice"] = "July"
    with pytest.raises(ContentError, match=r"example\.yaml: choice: expected one of the options "
                                           r"\(April, June, Decide nothing\)"):
        check_example(parse(Example, worked, "example.yaml"))


# -- the rules ------------------------------------------------------------------------------


def test_an_option_needs_a_name_and_fits_its_boxes() -> None:
    with pytest.raises(DecisionError, match="Name the option"):
        make_option({"name": "  ", "for_client": "Money sooner"})
    with pytest.raises(DecisionError, match=r"For the other person: This is 700 characters long"):
        make_option({"name": "April", "for_other": "y" * 700})
    assert make_option({"name": " June ", "for_client": " Time "}) == Option(
        name="June", for_client="Time")


@pytest.mark.parametrize(("name", "nothing"), [
    ("Decide nothing", True), ("Wait and see", True), ("Put it off until after Easter", True),
    ("Leave things as they are", True), ("April", False), ("Ask for part-time hours", False),
])
def test_doing_nothing_is_recognised_as_an_option(name, nothing) -> None:
    assert is_doing_nothing(Option(name=name)) is nothing


@pytest.mark.parametrize(("step", "someone"), [
    (NADIA_STEP, True), ("Ring her manager on Monday", True), ("ask him on Saturday", True),
    ("Think about it over the weekend", False), ("On Friday, write it down", False),
])
def test_a_step_names_the_person_it_involves(step, someone) -> None:
    assert names_someone(step) is someone


def test_an_empty_decision_has_every_step_to_do() -> None:
    checklist = review(Decision(id="a"))
    assert checklist.done == 0
    assert [c.step for c in checklist.checks] == [
        "decision", "options", "consequences", "choice", "first_step", "review"]
    assert "the client and for the other person" in checklist.checks[2].text


def test_the_checklist_names_what_is_missing() -> None:
    one = Decision(id="a", client="Nadia", other="Imran", options=(Option(name="April"),))
    checks = review(one).checks
    assert "Only one option so far (April)" in checks[1].text
    assert checks[2].text == "April: add the likely consequences for Nadia, and for Imran."
    assert "Ask what matters most to Nadia" in checks[2].notes[0]
    two = one.model_copy(update={"options": (
        Option(name="April", for_client="Money", for_other="Less sleep"),
        Option(name="June", for_client="Time", for_other="Less money"))})
    options, consequences = review(two).checks[1:3]
    assert options.done and "Doing nothing, or putting the decision off" in options.notes[0]
    assert consequences.done
    vague = two.model_copy(update={"first_step": "Think about it"})
    step = review(vague).checks[4]
    assert not step.done and "Say to whom" in step.text and "Say when" in step.text
    planned = two.model_copy(update={"first_step": NADIA_STEP, "choice": "June"})
    checks = review(planned).checks
    assert checks[3].text == "Nadia chose: June." and checks[4].done
    assert "Rehearse it in the session by role play" in checks[4].notes[0]
    assert not review(planned.model_copy(update={"rehearsed": True})).checks[4].notes


def test_a_recommendation_in_the_notes_is_pointed_out() -> None:
    leaning = Decision(id="a", matters="Getting well, so she should go back in June",
                       options=(Option(name="June", for_client="The best option for her"),))
    found = preference_phrases(leaning)
    assert found == [("The consequences of 'June'", ["the best option"]),
                     ("What matters most", ["she should"])]
    assert any("reads like a recommendation ('she should')" in note
               for note in review(leaning).checks[2].notes)


def test_words_of_risk_or_abuse_raise_the_safety_check() -> None:
    risky = Decision(id="a", options=(Option(name="Stay", for_client="He checks my phone"),),
                     matters="They would be better off without me")
    assert safety_words(risky) == ["checks my phone", "better off without me"]
    assert safety_words(Decision(id="a", decision="April or June")) == []


def test_the_comparison_matches_options_by_name() -> None:
    mine = Decision(id="a", options=(Option(name="june", for_client="Time to get well"),
                                     Option(name="Ask for part-time", for_client="Less")))
    result = compare(mine)
    assert [row.name for row in result.options] == ["April", "June", "Decide nothing"]
    assert result.options[0].yours is None
    assert result.options[1].yours.for_client == "Time to get well"
    assert result.extra_options == ("Ask for part-time",)


def test_markdown_keeps_the_trainees_text_as_typed() -> None:
    decision = Decision(id="a", client="Nadia", other="Imran | family", decision=HOSTILE,
                        options=(Option(name="*April*", for_client="a | b"),
                                 Option(name="June")), choice="June",
                        first_step="1. Ring\n- Ask", rehearsed=True, review_question="How?")
    text = decision_markdown(decision)
    assert "| Option | For Nadia | For Imran \\| family |" in text
    assert "| **June** (chosen) |" in text and "| **\\*April\\*** | a \\| b |" in text
    page = markdown_html(text)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<ol>" not in page and "<li>Ask" not in page
    assert "1. Ring" in html.unescape(page) and "Rehearsed in the session" in text


# -- saving, reloading and two kernels ---------------------------------------------------------


def test_decisions_are_saved_and_come_back_in_a_new_kernel(tmp_path: Path) -> None:
    path = tmp_path / "my-decision-analysis.json"
    model = DecisionModel(save_path=path)
    assert not path.exists()
    model.start_from_example()
    model.update_option(0, Option(name="Go back in April", for_client="Money sooner"))
    model.choose("Go back in April")
    model.update_option(0, Option(name="April", for_client="Money sooner"))
    assert model.decision.choice == "April"
    model.set_rehearsed(True)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["kind"], saved["format"]) == ("ipt-decision-analysis", 1)
    again = DecisionModel(save_path=path)
    assert again.status.text == "Loaded 1 decision from my-decision-analysis.json."
    decision = again.decision
    assert (decision.choice, decision.rehearsed, decision.options[0].for_client) == (
        "April", True, "Money sooner")
    again.delete_option(0)
    assert again.decision.choice == "" and len(again.decision.options) == 2


def test_a_choice_must_be_an_option_and_names_stay_distinct(tmp_path: Path) -> None:
    model = DecisionModel(save_path=tmp_path / "d.json")
    model.add_option(Option(name="April"))
    with pytest.raises(DecisionError, match="already an option called “April”"):
        model.add_option(Option(name="april"))
    with pytest.raises(DecisionError, match="not one of the options"):
        model.choose("July")
    with pytest.raises(DecisionError, match="First choose the option"):
        model.delete_option(None)


def test_a_damaged_file_is_set_aside_and_nothing_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "my-decision-analysis.json"
    damaged = json.dumps({"kind": "ipt-decision-analysis", "format": 1, "decisions": [
        {"id": "a1", "options": [{"name": "April"}], "choice": "June"}]})
    path.write_text(damaged, encoding="utf-8")
    model = DecisionModel(save_path=path)
    assert model.status.level == "warning"
    assert "choice: expected the name of one of the options" in model.status.text
    kept = [p for p in tmp_path.iterdir() if ".unreadable-" in p.name]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == damaged


def test_two_windows_on_one_file_keep_each_others_options(tmp_path: Path) -> None:
    path = tmp_path / "my-decision-analysis.json"
    first = DecisionModel(save_path=path)
    first.set_field("decision", "April or June")
    second = DecisionModel(save_path=path)
    first.add_option(Option(name="April"))
    second.add_option(Option(name="June"))
    first.set_field("matters", "Getting well")
    final = DecisionModel(save_path=path).decision
    assert [o.name for o in final.options] == ["April", "June"]
    assert (final.decision, final.matters) == ("April or June", "Getting well")


def _add_options(path: str, who: str, start: multiprocessing.synchronize.Barrier) -> None:
    """One kernel with the aid open: wait for the other, then add its options one by one."""
    model = DecisionModel(save_path=path)
    start.wait()
    for number in range(4):
        model.add_option(Option(name=f"{who} {number}"))


def test_two_kernels_adding_options_at_once_lose_none(tmp_path: Path) -> None:
    path = tmp_path / "my-decision-analysis.json"
    DecisionModel(save_path=path).set_field("decision", "Shared")
    # Forked, not spawned: a fresh interpreter per kernel would spend seconds on imports.
    context = multiprocessing.get_context("fork")
    start = context.Barrier(2)
    kernels = [context.Process(target=_add_options, args=(str(path), who, start))
               for who in ("First", "Second")]
    for kernel in kernels:
        kernel.start()
    for kernel in kernels:
        kernel.join(timeout=120)
    assert [kernel.exitcode for kernel in kernels] == [0, 0]
    names = {o.name for o in DecisionModel(save_path=path).decision.options}
    assert names == {f"{who} {n}" for who in ("First", "Second") for n in range(4)}


# -- the widget -------------------------------------------------------------------------------


@pytest.fixture
def aid(tmp_path: Path) -> DecisionAnalysisAid:
    return DecisionAnalysisAid(save_path=tmp_path / "my-decision-analysis.json")


def weigh(view, index: int, for_client: str, for_other: str) -> None:
    view.options.entries.value = index
    control(view, "For the client").value = for_client
    control(view, "For the other person").value = for_other
    press(view, "Save changes to selected")


def test_a_trainee_weighs_nadias_decision_and_compares_it(aid, tmp_path: Path) -> None:
    press(aid, "Start from Nadia's decision")
    assert aid.tabs.selected_index == 1
    assert [label for label, _ in aid.options.entries.options] == [
        "April", "June", "Decide nothing"]
    weigh(aid, 0, "Money sooner; broken sleep", "Rokeya minds Yusuf far more")
    assert "Changed the option “April”." in aid.message.value
    weigh(aid, 1, "Two more months to get well", "Less money for now")
    weigh(aid, 2, "Less pressure today", "The manager decides by default")
    control(aid, "What matters most").value = "Getting well"
    control(aid, "The client's choice").value = "June"
    control(aid, "The first step").value = NADIA_STEP
    control(aid, "Rehearsed in the session by role play").value = True
    control(aid, "Review question").value = "How did it go when you asked Imran?"
    assert "<i>✓ chosen</i>" in aid.table.value and "For Imran and the family" in aid.table.value
    select_tab(aid, "5 Check and export")
    press(aid, "Check my decision")
    assert "6 of 6 steps done" in aid.report.value
    press(aid, "Compare with the worked example")
    assert "Two more months to get well; guilt about the shop." in aid.report.value
    assert "Two more months to get well</td>" in aid.report.value
    press(aid, "Export as Markdown")
    exported = tmp_path / "my-decision-analysis-nadia-go-back-in-april-like-theyve-asked.md"
    assert "Nadia chose **June**." in exported.read_text(encoding="utf-8")
    reopened = DecisionAnalysisAid(save_path=tmp_path / "my-decision-analysis.json")
    assert control(reopened, "The client's choice").value == "June"
    assert control(reopened, "The first step").value == NADIA_STEP
    assert control(reopened, "Rehearsed in the session by role play").value is True


def test_options_are_added_checked_and_refused_with_a_reason(aid) -> None:
    press(aid, "Add option")
    assert "Name the option" in aid.message.value
    control(aid, "Option").value = "Stay at home"
    press(aid, "Add option")
    control(aid, "Option").value = "stay at home"
    press(aid, "Add option")
    assert "already an option called “Stay at home”" in aid.message.value
    assert control(aid, "Option").value == "stay at home"
    assert control(aid, "The client's choice").options == ("(not chosen yet)", "Stay at home")


def test_a_huge_paste_is_refused_and_stays_in_the_box(aid, tmp_path: Path) -> None:
    box = control(aid, "The decision")
    box.value = "April or June"
    box.value = "z" * 9000
    assert "9,000 characters long" in aid.status.value and "role='alert'" in aid.status.value
    control(aid, "The client").value = "Nadia"
    assert box.value == "z" * 9000
    saved = DecisionModel(save_path=tmp_path / "my-decision-analysis.json").decision
    assert (saved.decision, saved.client) == ("April or June", "Nadia")


def test_several_decisions_in_one_file_and_a_kept_copy_on_delete(aid, tmp_path: Path) -> None:
    control(aid, "The decision").value = "Join the group or not"
    press(aid, "Start from Nadia's decision")
    assert len(aid.chooser.options) == 2
    aid.chooser.value = aid.chooser.options[0][1]
    assert control(aid, "The decision").value == "Join the group or not"
    press(aid, "Delete this decision")
    press(aid, "Delete this decision")
    assert [d.decision for d in aid.model.decisions] == [example().decision]
    copy = json.loads((tmp_path / "my-decision-analysis-deleted.json").read_text("utf-8"))
    assert copy["decisions"][0]["decision"] == "Join the group or not"


def test_safety_words_show_a_warning_and_text_is_escaped(aid) -> None:
    assert button(aid, "Compare with the worked example").disabled
    control(aid, "The decision").value = HOSTILE
    control(aid, "What matters most").value = "I am scared of him"
    select_tab(aid, "5 Check and export")
    press(aid, "Check my decision")
    assert "Safety comes before weighing options" in aid.report.value
    assert "“scared of”" in aid.report.value and 'role="alert"' in aid.report.value
    assert "&lt;script&gt;" in aid.report.value and "<script>" not in aid.report.value
    assert "<script>" not in aid.table.value
