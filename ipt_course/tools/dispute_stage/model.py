"""The dispute stage aid's state: the answers being given, the cases kept, and saving. No widgets.

Every save is made to the newest saved file under its lock, so two kernels with the aid open
(a notebook opened twice, or a notebook and a Voila page) keep each other's cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, ClassVar

import traitlets
from pydantic import AfterValidator, ConfigDict, Field, StrictStr

from ipt_course.kit.saved import SavedDocument, SavedFileError, SavedWork, Status
from ipt_course.kit.vocabulary import dispute_stages
from ipt_course.tools.dispute_stage.guide import QUESTION_IDS, SAFETY_ANSWERS
from ipt_course.tools.dispute_stage.rules import (
    ANSWER_LABELS,
    Staging,
    judgement_note,
    stage_dispute,
    stage_labels,
)

NAME_LIMIT = 40
WHY_LIMIT = 2000
MAX_CASES = 30
JUDGEMENTS = ("", *dispute_stages(), "unclear")


class DisputeStageError(ValueError):
    """A case cannot be kept as it stands; the message says what to change."""


class DisputeStageFileError(SavedFileError):
    """A saved dispute stage file cannot be read; the message names the key path and the problem."""


def _one_of(allowed: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in allowed:
            shown = ", ".join(repr(a) for a in allowed)
            raise ValueError(f"expected one of {shown}.")
        return value

    return check


def _answers(answers: dict[str, str]) -> dict[str, str]:
    for key, value in answers.items():
        if key not in QUESTION_IDS:
            raise ValueError(f"unknown question {key!r}; expected {', '.join(QUESTION_IDS)}.")
        if value not in ANSWER_LABELS:
            raise ValueError(f"{key}: expected yes, no or unsure, got {value!r}.")
    return answers


def _limited(limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(f"expected at most {limit} characters, got {len(value)}.")
        return value

    return check


@dataclass
class Case:
    """One dispute as the trainee staged it: the client, the answers, their own judgement.

    The field types are also the rules a saved case must meet.
    """

    __pydantic_config__ = ConfigDict(extra="forbid")

    client: Annotated[StrictStr, AfterValidator(_limited(NAME_LIMIT))] = ""
    safety: Annotated[StrictStr, AfterValidator(_one_of(("", *SAFETY_ANSWERS)))] = ""
    answers: Annotated[dict[str, StrictStr], AfterValidator(_answers)] = field(
        default_factory=dict)
    judgement: Annotated[StrictStr, AfterValidator(_one_of(JUDGEMENTS))] = ""
    why: Annotated[StrictStr, AfterValidator(_limited(WHY_LIMIT))] = ""

    def staging(self) -> Staging:
        """What the aid makes of this case's answers."""
        return stage_dispute(self.safety, self.answers)

    def describe(self) -> str:
        """One line for the list of kept cases: 'Nadia · suggested: Renegotiation · ...'."""
        staging = self.staging()
        suggested = {"stage": f"suggested: {staging.stage_label}", "safety": "safety first",
                     "ask": "ask about safety first"}.get(staging.outcome, "no stage suggested")
        judged = stage_labels().get(self.judgement, "not yet clear" if self.judgement else "")
        parts = [self.client or "(no name)", suggested]
        if judged:
            parts.append(f"your judgement: {judged}")
        return " · ".join(parts)

    def same_as(self, other: Case) -> bool:
        """True when the two cases hold the same client (ignoring case) and the same answers."""
        return (replace(self, client=self.client.casefold())
                == replace(other, client=other.client.casefold()))


class DisputeStageDocument(SavedDocument):
    """A saved dispute stage file: the case being worked on and the cases kept."""

    KIND: ClassVar[str] = "ipt-dispute-stage"
    WHAT: ClassVar[str] = "a dispute stage file"
    MESSAGES: ClassVar[dict[str, str]] = {
        "string_type": "expected text.",
        "list_type": "expected a list of cases.",
        "dict_type": "expected a mapping.",
        "dataclass_type": "expected one case with its answers.",
        "unexpected_keyword_argument": "not a field of a case.",
    }

    current: Case = Field(default_factory=Case)
    cases: list[Case] = Field(default_factory=list)


DRAFT = ("client", "safety", "answers", "judgement", "why")
Edit = Callable[[list[Case]], list[Case]]


