"""The goal builder's state: focus, people, sessions, the draft and the kept goals."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import traitlets

from ipt_course.kit._legacy import SavedWork, read_saved_document
from ipt_course.safe_files import write_new_file
from ipt_course.tools.formulation import PROBLEM_AREAS
from ipt_course.tools.goals.checks import CRITERIA, CriterionResult, GoalReport, check_goal

FILE_KIND = "ipt-goals"
FILE_FORMAT = 1
SESSION_RANGE = (1, 30)
SAVED_SETTINGS = ("focus", "people", "sessions", "draft")



class GoalsFileError(ValueError):
    """A saved goals file cannot be read; the message names the key path and the problem."""


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise GoalsFileError(f"{where}: expected text.")
    return value


def report_from_dict(data: Any, where: str) -> GoalReport:
    """Rebuild a kept goal and its verdicts; errors name the key path, e.g. kept[1].goal."""
    if not isinstance(data, dict):
        raise GoalsFileError(f"{where}: expected a goal with its results.")
    goal = _text(data.get("goal"), f"{where}.goal")
    if not goal.strip():
        raise GoalsFileError(f"{where}.goal: expected the goal's words.")
    results_data = data.get("results")
    if not isinstance(results_data, list):
        raise GoalsFileError(f"{where}.results: expected a list of verdicts.")
    results = []
    for number, item in enumerate(results_data):
        here = f"{where}.results[{number}]"
        if not isinstance(item, dict):
            raise GoalsFileError(f"{here}: expected a verdict.")
        criterion = item.get("criterion")
        if criterion not in CRITERIA:
            raise GoalsFileError(f"{here}.criterion: expected one of {', '.join(CRITERIA)}.")
        met = item.get("met")
        if not isinstance(met, bool):
            raise GoalsFileError(f"{here}.met: expected true or false.")
        reason = _text(item.get("reason", ""), f"{here}.reason")
        suggestion = _text(item.get("suggestion", ""), f"{here}.suggestion")
        results.append(CriterionResult(criterion, met, reason, suggestion))
    return GoalReport(goal, results)


def parse_goals_file(path: Path) -> dict[str, Any]:
    """Read a saved goals file: the settings and ``kept`` reports. Raises GoalsFileError."""
    data = read_saved_document(path, FILE_KIND, FILE_FORMAT, "a goals file", GoalsFileError)
    focus = _text(data.get("focus", ""), "focus")
    if focus and focus not in PROBLEM_AREAS:
        raise GoalsFileError(f"focus: expected one of {', '.join(PROBLEM_AREAS)}, got {focus!r}.")
    sessions = data.get("sessions", 16)
    low, high = SESSION_RANGE
    if isinstance(sessions, bool) or not isinstance(sessions, int) or not low <= sessions <= high:
        raise GoalsFileError(f"sessions: expected a whole number from {low} to {high}.")
    kept_data = data.get("kept", [])
    if not isinstance(kept_data, list):
        raise GoalsFileError("kept: expected a list of goals.")
    return {
        "focus": focus,
        "people": _text(data.get("people", ""), "people"),
        "sessions": sessions,
        "draft": _text(data.get("draft", ""), "draft"),
        "kept": [report_from_dict(item, f"kept[{n}]") for n, item in enumerate(kept_data)],
    }


class GoalModel(SavedWork, traitlets.HasTraits):
    """State of the goal builder: focus, people, sessions, the draft and kept goals.

    With a ``save_path`` every change is saved at once, and the file is reloaded on creation.
    ``message`` reports what the trainee did; ``save_status`` reports saving and loading.
    """

    work_name = "goals"
    unsaved_name = "goals"
    fresh_start = "a new empty list"

    focus = traitlets.Unicode("")
    people = traitlets.Unicode("")
    sessions = traitlets.Int(16)
    draft = traitlets.Unicode("")
    kept = traitlets.List()
    message = traitlets.Unicode("")
    save_status = traitlets.Unicode("")

    def __init__(self, save_path: str | Path | None = "my-goals.json", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.save_path = Path(save_path) if save_path else None
        if self.save_path is not None:
            if self.save_path.exists():
                self.reload()
            else:
                self.save_status = (
                    f"Your goals will be saved in {self.save_path.name}, beside this notebook, "
                    "as you work."
                )
        self.observe(lambda _change: self.autosave(), names=[*SAVED_SETTINGS, "kept"])

    def check(self) -> GoalReport | None:
        """Check the draft; returns None (with a message) when there is nothing to check."""
        if not self.draft.strip():
            self.message = "Write a goal in the box first."
            return None
        self.message = ""
        return check_goal(self.draft, self.focus, self.people, self.sessions)

    def keep(self) -> GoalReport | None:
        """Check the draft and add it to the kept goals (even if some criteria are not met)."""
        report = self.check()
        if report is None:
            return None
        if any(r.goal.casefold() == report.goal.casefold() for r in self.kept):
            self.message = "That goal is already in your list."
            return report
        self.kept = [*self.kept, report]
        count = len(self.kept)
        self.message = f"Kept. You have {count} goal{'s' if count != 1 else ''}."
        if count > 3:
            self.message += " Two or three goals are usually enough for 12-16 sessions."
        return report

    def clear(self) -> None:
        """Empty the list of goals; the cleared goals are first copied to a new file beside it."""
        copy = None
        if self.kept and self.save_path is not None:
            try:
                copy = write_new_file(
                    self.save_path.with_name(f"{self.save_path.stem}-cleared.json"),
                    json.dumps(self.to_document(), indent=2, ensure_ascii=False) + "\n",
                )
            except OSError as error:
                self.message = f"Your goals were not cleared: no copy could be saved ({error})."
                return
        self.kept = []
        self.message = "Your list of goals is empty."
        if copy is not None:
            self.message += f" The goals you cleared are kept in {copy.name}."

    def to_document(self) -> dict[str, Any]:
        """The settings and kept goals in their saved form."""
        return {
            "kind": FILE_KIND,
            "format": FILE_FORMAT,
            "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            **{key: getattr(self, key) for key in SAVED_SETTINGS},
            "kept": [asdict(report) for report in self.kept],
        }

    def reload(self) -> None:
        """Load ``save_path``. An unreadable file is renamed and kept, never deleted."""
        assert self.save_path is not None
        name = self.save_path.name
        try:
            saved = parse_goals_file(self.save_path)
        except (GoalsFileError, OSError) as error:
            self._set_aside(error)
            return
        for key, value in saved.items():
            setattr(self, key, value)
        count = len(self.kept)
        self.save_status = f"Loaded {count} goal{'s' if count != 1 else ''} from {name}."
