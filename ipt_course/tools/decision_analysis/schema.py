"""The decision aid's saved file: options, decisions and the document holding them, with limits.

The limits are the same for what a trainee types and what a file may hold, so a decision the
tool saved always opens again, and a paste too long for a box is refused with its length named
rather than cut short.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr, model_validator

from ipt_course.kit import records
from ipt_course.kit.records import RECORD_MESSAGES, distinct_ids, limited, required
from ipt_course.kit.records import new_id as new_id
from ipt_course.kit.records import tidy as tidy
from ipt_course.kit.saved import SavedDocument, SavedFileError

MAX_OPTIONS = 8
MAX_DECISIONS = 30
LIMITS: dict[str, int] = {
    "client": 40, "other": 80, "decision": 300, "name": 80, "for_client": 600, "for_other": 600,
    "matters": 800, "first_step": 800, "review_question": 300, "review_notes": 1500,
}
DECISION_FIELDS = ("client", "other", "decision", "matters", "first_step", "review_question",
                   "review_notes")
OPTION_FIELDS = ("name", "for_client", "for_other")


class DecisionError(ValueError):
    """An entry that cannot be accepted; the message says what to change."""


class DecisionFileError(DecisionError, SavedFileError):
    """A saved decision file cannot be read; the message names the key path and the problem."""


def _limited(key: str) -> Any:
    return limited(LIMITS, key)


class Option(BaseModel):
    """One of the client's options, with its likely consequences for the client and the other."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[StrictStr, AfterValidator(required)] = Field(max_length=LIMITS["name"])
    for_client: StrictStr = _limited("for_client")
    for_other: StrictStr = _limited("for_other")


def _distinct_names(options: tuple[Option, ...]) -> tuple[Option, ...]:
    names = [option.name.casefold() for option in options]
    if len(set(names)) != len(names):
        raise ValueError("each option needs a name of its own.")
    return options


class Decision(BaseModel):
    """One decision weighed with a client, from naming it to the review.

    ``choice`` is the name of the option chosen ('' until the client chooses); ``example``
    names the course example it began from ('' for the trainee's own).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: StrictStr = Field(pattern=r"^[a-z0-9-]{1,40}$")
    client: StrictStr = _limited("client")
    other: StrictStr = _limited("other")
    decision: StrictStr = _limited("decision")
    options: Annotated[tuple[Option, ...], AfterValidator(_distinct_names)] = Field(
        default=(), max_length=MAX_OPTIONS)
    matters: StrictStr = _limited("matters")
    choice: StrictStr = ""
    first_step: StrictStr = _limited("first_step")
    rehearsed: bool = False
    review_question: StrictStr = _limited("review_question")
    review_notes: StrictStr = _limited("review_notes")
    example: StrictStr = ""

    @model_validator(mode="after")
    def _choice_is_an_option(self) -> Self:
        if self.choice and self.choice not in [option.name for option in self.options]:
            raise ValueError("choice: expected the name of one of the options, or nothing.")
        return self

    @property
    def is_empty(self) -> bool:
        """True while nothing has been written in it."""
        return not self.options and not any(getattr(self, key) for key in DECISION_FIELDS)


class DecisionDocument(SavedDocument):
    """A saved file of decision analyses."""

    KIND: ClassVar[str] = "ipt-decision-analysis"
    WHAT: ClassVar[str] = "a decision analysis file"
    MESSAGES: ClassVar[dict[str, str]] = {
        **RECORD_MESSAGES,
        "bool_type": "expected true or false.",
        "string_too_long": "the text is longer than the aid allows.",
        "too_long": "more entries than the aid allows.",
    }

    decisions: Annotated[list[Decision], AfterValidator(distinct_ids("decision"))] = Field(
        default_factory=list, max_length=MAX_DECISIONS)


def check_length(key: str, value: str) -> None:
    """DecisionError when ``value`` is too long for the box ``key``, naming both lengths."""
    records.check_length(LIMITS, key, value, DecisionError)
