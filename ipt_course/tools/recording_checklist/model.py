"""The recording checklist being filled in: the fictional client, the statements ticked and the
detail written for each section, saved as they change and reloaded on a re-run."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import traitlets
from pydantic import Field, StrictBool, field_validator

from ipt_course.kit.plan_work import PlanDocument, PlanWork
from ipt_course.kit.plans import Finding, PlanSpec
from ipt_course.kit.saved import SavedFileError
from ipt_course.tools.recording_checklist.content import checklist_content, checklist_spec
from ipt_course.tools.recording_checklist.rules import (
    SectionProgress,
    checklist_findings,
    progress,
)

TICK = "ticked."


class RecordingChecklistFileError(SavedFileError):
    """A saved checklist cannot be read; the message names the key and the problem."""


class RecordingChecklistDocument(PlanDocument):
    """A saved recording checklist: the detail boxes as entries, and which statements are ticked."""

    KIND: ClassVar[str] = "ipt-recording-checklist"
    WHAT: ClassVar[str] = "a recording checklist file"
    PARTS: ClassVar[tuple[str, ...]] = checklist_spec().ids
    ITEMS: ClassVar[tuple[str, ...]] = checklist_content().item_ids
    MESSAGES: ClassVar[dict[str, str]] = {
        **PlanDocument.MESSAGES,
        "bool_type": "expected true or false.",
    }

    ticked: dict[str, StrictBool] = Field(default_factory=dict)

    @field_validator("ticked")
    @classmethod
    def _known_items(cls, ticked: dict[str, bool]) -> dict[str, bool]:
        unknown = [item for item in ticked if item not in cls.ITEMS]
        if unknown:
            raise ValueError(f"unknown statement {unknown[0]!r}; expected one of "
                             f"{', '.join(cls.ITEMS)}.")
        return ticked


class RecordingChecklistModel(PlanWork):
    """A practice recording checklist, saved to ``save_path`` as it changes.

    ``ticked`` maps each statement's id to True once the trainee ticks it; ``entries`` holds each
    section's detail. Two kernels ticking different statements both keep their ticks.
    """

    ticked = traitlets.Dict(value_trait=traitlets.Bool(),
                            help="Each statement's id, True when the trainee has ticked it.")

    spec: ClassVar[PlanSpec] = checklist_spec()
    document: ClassVar[type[RecordingChecklistDocument]] = RecordingChecklistDocument
    error: ClassVar[type[SavedFileError]] = RecordingChecklistFileError
    extra_fields: ClassVar[tuple[str, ...]] = ("ticked",)
    default_client: ClassVar[str] = checklist_content().default_client
    work_name = "recording checklist"
    unsaved_name = "practice recording checklist"
    fresh_start = "a new, empty checklist"
    as_you_go = "as you fill it in"

    def __init__(self, save_path: str | Path | None = "my-recording-checklist.json",
                 **kwargs: Any) -> None:
        super().__init__(save_path, **kwargs)

    def tick(self, item: str, value: bool = True) -> None:
        """Tick (or untick) the statement ``item``."""
        if item not in RecordingChecklistDocument.ITEMS:
            raise KeyError(f"no statement {item!r}")
        self.ticked = {**self.ticked, item: bool(value)}

    def findings(self) -> list[Finding]:
        """What to look at again in the detail boxes."""
        return checklist_findings(checklist_content(), self.entries, self.client)

    def progress(self) -> list[SectionProgress]:
        """Each section's statements not yet ticked and its detail's findings."""
        return progress(checklist_content(), self.ticked, self.findings())

    def _changed(self, change: dict[str, Any]) -> None:
        if change["name"] != "ticked":
            super()._changed(change)
            return
        self._unsaved |= self.changed_keys(change, TICK)
        self.autosave()

    def _merged(self, on_disk: PlanDocument | None, changed: set[str]) -> PlanDocument:
        """The newest saved checklist with this kernel's unsaved changes laid over it, tick by
        tick."""
        ticks = {key.removeprefix(TICK) for key in changed if key.startswith(TICK)}
        merged = super()._merged(on_disk, changed - {f"{TICK}{item}" for item in ticks})
        if on_disk is None:
            return merged
        ticked = dict(getattr(on_disk, "ticked", {}))
        ticked.update({item: self.ticked.get(item, False) for item in ticks})
        return merged.model_copy(update={"ticked": ticked})
