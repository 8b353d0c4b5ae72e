"""The scenario as a graph: reachability, paths to the endings, and how far there is to go."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from ipt_course.roleplay.schema import QUALITY_CREDIT, Scenario

MAX_PATHS = 20_000


@dataclass(frozen=True)
class Decision:
    """The trainee picked choice ``index`` at node ``node_id``."""

    node_id: str
    index: int


@dataclass(frozen=True)
class ScenarioPath:
    """One way through a scenario, from the start to an ending."""

    decisions: tuple[Decision, ...]
    ending: str


def successors(scenario: Scenario, node_id: str) -> list[str]:
    """The node ids that the choices at ``node_id`` lead to, existing nodes only."""
    node = scenario.nodes.get(node_id)
    if node is None:
        return []
    return [choice.next for choice in node.choices if choice.next in scenario.nodes]


def reachable(scenario: Scenario) -> set[str]:
    """Every node that some sequence of choices reaches from the start."""
    if scenario.start not in scenario.nodes:
        return set()
    seen = {scenario.start}
    stack = [scenario.start]
    while stack:
        for target in successors(scenario, stack.pop()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def reaching_an_ending(scenario: Scenario) -> set[str]:
    """Every node from which at least one sequence of choices reaches an ending."""
    done = {node_id for node_id, node in scenario.nodes.items() if node.is_ending}
    changed = True
    while changed:
        changed = False
        for node_id in scenario.nodes:
            if node_id not in done and any(t in done for t in successors(scenario, node_id)):
                done.add(node_id)
                changed = True
    return done


def is_acyclic(scenario: Scenario) -> bool:
    """True when no sequence of choices comes back to a node already visited."""
    state: dict[str, int] = {}

    def visit(node_id: str) -> bool:
        state[node_id] = 1
        for target in successors(scenario, node_id):
            if state.get(target) == 1 or (target not in state and not visit(target)):
                return False
        state[node_id] = 2
        return True

    return all(visit(node_id) for node_id in scenario.nodes if node_id not in state)


def iter_paths(scenario: Scenario, start: str | None = None) -> Iterator[ScenarioPath]:
    """Yield every path to an ending that uses no choice twice (so loops are walked once)."""
    first = start or scenario.start
    if first not in scenario.nodes:
        return
    stack: list[tuple[str, tuple[Decision, ...]]] = [(first, ())]
    while stack:
        node_id, decisions = stack.pop()
        node = scenario.nodes[node_id]
        if node.is_ending:
            yield ScenarioPath(decisions, node_id)
            continue
        for index in reversed(range(len(node.choices))):
            decision = Decision(node_id, index)
            target = node.choices[index].next
            if target in scenario.nodes and decision not in decisions:
                stack.append((target, (*decisions, decision)))


def all_paths(scenario: Scenario, limit: int = MAX_PATHS) -> list[ScenarioPath]:
    """Every path to an ending, refusing scenarios whose paths would run past ``limit``."""
    paths = []
    for path in iter_paths(scenario):
        paths.append(path)
        if len(paths) > limit:
            raise ValueError(f"more than {limit} paths to an ending; simplify the branching")
    return paths


def path_score(scenario: Scenario, path: ScenarioPath) -> float:
    """The adherence score of a path: 100 x mean credit (sound 1, partial 0.5, unhelpful 0)."""
    if not path.decisions:
        return 0.0
    credit = [
        QUALITY_CREDIT[scenario.nodes[d.node_id].choices[d.index].quality] for d in path.decisions
    ]
    return round(100 * sum(credit) / len(credit), 1)


def remaining_table(scenario: Scenario) -> dict[str, int]:
    """For every node, the most decisions still to make before an ending (0 at an ending)."""
    if is_acyclic(scenario):
        longest: dict[str, int] = {}

        def visit(node_id: str) -> int:
            if node_id not in longest:
                targets = successors(scenario, node_id)
                longest[node_id] = 1 + max(visit(t) for t in targets) if targets else 0
            return longest[node_id]

        return {node_id: visit(node_id) for node_id in scenario.nodes}
    return {
        node_id: max((len(p.decisions) for p in iter_paths(scenario, node_id)), default=0)
        for node_id in scenario.nodes
    }


def remaining_decisions(scenario: Scenario, node_id: str) -> int:
    """The most decisions still to make from ``node_id`` before an ending (0 at an ending)."""
    return remaining_table(scenario)[node_id]


def count_paths(scenario: Scenario, limit: int = MAX_PATHS) -> int:
    """How many paths lead from the start to an ending (loops walked at most once each).

    Without loops the count comes from the graph alone, so scenarios with millions of paths
    are counted at once; with loops the paths are enumerated, up to ``limit``.
    """
    if not is_acyclic(scenario):
        return len(all_paths(scenario, limit))
    counts: dict[str, int] = {}

    def visit(node_id: str) -> int:
        if node_id not in counts:
            node = scenario.nodes[node_id]
            counts[node_id] = 1 if node.is_ending else sum(
                visit(choice.next) for choice in node.choices if choice.next in scenario.nodes
            )
        return counts[node_id]

    return visit(scenario.start) if scenario.start in scenario.nodes else 0


def covering_paths(scenario: Scenario) -> list[ScenarioPath]:
    """A few paths that between them make every reachable choice at least once (no loops)."""
    prefix: dict[str, tuple[Decision, ...]] = {scenario.start: ()}
    queue = [scenario.start]
    for node_id in queue:
        for index, choice in enumerate(scenario.nodes[node_id].choices):
            if choice.next in scenario.nodes and choice.next not in prefix:
                prefix[choice.next] = (*prefix[node_id], Decision(node_id, index))
                queue.append(choice.next)
    covered: set[Decision] = set()
    paths = []
    for node_id in queue:
        for index in range(len(scenario.nodes[node_id].choices)):
            if Decision(node_id, index) in covered:
                continue
            path = _complete(scenario, (*prefix[node_id], Decision(node_id, index)), covered)
            covered.update(path.decisions)
            paths.append(path)
    return paths


def _complete(
    scenario: Scenario, decisions: tuple[Decision, ...], covered: set[Decision]
) -> ScenarioPath:
    """Follow ``decisions`` and carry on to an ending, preferring choices not yet made."""
    node_id = scenario.nodes[decisions[-1].node_id].choices[decisions[-1].index].next
    while not scenario.nodes[node_id].is_ending:
        options = [Decision(node_id, i) for i in range(len(scenario.nodes[node_id].choices))]
        fresh = [d for d in options if d not in covered and d not in decisions]
        decision = (fresh or options)[0]
        decisions = (*decisions, decision)
        node_id = scenario.nodes[node_id].choices[decision.index].next
    return ScenarioPath(decisions, node_id)


def random_paths(scenario: Scenario, count: int, seed: int = 0) -> list[ScenarioPath]:
    """``count`` paths chosen at random (repeatably, from ``seed``) in a scenario without loops."""
    chooser = random.Random(seed)
    paths = []
    for _ in range(count):
        node_id, decisions = scenario.start, ()
        while not scenario.nodes[node_id].is_ending:
            index = chooser.randrange(len(scenario.nodes[node_id].choices))
            decisions = (*decisions, Decision(node_id, index))
            node_id = scenario.nodes[node_id].choices[index].next
        paths.append(ScenarioPath(decisions, node_id))
    return paths


def representative_paths(
    scenario: Scenario, limit: int = 2_000, sample: int = 200, seed: int = 0
) -> tuple[list[ScenarioPath], bool]:
    """Every path if there are at most ``limit``; otherwise a covering set plus a random sample.

    Returns the paths and whether they are all of them.
    """
    if not is_acyclic(scenario) or count_paths(scenario) <= limit:
        return all_paths(scenario), True
    chosen = dict.fromkeys([*covering_paths(scenario), *random_paths(scenario, sample, seed)])
    return list(chosen), False
