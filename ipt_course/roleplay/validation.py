"""Checks a scenario file beyond its schema: the branching graph, vocabulary and references."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ipt_course.kit.vocabulary import techniques
from ipt_course.problems import Problem
from ipt_course.roleplay.graph import all_paths, is_acyclic, reachable, reaching_an_ending
from ipt_course.roleplay.schema import Scenario, line_of, read_scenario

SESSION_ID = re.compile(r"^d(?P<day>[1-6])\.s\d+$")
MIN_CHOICES, MAX_CHOICES = 2, 4
SENSITIVE_WORDS = re.compile(
    r"suicid|self-harm|self harm|kill myself|end my life|overdose|domestic|violen|abus|"
    r"miscarr|stillb|bereave|died|death",
    re.IGNORECASE,
)


def validate_scenario_file(path: Path, outcome_ids: set[str]) -> list[Problem]:
    """Every problem with the scenario at ``path``; an empty list means it is ready to play."""
    return check_scenario_file(Path(path), outcome_ids)[1]


def check_scenario_file(
    path: Path, outcome_ids: set[str] | None = None, display_name: str | None = None
) -> tuple[Scenario | None, list[Problem]]:
    """Load and check a scenario: the scenario if it is playable (else None), and its problems.

    With ``outcome_ids`` None the outcome ids are not checked (they need the manifest).
    """
    name = display_name or str(path)
    scenario, problems = read_scenario(path, display_name=name)
    if scenario is None:
        return None, problems
    known = set(scenario.outcomes) if outcome_ids is None else outcome_ids
    found = validate_scenario(scenario, name, known)
    if found:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        problems = problems + [_with_line(problem, root) for problem in found]
    return (None if problems else scenario), problems


def _with_line(problem: Problem, root: yaml.Node | None) -> Problem:
    """Add the YAML line number to a problem's key path, so an author can jump to it."""
    parts: list[str | int] = [
        int(index) if index else key
        for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", problem.where)
    ]
    line = line_of(root, tuple(parts)) if parts else None
    if line is None:
        return problem
    return Problem(problem.file, f"{problem.where} (line {line})", problem.message)


def validate_scenario(scenario: Scenario, file: str, outcome_ids: set[str]) -> list[Problem]:
    """Run every check on a loaded scenario and return the problems found."""
    checks = (
        _check_header,
        _check_nodes,
        _check_graph,
        _check_breakout,
        _check_content_note,
    )
    problems: list[Problem] = []
    for check in checks:
        problems.extend(Problem(file, where, message) for where, message in check(scenario))
    problems.extend(
        Problem(file, f"outcomes[{index}]", f"unknown learning outcome {outcome!r}; use an id "
                "from course.yaml such as 'd1.lo7'")
        for index, outcome in enumerate(scenario.outcomes)
        if outcome not in outcome_ids
    )
    return problems


def _check_header(scenario: Scenario) -> list[tuple[str, str]]:
    """Session id format, day agreement, and the dispute stage of role disputes."""
    found = []
    match = SESSION_ID.match(scenario.session)
    if match is None:
        found.append(("session", f"expected a teaching session id such as 'd1.s5', found "
                      f"{scenario.session!r}"))
    elif int(match["day"]) != scenario.day:
        found.append(("session", f"session {scenario.session!r} is not on day {scenario.day}"))
    if scenario.problem_area == "role_dispute" and scenario.dispute_stage is None:
        found.append(("dispute_stage", "a role dispute scenario needs a dispute_stage: "
                      "renegotiation, impasse or dissolution"))
    if scenario.problem_area != "role_dispute" and scenario.dispute_stage is not None:
        found.append(("dispute_stage", "dispute_stage applies only when problem_area is "
                      "role_dispute"))
    return found


def _check_nodes(scenario: Scenario) -> list[tuple[str, str]]:
    """Choice counts, endings without choices, and techniques from the vocabulary."""
    vocabulary = techniques()
    found = []
    for node_id, node in scenario.nodes.items():
        where = f"nodes.{node_id}"
        if node.is_ending and node.choices:
            found.append((where, "an ending node cannot also have choices; remove one of them"))
            continue
        if not node.is_ending and not node.choices:
            found.append((where, "dead end: a node without choices must be an ending "
                          "(add 'ending: {title, summary}' or 2-4 choices)"))
            continue
        if node.is_ending:
            continue
        if not MIN_CHOICES <= len(node.choices) <= MAX_CHOICES:
            found.append((f"{where}.choices", f"expected {MIN_CHOICES} to {MAX_CHOICES} choices, "
                          f"found {len(node.choices)}"))
        qualities = [choice.quality for choice in node.choices]
        if "sound" not in qualities:
            found.append((f"{where}.choices", "expected at least one choice of quality 'sound'"))
        if qualities.count("unhelpful") > 1:
            found.append((f"{where}.choices", "expected at most one clearly 'unhelpful' choice"))
        for index, choice in enumerate(node.choices):
            technique = vocabulary.get(choice.technique)
            if technique is None:
                found.append((f"{where}.choices[{index}].technique",
                              f"unknown technique {choice.technique!r}; expected one of: "
                              + ", ".join(vocabulary)))
            elif choice.quality == "sound" and not technique.ipt:
                found.append((f"{where}.choices[{index}].quality",
                              f"a sound choice must use an IPT technique, not "
                              f"{choice.technique!r}"))
    return found


