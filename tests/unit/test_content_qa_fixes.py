"""What a trainee sees after the browser walk-through of Days 1 and 2 (one test per fix)."""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml

from ipt_course.kit.widgets import THEME_CLASS as READABLE_CLASS
from ipt_course.kit.widgets import THEME_CSS as READABLE_CSS
from ipt_course.roleplay import RolePlayView
from ipt_course.roleplay.schema import load_scenario
from ipt_course.tools.contract import ContractGenerator
from ipt_course.tools.evidence import EvidenceExplorer
from ipt_course.tools.formulation import FormulationBuilder, ProblemAreaAid
from ipt_course.tools.goals import GoalBuilder, check_goal
from ipt_course.tools.inventory import InventoryBuilder
from ipt_course.tools.measures import GAD7Scorer, PHQ9Scorer, epds_overview_html
from ipt_course.tools.selfcheck import SelfCheckView, load_check
from ipt_course.tools.timeline import TimelineBuilder
from tests.screen import control, press

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_FIXTURE = Path(__file__).parent / "fixtures" / "scenarios" / "good.yaml"


def _style_widgets(root: widgets.Box) -> list[widgets.HTML]:
    return [child for child in root.children if READABLE_CLASS + "-style" in child._dom_classes]


@pytest.mark.parametrize(
    "make",
    [
        PHQ9Scorer,
        GAD7Scorer,
        EvidenceExplorer,
        ProblemAreaAid,
        FormulationBuilder,
        GoalBuilder,
        lambda: TimelineBuilder(save_path="my-timeline.json"),
        lambda: InventoryBuilder(save_path="my-inventory.json"),
        lambda: ContractGenerator(save_path="my-contract.md"),
    ],
)
def test_tool_text_is_not_double_spaced(make, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    tool = make()
    assert READABLE_CLASS in tool._dom_classes
    styles = _style_widgets(tool)
    assert len(styles) == 1
    assert styles[0].value == READABLE_CSS and "line-height: 1.5" in READABLE_CSS
    assert styles[0].layout.display == "none"


def test_selfcheck_prompt_spacing_and_reflection_note(tmp_path: Path) -> None:
    path = tmp_path / "checks.yaml"
    path.write_text(
        "checks:\n"
        "  - {id: r, type: reflection, prompt: Think, model_points: [One point]}\n",
        encoding="utf-8",
    )
    view = SelfCheckView(load_check(path, "r"))
    prompt = view.prompt.value
    stylesheet = _style_widgets(view)[0].value
    assert ".ipt-selfcheck .widget-html-content { line-height: 1.5;" in stylesheet
    assert "not saved, so copy anything you want to keep" in prompt
    assert "(not saved or marked)" not in prompt


def test_multiple_choice_prompts_do_not_repeat_the_widget_instruction() -> None:
    files = sorted(ROOT.glob("curriculum/day*/selfchecks/*.yaml"))
    assert files, "no self-check files found under curriculum/: nothing was checked"
    for path in files:
        for check in yaml.safe_load(path.read_text(encoding="utf-8"))["checks"]:
            assert "choose all that apply" not in " ".join(check["prompt"].lower().split()), (
                f"{path.name}#{check['id']}: the widget already says 'Choose all that apply.'"
            )


def test_epds_item_10_box_reads_as_a_standing_instruction() -> None:
    html = epds_overview_html()
    assert "If item 10 is above 0: assess risk the same day" in html
    assert "Item 10 above 0: assess risk now" not in html


def test_timeline_export_is_confirmed_beside_the_button(tmp_path: Path) -> None:
    builder = TimelineBuilder(save_path=tmp_path / "my-timeline.json")
    press(builder, "Export picture (PNG)")
    assert (tmp_path / "my-timeline.png").is_file()
    assert "Picture saved as my-timeline.png" in builder.status.value
    assert "Picture saved as my-timeline.png" in builder.message.value


def test_goal_feedback_quotes_names_as_the_trainee_wrote_them() -> None:
    report = check_goal(
        "I will tell Imran calmly what I need on his nights off, by session 8",
        "role_dispute",
        "Imran",
    )
    reasons = {result.criterion: result.reason for result in report.results}
    assert reasons["focus"] == "Linked to the role dispute through 'Imran', 'tell'."
    assert reasons["interpersonal"] == "Names people: 'Imran'."
    assert "'imran'" not in " ".join(reasons.values())


def test_inventory_table_scrolls_sideways_instead_of_clipping(tmp_path: Path) -> None:
    builder = InventoryBuilder(save_path=tmp_path / "my-inventory.json")
    control(builder, "Name or initials").value = "Imran"
    control(builder, "Disappointing now").value = "Works late"
    press(builder, "Add person")
    table = builder.table.value
    assert re.search(r"<div class='ipt-table-scroll'><table[^>]*ipt-table", table)
    stylesheet = _style_widgets(builder)[0].value
    assert ".ipt-table-scroll {overflow-x: auto" in stylesheet
    assert ".ipt-inventory .widget-html-content {min-width: 0}" in stylesheet
    assert builder.table.layout.width == "100%"


def test_roleplay_feedback_repeats_the_reply_the_trainee_chose(tmp_path: Path) -> None:
    view = RolePlayView(load_scenario(SCENARIO_FIXTURE), save_dir=tmp_path)
    if view.model.node.own_words:
        view._reveal.click()
    chosen = view.model.node.choices[2].text
    view.choice_buttons[view.model.choice_order.index(2)].click()
    feedback = view.feedback_text
    assert "<strong>You chose:</strong>" in feedback
    assert chosen.replace("'", "&#x27;") in feedback or chosen in feedback
    assert feedback.index("You chose:") < feedback.index("ipt-badge")


def test_evidence_note_speaks_to_trainees_not_about_internal_files() -> None:
    explorer = EvidenceExplorer()
    control(explorer, "Population").value = "perinatal"
    note = explorer.plot_note.value
    assert "No pooled effect sizes for this group are quoted in this course" in note
    assert "reference pack" not in note
