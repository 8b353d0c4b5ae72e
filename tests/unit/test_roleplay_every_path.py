"""Every path of every curriculum scenario, walked through the engine's model one by one.

The widget test walks a covering set of paths through the buttons; this one leaves none out.
It walks the graph depth first with the model's own choose / continue / back, so each path is
played exactly as a trainee would play it, and checks where it ends and the score it gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ipt_course.roleplay.graph import count_paths
from ipt_course.roleplay.model import RolePlayModel
from ipt_course.roleplay.schema import QUALITY_CREDIT, load_scenario

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(REPO.glob("curriculum/day*/scenarios/*.yaml"))

pytestmark = pytest.mark.exhaustive


def _walk_every_path(model: RolePlayModel) -> int:
    """Play every path from the model's current node; return how many endings were reached."""
    endings = 0
    credits: list[float] = []

    def visit() -> None:
        nonlocal endings
        if model.is_ended:
            expected = round(100 * sum(credits) / len(credits), 1)
            assert model.score() == expected, [e.node_id for e in model.history]
            assert model.node.ending.title
            endings += 1
            return
        model.reveal_choices()
        for index, choice in enumerate(model.node.choices):
            model.choose(index)
            credits.append(QUALITY_CREDIT[choice.quality])
            model.continue_()
            visit()
            model.back()
            credits.pop()

    visit()
    return endings


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_path_ends_at_an_ending_with_its_score(path: Path) -> None:
    scenario = load_scenario(path)
    model = RolePlayModel(scenario)
    assert _walk_every_path(model) == count_paths(scenario)
