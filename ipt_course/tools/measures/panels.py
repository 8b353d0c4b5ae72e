"""What a scorer shows under the form: the result, the risk flag and the standing note."""

from __future__ import annotations

from ipt_course.kit.render import box_html, escape, render
from ipt_course.tools.measures.model import MeasureModel
from ipt_course.tools.measures.scales import ITEM9_STANDING_NOTE, RESPONSES, Measure

TEMPLATES = "tools/measures/templates"


def risk_flag_html(item_score: int) -> str:
    """The prominent warning shown whenever PHQ-9 item 9 is above 0."""
    body = render(f"{TEMPLATES}/risk_flag.html.j2", score=item_score,
                  response=dict(RESPONSES)[item_score])
    return box_html("risk", "⚠ Risk flag: PHQ-9 item 9 is above 0", body, role="alert")


def standing_note_html() -> str:
    """The note shown on every PHQ-9, whatever item 9 says."""
    return box_html("note", "Item 9 alone never settles risk",
                    f"<p>{escape(ITEM9_STANDING_NOTE)}</p>")


def result_html(sheet: MeasureModel) -> str:
    """Total, band and (for PHQ-9) NICE grouping, or which items are still missing."""
    measure = sheet.measure
    if not sheet.complete:
        return box_html(
            "info", f"No total yet: answer every item to see the {measure.name} score",
            render(f"{TEMPLATES}/missing.html.j2", missing=sheet.missing), role="status")
    body = render(f"{TEMPLATES}/result.html.j2", sheet=sheet, measure=measure)
    return box_html("ok", f"{measure.name} result", body, role="status")


def bands_html(measure: Measure) -> str:
    """A one-line summary of the severity bands."""
    return escape("; ".join(f"{band.low}-{band.high} {band.label}" for band in measure.bands))
