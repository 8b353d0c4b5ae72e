"""From a referral's features to each criterion's status, its reason and the verdict. Pure.

Each criterion's status comes from the option chosen (the data says which status and why). Two
rules join features: a PHQ-9 item 9 above 0 is always named beside the risk, and contradicts an
entry of "no current thoughts" (the risk is then still to find out). Severity is a note, never
counted: the course's sources give no PHQ-9 range for a training case. The heaviest status of
any criterion is the verdict; nothing here decides for the trainee and their supervisor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipt_course.tools.training_cases.criteria import WEIGHT, Criteria, Features, Status

_IDENTIFYING: dict[str, re.Pattern[str]] = {
    "nhs_number": re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b"),
    "date": re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"),
    "postcode": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE),
    "email": re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b"),
    "phone": re.compile(r"(?:\+44\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b"),
    "titled_name": re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z'-]+"),
}


@dataclass(frozen=True)
class Row:
    """One criterion worked out for a referral: what was chosen, its status and why."""

    id: str
    title: str
    chosen: str
    status: Status
    reason: str


@dataclass(frozen=True)
class Result:
    """Every row for a referral and the verdict they add up to."""

    rows: list[Row]
    verdict: Status

    def titles(self, status: Status) -> list[str]:
        """The titles of the rows with this status."""
        return [row.title for row in self.rows if row.status == status]


def severity_row(criteria: Criteria, features: Features) -> Row:
    """The PHQ-9 row: the band and NICE's indicator, never counted for or against the case."""
    severity = criteria.severity
    if features.phq9 is None:
        return Row("severity", severity.title, "Not known", "open", severity.unknown)
    side = "at or above" if features.phq9 >= severity.nice_split else "below"
    chosen = (f"{features.phq9} of 27: {severity.band(features.phq9)} (Kroenke et al., 2001); "
              f"{side} NICE NG222's indicator of {severity.nice_split}")
    return Row("severity", severity.title, chosen, "note", severity.known)


def risk_row(criteria: Criteria, features: Features) -> Row:
    """The risk row, with PHQ-9 item 9 named beside it whenever it is above 0."""
    criterion = criteria.criterion("risk")
    option = criterion.option(features.risk)
    status: Status = option.status
    reason = option.reason
    if features.item9:
        if features.risk == "none":
            status = "open"
            reason = criteria.severity.item9_conflict.format(score=features.item9)
        else:
            reason = f"{reason} {criteria.severity.item9.format(score=features.item9)}"
    return Row("risk", criterion.title, option.label, status, reason)


def evaluate(criteria: Criteria, features: Features) -> Result:
    """Every criterion for the referral, in the data's order, then severity; and the verdict."""
    rows = []
    for criterion in criteria.criteria:
        if criterion.id == "risk":
            rows.append(risk_row(criteria, features))
            continue
        option = criterion.option(features.choice(criterion.id))
        rows.append(Row(criterion.id, criterion.title, option.label, option.status,
                        option.reason))
    rows.append(severity_row(criteria, features))
    counted = {row.status for row in rows}
    return Result(rows, next((status for status in WEIGHT if status in counted), "fits"))


def identifying_details(text: str) -> list[str]:
    """The kinds of identifying detail a description seems to contain (names of patterns)."""
    return [kind for kind, pattern in _IDENTIFYING.items() if pattern.search(text)]
