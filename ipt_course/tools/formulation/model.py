"""The formulation builder's state: notes, draft, edited wording and saving. No widgets."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, ClassVar

import traitlets
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from ipt_course.kit.saved import SavedDocument, SavedFileError, SavedWork, Status, read_json
from ipt_course.tools.formulation.writer import (
    FIELD_LABELS,
    FormulationError,
    FormulationFields,
    formulation_warnings,
    write_formulation,
)
from ipt_course.tools.problem_area.rules import PROBLEM_AREAS

SESSION_RANGE = (1, 40)


class FormulationFileError(SavedFileError):
    """A saved formulation file cannot be read; the message names the key path and the problem."""


def _sessions(value: Any) -> int:
    low, high = SESSION_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"expected a whole number from {low} to {high}.")
    return value


class FormulationNotes(BaseModel):
    """The trainee's notes as saved: plain text, the chosen areas and the number of sessions."""

    model_config = ConfigDict(extra="forbid", strict=True)

    client_name: str = ""
    diagnosis: str = "depression"
    symptoms: str = ""
    onset: str = ""
    onset_events: str = ""
    problem_area: str = ""
    people: str = ""
    link: str = ""
    second_area: str = ""
    sessions: Annotated[int, BeforeValidator(_sessions)] = 16

    @field_validator("problem_area", "second_area")
    @classmethod
    def _known_area(cls, area: str) -> str:
        if area and area not in PROBLEM_AREAS:
            raise ValueError(f"expected one of {', '.join(PROBLEM_AREAS)}, got {area!r}.")
        return area


class FormulationDocument(SavedDocument):
    """A saved formulation: the notes, the latest draft and the trainee's own wording of it."""

    KIND: ClassVar[str] = "ipt-formulation"
    WHAT: ClassVar[str] = "a formulation file"
    MESSAGES: ClassVar[dict[str, str]] = {
        "extra_forbidden": "not a formulation field.",
        "string_type": "expected text.",
        "model_type": "expected the formulation notes as a mapping.",
    }

    notes: FormulationNotes = Field(default_factory=FormulationNotes)
    draft: str = ""
    edited: str = ""


def notes_from_dict(data: Any, where: str = "notes") -> FormulationFields:
    """Build FormulationFields from a saved mapping; errors name the key, e.g. notes.onset."""
    header = {"kind": FormulationDocument.KIND, "format": FormulationDocument.FORMAT}
    try:
        document = FormulationDocument.parse({**header, "notes": data}, FormulationFileError)
    except FormulationFileError as error:
        raise FormulationFileError(where + str(error).removeprefix("notes")) from None
    return FormulationFields(**document.notes.model_dump())


def parse_formulation_file(path: Path) -> tuple[FormulationFields, str, str]:
    """Read a saved formulation: (notes, draft, edited wording); raise FormulationFileError."""
    document = FormulationDocument.parse(read_json(path, FormulationFileError),
                                         FormulationFileError)
    return FormulationFields(**document.notes.model_dump()), document.draft, document.edited


class FormulationModel(SavedWork):
    """State of the formulation builder: notes, draft, edited wording and saving. No widgets.

    ``text`` is the latest draft the tool wrote; ``edited`` is the trainee's own wording of it.
    With a ``save_path``, every change is saved at once and the file is reloaded on creation.
    """

    work_name = "formulation"
    unsaved_name = "notes"
    fresh_start = "a new empty formulation"
    as_you_go = "as you type"

    text = traitlets.Unicode("", help="The latest draft the tool wrote ('' before the first).")
    edited = traitlets.Unicode("", help="The trainee's own wording of the draft.")
    error = traitlets.Unicode("", help="Why the last draft could not be written ('' if it was).")
    warnings = traitlets.List(traitlets.Unicode(), help="Gentle warnings about the notes.")

    def __init__(self, save_path: str | Path | None = "my-formulation.json",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.notes = FormulationFields()
        document = self.open_document(save_path or None, FormulationDocument,
                                      FormulationFileError)
        if document is not None:
            self.notes = FormulationFields(**document.notes.model_dump())
            self.text, self.edited = document.draft, document.edited
            if self.text:
                self.warnings = formulation_warnings(self.notes)
            self.status = Status(
                f"Loaded your saved formulation notes from {self.file.path.name}.", "ok")
        self.observe(lambda _change: self.autosave(), names="edited")

    def set_note(self, key: str, value: Any) -> None:
        """Change one field of the notes and save."""
        if key not in FIELD_LABELS:
            raise KeyError(f"{key}: not a formulation field.")
        setattr(self.notes, key, value)
        self.autosave()

    def set_edited(self, text: str) -> None:
        """Keep the trainee's own wording of the formulation (saved when it changes)."""
        self.edited = text

    def build(self) -> str:
        """Write the formulation from ``notes``; on failure set ``error`` and clear ``text``.

        The edited wording follows the new draft only while the trainee has not changed it;
        otherwise their own wording is kept as it is.
        """
        self.warnings = formulation_warnings(self.notes)
        previous = self.text
        try:
            self.text = write_formulation(self.notes)
        except FormulationError as error:
            self.text = ""
            self.error = str(error)
            self.autosave()
            return ""
        self.error = ""
        if not self.edited.strip() or self.edited == previous:
            self.edited = self.text
        self.autosave()
        return self.text

    def edits_kept(self) -> bool:
        """True when the trainee's own wording differs from the latest draft."""
        return bool(self.text) and bool(self.edited.strip()) and self.edited != self.text

    def to_document(self) -> FormulationDocument:
        """The notes, draft and edited wording in their saved form."""
        notes = FormulationNotes.model_construct(**asdict(self.notes))
        return FormulationDocument(notes=notes, draft=self.text, edited=self.edited)