class DisputeStageModel(SavedWork):
    """The answers being given, what the aid makes of them, and the cases kept."""

    work_name = "dispute stage answers"
    unsaved_name = "answers"
    fresh_start = "a new empty aid"

    client = traitlets.Unicode("", help="The client's first name (a fictional client).")
    safety = traitlets.Enum(["", *SAFETY_ANSWERS], "", help="The answer to the safety "
                            "question ('' while it is unanswered).")
    answers = traitlets.Dict(value_trait=traitlets.Enum(list(ANSWER_LABELS)),
                             help="Question id -> yes, no or unsure; unanswered are absent.")
    judgement = traitlets.Enum(list(JUDGEMENTS), "", help="The stage the trainee judges it to "
                               "be, 'unclear', or '' when not recorded.")
    why = traitlets.Unicode("", help="What the trainee bases the judgement on.")
    staging = traitlets.Instance(Staging, help="What the aid makes of the answers now.")
    cases = traitlets.List(traitlets.Instance(Case), help="The cases kept, in the order kept.")

    def __init__(self, save_path: str | Path | None = "my-dispute-stage.json",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._quiet = False
        self.staging = stage_dispute("", {})
        document = self.open_document(save_path or None, DisputeStageDocument,
                                      DisputeStageFileError)
        if document is not None:
            self._take(document)
            self.show(document.current, save=False)
            self.status = Status(f"Loaded your answers and {_cases(len(self.cases))} from "
                                 f"{self.file.path.name}.", "ok")
        self.observe(self._changed, names=list(DRAFT))

    @property
    def save_path(self) -> Path | None:
        """Where the answers are saved (None when saving is off)."""
        return self.file.path if self.file is not None else None

    @property
    def current(self) -> Case:
        """The case being worked on, as it stands."""
        return Case(self.client, self.safety, dict(self.answers), self.judgement, self.why)

    def judgement_note(self) -> str:
        """What the aid says about the trainee's judgement against its suggestion."""
        return judgement_note(self.judgement, self.staging)

    def show(self, case: Case, save: bool = True) -> None:
        """Put ``case`` in the aid to look at or change (saved as the case being worked on)."""
        self._quiet = True
        try:
            for key in DRAFT:
                setattr(self, key, getattr(case, key))
        finally:
            self._quiet = False
        self.staging = case.staging()
        if save:
            self._save(list, "")

    def answer(self, question_id: str, value: str) -> None:
        """Record one staging answer ('' clears it)."""
        answers = {key: v for key, v in self.answers.items() if key != question_id}
        if value:
            answers[question_id] = value
        self.answers = answers

    def _changed(self, change: dict[str, Any]) -> None:
        if change["name"] in ("safety", "answers"):
            self.staging = stage_dispute(self.safety, dict(self.answers))
        if self._quiet:
            return
        too_long = self._too_long()
        if too_long:
            self.status = Status(f"{too_long} Your answers are not saved until it is shorter; "
                                 "everything you typed is still here.", "warning")
            return
        self._save(list, "")

    # -- the kept cases ------------------------------------------------------------------
    def keep(self) -> Case:
        """Keep the case being worked on as a new entry. Raises DisputeStageError if it cannot."""
        case = self._ready()

        def add(cases: list[Case]) -> list[Case]:
            if any(case.same_as(kept) for kept in cases):
                raise DisputeStageError(f"This case for {case.client} is already kept.")
            if len(cases) >= MAX_CASES:
                raise DisputeStageError(f"Up to {MAX_CASES} cases can be kept; delete one first.")
            return [*cases, case]

        self._save(add, f"Kept the case for {case.client}.")
        return case

    def update(self, index: int | None) -> Case:
        """Replace the kept case at ``index`` with the case being worked on."""
        old, case = self._kept(index), self._ready()

        def change(cases: list[Case]) -> list[Case]:
            # Another kernel may have changed or deleted it since: then it is kept as new.
            where = next((i for i, kept in enumerate(cases) if kept == old), None)
            if where is None:
                return [*cases, case]
            return [*cases[:where], case, *cases[where + 1:]]

        self._save(change, f"Saved the changes to the case for {case.client}.")
        return case

    def delete(self, index: int | None) -> Case:
        """Delete the kept case at ``index``."""
        old = self._kept(index)
        self._save(lambda cases: [kept for kept in cases if kept != old],
                   f"Deleted the case for {old.client or '(no name)'}.")
        return old

    def _kept(self, index: int | None) -> Case:
        if index is None or not 0 <= index < len(self.cases):
            raise DisputeStageError("Pick a case from the list of kept cases first.")
        return self.cases[index]

    def _too_long(self) -> str:
        """What is too long to save ('' when nothing is)."""
        if len(self.client) > NAME_LIMIT:
            return (f"Keep the client's name to {NAME_LIMIT} characters or fewer (it has "
                    f"{len(self.client)}).")
        if len(self.why) > WHY_LIMIT:
            return (f"Keep what you base your judgement on to {WHY_LIMIT} characters or fewer "
                    f"(it has {len(self.why)}).")
        return ""

    def _ready(self) -> Case:
        too_long = self._too_long()
        if too_long:
            raise DisputeStageError(too_long)
        case = replace(self.current, client=" ".join(self.client.split()))
        if not case.client:
            raise DisputeStageError("Give the client's first name, so you can tell the cases "
                                    "apart.")
        if not case.safety:
            raise DisputeStageError("Answer the safety question first.")
        return case

    # -- saving --------------------------------------------------------------------------
    def to_document(self) -> DisputeStageDocument:
        """The answers and the kept cases in their saved form."""
        return DisputeStageDocument.model_construct(current=self.current,
                                                    cases=list(self.cases))

    def _take(self, document: DisputeStageDocument) -> None:
        self.cases = list(document.cases)

    def _save(self, edit: Edit, done: str) -> None:
        """Apply ``edit`` to the newest saved cases, save them with the case being worked on,
        and say what was ``done``. An error from ``edit`` leaves everything as it was."""
        def change(on_disk: DisputeStageDocument) -> DisputeStageDocument:
            cases = edit(list(on_disk.cases))
            # An entry too long to read back is never written; the saved one stays.
            current = on_disk.current if self._too_long() else self.current
            return DisputeStageDocument.model_construct(current=current, cases=cases)

        self.save_change(change, done, self._take)


def _cases(count: int) -> str:
    return "1 kept case" if count == 1 else f"{count} kept cases"
