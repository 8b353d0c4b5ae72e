"""The timeline's saved file on the kit's saved-work file: its schema, and a forgiving reader.

A timeline file may be partly wrong (a hand-edited date, a rating of 14): the good entries are
loaded, each bad one is named, and the file as it was is copied aside before anything is saved
over it. Files saved before timelines had a ``kind`` header still load.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ipt_course.kit.saved import SavedDocument, SavedFileError, SavedWork, WorkFile
from ipt_course.tools.timeline.model import TimelineError, TimelineModel


class TimelineFileError(TimelineError, SavedFileError):
    """A saved timeline file cannot be read; the message says why."""


class EventRecord(BaseModel):
    """One life event as saved: the month (YYYY-MM), a short label and its kind."""

    model_config = ConfigDict(extra="forbid")

    date: str
    label: str
    kind: str


class MoodRecord(BaseModel):
    """One month's mood rating as saved."""

    model_config = ConfigDict(extra="forbid")

    date: str
    rating: int


class TimelineDocument(SavedDocument):
    """A saved timeline: its title, events and mood ratings."""

    KIND: ClassVar[str] = "ipt-timeline"
    WHAT: ClassVar[str] = "a timeline file"
    HEADER_REQUIRED: ClassVar[bool] = False

    title: str = "My timeline"
    events: list[EventRecord] = Field(default_factory=list)
    moods: list[MoodRecord] = Field(default_factory=list)

    @classmethod
    def of(cls, model: TimelineModel) -> TimelineDocument:
        """The document for what ``model`` holds."""
        return cls(
            title=model.title,
            events=[EventRecord(date=e.when.iso, label=e.label, kind=e.kind)
                    for e in model.events],
            moods=[MoodRecord(date=m.when.iso, rating=m.rating) for m in model.moods],
        )


class TimelineStore(SavedWork):
    """Reads and writes a timeline file, keeping a copy of any file it cannot read."""

    work_name = "timeline"
    unsaved_name = "timeline"
    fresh_start = "an empty timeline"

    def __init__(self, path: Path | str) -> None:
        super().__init__()
        self.file = WorkFile(path, TimelineDocument, TimelineFileError)

    @property
    def path(self) -> Path:
        """Where the timeline is saved."""
        return self.file.path

    @property
    def protected_reason(self) -> str:
        """Why the file on disk must not be written over ('' when it may be)."""
        return self.file.protected

    def save(self, model: TimelineModel) -> None:
        """Write the timeline atomically; TimelineFileError if the file must be left alone."""
        self.file.write(TimelineDocument.of(model))

    def keep_copy(self, reason: str) -> Path:
        """Copy the current file aside (never overwritten) and return the copy's path."""
        return self.file.keep_copy(reason)

    def load_into(self, model: TimelineModel) -> list[str]:
        """Load the file into ``model`` if it exists; returns messages for the trainee."""
        data = self.open_file(self.path, TimelineDocument, TimelineFileError)
        if data is None:
            if self.status.level in ("warning", "error"):
                model.clear()
                return [self.status.text]
            return []
        problems = model.load_data(data, self.path.name)
        if problems:
            problems.append(self._keep_original())
        return problems

    def _keep_original(self) -> str:
        """Copy the partly read file aside before anything is saved over it; say where."""
        try:
            copy = self.keep_copy("original")
        except OSError as error:
            self.file.protected = f"no copy of it could be made ({error.strerror or error})"
            return (f"No copy of {self.path.name} could be made, so it has been left untouched "
                    "and nothing will be saved over it.")
        return f"The file as it was is kept as {copy.name}."
