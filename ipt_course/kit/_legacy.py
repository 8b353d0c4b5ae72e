"""Saved work as the formulation and goals tools still use it, until they move onto kit.saved."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from ipt_course.safe_files import keep_aside, write_json_atomic


class SavedFileError(ValueError):
    """A saved-work file cannot be used; the message says what is wrong and where."""


def read_saved_document(path: Path, kind: str, version: int, what: str,
                        error: type[ValueError] = SavedFileError) -> dict[str, Any]:
    """Read a tool's saved JSON document and check its ``kind`` and ``format`` header.

    Raises ``error`` (a ValueError subclass of the caller's) with a message a trainee can act
    on: not text, not JSON (with line and column), or not this tool's kind of file.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise error("the file is not text.") from None
    except json.JSONDecodeError as problem:
        raise error(f"the file is not valid JSON (line {problem.lineno}, column "
                    f"{problem.colno}).") from None
    if not isinstance(data, dict) or data.get("kind") != kind:
        raise error(f"kind: expected {kind!r}; this is not {what}.")
    if data.get("format") != version:
        raise error(f"format: expected {version}, got {data.get('format')!r}.")
    return data


class SavedWork:
    """Autosave and set-aside behaviour shared by the tools that keep a trainee's work.

    A model using it has ``save_path`` (None turns saving off), a ``save_status`` line for the
    trainee and ``to_document()``; the class attributes name the work in the messages.
    """

    work_name = "work"          # "Your saved <work_name> (file) could not be read"
    unsaved_name = "work"       # "Your <unsaved_name> could not be saved"
    fresh_start = "a new start"  # "... and <fresh_start> has been started"

    def to_document(self) -> dict[str, Any]:
        """The JSON document to save."""
        raise NotImplementedError

    def autosave(self) -> None:
        """Save to ``save_path`` atomically (if there is one); ``save_status`` says how it went."""
        if self.save_path is None:
            return
        try:
            write_json_atomic(self.save_path, self.to_document())
        except OSError as error:
            self.save_status = (f"Your {self.unsaved_name} could not be saved to "
                                f"{self.save_path}: {error}.")
            return
        self.save_status = f"Saved to {self.save_path.name} at {datetime.now():%H:%M}."

    def _set_aside(self, error: Exception) -> None:
        """Keep an unreadable save file under a new name and start afresh; never delete it."""
        assert self.save_path is not None
        name = self.save_path.name
        try:
            kept = keep_aside(self.save_path)
        except OSError as move_error:
            self.save_path = None
            self.save_status = (
                f"Your saved {self.work_name} ({name}) could not be read: {error} It could not "
                f"be moved aside either ({move_error}), so nothing will be saved until it is "
                "moved or mended. Ask your trainer for help."
            )
            return
        self.save_status = (
            f"Your saved {self.work_name} ({name}) could not be read: {error} It has been kept, "
            f"unchanged, as {kept.name}, and {self.fresh_start} has been started. Ask your "
            "trainer if you need help recovering it."
        )
