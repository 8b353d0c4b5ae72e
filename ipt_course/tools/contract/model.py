"""The contract generator's state: details, the last text, warnings and what happened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import traitlets

from ipt_course.kit.saved import Status, where_saved
from ipt_course.safe_files import write_new_file
from ipt_course.tools.contract.schedule import (
    ALLOWED_SESSIONS,
    ContractError,
    breaks_outside,
    parse_breaks,
    parse_date,
    schedule,
    uk_date,
)
from ipt_course.tools.contract.writer import (
    ContractDetails,
    validate_contract,
    whole_number,
    write_contract,
)


class ContractModel(traitlets.HasTraits):
    """State of the contract generator: details, last text, warnings and status. No widgets.

    A contract is never saved over: each save is a new Markdown file beside the notebook.
    """

    text = traitlets.Unicode("", help="The last contract written, as Markdown ('' if none).")
    status = traitlets.Instance(Status, args=(), help="What happened last, with its level.")
    warnings = traitlets.List(traitlets.Unicode(), help="Things to check with the supervisor.")
    saved_path = traitlets.Unicode("", help="Where the last contract was saved ('' if none).")

    def __init__(self, save_path: str | Path = "my-contract.md", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.save_path = Path(save_path)
        self.details = ContractDetails()

    @property
    def message(self) -> str:
        """The status text: what happened last."""
        return self.status.text

    def end_date_summary(self) -> str:
        """One line for the trainee: the end date, or what stops it being worked out."""
        try:
            start = parse_date(self.details.start_date)
        except ContractError as error:
            return error.problems[0]
        sessions = whole_number(self.details.sessions)
        if sessions is None or not ALLOWED_SESSIONS[0] <= sessions <= ALLOWED_SESSIONS[1]:
            return "Number of sessions: expected a whole number from 1 to 40."
        try:
            breaks = parse_breaks(self.details.breaks)
        except ContractError as error:
            return error.problems[0]
        outside = breaks_outside(start, sessions, breaks)
        if outside:
            return outside[0]
        slots = schedule(start, sessions, breaks)
        skipped = sum(1 for s in slots if s.number is None)
        with_breaks = ""
        if skipped:
            with_breaks = f", with {skipped} week{'s' if skipped != 1 else ''} of planned break"
        return (
            f"{sessions} weekly sessions on {start:%A}s from {uk_date(start)}{with_breaks}: "
            f"the last is on {uk_date(slots[-1].day)}."
        )

    def build(self) -> str:
        """Write the contract text; on failure set ``status`` and return ''."""
        try:
            _start, _time, self.warnings = validate_contract(self.details)
            self.text = write_contract(self.details)
        except ContractError as error:
            self.text = ""
            self.status = Status("Not ready yet: " + " ".join(error.problems), "warning")
            return ""
        self.status = Status("Contract ready. Read it through, then save it.", "ok")
        return self.text

    def save(self) -> Path | None:
        """Save as my-contract.md beside the notebook, or -2, -3... if taken; never overwrite."""
        if not self.build():
            return None
        try:
            path = write_new_file(self.save_path, self.text)
        except OSError as error:
            self.status = Status(f"The contract could not be saved: {error}.", "error")
            return None
        note = ""
        if path.name != self.save_path.name:
            note = f" ({self.save_path.name} already existed and was left as it was)"
        self.saved_path = str(path)
        self.status = Status(f"Saved as {path.name}{note}. {where_saved(path)}", "ok")
        return path
