"""The strategy map: its data loads, every link it shows exists, and it follows the course."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml

from ipt_course.kit.vocabulary import techniques
from ipt_course.tools.strategy_map import (
    OVERVIEW,
    CourseIndex,
    MapDataError,
    StrategyMap,
    read_map,
    short_label,
    strategy_map_data,
)

ROOT = Path(__file__).resolve().parents[2]
DAY6 = ROOT / "curriculum" / "day6"
HREF = re.compile(r'href="([^"]+)"')


def every_page(view: StrategyMap) -> list[str]:
    """The HTML of every part of the map and of every technique look-up, as a trainee sees it."""
    pages = []
    for _label, part in view.part.options:
        view.part.value = part
        pages.append(view.page.value)
    for _label, technique in view.technique.options:
        view.technique.value = technique
        pages.append(view.technique_page.value)
    return pages


def test_the_packaged_map_loads_with_phases_areas_and_threads():
    data = strategy_map_data()
    kinds = [strand.kind for strand in data.strands]
    assert kinds.count("phase") == 3 and kinds.count("area") == 4
    assert {s.id for s in data.strands if s.kind == "area"} == {
        "grief", "role_dispute", "role_transition", "interpersonal_sensitivities"}
    assert all(t in techniques() for s in data.strands for t in s.technique_ids)


def test_every_outcome_the_map_names_is_in_the_course():
    from ipt_course.course import load_course

    known = load_course(ROOT).outcome_ids()
    named = {o for strand in strategy_map_data().strands for o in strand.outcomes}
    assert named <= set(known), named - set(known)


def test_every_link_the_map_shows_exists():
    view = StrategyMap(base=DAY6)
    hrefs = [html.unescape(h) for page in every_page(view) for h in HREF.findall(page)]
    assert len(hrefs) > 20
    missing = [h for h in hrefs if not (DAY6 / h).resolve().is_file()]
    assert missing == []


def test_every_quiz_item_the_map_shows_is_in_its_bank_with_a_matching_outcome():
    view = StrategyMap(base=DAY6)
    shown = 0
    for strand in view.model.data.strands:
        for group in view.model.links(strand.id).quiz_items:
            bank = yaml.safe_load((ROOT / group.bank).read_text(encoding="utf-8"))
            outcomes = {q["id"]: q["outcome"] for q in bank["questions"]}
            for item_id in group.item_ids:
                assert outcomes[item_id] in strand.outcomes
                shown += 1
    assert shown > 0


def test_the_overview_links_each_phase_to_where_it_is_taught():
    view = StrategyMap(base=DAY6)
    assert view.part.value == OVERVIEW
    page = view.page.value
    assert "One course of IPT, from assessment to ending" in page
    assert 'href="../day1/03-assessment-session-1.ipynb"' in page
    assert 'href="../day3/01-middle-phase-sessions.ipynb"' in page
    for strand in view.model.data.strands:
        assert html.escape(strand.label, quote=True) in page


def test_a_problem_area_shows_goals_strategies_techniques_and_role_plays():
    view = StrategyMap(base=DAY6)
    view.part.value = "role_dispute"
    page = view.page.value
    assert "Change communication, expectations or both" in page
    assert "Communication analysis" in page and "Role play" in page
    assert "safety planning comes before dispute work" in page
    assert 'href="../day3/05-roleplay-role-dispute.ipynb"' in page
    assert "Day 3 quiz: " in page
    assert "this course's practical framework" in page


def test_a_technique_look_up_lists_its_uses_and_the_role_plays_that_practise_it():
    view = StrategyMap(base=DAY6)
    view.technique.value = "use_of_therapeutic_relationship"
    page = view.technique_page.value
    assert "Interpersonal sensitivities (deficits):" in page
    assert 'href="../day3/07-roleplay-sensitivities.ipynb"' in page
    view.technique.value = ""
    assert view.technique_page.value == ""


def copy_course(tmp_path: Path) -> Path:
    """A copy of the course files the map reads."""
    for name in ("course.yaml", "curriculum", "quizzes"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.png", "*.json"))
        else:
            shutil.copy(source, tmp_path / name)
    return tmp_path


def test_a_notebook_or_role_play_that_is_missing_is_not_shown(tmp_path):
    root = copy_course(tmp_path)
    (root / "curriculum/day3/01-middle-phase-sessions.ipynb").unlink()
    (root / "curriculum/day3/scenarios/role-dispute-renegotiation.yaml").unlink()
    (root / "curriculum/day3/05-roleplay-role-dispute.ipynb").unlink()
    view = StrategyMap(root=root, base=root / "curriculum/day6")
    pages = "".join(every_page(view))
    assert "01-middle-phase-sessions" not in pages
    assert "05-roleplay-role-dispute" not in pages
    assert "Sensitivities" in pages or "sensitivities" in pages


def test_a_notebook_added_to_the_course_appears_on_the_map(tmp_path):
    root = copy_course(tmp_path)
    new = root / "curriculum/day3/03-role-disputes.ipynb"
    new.write_text('{"cells": [{"cell_type": "markdown", "metadata": {}, "source": '
                   '"# Role disputes\\n\\n- **d3.lo4** stage it"}, {"cell_type": "code", '
                   '"metadata": {}, "source": "from ipt_course.tools.dispute_stage import '
                   'DisputeStageAid\\nDisputeStageAid()", "outputs": [], '
                   '"execution_count": null}], "metadata": {}, "nbformat": 4, '
                   '"nbformat_minor": 5}', encoding="utf-8")
    manifest = root / "course.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "notebooks: [curriculum/day3/05-roleplay-role-dispute.ipynb]",
        "notebooks: [curriculum/day3/03-role-disputes.ipynb, "
        "curriculum/day3/05-roleplay-role-dispute.ipynb]"), encoding="utf-8")
    view = StrategyMap(root=root, base=root / "curriculum/day6")
    view.part.value = "role_dispute"
    assert 'href="../day3/03-role-disputes.ipynb"' in view.page.value
    assert "DisputeStageAid" in view.page.value


def test_a_broken_course_yaml_is_named_and_the_map_still_opens(tmp_path):
    root = copy_course(tmp_path)
    (root / "course.yaml").write_text("course: [unclosed\n", encoding="utf-8")
    view = StrategyMap(root=root, base=root / "curriculum/day6")
    assert "course.yaml" in view.notice.value and "could not be read" in view.notice.value
    view.part.value = "grief"
    assert "Help the mourning move" in view.page.value
    assert "href=" not in view.page.value


def test_a_scenario_that_is_not_yaml_is_named_not_raised(tmp_path):
    root = copy_course(tmp_path)
    (root / "curriculum/day3/scenarios/role-dispute-renegotiation.yaml").write_text(
        "nodes: [\n", encoding="utf-8")
    index = CourseIndex.build(root)
    assert any("role-dispute-renegotiation.yaml" in p for p in index.problems)


def test_a_map_file_with_a_mistake_names_the_file_and_key(tmp_path):
    bad = tmp_path / "map.yaml"
    bad.write_text("strands:\n  - id: grief\n    kind: area\n    label: Grief\n    when: x\n"
                   "    goals: [g]\n    strategies: [{text: s, techniques: [homework]}]\n"
                   "    outcomes: [d4.lo3]\n", encoding="utf-8")
    with pytest.raises(MapDataError, match=r"map.yaml.*strands\[0\].strategies.*homework"):
        read_map(bad, "map.yaml")
    bad.write_text("strands: [\n", encoding="utf-8")
    with pytest.raises(MapDataError, match="YAML syntax error"):
        read_map(bad, "map.yaml")


def test_text_from_the_course_files_is_escaped(tmp_path):
    root = copy_course(tmp_path)
    scenario = root / "curriculum/day3/scenarios/role-dispute-renegotiation.yaml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace('title: "Marek', 'title: "<b>Marek', 1), encoding="utf-8")
    view = StrategyMap(root=root, base=root / "curriculum/day6")
    view.part.value = "role_dispute"
    assert "&lt;b&gt;Marek" in view.page.value


def test_short_labels_name_the_day_and_notebook():
    assert short_label("curriculum/day3/01-middle-phase-sessions.ipynb") == "Day 3, 01"
    assert short_label("elsewhere/notes.ipynb") == "notes"
