"""The goal builder's state: focus, people, sessions, the draft and the kept goals."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, ClassVar

import traitlets
from pydantic import Field, StrictStr

from ipt_course.kit.saved import (
    SavedDocument,
    SavedFileError,
    SavedWork,
    Status,
    read_json,
    whole_number,
)
from ipt_course.kit.vocabulary import ProblemAreaId, problem_areas
from ipt_course.safe_files import write_new_file
from ipt_course.tools.goals.checks import GoalReport, check_goal

SESSION_RANGE = (1, 30)
SAVED_SETTINGS = ("focus", "people", "sessions", "draft")


class GoalsFileError(SavedFileError):
    """A saved goals file cannot be read; the message names the key path and the problem."""


class GoalsDocument(SavedDocument):
    """A saved goals file: the focus, people, sessions and draft, and the goals kept."""

    KIND: ClassVar[str] = "ipt-goals"
    WHAT: ClassVar[str] = "a goals file"
    MESSAGES: ClassVar[dict[str, str]] = {
        "string_type": "expected text.",
        "bool_type": "expected true or false.",
        "list_type": "expected a list.",
        "dataclass_type": "expected a goal with its results.",
    }

    focus: ProblemAreaId = ""
    people: StrictStr = ""
    sessions: Annotated[int, whole_number(*SESSION_RANGE)] = 16
    draft: StrictStr = ""
    kept: list[GoalReport] = Field(default_factory=list)


def report_from_dict(data: Any, where: str) -> GoalReport:
    """Rebuild a kept goal and its verdicts; errors name the key path, e.g. kept[1].goal."""
    header = {"kind": GoalsDocument.KIND, "format": GoalsDocument.FORMAT}
    try:
        document = GoalsDocument.parse({**header, "kept": [data]}, GoalsFileError)
    except GoalsFileError as error:
        raise GoalsFileError(where + str(error).removeprefix("kept[0]")) from None
    return document.kept[0]


def parse_goals_file(path: Path) -> dict[str, Any]:
    """Read a saved goals file: the settings and ``kept`` reports. Raises GoalsFileError."""
    document = GoalsDocument.parse(read_json(path, GoalsFileError), GoalsFileError)
    return {**{key: getattr(document, key) for key in SAVED_SETTINGS},
            "kept": list(document.kept)}


def _goals(count: int) -> str:
    return f"{count} goal{'s' if count != 1 else ''}"


class GoalModel(SavedWork):
    """State of the goal builder: focus, people, sessions, the draft and kept goals.

    With a ``save_path`` every change is saved at once, and the file is reloaded on creation;
    ``status`` says what the trainee did and how saving went.
    """

    work_name = "goals"
    unsaved_name = "goals"
    fresh_start = "a new empty list"

    focus = traitlets.Enum(["", *problem_areas()], default_value="",
                           help="The agreed problem area ('' until one is chosen).")
    people = traitlets.Unicode("", help="The people involved, as the trainee wrote them.")
    sessions = traitlets.Int(16, help="The number of sessions agreed.")
    draft = traitlets.Unicode("", help="The goal being written, in the client's words.")
    kept = traitlets.List(traitlets.Instance(GoalReport), help="The goals kept, with verdicts.")

    def __init__(self, save_path: str | Path | None = "my-goals.json", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        document = self.open_document(save_path or None, GoalsDocument, GoalsFileError)
        if document is not None:
            for key in SAVED_SETTINGS:
                setattr(self, key, getattr(document, key))
            self.kept = list(document.kept)
            self.status = Status(f"Loaded {_goals(len(self.kept))} from {self.file.path.name}.",
                                 "ok")
        self.observe(lambda _change: self.autosave(), names=list(SAVED_SETTINGS))

    @property
    def save_path(self) -> Path | None:
        """Where the goals are saved (None when saving is off)."""
        return self.file.path if self.file is not None else None

    def check(self) -> GoalReport | None:
        """Check the draft; returns None (with a status) when there is nothing to check."""
        if not self.draft.strip():
            self.status = Status("Write a goal in the box first.", "warning")
            return None
        return check_goal(self.draft, self.focus, self.people, self.sessions)

    def keep(self) -> GoalReport | None:
        """Check the draft and add it to the kept goals (even if some criteria are not met)."""
        report = self.check()
        if report is None:
            return None
        if any(r.goal.casefold() == report.goal.casefold() for r in self.kept):
            self.status = Status("That goal is already in your list.", "warning")
            return report
        self.kept = [*self.kept, report]
        done = f"Kept. You have {_goals(len(self.kept))}."
        if len(self.kept) > 3:
            done += " Two or three goals are usually enough for 12-16 sessions."
        self.autosave(done)
        return report

    def clear(self) -> None:
        """Empty the list of goals; the cleared goals are first copied to a new file beside it."""
        copy = None
        if self.kept and self.save_path is not None:
            try:
                copy = write_new_file(
                    self.save_path.with_name(f"{self.save_path.stem}-cleared.json"),
                    self.to_document().dump())
            except OSError as error:
                self.status = Status(
                    f"Your goals were not cleared: no copy could be saved ({error}).", "error")
                return
        self.kept = []
        done = "Your list of goals is empty."
        if copy is not None:
            done += f" The goals you cleared are kept in {copy.name}."
        self.autosave(done)

    def to_document(self) -> GoalsDocument:
        """The settings and kept goals in their saved form."""
        return GoalsDocument.model_construct(
            **{key: getattr(self, key) for key in SAVED_SETTINGS}, kept=list(self.kept))
