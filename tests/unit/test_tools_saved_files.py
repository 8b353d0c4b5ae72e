"""Work saved by earlier versions of the tools still opens: one format-1 file per tool.

The files under ``fixtures/saved/`` were written by the tools as they were before they became
packages (the Day 3 tools' by their first version); the timeline's has no ``kind`` header, as
timeline files never had one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ipt_course.tools.communication_analysis import CommunicationAnalysisWorksheet
from ipt_course.tools.decision_analysis import DecisionAnalysisAid
from ipt_course.tools.dispute_stage import DisputeStageAid
from ipt_course.tools.formulation import FormulationBuilder
from ipt_course.tools.goals import GoalBuilder
from ipt_course.tools.inventory import InventoryBuilder
from ipt_course.tools.timeline import TimelineBuilder
from ipt_course.tools.transition_balance import TransitionBalanceSheet

SAVED = Path(__file__).parent / "fixtures" / "saved"


@pytest.fixture
def saved_copy(tmp_path: Path):
    """Copy a fixture into a fresh folder, as if it were beside the trainee's notebook."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copyfile(SAVED / name, target)
        return target

    return copy


def leftovers(path: Path) -> list[str]:
    """Files other than the saved one: a set-aside copy would mean the file was not read."""
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def test_an_inventory_saved_in_format_1_opens(saved_copy):
    path = saved_copy("inventory-format1.json")
    builder = InventoryBuilder(save_path=path)
    assert builder.model.client_label == "Nadia"
    assert [p.name for p in builder.model.people] == ["Imran", "Rokeya", "Jo"]
    imran = builder.model.people[0]
    assert (imran.ring, imran.support, imran.conflict, imran.contact) == (1, 2, 4, "Daily")
    assert imran.changes_at_onset == "Started night shifts"
    assert "Loaded 3 people from inventory-format1.json" in builder.model.message
    assert leftovers(path) == []


def test_a_timeline_saved_without_a_kind_header_opens(saved_copy):
    path = saved_copy("timeline-format1-no-kind.json")
    assert "kind" not in json.loads(path.read_text(encoding="utf-8"))
    builder = TimelineBuilder(save_path=path)
    assert builder.model.title == "Nadia's timeline"
    assert [e.describe() for e in builder.model.events] == [
        "Feb 2024 · Life change · Baby born",
        "Apr 2024 · Dispute or conflict · Rokeya moved in",
    ]
    assert [m.describe() for m in builder.model.moods] == ["Jan 2024 · mood 7/10",
                                                          "May 2024 · mood 3/10"]
    assert leftovers(path) == []


def test_a_formulation_saved_in_format_1_opens(saved_copy):
    path = saved_copy("formulation-format1.json")
    builder = FormulationBuilder(save_path=path)
    notes = builder.model.notes
    assert (notes.client_name, notes.problem_area, notes.people, notes.sessions) == (
        "Nadia", "role_dispute", "Imran", 12)
    assert "over our 12 weekly sessions" in builder.model.text
    assert builder.model.edited.endswith("We can change this together.")
    assert builder.model.edits_kept()
    assert leftovers(path) == []


def test_goals_saved_in_format_1_open(saved_copy):
    path = saved_copy("goals-format1.json")
    builder = GoalBuilder(save_path=path)
    model = builder.model
    assert (model.focus, model.people, model.sessions) == (
        "role_dispute", "Imran (husband), Rokeya", 12)
    assert model.draft == "I want to feel better"
    assert [r.goal for r in model.kept] == [
        "I will tell Imran calmly what I need on his nights off, by session 8",
        "I will ask Rokeya to help with one feed every weekend",
    ]
    assert [len(r.results) for r in model.kept] == [6, 6]
    assert model.kept[0].results[0].criterion == "focus" and model.kept[0].results[0].met
    assert leftovers(path) == []


def test_a_communication_analysis_saved_in_format_1_opens(saved_copy):
    path = saved_copy("communication-analysis-format1.json")
    worksheet = CommunicationAnalysisWorksheet(save_path=path)
    model = worksheet.model
    assert [a.title for a in model.analyses] == ["Sunday's row", "Nadia's Sunday row (session 6)"]
    assert "Loaded 2 worksheets from communication-analysis-format1.json" in worksheet.status.value
    model.select(model.analyses[0].id)
    first = model.analysis
    assert (first.client, first.scene) == ("Nadia", "Sunday morning, at home.")
    assert [(line.speaker, line.problems) for line in first.lines] == [
        ("Nadia", ("indirect", "hidden_expectation")), ("Imran", ())]
    assert first.script.splitlines() == ["Nadia: Can you make sure I get to do his bath?",
                                         "Imran: Of course."]
    assert len(model.analyses[1].lines) == 10 and model.compare() is None
    assert leftovers(path) == []


def test_a_decision_analysis_saved_in_format_1_opens(saved_copy):
    path = saved_copy("decision-analysis-format1.json")
    aid = DecisionAnalysisAid(save_path=path)
    decision = aid.model.decision
    assert (decision.client, decision.other, decision.choice) == (
        "Nadia", "Imran and the family", "June")
    assert [(o.name, o.for_client) for o in decision.options] == [
        ("April", "Money sooner"), ("June", "Time to get well")]
    assert decision.rehearsed and decision.review_question == "How did it go with Imran?"
    assert "Loaded 1 decision from decision-analysis-format1.json" in aid.status.value


def test_dispute_stage_answers_saved_in_format_1_open(saved_copy):
    path = saved_copy("dispute-stage-format1.json")
    aid = DisputeStageAid(save_path=path)
    model = aid.model
    assert (model.client, model.safety, model.answers) == (
        "Aileen", "none", {"talking": "yes", "hope": "no", "ended": "yes"})
    assert [case.describe() for case in model.cases] == [
        "Nadia · suggested: Renegotiation · your judgement: Renegotiation",
        "Natalie · safety first"]
    assert model.cases[0].why.startswith("They still row about the nights")
    assert "Loaded your answers and 2 kept cases" in model.status.text
    assert leftovers(path) == []


def test_a_transition_balance_sheet_saved_in_format_1_opens(saved_copy):
    path = saved_copy("transition-balance-format1.json")
    sheet = TransitionBalanceSheet(save_path=path)
    model = sheet.model
    assert (model.client, model.old_role, model.new_role) == (
        "Jess", "Head of year at a school in Leeds", "At home with Ruby in Norwich")
    assert [(e.side, e.section) for e in model.entries] == [
        ("old", "gives"), ("new", "gives"), ("old", "costs"), ("new", "feelings"),
        ("old", "support"), ("new", "support")]
    assert "Loaded your balance sheet (6 entries)" in model.status.text
    assert leftovers(path) == []
