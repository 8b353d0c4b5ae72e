"""A description of the EPDS; it never reproduces the scale's items."""

from __future__ import annotations

import ipywidgets as widgets

from ipt_course.kit.render import SIGNPOSTING_HTML, box_html, escape

EPDS_FACTS: tuple[tuple[str, str], ...] = (
    (
        "What it is",
        "A 10-item self-report screening questionnaire for depression after "
        "childbirth, developed by Cox, Holden and Sagovsky (1987). It screens; it does not "
        "diagnose.",
    ),
    ("Time frame", "How the person has felt over the past 7 days."),
    (
        "Scoring",
        "Each item is scored 0 to 3, so totals run from 0 to 30. Some items are "
        "reverse-scored (items 3 and 5 to 10), so the scoring key matters: the highest-scoring "
        "answer is not always the last one listed.",
    ),
    (
        "Thresholds",
        "13 or more suggests possible depression and calls for a fuller "
        "assessment; some services use 10 or more as a more sensitive cut-off (Cox et al., 1987). "
        "Follow the threshold your service uses.",
    ),
    (
        "Item 10",
        "Item 10 asks about thoughts of self-harm. Any score above 0 on item 10 needs "
        "a risk assessment, whatever the total, and a score never replaces a clinical risk "
        "assessment.",
    ),
    (
        "Copyright",
        "The Royal College of Psychiatrists holds the copyright. An individual "
        "clinician may use copies in their own practice, citing the source, but republishing the "
        "scale needs the College's written permission: that is why this course describes it and "
        "does not show the items. Use the copy your service provides.",
    ),
)


def epds_overview_html() -> str:
    """The EPDS description as HTML: scale, scoring, thresholds, item 10 and copyright."""
    rows = "".join(
        f"<tr><th scope='row' style='text-align:left;vertical-align:top;padding:0.3em 0.8em "
        f"0.3em 0;white-space:nowrap'>{escape(title)}</th><td style='padding:0.3em 0'>"
        f"{escape(text)}</td></tr>"
        for title, text in EPDS_FACTS
    )
    return (
        "<div class='ipt-epds-overview' style='line-height:1.45'>"
        "<h3 style='margin:0.2em 0'>The Edinburgh Postnatal Depression Scale (EPDS)</h3>"
        f"<table style='border-collapse:collapse'>{rows}</table>"
        + box_html(
            "risk",
            "⚠ If item 10 is above 0: assess risk the same day",
            "<p style='margin:0.3em 0'>Ask directly about thoughts of self-harm and "
            "suicide, follow your service's risk policy and talk to your supervisor. "
            "A screening score never replaces a clinical risk assessment.</p>" + SIGNPOSTING_HTML,
        )
        + "<p style='color:#444;font-size:0.9em'>Source: Cox JL, Holden JM, Sagovsky R (1987). "
        "Detection of postnatal depression: development of the 10-item Edinburgh Postnatal "
        "Depression Scale. Br J Psychiatry 150:782-786.</p></div>"
    )


def epds_overview() -> widgets.HTML:
    """A widget describing the EPDS; it never reproduces any EPDS item wording."""
    return widgets.HTML(epds_overview_html())
