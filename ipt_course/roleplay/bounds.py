"""Routes and score bounds of a scenario, worked out per node and per choice, never per path.

A scenario with a dozen decision points can have millions of paths, and one with a loop has
no end of them; these functions cost a small multiple of (nodes x choices), however many paths
there are.

- :func:`routes_from_start`: for each node, a shortest run of choices that reaches it;
- :func:`routes_to_an_ending`: for each node, a shortest run of choices from it to an ending;
- :func:`score_bounds`: the lowest and the highest adherence score a trainee can end with.

The score of a run is 100 x the mean credit of its choices (sound 1, partly helpful 0.5,
unhelpful 0). The highest mean over every run that ends is the larger of two numbers, each
found by dynamic programming: the best mean of a run of at most as many choices as there are
nodes (a longer run holds a loop, and cutting the loop out leaves a run no worse than the
larger of the two), and the best mean of a loop (Karp's minimum-mean-cycle method, turned
round). When a loop is better, no run reaches the bound: going round the loop more and more
times comes as close to it as one likes, so the bound gives the loop to repeat.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from fractions import Fraction

from ipt_course.roleplay.graph import Decision
from ipt_course.roleplay.schema import QUALITY_CREDIT, Scenario

Route = tuple[Decision, ...]
Edge = tuple[str, int, str, Fraction]   # from node, choice index, to node, credit


@dataclass(frozen=True)
class ScoreBound:
    """The lowest or highest score: reached by ``walk()``, or approached by repeating ``loop``."""

    score: Fraction
    lead: Route
    loop: Route = ()
    tail: Route = ()

    @property
    def attained(self) -> bool:
        """True when some run of choices ends with exactly this score."""
        return not self.loop

    def walk(self, laps: int = 0) -> Route:
        """The run of choices: ``lead``, then ``loop`` ``laps`` times, then ``tail``."""
        return self.lead + self.loop * laps + self.tail


def _edges(scenario: Scenario) -> list[Edge]:
    return [(node_id, index, choice.next, Fraction(QUALITY_CREDIT[choice.quality]))
            for node_id, node in scenario.nodes.items()
            for index, choice in enumerate(node.choices) if choice.next in scenario.nodes]


def routes_from_start(scenario: Scenario) -> dict[str, Route]:
    """A shortest run of choices from the start to every node it can reach (breadth first)."""
    if scenario.start not in scenario.nodes:
        return {}
    routes: dict[str, Route] = {scenario.start: ()}
    queue = deque([scenario.start])
    while queue:
        node_id = queue.popleft()
        for index, choice in enumerate(scenario.nodes[node_id].choices):
            if choice.next in scenario.nodes and choice.next not in routes:
                routes[choice.next] = (*routes[node_id], Decision(node_id, index))
                queue.append(choice.next)
    return routes


def routes_to_an_ending(scenario: Scenario) -> dict[str, Route]:
    """A shortest run of choices from every node that can end to an ending (breadth first)."""
    incoming: dict[str, list[tuple[str, int]]] = {node_id: [] for node_id in scenario.nodes}
    for source, index, target, _ in _edges(scenario):
        incoming[target].append((source, index))
    routes: dict[str, Route] = {n: () for n, node in scenario.nodes.items() if node.is_ending}
    queue = deque(routes)
    while queue:
        node_id = queue.popleft()
        for source, index in incoming[node_id]:
            if source not in routes:
                routes[source] = (Decision(source, index), *routes[node_id])
                queue.append(source)
    return routes


def score_bounds(scenario: Scenario) -> tuple[ScoreBound, ScoreBound]:
    """The lowest and the highest score a trainee can end the scenario with."""
    return _bound(scenario, -1), _bound(scenario, 1)


def _bound(scenario: Scenario, sign: int) -> ScoreBound:
    """The highest score (``sign`` 1) or the lowest (``sign`` -1)."""
    leads, tails = routes_from_start(scenario), routes_to_an_ending(scenario)
    live = {node_id for node_id in leads if node_id in tails}
    edges = [(s, i, t, sign * c) for s, i, t, c in _edges(scenario) if s in live and t in live]
    if scenario.start not in live or scenario.nodes[scenario.start].is_ending:
        return ScoreBound(Fraction(0), ())
    best_run, run = _best_run(scenario, live, edges)
    looping = [edge for edge in edges if not scenario.nodes[edge[2]].is_ending]
    best_loop = _best_loop_mean(scenario.start, looping)
    if best_loop is not None and best_loop > best_run:
        loop = _loop_with_mean(scenario.start, looping, best_loop)
        first = loop[0].node_id
        return ScoreBound(100 * sign * best_loop, leads[first], loop, tails[first])
    return ScoreBound(100 * sign * best_run, run)


def _best_run(scenario: Scenario, live: set[str], edges: list[Edge]) -> tuple[Fraction, Route]:
    """The best mean credit of a run from the start to an ending of at most len(live) choices.

    ``best[k][v]``: the most credit a run of exactly k choices from v to an ending can earn.
    """
    outgoing: dict[str, list[Edge]] = {node_id: [] for node_id in live}
    for edge in edges:
        outgoing[edge[0]].append(edge)
    best: list[dict[str, tuple[Fraction, Edge | None]]] = [
        {node_id: (Fraction(0), None) for node_id in live if scenario.nodes[node_id].is_ending}]
    for _ in range(len(live)):
        previous, layer = best[-1], {}
        for node_id in live:
            options = [(credit + previous[target][0], (node_id, index, target, credit))
                       for _, index, target, credit in outgoing[node_id] if target in previous]
            if options:
                layer[node_id] = max(options, key=lambda option: option[0])
        best.append(layer)
    length, total = max(((k, layer[scenario.start][0]) for k, layer in enumerate(best)
                         if k and scenario.start in layer), key=lambda kt: kt[1] / kt[0])
    route, node_id = [], scenario.start
    for k in range(length, 0, -1):
        _, (_, index, target, _) = best[k][node_id]
        route.append(Decision(node_id, index))
        node_id = target
    return total / length, tuple(route)


def _best_loop_mean(start: str, edges: list[Edge]) -> Fraction | None:
    """The best mean credit of a loop among ``edges`` (Karp), or None when there is no loop.

    Every node of ``edges`` is reachable from ``start``. ``reach[k][v]`` is the most credit a
    run of exactly k choices from the start to v earns; with n nodes, the best loop mean is the
    largest over v of the smallest (reach[n][v] - reach[k][v]) / (n - k).
    """
    size = len({start} | {edge[0] for edge in edges} | {edge[2] for edge in edges})
    reach: list[dict[str, Fraction]] = [{start: Fraction(0)}]
    for _ in range(size):
        layer: dict[str, Fraction] = {}
        for source, _, target, credit in edges:
            if source in reach[-1]:
                value = reach[-1][source] + credit
                if target not in layer or value > layer[target]:
                    layer[target] = value
        reach.append(layer)
    means = [min((reach[size][node_id] - reach[k][node_id]) / (size - k)
                 for k in range(size) if node_id in reach[k])
             for node_id in reach[size]]
    return max(means) if means else None


def _loop_with_mean(start: str, edges: list[Edge], mean: Fraction) -> Route:
    """A loop whose mean credit is ``mean`` (the best there is), found among the tight edges.

    With every credit lowered by ``mean`` no loop gains, so the most a run from the start can
    gain to each node is finite; a best loop gains nothing, so each of its choices earns exactly
    the difference of those amounts ("tight"), and any loop of tight choices is a best loop.
    """
    gain: dict[str, Fraction] = {start: Fraction(0)}
    for _ in range(len(edges) + 1):
        for source, _, target, credit in edges:
            if source in gain and (target not in gain
                                   or gain[source] + credit - mean > gain[target]):
                gain[target] = gain[source] + credit - mean
    tight: dict[str, list[tuple[int, str]]] = {}
    for source, index, target, credit in edges:
        if source in gain and gain[source] + credit - mean == gain[target]:
            tight.setdefault(source, []).append((index, target))
    return _a_loop(tight)


def _a_loop(links: dict[str, list[tuple[int, str]]]) -> Route:
    """Some loop among ``links`` (node -> [(choice index, next node)]), by depth-first search."""
    finished: set[str] = set()
    for root in links:
        if root in finished:
            continue
        path: list[Decision] = []
        on_path = {root: 0}
        stack = [(root, iter(links.get(root, [])))]
        while stack:
            node_id, remaining = stack[-1]
            step = next(remaining, None)
            if step is None:
                stack.pop()
                finished.add(node_id)
                on_path.pop(node_id)
                if path:
                    path.pop()
                continue
            index, target = step
            if target in on_path:
                return (*path[on_path[target]:], Decision(node_id, index))
            if target not in finished:
                path.append(Decision(node_id, index))
                on_path[target] = len(path)
                stack.append((target, iter(links.get(target, []))))
    raise AssertionError("a best loop exists but none was found among the tight choices")
