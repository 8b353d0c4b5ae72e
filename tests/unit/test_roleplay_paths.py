"""Every path through every curriculum scenario, clicked through the widget like a trainee.

Paths are enumerated from the graph. A scenario with at most PATH_LIMIT paths is walked on
every one of them; a larger one (the exemplars have over a million) is walked on a set of paths
that between them make every choice at least once, plus a repeatable random sample.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ipt_course.roleplay.graph import (
    ScenarioPath,
    all_paths,
    count_paths,
    covering_paths,
    representative_paths,
)
from ipt_course.roleplay.schema import QUALITY_CREDIT, Scenario, load_scenario
from ipt_course.roleplay.view import RolePlayView

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "scenarios"
SCENARIOS = sorted(REPO.glob("curriculum/day*/scenarios/*.yaml"))
PATH_LIMIT = 2_000
SAMPLE = 150


def _expected_score(scenario: Scenario, path: ScenarioPath) -> float:
    """The score worked out by hand from the qualities on the path."""
    qualities = [scenario.nodes[d.node_id].choices[d.index].quality for d in path.decisions]
    return round(100 * sum(QUALITY_CREDIT[q] for q in qualities) / len(qualities), 1)


def _walk(view: RolePlayView, path: ScenarioPath) -> None:
    view._restart.click()
    for decision in path.decisions:
        assert view.model.node_id == decision.node_id
        if view.model.node.own_words:
            view._own_words.value = "My own reply."
            view._reveal.click()
        view.choice_buttons[view.model.choice_order.index(decision.index)].click()
        assert view.feedback_text
        view._continue.click()


def _check_paths(scenario: Scenario, paths: list[ScenarioPath]) -> None:
    view = RolePlayView(scenario)
    for path in paths:
        _walk(view, path)
        model = view.model
        where = f"{scenario.id} path {[(d.node_id, d.index) for d in path.decisions]}"
        assert model.is_ended, where
        assert model.node_id == path.ending, where
        summary = model.summary()
        expected = _expected_score(scenario, path)
        assert 0 <= summary.score <= 100, where
        assert summary.score == expected, where
        assert summary.decisions == len(path.decisions), where
        assert sum(summary.counts.values()) == len(path.decisions), where
        assert summary.ending_title == scenario.nodes[path.ending].ending.title, where
        assert summary.practise_next, where
        assert f"Adherence score: {expected:g} out of 100" in view._ending.value, where
        assert view._ending.layout.display == "", where


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_path_of_a_curriculum_scenario_ends_with_the_right_score(path: Path) -> None:
    scenario = load_scenario(path)
    paths, complete = representative_paths(scenario, limit=PATH_LIMIT, sample=SAMPLE)
    if not complete:
        made = {d for p in paths for d in p.decisions}
        every_choice = {
            (node_id, index)
            for node_id, node in scenario.nodes.items()
            for index in range(len(node.choices))
        }
        assert {(d.node_id, d.index) for d in made} == every_choice
        assert {p.ending for p in paths} == set(scenario.endings)
    _check_paths(scenario, paths)


def test_the_curriculum_has_scenarios_to_walk() -> None:
    assert SCENARIOS, "no curriculum/day*/scenarios/*.yaml found"


def test_fixture_paths_are_all_walked_with_hand_computed_scores() -> None:
    scenario = load_scenario(FIXTURES / "good.yaml")
    paths = all_paths(scenario)
    assert count_paths(scenario) == len(paths) == 7
    scores = {tuple((d.node_id, d.index) for d in p.decisions): _expected_score(scenario, p)
              for p in paths}
    assert scores == {
        (("opening", 0), ("explore", 0)): 100.0,
        (("opening", 0), ("explore", 1)): 75.0,
        (("opening", 1), ("explore", 0)): 75.0,
        (("opening", 1), ("explore", 1)): 50.0,
        (("opening", 2), ("guarded", 0), ("explore", 0)): 66.7,
        (("opening", 2), ("guarded", 0), ("explore", 1)): 50.0,
        (("opening", 2), ("guarded", 1)): 0.0,
    }
    _check_paths(scenario, paths)


def test_loops_are_walked_once_each() -> None:
    scenario = load_scenario(FIXTURES / "good-loop.yaml")
    paths = all_paths(scenario)
    assert [[(d.node_id, d.index) for d in p.decisions] for p in paths] == [
        [("opening", 0)],
        [("opening", 1), ("repeat", 0), ("opening", 0)],
        [("opening", 1), ("repeat", 1)],
    ]
    _check_paths(scenario, paths)


def test_covering_paths_make_every_choice_of_the_fixture() -> None:
    scenario = load_scenario(FIXTURES / "good.yaml")
    made = {(d.node_id, d.index) for p in covering_paths(scenario) for d in p.decisions}
    assert made == {("opening", 0), ("opening", 1), ("opening", 2), ("explore", 0),
                    ("explore", 1), ("guarded", 0), ("guarded", 1)}
