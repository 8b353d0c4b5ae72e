"""The worksheet's saved file: lines, worksheets and the document holding them, with their limits.

The limits are the same for what a trainee types and what a file may hold, so a worksheet the
tool saved always opens again, and a paste too long for a box is refused with its length named
rather than cut short.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

from ipt_course.kit import records
from ipt_course.kit.records import RECORD_MESSAGES, distinct_ids, limited, required
from ipt_course.kit.records import new_id as new_id
from ipt_course.kit.records import tidy as tidy
from ipt_course.kit.saved import SavedDocument, SavedFileError

MAX_LINES = 40
MAX_WORKSHEETS = 30
LIMITS: dict[str, int] = {
    "title": 80, "client": 40, "speaker": 40, "said": 600, "how": 200, "meant": 600,
    "landed": 600, "alternative": 600, "scene": 1500, "feelings": 1500, "afterwards": 1500,
    "script": 3000,
}
WORKSHEET_FIELDS = ("title", "client", "scene", "feelings", "afterwards", "script")
LINE_FIELDS = ("speaker", "said", "how", "meant", "landed", "alternative")


class WorksheetError(ValueError):
    """An entry that cannot be accepted; the message says what to change."""


class WorksheetFileError(WorksheetError, SavedFileError):
    """A saved worksheet file cannot be read; the message names the key path and the problem."""


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _limited(key: str) -> Any:
    return limited(LIMITS, key)


class Line(BaseModel):
    """One line of the exchange: who spoke, the words and manner, meaning, impact, problems."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    speaker: Annotated[StrictStr, AfterValidator(required)] = Field(max_length=LIMITS["speaker"])
    said: Annotated[StrictStr, AfterValidator(required)] = Field(max_length=LIMITS["said"])
    how: StrictStr = _limited("how")
    meant: StrictStr = _limited("meant")
    landed: StrictStr = _limited("landed")
    problems: Annotated[tuple[StrictStr, ...], AfterValidator(_unique)] = ()
    alternative: StrictStr = _limited("alternative")


class Analysis(BaseModel):
    """One worksheet: the exchange, its lines, what followed, and the rehearsal script.

    ``example`` names the course example it began from ('' for the trainee's own).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: StrictStr = Field(pattern=r"^[a-z0-9-]{1,40}$")
    title: StrictStr = _limited("title")
    client: StrictStr = _limited("client")
    scene: StrictStr = _limited("scene")
    lines: tuple[Line, ...] = Field(default=(), max_length=MAX_LINES)
    feelings: StrictStr = _limited("feelings")
    afterwards: StrictStr = _limited("afterwards")
    script: StrictStr = _limited("script")
    example: StrictStr = ""

    @property
    def is_empty(self) -> bool:
        """True while nothing has been written in it."""
        return not self.lines and not any(getattr(self, key) for key in WORKSHEET_FIELDS)


class WorksheetDocument(SavedDocument):
    """A saved file of communication analysis worksheets."""

    KIND: ClassVar[str] = "ipt-communication-analysis"
    WHAT: ClassVar[str] = "a communication analysis file"
    MESSAGES: ClassVar[dict[str, str]] = {
        **RECORD_MESSAGES,
        "string_too_long": "the text is longer than the worksheet allows.",
        "too_long": "more entries than the worksheet allows.",
    }

    analyses: Annotated[list[Analysis], AfterValidator(distinct_ids("worksheet"))] = Field(
        default_factory=list, max_length=MAX_WORKSHEETS)


def check_length(key: str, value: str) -> None:
    """WorksheetError when ``value`` is too long for the box ``key``, naming both lengths."""
    records.check_length(LIMITS, key, value, WorksheetError)
