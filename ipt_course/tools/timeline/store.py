"""Reading and writing a timeline file, keeping a copy of any file it cannot read."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

from ipt_course.safe_files import write_json_atomic
from ipt_course.tools.timeline.model import TimelineError, TimelineModel


class TimelineStore:
    """Reads and writes a timeline file, keeping a copy of any file it cannot read."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        # Set when the file on disk could be neither read nor copied: it must not be overwritten.
        self.protected_reason = ""

    def save(self, model: TimelineModel) -> None:
        """Write the timeline atomically (never over a file that could not be kept)."""
        if self.protected_reason:
            raise TimelineError(
                f"{self.path.name} was not overwritten because {self.protected_reason}."
            )
        write_json_atomic(self.path, model.to_data())

    def keep_copy(self, reason: str) -> Path:
        """Copy the current file aside (never overwritten) and return the copy's path."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = self.path.with_name(f"{self.path.stem}.{reason}-{stamp}{self.path.suffix}")
        counter = 1
        while copy.exists():
            copy = self.path.with_name(
                f"{self.path.stem}.{reason}-{stamp}-{counter}{self.path.suffix}"
            )
            counter += 1
        shutil.copy2(self.path, copy)
        return copy

    def load_into(self, model: TimelineModel) -> list[str]:
        """Load the file into ``model`` if it exists; returns messages for the trainee."""
        if not self.path.exists():
            return []
        try:
            raw = self.path.read_bytes()
        except OSError as error:
            self.protected_reason = f"it could not be opened ({error.strerror or error})"
            return [
                f"{self.path.name} could not be opened ({error.strerror or error}). It has been "
                "left untouched, and nothing will be saved over it until that is fixed."
            ]
        try:
            problems = model.load_data(json.loads(raw.decode("utf-8")), self.path.name)
        except (json.JSONDecodeError, UnicodeDecodeError, TimelineError) as error:
            model.clear()
            return [f"{self.path.name} could not be read ({error}).", self._keep("unreadable")]
        if problems:
            problems.append(self._keep("original"))
        return problems

    def _keep(self, reason: str) -> str:
        """Copy the file aside before anything is saved over it; say where it went."""
        try:
            copy = self.keep_copy(reason)
        except OSError as error:
            self.protected_reason = f"no copy of it could be made ({error.strerror or error})"
            return (
                f"No copy of {self.path.name} could be made, so it has been left untouched and "
                "nothing will be saved over it."
            )
        return f"The file as it was is kept as {copy.name}."
