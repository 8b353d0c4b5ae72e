"""The tracker's wording and fixed content (``data/tracker.yaml``), checked as it is read.

The choice ids (a case's status, the consent, the report, how and how often supervision runs)
are fixed here because trainees' saved files store them; the YAML gives each one its label and
must label every one, so a missing or unknown id fails with the file and the key.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ipt_course.kit.datafile import load_data

CHOICES: dict[str, tuple[str, ...]] = {
    "status": ("not_started", "in_treatment", "finished", "ended_early"),
    "consent": ("not_asked", "verbal", "written", "declined", "withdrawn"),
    "report": ("not_started", "drafting", "submitted"),
    "supervision_by": ("not_arranged", "teams", "telephone", "in_person"),
    "frequency": ("not_agreed", "weekly", "fortnightly", "monthly"),
}
MESSAGE_KEYS = (
    "no_start", "eligibility", "supervisor", "supervision_by", "frequency", "supervision_behind",
    "recordings_asked", "cases_missing", "overdue", "late_finish", "late_start", "same_area",
    "sensitivities_first", "ended_early", "no_case_start", "over_contract", "finished_short",
    "measures_behind", "measures_over", "recordings_over_held", "submitted_over_made",
    "no_consent_recorded", "consent_verbal", "consent_declined", "consent_withdrawn",
    "consent_not_asked", "none_submitted", "fewer_than_asked", "report_due")

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Banner(_Spec):
    """The box at the top of the tool and the printed page."""

    title: Text
    text: Text


class Requirement(_Spec):
    """One thing Level B asks for, as the syllabus describes it."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    title: Text
    text: Text


class ExampleCase(_Spec):
    """One case of the worked example; an empty mapping is a case not started."""

    focus: str = ""
    status: str = "not_started"
    started_weeks_ago: int | None = Field(None, ge=0, le=60)
    sessions_contracted: int = Field(16, ge=1, le=30)
    sessions_held: int = Field(0, ge=0, le=40)
    sessions_measured: int = Field(0, ge=0, le=40)
    consent: str = "not_asked"
    recordings_made: int = Field(0, ge=0, le=40)
    recordings_submitted: int = Field(0, ge=0, le=40)
    report: str = "not_started"


class Example(_Spec):
    """A worked example the trainee can load into an empty tracker."""

    title: Text
    note: Text
    started_weeks_ago: int = Field(ge=0, le=60)
    eligibility_confirmed: bool
    supervisor_approved: bool
    supervision_by: str
    frequency: str
    supervision_sessions: int = Field(ge=0, le=200)
    recordings_asked: int = Field(ge=0, le=40)
    cases: tuple[ExampleCase, ...] = Field(min_length=1, max_length=8)


class Content(_Spec):
    """Everything the tracker says, and Level B's figures as the syllabus gives them."""

    banner: Banner
    privacy: Text
    cases: int = Field(ge=1, le=8)
    months: int = Field(ge=1, le=36)
    requirements: tuple[Requirement, ...] = Field(min_length=1)
    labels: dict[str, dict[str, Text]]
    messages: dict[str, Text]
    example: Example

    @model_validator(mode="after")
    def _complete(self) -> Content:
        for group, ids in CHOICES.items():
            given = self.labels.get(group)
            if given is None:
                raise ValueError(f"labels.{group}: this group of labels is missing.")
            missing = [choice for choice in ids if choice not in given]
            unknown = [choice for choice in given if choice not in ids]
            if missing or unknown:
                raise ValueError(f"labels.{group}: expected labels for exactly "
                                 f"{', '.join(ids)} (missing: {', '.join(missing) or 'none'}; "
                                 f"unknown: {', '.join(unknown) or 'none'}).")
        missing = [key for key in MESSAGE_KEYS if key not in self.messages]
        if missing:
            raise ValueError(f"messages: missing {', '.join(missing)}.")
        for key, value in self._example_choices():
            if value not in CHOICES[key]:
                raise ValueError(f"example: {value!r} is not one of the {key} ids.")
        return self

    def _example_choices(self) -> list[tuple[str, Any]]:
        found = [("supervision_by", self.example.supervision_by),
                 ("frequency", self.example.frequency)]
        for case in self.example.cases:
            found += [("status", case.status), ("consent", case.consent),
                      ("report", case.report)]
        return found

    def label(self, group: str, choice: str) -> str:
        """The label the trainee reads for ``choice`` in ``group``."""
        return self.labels[group][choice]

    def options(self, group: str) -> list[tuple[str, str]]:
        """(label, id) pairs for a dropdown, in the tool's order."""
        return [(self.labels[group][choice], choice) for choice in CHOICES[group]]


@cache
def tracker_content() -> Content:
    """The packaged ``data/tracker.yaml``, checked."""
    return load_data("ipt_course.tools.level_b", "tracker.yaml", Content)
