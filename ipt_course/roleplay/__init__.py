"""Branching role-plays for practising IPT: play a scenario, or hand out breakout cards.

In a notebook::

    from ipt_course.roleplay import play, breakout_cards
    play("scenarios/first-session.yaml")
    breakout_cards("scenarios/first-session.yaml")   # each person opens their own card

Paths are relative to the current working directory (the notebook's folder).
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from ipt_course.problems import Problem
from ipt_course.roleplay.schema import Scenario
from ipt_course.roleplay.style import ROOT_CLASS, style_block
from ipt_course.roleplay.view import RolePlayView, html_text

__all__ = ["RolePlayView", "breakout_card", "breakout_cards", "play"]


def _load_playable(path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """Load a scenario relative to the working directory and check that it can be played."""
    from ipt_course.roleplay.validation import check_scenario_file

    # Outcome ids are checked by `ipt-course validate`; here only playability matters.
    return check_scenario_file(Path.cwd() / Path(path), display_name=str(path))


def problems_panel(problems: list[Problem]) -> widgets.VBox:
    """A readable panel listing why a scenario cannot be shown."""
    items = "".join(f"<li>{html_text(str(problem))}</li>" for problem in problems)
    panel = widgets.VBox([style_block(), widgets.HTML(
        '<div role="alert"><p><strong>This role-play cannot be shown yet.</strong> '
        f"Please tell your trainer about these problems:</p><ul>{items}</ul></div>"
    )])
    panel.add_class(ROOT_CLASS)
    return panel


def play(path: str | Path, projector: bool = False) -> widgets.VBox:
    """The role-play widget for the scenario at ``path``, replies in this trainee's own order.

    ``projector=True`` gives large type and the room's order of the day, the same for every
    viewer of a shared screen.
    """
    scenario, problems = _load_playable(path)
    if scenario is None:
        return problems_panel(problems)
    return RolePlayView(scenario, projector=projector)


def breakout_card(path: str | Path, role: str, projector: bool = False) -> widgets.VBox:
    """Only the ``role`` card ("client", "therapist" or "observer") of the scenario at ``path``."""
    from ipt_course.roleplay.breakout import make_breakout_card

    scenario, problems = _load_playable(path)
    if scenario is None:
        return problems_panel(problems)
    return make_breakout_card(scenario, role, projector=projector)


def breakout_cards(path: str | Path) -> widgets.VBox:
    """The breakout cards of the scenario at ``path``: a role to choose, then its card alone."""
    from ipt_course.roleplay.cards import BreakoutChooser

    scenario, problems = _load_playable(path)
    if scenario is None:
        return problems_panel(problems)
    if scenario.breakout is None:
        return widgets.HTML(f"<p>The scenario {html_text(scenario.title)} has no breakout "
                            "cards.</p>")
    return BreakoutChooser(scenario)
