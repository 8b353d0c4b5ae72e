"""A description of the EPDS (data/epds.yaml); it never reproduces the scale's items."""

from __future__ import annotations

from importlib import resources

import ipywidgets as widgets
import yaml

from ipt_course.kit.render import box_html, render, signposting_html, trusted
from ipt_course.kit.widgets import THEME_CLASS, THEME_CSS


def _facts() -> tuple[tuple[str, str], ...]:
    text = resources.files("ipt_course.tools.measures").joinpath("data", "epds.yaml")
    facts = yaml.safe_load(text.read_text("utf-8"))["facts"]
    return tuple((fact["title"], " ".join(fact["text"].split())) for fact in facts)


EPDS_FACTS = _facts()


def epds_overview_html() -> str:
    """The EPDS description as HTML: scale, scoring, thresholds, item 10 and copyright."""
    risk_box = box_html(
        "risk", "⚠ If item 10 is above 0: assess risk the same day",
        "<p>Ask directly about thoughts of self-harm and suicide, follow your service's risk "
        "policy and talk to your supervisor. A screening score never replaces a clinical risk "
        "assessment.</p>" + signposting_html())
    return render("tools/measures/templates/epds.html.j2",
                  facts=[{"title": title, "text": text} for title, text in EPDS_FACTS],
                  risk_box=trusted(risk_box))


def epds_overview() -> widgets.HTML:
    """A widget describing the EPDS; it never reproduces any EPDS item wording.

    It carries the tools' stylesheet itself, as it is often shown on its own.
    """
    card = widgets.HTML(THEME_CSS + epds_overview_html())
    card.add_class(THEME_CLASS)
    return card
