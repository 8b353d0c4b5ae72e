"""What the tracker saves: Level B's set-up and supervision, and each case's counts and choices.

No free text is stored, on purpose: cases are numbered, never named, so nothing that identifies
a client can end up in a file beside the notebook.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ipt_course.kit.saved import SavedDocument, SavedFileError, whole_number
from ipt_course.kit.vocabulary import problem_areas

MAX_CASES = 8
CASE_FIELDS = ("focus", "status", "started", "sessions_contracted", "sessions_held",
               "sessions_measured", "consent", "recordings_made", "recordings_submitted", "report")
SET_UP_FIELDS = ("started", "eligibility_confirmed", "supervisor_approved", "supervision_by",
                 "frequency", "supervision_sessions", "recordings_asked")


def _iso_or_blank(value: str) -> str:
    if value:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"expected a date written as YYYY-MM-DD, got {value!r}.") from None
    return value


def _known_area(value: str) -> str:
    if value and value not in problem_areas():
        raise ValueError(f"expected one of {', '.join(problem_areas())} (or blank), "
                         f"got {value!r}.")
    return value


IsoDate = Annotated[str, AfterValidator(_iso_or_blank)]
Sessions = Annotated[int, whole_number(0, 40, lenient=True)]


class LevelBFileError(SavedFileError):
    """A saved tracker file cannot be used; the message names the key and the problem."""


class CaseRecord(BaseModel):
    """One training case: its focus, where it stands, and its counts."""

    model_config = ConfigDict(extra="forbid")

    focus: Annotated[str, AfterValidator(_known_area)] = ""
    status: Literal["not_started", "in_treatment", "finished", "ended_early"] = "not_started"
    started: IsoDate = ""
    sessions_contracted: Annotated[int, whole_number(1, 30, lenient=True)] = 16
    sessions_held: Sessions = 0
    sessions_measured: Sessions = 0
    consent: Literal["not_asked", "verbal", "written", "declined", "withdrawn"] = "not_asked"
    recordings_made: Sessions = 0
    recordings_submitted: Sessions = 0
    report: Literal["not_started", "drafting", "submitted"] = "not_started"

    @property
    def active(self) -> bool:
        """True once the case has started (in treatment, finished or ended early)."""
        return self.status != "not_started"


def blank_cases(count: int) -> list[CaseRecord]:
    """``count`` cases, none started."""
    return [CaseRecord() for _ in range(count)]


class LevelBDocument(SavedDocument):
    """The saved tracker (``kind: ipt-level-b-tracker``)."""

    KIND = "ipt-level-b-tracker"
    WHAT = "a Level B tracker file"
    MESSAGES: ClassVar[dict[str, str]] = {
        "literal_error": "that choice is not one the tracker offers.",
        "bool_type": "expected true or false.",
        "list_type": "expected a list of cases."}

    started: IsoDate = ""
    eligibility_confirmed: bool = False
    supervisor_approved: bool = False
    supervision_by: Literal["not_arranged", "teams", "telephone", "in_person"] = "not_arranged"
    frequency: Literal["not_agreed", "weekly", "fortnightly", "monthly"] = "not_agreed"
    supervision_sessions: Annotated[int, whole_number(0, 200, lenient=True)] = 0
    recordings_asked: Annotated[int, whole_number(0, 40, lenient=True)] = 0
    cases: list[CaseRecord] = Field(default_factory=lambda: blank_cases(4), max_length=MAX_CASES)