def _check_graph(scenario: Scenario) -> list[tuple[str, str]]:
    """Links exist, every node is reachable, every path ends, and there are two endings."""
    found = []
    if scenario.start not in scenario.nodes:
        found.append(("start", f"start node {scenario.start!r} is not one of the nodes"))
    for node_id, node in scenario.nodes.items():
        for index, choice in enumerate(node.choices):
            if choice.next not in scenario.nodes:
                found.append((f"nodes.{node_id}.choices[{index}].next",
                              f"leads to {choice.next!r}, which is not a node id"))
    seen = reachable(scenario)
    found.extend(
        (f"nodes.{node_id}", f"unreachable: no choice leads here from start {scenario.start!r}")
        for node_id in scenario.nodes
        if seen and node_id not in seen
    )
    can_end = reaching_an_ending(scenario)
    found.extend(
        (f"nodes.{node_id}", "trap: no sequence of choices from here reaches an ending")
        for node_id in scenario.nodes
        if node_id in seen and node_id not in can_end and scenario.nodes[node_id].choices
    )
    endings = [node_id for node_id in scenario.endings if node_id in seen or not seen]
    if len(endings) < 2:
        found.append(("nodes", f"expected at least two reachable endings, found {len(endings)}"))
    if not found and not is_acyclic(scenario):
        try:
            all_paths(scenario)
        except ValueError as error:
            found.append(("nodes", f"the loops between nodes give {error}"))
    return found


REVEAL_PREFIX = "If the therapist"


def _check_breakout(scenario: Scenario) -> list[tuple[str, str]]:
    """Observer checklist techniques come from the vocabulary; reveal lines read after the
    card's "If the therapist" (``when`` starts with the verb: "asks ...", not "the therapist")."""
    if scenario.breakout is None:
        return []
    vocabulary = techniques()
    found = [
        (f"breakout.observer_checklist[{index}].technique",
         f"unknown technique {item.technique!r}; expected one of: " + ", ".join(vocabulary))
        for index, item in enumerate(scenario.breakout.observer_checklist)
        if item.technique not in vocabulary
    ]
    for index, reveal in enumerate(scenario.breakout.client_card.reveals):
        first_words = " ".join(reveal.when.split()[:2]).lower()
        if first_words.startswith(("the therapist", "therapist", "if ", "when ")):
            found.append((f"breakout.client_card.reveals[{index}].when",
                          f"the card prints {REVEAL_PREFIX!r} before this line, so start it "
                          f"with what the therapist does (for example 'asks ...'), not with "
                          f"{' '.join(reveal.when.split()[:2])!r}"))
    return found


def _scenario_text(scenario: Scenario) -> str:
    """All the words a trainee reads or hears in the scenario."""
    parts = [scenario.title, scenario.client.situation]
    for node in scenario.nodes.values():
        parts.extend([node.client, node.direction or ""])
        parts.extend(f"{choice.text} {choice.feedback}" for choice in node.choices)
        if node.ending:
            parts.extend([node.ending.title, node.ending.summary])
    if scenario.breakout:
        parts.append(scenario.breakout.model_dump_json())
    return "\n".join(parts)


def _check_content_note(scenario: Scenario) -> list[tuple[str, str]]:
    """Risk, self-harm, violence or loss in the text needs a content note for trainees."""
    if scenario.content_note:
        return []
    uses_risk = any(
        choice.technique == "risk_assessment"
        for node in scenario.nodes.values()
        for choice in node.choices
    )
    match = SENSITIVE_WORDS.search(_scenario_text(scenario))
    if scenario.problem_area == "grief" or uses_risk or match:
        reason = f"mentions {match.group(0)!r}" if match else (
            "is about grief" if scenario.problem_area == "grief" else "includes a risk assessment"
        )
        return [("content_note", f"the scenario {reason}; add a content_note for trainees")]
    return []
