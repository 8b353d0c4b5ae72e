"""The contract generator's state: details, the last text, warnings and messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import traitlets

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
    _whole,
    validate_contract,
    write_contract,
)


class ContractModel(traitlets.HasTraits):
    """State of the contract generator: details, last text, warnings and messages. No widgets."""

    text = traitlets.Unicode("")
    message = traitlets.Unicode("")
    warnings = traitlets.List(traitlets.Unicode())
    saved_path = traitlets.Unicode("")

    def __init__(self, save_path: str | Path = "my-contract.md", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.save_path = Path(save_path)
        self.details = ContractDetails()

    def end_date_summary(self) -> str:
        """One line for the trainee: the end date, or what stops it being worked out."""
        try:
            start = parse_date(self.details.start_date)
        except ContractError as error:
            return error.problems[0]
        sessions = _whole(self.details.sessions)
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
        """Write the contract text; on failure set ``message`` and return ''."""
        try:
            _start, _time, self.warnings = validate_contract(self.details)
            self.text = write_contract(self.details)
        except ContractError as error:
            self.text = ""
            self.message = "Not ready yet: " + " ".join(error.problems)
            return ""
        self.message = "Contract ready. Read it through, then save it."
        return self.text

    def save(self) -> Path | None:
        """Save as my-contract.md beside the notebook, or -2, -3... if taken; never overwrite."""
        if not self.build():
            return None
        try:
            path = write_new_file(self.save_path, self.text)
        except OSError as error:
            self.message = f"The contract could not be saved: {error}."
            return None
        note = ""
        if path.name != self.save_path.name:
            note = f" ({self.save_path.name} already existed and was left as it was)"
        self.saved_path = str(path)
        self.message = f"Saved as {path.name}{note}."
        return path
