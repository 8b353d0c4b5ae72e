"""What a scorer shows under the form: the result, the risk flag and the standing note."""

from __future__ import annotations

from ipt_course.kit.render import SIGNPOSTING_HTML, box_html, escape
from ipt_course.tools.measures.model import ScoreSheet
from ipt_course.tools.measures.scales import ITEM9_STANDING_NOTE, RESPONSES, Measure


def risk_flag_html(item_score: int) -> str:
    """The prominent warning shown whenever PHQ-9 item 9 is above 0."""
    response = dict(RESPONSES)[item_score]
    body = (
        f"<p style='margin:0.3em 0'>Item 9 was answered <b>{item_score} "
        f"(\u2018{escape(response.lower())}\u2019)</b>: thoughts of being better off dead or of "
        "self-harm. <b>Carry out a risk assessment now</b>, in this contact: ask directly about "
        "suicidal thoughts, plans, intent, means and what keeps the person safe, and follow "
        "your service's risk policy.</p>"
        "<p style='margin:0.3em 0'><b>A questionnaire score never replaces a clinical risk "
        "assessment.</b> The total does not tell you how safe someone is.</p>"
        f"{SIGNPOSTING_HTML}"
    )
    return box_html("risk", "⚠ Risk flag: PHQ-9 item 9 is above 0", body, role="alert")


def standing_note_html() -> str:
    """The note shown on every PHQ-9, whatever item 9 says."""
    return box_html(
        "note",
        "Item 9 alone never settles risk",
        f"<p style='margin:0.3em 0'>{escape(ITEM9_STANDING_NOTE)}</p>",
    )


def result_html(sheet: ScoreSheet) -> str:
    """Total, band and (for PHQ-9) NICE grouping, or which items are still missing."""
    measure = sheet.measure
    if not sheet.complete:
        missing = ", ".join(str(number) for number in sheet.missing)
        plural = "s" if len(sheet.missing) > 1 else ""
        return box_html(
            "info",
            f"No total yet: answer every item to see the {measure.name} score",
            f"<p style='margin:0.3em 0'>Still to answer: item{plural} {escape(missing)}. "
            "A total from a part-completed form would understate severity.</p>",
            role="status",
        )
    lines = [
        f"<p style='margin:0.3em 0;font-size:1.15em'><b>Total {sheet.total} of "
        f"{measure.max_total}</b>: {escape(sheet.band)} "
        f"{escape(measure.name)} severity range.</p>"
    ]
    if sheet.nice_group:
        lines.append(
            f"<p style='margin:0.3em 0'>NICE NG222 (2022) grouping: <b>{sheet.nice_group} "
            "depression</b> (PHQ-9 below 16 = less severe; 16 or above = more severe).</p>"
        )
    lines.append(
        "<p style='margin:0.3em 0;color:#444'>A score supports clinical judgement and helps "
        "track change; it is not a diagnosis.</p>"
    )
    return box_html("ok", f"{measure.name} result", "".join(lines), role="status")


def bands_html(measure: Measure) -> str:
    """A one-line summary of the severity bands."""
    parts = [f"{band.low}-{band.high} {band.label}" for band in measure.bands]
    return escape("; ".join(parts))
