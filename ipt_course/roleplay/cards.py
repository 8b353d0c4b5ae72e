"""The breakout cards in a notebook: each person opens only the card of their own role.

Shown together, the client's card (what to keep back until asked well) sits on everyone's
screen. The chooser shows no card until a role is chosen, then that role's card alone. A card
once opened is kept while another is shown, so an observer who looks at another card comes
back to the ticks and notes made so far.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.roleplay.breakout import ROLES, make_breakout_card
from ipt_course.roleplay.schema import Scenario
from ipt_course.roleplay.style import ROOT_CLASS, style_block

CHOICES = [(f"I am the {role}", role) for role in ROLES]
PROMPT = ("<p><strong>Which role are you playing?</strong> Choose it to open your card. Only "
          "your own card is shown: the client's card holds what the therapist must earn with "
          "good questions.</p>")


class BreakoutChooser(widgets.VBox):
    """"I am the client / the therapist / the observer", then that one card."""

    def __init__(self, scenario: Scenario, save_dir: Path | None = None) -> None:
        self._scenario = scenario
        self._save_dir = save_dir
        self._roles = widgets.ToggleButtons(options=CHOICES, value=None,
                                            style={"button_width": "auto"},
                                            tooltips=["Open the client's card",
                                                      "Open the therapist's card",
                                                      "Open the observer's checklist"])
        self._roles.observe(self._chosen, names="value")
        self._card = widgets.VBox()
        self._opened: dict[str, widgets.Widget] = {}
        super().__init__([style_block(), widgets.HTML(PROMPT), self._roles, self._card])
        self.add_class(ROOT_CLASS)
        self.add_class("ipt-breakout-chooser")

    @property
    def role(self) -> str | None:
        """The role whose card is open, or None before one is chosen."""
        return self._roles.value

    @property
    def card(self) -> widgets.Widget | None:
        """The open card, or None."""
        return self._card.children[0] if self._card.children else None

    def choose(self, role: str) -> None:
        """Open the card of ``role`` (client, therapist or observer), closing any other."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        self._roles.value = role

    def _chosen(self, change: dict[str, Any]) -> None:
        role = change["new"]
        if role is None:
            self._card.children = []
            return
        if role not in self._opened:
            self._opened[role] = make_breakout_card(self._scenario, role, save_dir=self._save_dir)
        self._card.children = [self._opened[role]]
