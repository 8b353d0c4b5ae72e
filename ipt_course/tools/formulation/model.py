"""The formulation builder's state: notes, draft, edited wording and saving. No widgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import traitlets
from pydantic import Field

from ipt_course.kit.saved import SavedDocument, SavedFileError, SavedWork, Status, read_json
from ipt_course.tools.formulation.writer import (
    FIELD_LABELS,
    FormulationError,
    FormulationFields,
    formulation_warnings,
    write_formulation,
)


class FormulationFileError(SavedFileError):
    """A saved formulation file cannot be read; the message names the key path and the problem."""


class FormulationDocument(SavedDocument):
    """A saved formulation: the notes, the latest draft and the trainee's own wording of it."""

    KIND: ClassVar[str] = "ipt-formulation"
    WHAT: ClassVar[str] = "a formulation file"
    MESSAGES: ClassVar[dict[str, str]] = {
        "extra_forbidden": "not a formulation field.",
        "string_type": "expected text.",
        "dataclass_type": "expected the formulation notes as a mapping.",
        "unexpected_keyword_argument": "not a formulation field.",
    }

    notes: FormulationFields = Field(default_factory=FormulationFields)
    draft: str = ""
    edited: str = ""


def notes_from_dict(data: Any, where: str = "notes") -> FormulationFields:
    """Build FormulationFields from a saved mapping; errors name the key, e.g. notes.onset."""
    header = {"kind": FormulationDocument.KIND, "format": FormulationDocument.FORMAT}
    try:
        document = FormulationDocument.parse({**header, "notes": data}, FormulationFileError)
    except FormulationFileError as error:
        raise FormulationFileError(where + str(error).removeprefix("notes")) from None
    return document.notes


def parse_formulation_file(path: Path) -> tuple[FormulationFields, str, str]:
    """Read a saved formulation: (notes, draft, edited wording); raise FormulationFileError."""
    document = FormulationDocument.parse(read_json(path, FormulationFileError),
                                         FormulationFileError)
    return document.notes, document.draft, document.edited


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
            self.notes = document.notes
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
        return FormulationDocument.model_construct(notes=self.notes, draft=self.text,
                                                   edited=self.edited)
