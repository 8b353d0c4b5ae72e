"""The strategy map widget: the whole course on one page, each part of it, and technique look-up."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.render import box_html, escape, render
from ipt_course.kit.vocabulary import technique_label
from ipt_course.kit.widgets import apply_theme, tidy_layout
from ipt_course.tools.strategy_map.model import OVERVIEW, StrategyMapModel

TEMPLATES = "tools/strategy_map/templates"
GROUPS = (("The phases, in order", "phase"),
          ("The problem area worked in the middle phase (one, at most two)", "area"),
          ("Through every phase", "thread"))
NOTEBOOK_NAME = re.compile(r"day(\d)/(\d\d)-")


def short_label(path: str) -> str:
    """'curriculum/day3/01-x.ipynb' -> 'Day 3, 01' (the full title goes in the tooltip)."""
    found = NOTEBOOK_NAME.search(path)
    return f"Day {found.group(1)}, {found.group(2)}" if found else Path(path).stem


class StrategyMapView(widgets.VBox):
    """The map: choose a part (``part``) to see it, choose a technique (``technique``) to find it.

    ``page`` shows the part chosen and ``technique_page`` where the technique is used; every
    link on them points to a file of the course that exists.
    """

    def __init__(self, root: Path | None = None, base: Path | None = None) -> None:
        self.model = StrategyMapModel(root=root, base=base)
        self.part = widgets.Dropdown(description="Part of the map", options=self.model.parts(),
                                     value=OVERVIEW, style={"description_width": "initial"})
        self.technique = widgets.Dropdown(
            description="Find a technique",
            options=[("(choose one)", ""),
                     *((t.label, t.id) for t in self.model.techniques_in_map())],
            value="", style={"description_width": "initial"})
        self.page = widgets.HTML()
        self.technique_page = widgets.HTML()
        self.notice = widgets.HTML(self._problems_html())
        # JupyterLab draws links in widget HTML like plain text; these must look clickable.
        intro = widgets.HTML(
            "<style>.ipt-strategy-map a {color: #1f4e79; text-decoration: underline}</style>"
            "<p>The map is built from the course itself: the notebooks, tools, role-plays and "
            "quiz items it links to are the ones in this copy of the course. Links open in a new "
            "tab.</p>")
        super().__init__([intro, self.notice, self.part, self.page, self.technique,
                          self.technique_page])
        self.add_class("ipt-strategy-map")
        apply_theme(self)
        tidy_layout(self)
        widgets.link((self.part, "value"), (self.model, "part"))
        widgets.link((self.technique, "value"), (self.model, "technique"))
        self.model.observe(self._show_part, names="part")
        self.model.observe(self._show_technique, names="technique")
        self._show_part()

    def _problems_html(self) -> str:
        if not self.model.index.problems:
            return ""
        items = "".join(f"<li>{escape(problem)}</li>" for problem in self.model.index.problems)
        return box_html("note", "Some of the course could not be read, so the map leaves it out",
                        f"<ul class='ipt-list'>{items}</ul>")

    def _show_part(self, _change: Any = None) -> None:
        strand = self.model.strand()
        if strand is None:
            links = {s.id: self.model.links(s.id) for s in self.model.data.strands}
            self.page.value = render(f"{TEMPLATES}/overview.html.j2", groups=GROUPS,
                                     strands=self.model.data.strands, links=links,
                                     href=self.model.href, short=short_label,
                                     label=technique_label)
        else:
            self.page.value = render(f"{TEMPLATES}/strand.html.j2", strand=strand,
                                     links=self.model.links(strand.id), href=self.model.href,
                                     label=technique_label)

    def _show_technique(self, _change: Any = None) -> None:
        use = self.model.technique_use()
        self.technique_page.value = "" if use is None else render(
            f"{TEMPLATES}/technique.html.j2", use=use, href=self.model.href)
