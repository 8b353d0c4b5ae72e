"""The tracker's state: Level B's set-up, each case, saved after every change. No widgets here.

Saving merges field by field under the kit's lock, so two kernels with the tracker open keep each
other's latest changes (one kernel's Case 2 and another's supervision count both survive).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import traitlets

from ipt_course.kit.saved import SavedWork, Status
from ipt_course.tools.level_b.content import Content, tracker_content
from ipt_course.tools.level_b.record import (
    MAX_CASES,
    SET_UP_FIELDS,
    CaseRecord,
    LevelBDocument,
    LevelBFileError,
    blank_cases,
)
from ipt_course.tools.level_b.rules import Finding, Progress, findings, progress


class TrackerError(ValueError):
    """A change the tracker cannot make; the message says why."""


class LevelBModel(SavedWork):
    """Level B's set-up and supervision, and the cases, saved as they change.

    ``today`` is fixed at creation for tests; otherwise it is the real date whenever asked.
    """

    started = traitlets.Unicode("", help="When supervised practice began (YYYY-MM-DD or '').")
    eligibility_confirmed = traitlets.Bool(False, help="IPT UK has confirmed the entry criteria.")
    supervisor_approved = traitlets.Bool(False, help="The supervisor is IPT UK-approved.")
    supervision_by = traitlets.Unicode("not_arranged", help="How supervision runs (choice id).")
    frequency = traitlets.Unicode("not_agreed", help="How often supervision meets (choice id).")
    supervision_sessions = traitlets.Int(0, min=0, max=200, help="Supervision sessions held.")
    recordings_asked = traitlets.Int(0, min=0, max=40, help="Recordings of each case the "
                                     "supervisor asks for (0 = not agreed yet).")
    cases = traitlets.List(traitlets.Instance(CaseRecord), help="The training cases, in order.")

    work_name = "Level B tracker"
    unsaved_name = "Level B tracker"
    fresh_start = "a new, empty tracker"
    as_you_go = "as you change it"

    def __init__(self, save_path: str | Path | None = None, today: date | None = None) -> None:
        super().__init__()
        self.content: Content = tracker_content()
        self._today = today
        self._unsaved: set[str] = set()
        self.cases = blank_cases(self.content.cases)
        saved = self.open_document(save_path or None, LevelBDocument, LevelBFileError)
        if saved is not None:
            self._load(saved)
            self.status = Status(f"Loaded your Level B tracker from {self.file.path.name}.", "ok")
        self.observe(self._changed, names=[*SET_UP_FIELDS, "cases"])

    @property
    def today(self) -> date:
        """The date the tracker reckons from."""
        return self._today or date.today()

    @property
    def save_path(self) -> Path | None:
        """Where the tracker is saved (None when saving is off)."""
        return self.file.path if self.file is not None else None

    def _load(self, document: LevelBDocument) -> None:
        for name in SET_UP_FIELDS:
            setattr(self, name, getattr(document, name))
        self.cases = [case.model_copy() for case in document.cases]

    def to_document(self) -> LevelBDocument:
        """The tracker in its saved form."""
        return LevelBDocument(**{name: getattr(self, name) for name in SET_UP_FIELDS},
                              cases=[case.model_copy() for case in self.cases])

    # -- changes -----------------------------------------------------------------------------

    def set_case(self, index: int, **values: Any) -> None:
        """Change fields of case ``index`` (0 for Case 1); bad values raise TrackerError."""
        if not 0 <= index < len(self.cases):
            raise TrackerError(f"There is no Case {index + 1}.")
        merged = {**self.cases[index].model_dump(), **values}
        try:
            case = CaseRecord.model_validate(merged)
        except ValueError as error:
            raise TrackerError(f"Case {index + 1} was not changed: {error}") from None
        cases = list(self.cases)
        cases[index] = case
        self._unsaved |= {f"cases.{index}.{name}" for name in values}
        self.cases = cases

    def add_case(self) -> int:
        """Add a case (after one ended early, say); return its index."""
        if len(self.cases) >= MAX_CASES:
            raise TrackerError(f"The tracker holds at most {MAX_CASES} cases.")
        self._unsaved.add(f"cases.{len(self.cases)}")
        self.cases = [*self.cases, CaseRecord()]
        return len(self.cases) - 1

    def is_empty(self) -> bool:
        """True when nothing has been entered yet."""
        return self.to_document().model_dump(exclude={"saved_at"}) == LevelBDocument(
            cases=blank_cases(len(self.cases))).model_dump(exclude={"saved_at"})

    def load_example(self) -> None:
        """Fill an empty tracker with the worked example (Lucy's, six weeks in)."""
        if not self.is_empty():
            raise TrackerError("Your tracker already has entries, so the example was not "
                               "loaded over them. Use “Start afresh” first if you want it; a "
                               "copy of your tracker is kept.")
        example = self.content.example
        today = self.today

        def weeks_ago(weeks: int | None) -> str:
            return "" if weeks is None else (today - timedelta(weeks=weeks)).isoformat()

        cases = []
        for case in example.cases:
            values = case.model_dump(exclude={"started_weeks_ago"})
            cases.append(CaseRecord(**values, started=weeks_ago(case.started_weeks_ago)))
        document = LevelBDocument(
            started=weeks_ago(example.started_weeks_ago),
            eligibility_confirmed=example.eligibility_confirmed,
            supervisor_approved=example.supervisor_approved,
            supervision_by=example.supervision_by, frequency=example.frequency,
            supervision_sessions=example.supervision_sessions,
            recordings_asked=example.recordings_asked, cases=cases)
        self._replace(document, f"{example.title} is loaded.")

    def start_afresh(self) -> Path | None:
        """Empty the tracker, keeping a copy of the saved file first; return the copy's path."""
        kept = None
        if self.file is not None and self.file.path.is_file() and not self.file.protected:
            try:
                kept = self.file.keep_copy("before-fresh-start")
            except OSError as error:
                raise TrackerError(f"No copy of {self.file.path.name} could be made "
                                   f"({error.strerror or error}), so nothing was cleared.") \
                    from None
        note = f"A copy of your tracker was kept as {kept.name}." if kept else ""
        self._replace(LevelBDocument(cases=blank_cases(self.content.cases)),
                      f"The tracker is empty again. {note}".strip())
        return kept

    def _replace(self, document: LevelBDocument, done: str) -> None:
        with self.hold_trait_notifications():
            self.unobserve(self._changed, names=[*SET_UP_FIELDS, "cases"])
            self._load(document)
            self.observe(self._changed, names=[*SET_UP_FIELDS, "cases"])
        self._unsaved.clear()
        # The whole tracker was replaced on purpose, so it is written whole.
        super().autosave(done)

    # -- what the rules make of it -----------------------------------------------------------

    def findings(self) -> list[Finding]:
        """What to act on or plan, Level B first, then case by case."""
        return findings(self.to_document(), self.content, self.today)

    def progress(self) -> Progress:
        """The figures for the top of the tracker."""
        return progress(self.to_document(), self.content, self.today)

    # -- saving ------------------------------------------------------------------------------

    def _changed(self, change: dict[str, Any]) -> None:
        if change["name"] != "cases":
            self._unsaved.add(change["name"])
        self.autosave()

    def _merged(self, on_disk: LevelBDocument | None, changed: set[str]) -> LevelBDocument:
        """The newest saved tracker with this kernel's unsaved changes laid over it."""
        mine = self.to_document()
        if on_disk is None:
            return mine
        data = on_disk.model_dump(exclude={"kind", "format", "saved_at"})
        cases = data["cases"]
        for key in sorted(changed):
            parts = key.split(".")
            if parts[0] != "cases":
                data[key] = getattr(mine, key)
                continue
            index = int(parts[1])
            while len(cases) <= index:
                cases.append(CaseRecord().model_dump())
            if len(parts) == 2:
                cases[index] = mine.cases[index].model_dump()
            else:
                cases[index][parts[2]] = getattr(mine.cases[index], parts[2])
        return LevelBDocument.model_validate(data)

    def autosave(self, done: str = "") -> bool:
        """Save now, merging with what another kernel may have saved since; say how it went."""
        if self.file is None or self.file.protected:
            return super().autosave(done)
        changed = set(self._unsaved)
        try:
            self.file.update(lambda on_disk: self._merged(on_disk, changed), self.to_document())
        except (OSError, ValueError):
            # The plain save says what went wrong in the kit's words, and keeps the entries.
            return super().autosave(done)
        self._unsaved -= changed
        lead = f"{done} " if done else ""
        self.status = Status(f"{lead}Saved to {self.file.path.name} at {datetime.now():%H:%M}.",
                             "ok")
        return True
