"""`ipt-course roleplay ...`: check a scenario and list its paths with their scores."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ipt_course.roleplay.graph import count_paths, path_score, representative_paths
from ipt_course.roleplay.schema import Scenario
from ipt_course.roleplay.validation import check_scenario_file

LETTERS = "ABCD"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `roleplay` command and its subcommands."""
    roleplay = subparsers.add_parser("roleplay", help="check role-play scenarios and their paths")
    actions = roleplay.add_subparsers(dest="roleplay_command", required=True)
    paths = actions.add_parser(
        "paths", help="print every path to an ending with its adherence score",
        description="Print every path from the start to an ending with its adherence score "
                    "(100 x the mean of sound 1, partly helpful 0.5, unhelpful 0). Scenarios "
                    "with very many paths show a set that makes every choice at least once. "
                    "Letters follow the file (A is a node's first choice in the YAML); each "
                    "trainee sees the replies in an order of their own.",
    )
    paths.add_argument("scenario", type=Path, help="a scenario YAML file")
    paths.add_argument("--limit", type=int, default=500,
                       help="list every path when there are at most this many (default 500)")
    paths.set_defaults(func=paths_command)


def _load(path: Path) -> Scenario | None:
    """Load and check a scenario, printing its problems to stderr if it is not playable."""
    scenario, problems = check_scenario_file(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    return None if problems else scenario


def describe_path(scenario: Scenario, decisions: tuple, ending: str) -> str:
    """One path as `node:A > node:B -> ending`, lettered in file order (not as shown)."""
    steps = " > ".join(f"{d.node_id}:{LETTERS[d.index]}" for d in decisions)
    return f"{steps} -> {ending}"


def paths_command(args: argparse.Namespace) -> int:
    """Print the paths of one scenario; exit code 1 if it cannot be played."""
    scenario = _load(args.scenario)
    if scenario is None:
        return 1
    paths, complete = representative_paths(scenario, limit=args.limit)
    total = count_paths(scenario)
    if complete:
        print(f"{scenario.id}: {total} paths to an ending")
    else:
        print(f"{scenario.id}: {total} paths to an ending; showing {len(paths)} that make every "
              "choice at least once, and a random sample")
    for path in sorted(paths, key=lambda p: (-path_score(scenario, p), len(p.decisions))):
        score = path_score(scenario, path)
        print(f"{score:5.1f}  {describe_path(scenario, path.decisions, path.ending)}")
    return 0
