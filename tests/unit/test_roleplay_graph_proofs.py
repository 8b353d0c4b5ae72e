"""Every node, every choice and the score bounds of every curriculum scenario, proved per node
and per choice rather than per path (one scenario has 1.47 million paths; a loop makes them
endless), so the cost grows with the size of a scenario and not with its number of paths.

For each scenario:

- each node is reached from the start, and from each node an ending is reached (no traps),
  by a route built from the graph and played through the real model;
- each choice is made once on a route from the start through it to an ending, played through
  the model, which must land on that ending with the score the formula gives (100 x the mean
  credit: sound 1, partly helpful 0.5, unhelpful 0) and the right counts;
- the lowest and highest scores a trainee can end with come from dynamic programming over the
  graph (``ipt_course.roleplay.bounds``); the runs that reach them are played through the
  model, which must give exactly those scores, and every other route scores between them;
- a bounded number of random runs is clicked through the real widget.

The bounds themselves are checked against brute force on small scenarios, loops included.
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction
from pathlib import Path

import pytest

from ipt_course.roleplay.bounds import routes_from_start, routes_to_an_ending, score_bounds
from ipt_course.roleplay.graph import Decision, all_paths, path_score
from ipt_course.roleplay.model import RolePlayModel
from ipt_course.roleplay.schema import QUALITY_CREDIT, Scenario, load_scenario
from ipt_course.roleplay.view import RolePlayView

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "scenarios"
SCENARIOS = sorted(REPO.glob("curriculum/day*/scenarios/*.yaml"))
WIDGET_RUNS = 48   # clicked through the widget, shared out over every scenario of the course


def _formula(scenario: Scenario, route: tuple[Decision, ...]) -> float:
    credits = [QUALITY_CREDIT[scenario.nodes[d.node_id].choices[d.index].quality] for d in route]
    return round(100 * sum(credits) / len(credits), 1) if credits else 0.0


def _play(model: RolePlayModel, route: tuple[Decision, ...]) -> None:
    """Play ``route`` from the start through the model, checking each step lands as planned."""
    model.restart()
    for decision in route:
        assert model.node_id == decision.node_id, (route, decision)
        model.reveal_choices()
        model.choose(decision.index)
        model.continue_()
    assert model.is_ended, route


def _check_run(model: RolePlayModel, route: tuple[Decision, ...]) -> float:
    """Play a route to an ending and check the ending, the score and the counts it shows."""
    scenario = model.scenario
    _play(model, route)
    summary = model.summary()
    qualities = [scenario.nodes[d.node_id].choices[d.index].quality for d in route]
    assert summary.score == model.score() == _formula(scenario, route)
    assert summary.counts == {q: qualities.count(q) for q in ("sound", "partial", "unhelpful")}
    assert summary.decisions == len(route)
    assert summary.ending_title == model.node.ending.title
    return summary.score


def _prove(scenario: Scenario) -> list[float]:
    """The per-node and per-choice proofs; returns the score of every route played."""
    leads, tails = routes_from_start(scenario), routes_to_an_ending(scenario)
    assert set(leads) <= set(tails), f"traps: {set(leads) - set(tails)} reach no ending"
    assert set(leads) == set(scenario.nodes), f"unreachable: {set(scenario.nodes) - set(leads)}"
    model = RolePlayModel(scenario)
    scores = []
    for node_id, node in scenario.nodes.items():
        if node.is_ending:
            scores.append(_check_run(model, leads[node_id]))
            assert model.node_id == node_id
        for index, choice in enumerate(node.choices):
            route = (*leads[node_id], Decision(node_id, index), *tails[choice.next])
            scores.append(_check_run(model, route))
    return scores


def _check_bounds(scenario: Scenario, scores: list[float]) -> None:
    low, high = score_bounds(scenario)
    assert 0 <= low.score <= high.score <= 100
    model = RolePlayModel(scenario)
    for bound, better in ((low, -1), (high, 1)):
        if bound.attained:
            assert _check_run(model, bound.walk()) == round(float(bound.score), 1)
            continue
        # A loop beats every run without one: more laps come ever closer, never past.
        reached = [Fraction(sum(Fraction(QUALITY_CREDIT[scenario.nodes[d.node_id]
                                                        .choices[d.index].quality])
                                for d in bound.walk(laps)) * 100, len(bound.walk(laps)))
                   for laps in (1, 2, 4, 8, 64)]
        for laps, value in zip((1, 2, 4, 8, 64), reached, strict=True):
            assert _check_run(model, bound.walk(laps)) == round(float(value), 1)
        assert all(better * (b - a) > 0 for a, b in itertools.pairwise(reached))
        assert all(better * (bound.score - value) > 0 for value in reached)
        assert abs(bound.score - reached[-1]) < 100 * Fraction(len(bound.walk()), 64)
    assert all(round(float(low.score), 1) <= score <= round(float(high.score), 1)
               for score in scores)


def _click_random_runs(scenario: Scenario, runs: int, seed: int, tmp_path: Path) -> None:
    """Random runs clicked through the widget as a trainee would, loops cut short."""
    draw = random.Random(seed)
    tails = routes_to_an_ending(scenario)
    view = RolePlayView(scenario, save_dir=tmp_path)
    for _ in range(runs):
        view._restart.click()
        made: list[Decision] = []
        while not view.model.is_ended:
            model = view.model
            if model.node.own_words:
                view._own_words.value = "My own reply."
                view._reveal.click()
            if len(made) < 3 * len(scenario.nodes):
                position = draw.randrange(len(view.choice_buttons))
            else:
                position = model.choice_order.index(tails[model.node_id][0].index)
            made.append(Decision(model.node_id, model.choice_order[position]))
            view.choice_buttons[position].click()
            assert view.feedback_text
            view._continue.click()
        expected = _formula(scenario, tuple(made))
        assert view.model.summary().score == expected
        assert f"Adherence score: {expected:g} out of 100" in view._ending.value


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_node_choice_and_score_bound_of_a_curriculum_scenario(
        path: Path, tmp_path: Path) -> None:
    scenario = load_scenario(path)
    scores = _prove(scenario)
    assert len(scores) == sum(len(n.choices) or 1 for n in scenario.nodes.values())
    _check_bounds(scenario, scores)
    _click_random_runs(scenario, max(2, WIDGET_RUNS // len(SCENARIOS)),
                       SCENARIOS.index(path), tmp_path)


def test_the_curriculum_has_scenarios_to_prove() -> None:
    assert len(SCENARIOS) >= 3


@pytest.mark.parametrize("name", ["good.yaml", "good-loop.yaml"])
def test_bounds_match_every_path_of_the_fixtures(name: str, tmp_path: Path) -> None:
    scenario = load_scenario(FIXTURES / name)
    scores = _prove(scenario)
    _check_bounds(scenario, scores)
    every = [path_score(scenario, path) for path in all_paths(scenario)]
    low, high = score_bounds(scenario)
    assert (float(low.score), float(high.score)) == (min(every), max(every))
    _click_random_runs(scenario, 5, 0, tmp_path)


# --- Bounds against brute force on small generated scenarios, loops included -----------------


def _scenario(nodes: dict[str, list[tuple[str, str]]], start: str = "n0") -> Scenario:
    """A playable scenario from {node: [(quality, next node), ...]}; nodes without choices end."""
    built = {}
    for node_id, choices in nodes.items():
        if choices:
            built[node_id] = {"client": f"Line at {node_id}.", "choices": [
                {"text": f"Reply {i}", "technique": "exploration", "quality": quality,
                 "feedback": "Why.", "next": target} for i, (quality, target) in
                enumerate(choices)]}
        else:
            built[node_id] = {"client": "Goodbye.", "ending": {"title": node_id,
                                                               "summary": "Ends."}}
    return Scenario.model_validate({
        "id": "generated", "title": "Generated", "day": 1, "session": "d1.s5",
        "problem_area": "assessment", "phase": "initial",
        "client": {"name": "Sam", "age": 40, "situation": "Low."},
        "outcomes": ["d1.lo8"], "start": start, "nodes": built})


def _brute_force(scenario: Scenario, longest: int) -> set[Fraction]:
    """Every mean credit of a run to an ending of at most ``longest`` choices."""
    reached: dict[str, set[tuple[int, Fraction]]] = {scenario.start: {(0, Fraction(0))}}
    means: set[Fraction] = set()
    for _ in range(longest + 1):
        following: dict[str, set[tuple[int, Fraction]]] = {}
        for node_id, states in reached.items():
            node = scenario.nodes[node_id]
            if node.is_ending:
                means |= {total / length for length, total in states if length}
            for choice in node.choices:
                credit = Fraction(QUALITY_CREDIT[choice.quality])
                following.setdefault(choice.next, set()).update(
                    (length + 1, total + credit) for length, total in states)
        reached = following
    return means


def test_a_loop_better_than_every_run_gives_a_bound_no_run_reaches() -> None:
    scenario = _scenario({"n0": [("sound", "n1"), ("unhelpful", "end1")],
                          "n1": [("sound", "n0"), ("partial", "end2")],
                          "end1": [], "end2": []})
    low, high = score_bounds(scenario)
    assert (low.score, low.attained) == (0, True)
    assert (high.score, high.attained) == (100, False)
    assert [(d.node_id, d.index) for d in high.loop] in ([("n0", 0), ("n1", 0)],
                                                         [("n1", 0), ("n0", 0)])
    assert max(_brute_force(scenario, 40)) < 1
    _check_bounds(scenario, _prove(scenario))


def test_bounds_agree_with_brute_force_on_generated_scenarios() -> None:
    draw = random.Random(2024)
    qualities = ["sound", "partial", "unhelpful"]
    checked = looped = 0
    while checked < 150:
        size = draw.randint(2, 6)
        ends = [f"end{i}" for i in range(draw.randint(1, 2))]
        nodes: dict[str, list[tuple[str, str]]] = {e: [] for e in ends}
        for i in range(size):
            targets = [f"n{j}" for j in range(size)] + ends
            nodes[f"n{i}"] = [(draw.choice(qualities), draw.choice(targets))
                              for _ in range(draw.randint(1, 3))]
        scenario = _scenario(nodes)
        leads, tails = routes_from_start(scenario), routes_to_an_ending(scenario)
        if not set(leads) <= set(tails):   # a trap: validation refuses these scenarios
            continue
        checked += 1
        low, high = score_bounds(scenario)
        means = _brute_force(scenario, 3 * size)
        for bound, pick in ((low, min), (high, max)):
            best = 100 * pick(means)
            if bound.attained:
                assert best == bound.score, nodes
            else:
                looped += 1
                assert (best - bound.score) * (1 if pick is min else -1) > 0, nodes
                # Runs of up to 3 x size choices fit at least one more lap than the bound's
                # shortest run; each lap brings the mean closer by that run's share.
                longest = 3 * size - len(bound.loop) + 1
                assert abs(best - bound.score) <= 100 * Fraction(len(bound.walk()), longest)
    assert looped > 5


@pytest.mark.parametrize(("name", "found"), [("bad-unreachable.yaml", "unreachable"),
                                             ("bad-trap-cycle.yaml", "traps")])
def test_the_proofs_catch_an_unreachable_node_and_a_trap(name: str, found: str) -> None:
    with pytest.raises(AssertionError, match=found):
        _prove(load_scenario(FIXTURES / name))
