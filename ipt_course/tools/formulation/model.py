"""The formulation builder's state: notes, draft, edited wording and saving. No widgets."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import datetime
from pathlib import Path
from typing import Any

import traitlets

from ipt_course.kit._legacy import SavedWork, read_saved_document
from ipt_course.tools.formulation.writer import (
    FIELD_LABELS,
    FormulationError,
    FormulationFields,
    formulation_warnings,
    write_formulation,
)
from ipt_course.tools.problem_area.rules import PROBLEM_AREAS

FILE_KIND = "ipt-formulation"
FILE_FORMAT = 1
SESSION_RANGE = (1, 40)


class FormulationFileError(ValueError):
    """A saved formulation file cannot be read; the message names the key path and the problem."""


def _check_sessions(value: Any, where: str) -> int:
    low, high = SESSION_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise FormulationFileError(f"{where}: expected a whole number from {low} to {high}.")
    return value


def notes_from_dict(data: Any, where: str = "notes") -> FormulationFields:
    """Build FormulationFields from a saved mapping; errors name the key, e.g. notes.onset."""
    if not isinstance(data, dict):
        raise FormulationFileError(f"{where}: expected the formulation notes as a mapping.")
    known = {f.name for f in fields(FormulationFields)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise FormulationFileError(f"{where}.{unknown[0]}: not a formulation field.")
    notes = FormulationFields()
    for key, value in data.items():
        if key == "sessions":
            value = _check_sessions(value, f"{where}.sessions")
        elif not isinstance(value, str):
            raise FormulationFileError(f"{where}.{key}: expected text.")
        elif key in ("problem_area", "second_area") and value and value not in PROBLEM_AREAS:
            raise FormulationFileError(
                f"{where}.{key}: expected one of {', '.join(PROBLEM_AREAS)}, got {value!r}."
            )
        setattr(notes, key, value)
    return notes


def parse_formulation_file(path: Path) -> tuple[FormulationFields, str, str]:
    """Read a saved formulation: (notes, draft, edited wording); raise FormulationFileError."""
    data = read_saved_document(path, FILE_KIND, FILE_FORMAT, "a formulation file",
                               FormulationFileError)
    notes = notes_from_dict(data.get("notes", {}))
    texts = []
    for key in ("draft", "edited"):
        value = data.get(key, "")
        if not isinstance(value, str):
            raise FormulationFileError(f"{key}: expected text.")
        texts.append(value)
    return notes, texts[0], texts[1]


class FormulationModel(SavedWork, traitlets.HasTraits):
    """State of the formulation builder: notes, draft, edited wording and saving. No widgets.

    ``text`` is the latest draft the tool wrote; ``edited`` is the trainee's own wording of it.
    With a ``save_path``, every change is saved at once and the file is reloaded on creation.
    """

    work_name = "formulation"
    unsaved_name = "notes"
    fresh_start = "a new empty formulation"

    text = traitlets.Unicode("")
    edited = traitlets.Unicode("")
    error = traitlets.Unicode("")
    warnings = traitlets.List(traitlets.Unicode())
    save_status = traitlets.Unicode("")

    def __init__(
        self, save_path: str | Path | None = "my-formulation.json", **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.notes = FormulationFields()
        self.save_path = Path(save_path) if save_path else None
        if self.save_path is None:
            return
        if self.save_path.exists():
            self.reload()
        else:
            self.save_status = (
                f"Your notes will be saved in {self.save_path.name}, beside this notebook, as "
                "you type."
            )

    def set_note(self, key: str, value: Any) -> None:
        """Change one field of the notes and save."""
        if key not in FIELD_LABELS:
            raise KeyError(f"{key}: not a formulation field.")
        setattr(self.notes, key, value)
        self.autosave()

    def set_edited(self, text: str) -> None:
        """Keep the trainee's own wording of the formulation and save it."""
        if text != self.edited:
            self.edited = text
            self.autosave()

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

    def to_document(self) -> dict[str, Any]:
        """The notes, draft and edited wording in their saved form."""
        return {
            "kind": FILE_KIND,
            "format": FILE_FORMAT,
            "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "notes": asdict(self.notes),
            "draft": self.text,
            "edited": self.edited,
        }

    def reload(self) -> None:
        """Load ``save_path``. An unreadable file is renamed and kept, never deleted."""
        assert self.save_path is not None
        name = self.save_path.name
        try:
            self.notes, self.text, self.edited = parse_formulation_file(self.save_path)
        except (FormulationFileError, OSError) as error:
            self._set_aside(error)
            return
        if self.text:
            self.warnings = formulation_warnings(self.notes)
        self.save_status = f"Loaded your saved formulation notes from {name}."
