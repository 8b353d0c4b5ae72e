"""The prolonged grief explorer: its data, the time gates, the rules, and the view."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from ipt_course.tools.prolonged_grief import (
    Case,
    CriteriaDataError,
    ExplorerError,
    ExplorerModel,
    ProlongedGriefExplorer,
    criteria,
    evaluate,
    parse_criteria,
    parse_vignettes,
    summarise,
    vignettes,
)
from tests.screen import control, press, shown_html

DATA = Path(__file__).resolve().parents[2] / "ipt_course/tools/prolonged_grief/data"


def raw(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def cells(case: Case, marks: dict[str, str]) -> dict[str, dict[str, tuple[str, str]]]:
    """{row id: {system: (status, detail)}} for a case and marks."""
    return {result.row.id: {system: (cell.status, cell.detail)
                            for system, cell in result.cells.items()}
            for result in evaluate(criteria(), case, marks)}


# -- the data ----------------------------------------------------------------------------

def test_the_criteria_and_the_three_cases_load() -> None:
    rows = [row.id for row in criteria().rows]
    assert rows == ["time", "core", "accessory", "cultural", "impairment", "exclusions"]
    assert [v.id for v in vignettes()] == ["bethan", "winston", "nadia"]
    bethan = vignettes()[0]
    assert bethan.months_since_death == 8 and str(bethan.died) == "Jul 2026"
    features = {feature.id for feature in criteria().features}
    assert all(set(v.reading) == features for v in vignettes())
    assert "not a diagnosis" in criteria().banner.title


def test_the_time_criteria_are_the_reference_packs() -> None:
    time = criteria().rows[0]
    assert (time.icd11.months_adult, time.icd11.months_young) == (6, 6)
    assert (time.dsm5tr.months_adult, time.dsm5tr.months_young) == (12, 6)
    accessory = criteria().rows[2]
    assert (accessory.dsm5tr.rule, accessory.dsm5tr.at_least) == ("count", 3)
    assert len(accessory.dsm5tr.features) == 8


def test_what_the_pack_does_not_confirm_is_never_counted() -> None:
    rows = {row.id: row for row in criteria().rows}
    for row_id in ("cultural", "impairment"):
        assert rows[row_id].dsm5tr.rule == "unconfirmed"
        assert "does not record" in rows[row_id].dsm5tr.text
    assert {rows["exclusions"].icd11.rule, rows["exclusions"].dsm5tr.rule} == {"judgement"}


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["rows"][1]["icd11"].update(features=["longing", "yearning"]),
     "rows: core.icd11: unknown feature 'yearning'"),
    (lambda d: d["rows"][2]["dsm5tr"].update(at_least=9), "at_least must be from 1"),
    (lambda d: d["rows"][0]["icd11"].pop("months_young"), "needs months_adult and months_young"),
    (lambda d: d["rows"][3]["icd11"].update(rule="guess"), "rows[3].icd11.rule"),
    (lambda d: d["features"][0].pop("ask"), "criteria.yaml: features[0].ask: this key is "
                                            "required but missing"),
    (lambda d: d.pop("banner"), "banner: this key is required but missing"),
])
def test_a_broken_criteria_file_names_the_key(change, message: str) -> None:
    data = raw("criteria.yaml")
    change(data)
    with pytest.raises(CriteriaDataError, match=re.escape(message)):
        parse_criteria(data)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["vignettes"][1]["reading"].pop("pain"),
     "vignettes.yaml: vignettes[1].reading: no reading for pain"),
    (lambda d: d["vignettes"][0].pop("seen"), "vignettes[0]: give either died and seen, or months"),
    (lambda d: d["vignettes"][2]["reading"]["pain"].update(mark="maybe"),
     "vignettes[2].reading.pain.mark"),
    (lambda d: d["vignettes"][0].update(died="July"), "vignettes[0].died: 'July' is not a date"),
    (lambda d: d["vignettes"][2].update(id="bethan"), "each id must be unique"),
])
def test_a_broken_vignettes_file_names_the_case_and_key(change, message: str) -> None:
    data = copy.deepcopy(raw("vignettes.yaml"))
    change(data)
    with pytest.raises(CriteriaDataError, match=re.escape(message)):
        parse_vignettes(data, criteria())


# -- the rules ---------------------------------------------------------------------------

def test_bethan_passes_icd11s_time_gate_but_not_dsm5trs() -> None:
    found = cells(Case.of(vignettes()[0]), {})
    assert found["time"]["icd11"] == ("met", "8 months since the death; 6 needed.")
    assert found["time"]["dsm5tr"] == (
        "not_met", "8 months since the death; 12 needed: not before Jul 2027.")


@pytest.mark.parametrize(("months", "age", "icd", "dsm"), [
    (5, "adult", "not_met", "not_met"), (6, "adult", "met", "not_met"),
    (11, "adult", "met", "not_met"), (12, "adult", "met", "met"),
    (6, "young", "met", "met"), (5, "young", "not_met", "not_met"),
])
def test_time_since_the_death_by_age_group(months: int, age: str, icd: str, dsm: str) -> None:
    found = cells(Case("Practice", months, age), {})
    assert (found["time"]["icd11"][0], found["time"]["dsm5tr"][0]) == (icd, dsm)


def test_without_a_date_of_death_the_months_still_to_go_are_counted() -> None:
    found = cells(Case("Practice", 7, "adult"), {})
    assert found["time"]["dsm5tr"][1].endswith("not for another 5 months.")


def test_core_symptoms_side_by_side() -> None:
    case = Case("Practice", 24)
    longing = cells(case, {"longing": "yes"})["core"]
    assert longing["icd11"][0] == "met"
    assert longing["dsm5tr"][0] == "open", "DSM-5-TR also asks for nearly every day"
    assert cells(case, {"longing": "yes", "daily": "yes"})["core"]["dsm5tr"][0] == "met"
    assert cells(case, {"longing": "yes", "daily": "no"})["core"]["dsm5tr"][0] == "not_met"
    neither = cells(case, {"longing": "no", "preoccupation": "no"})["core"]
    assert (neither["icd11"][0], neither["dsm5tr"][0]) == ("not_met", "not_met")
    assert longing["icd11"][1] == "Longing or yearning: shown; Preoccupation: not marked yet."


def test_dsm5tr_counts_three_of_eight() -> None:
    case = Case("Practice", 24)
    two = {"pain": "yes", "avoidance": "yes"}
    assert cells(case, two)["accessory"]["dsm5tr"] == (
        "open", "2 of 8 marked as shown (3 needed); 6 still to ask.")
    three = {**two, "numbness": "yes"}
    assert cells(case, three)["accessory"]["dsm5tr"][0] == "met"
    ruled_out = {**two, **{f: "no" for f in ("identity", "disbelief", "reintegrating", "numbness",
                                              "meaningless", "loneliness")}}
    assert cells(case, ruled_out)["accessory"]["dsm5tr"][0] == "not_met"
    assert cells(case, two)["accessory"]["icd11"][0] == "met"


def test_summaries_never_count_what_is_not_checked_and_never_diagnose() -> None:
    every = {feature.id: "yes" for feature in criteria().features}
    results = evaluate(criteria(), Case("Practice", 24), every)
    icd, dsm = (summarise(criteria(), results, system) for system in ("icd11", "dsm5tr"))
    assert icd.unchecked == ["Other explanations"]
    assert dsm.unchecked == ["Cultural norms", "Impairment", "Other explanations"]
    assert not icd.not_met and not icd.open
    assert "not a diagnosis" in icd.headline
    early = summarise(criteria(), evaluate(criteria(), Case("Practice", 8), every), "dsm5tr")
    assert early.not_met == ["Time since the death"]
    assert "not every DSM-5-TR criterion is met" in early.headline


# -- the model and view ------------------------------------------------------------------

def test_marks_are_kept_for_each_case_and_checked() -> None:
    model = ExplorerModel()
    assert model.case_id == "bethan"
    model.mark("pain", "yes")
    model.case_id = "winston"
    assert model.current_marks() == {}
    model.case_id = "bethan"
    assert model.current_marks() == {"pain": "yes"}
    with pytest.raises(ExplorerError, match="A mark is one of yes, no, ask"):
        model.mark("pain", "maybe")
    with pytest.raises(ExplorerError, match="no feature called 'hope'"):
        model.mark("hope", "yes")


def test_the_explorer_opens_on_bethan_with_the_warning_in_plain_sight() -> None:
    explorer = ProlongedGriefExplorer()
    shown = shown_html(explorer)
    assert "A checklist is not a diagnosis" in shown
    assert "Bethan Morgan, 33" in shown and "8 months" in shown
    assert explorer.own.layout.display == "none"
    assert "✗ Not met" in explorer.table.value and "not before Jul 2027" in explorer.table.value
    assert "not a diagnosis" in explorer.summary.value.lower()


def test_marking_in_the_view_works_out_both_systems() -> None:
    explorer = ProlongedGriefExplorer()
    for label in ("Intense emotional pain", "Avoiding reminders", "Difficulty re-engaging"):
        control(explorer, label).value = "yes"
    assert explorer.model.current_marks() == {"pain": "yes", "avoidance": "yes",
                                              "reintegrating": "yes"}
    assert "3 of 8 marked as shown (3 needed)" in explorer.table.value
    control(explorer, "Case").value = "winston"
    assert control(explorer, "Intense emotional pain").value is None
    assert "24 months" in explorer.story.value
    control(explorer, "Case").value = "bethan"
    assert control(explorer, "Avoiding reminders").value == "yes"
    press(explorer, "Clear my marks for this case")
    assert control(explorer, "Avoiding reminders").value is None


def test_the_course_reading_is_shown_on_request_beside_the_marks() -> None:
    explorer = ProlongedGriefExplorer()
    control(explorer, "Longing or yearning").value = "yes"
    assert explorer.reading.value == ""
    press(explorer, "Compare with the course's reading")
    assert "Your marks beside the course's reading" in explorer.reading.value
    assert "(differs)" in explorer.reading.value
    assert "What the course would take to supervision" in explorer.reading.value
    press(explorer, "Hide the course's reading")
    assert explorer.reading.value == ""


def test_the_trainees_own_case_drives_the_time_gate() -> None:
    explorer = ProlongedGriefExplorer()
    control(explorer, "Case").value = "own"
    assert explorer.own.layout.display == ""
    control(explorer, "Case name (fictional)").value = "Practice case: <b>Jo</b>"
    control(explorer, "Months since the death").value = 7
    control(explorer, "Age group").value = "young"
    assert "Practice case: &lt;b&gt;Jo&lt;/b&gt;" in explorer.table.value
    table = explorer.table.value
    assert table.count("✓ Met") == 2, "7 months passes both gates for a child or adolescent"
    control(explorer, "Age group").value = "adult"
    assert "not for another 5 months" in explorer.table.value
    press(explorer, "Compare with the course's reading")
    assert "Your own case has no course reading" in explorer.reading.value
    control(explorer, "Your notes").value = "x" * 5000
    assert "keep them to 4,000" in explorer.message.value
    assert control(explorer, "Your notes").value == "x" * 5000
