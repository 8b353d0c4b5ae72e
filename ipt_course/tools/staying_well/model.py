"""The staying-well plan being written: the fictional client and the text of each part."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from ipt_course.kit.plan_work import PlanDocument, PlanWork
from ipt_course.kit.plans import PlanSpec
from ipt_course.kit.saved import SavedFileError
from ipt_course.tools.staying_well.content import staying_well_content, staying_well_spec


class StayingWellFileError(SavedFileError):
    """A saved staying-well plan cannot be read; the message names the key and the problem."""


class StayingWellDocument(PlanDocument):
    """A saved practice staying-well plan."""

    KIND: ClassVar[str] = "ipt-staying-well-plan"
    WHAT: ClassVar[str] = "a staying-well plan file"
    PARTS: ClassVar[tuple[str, ...]] = staying_well_spec().ids


class StayingWellModel(PlanWork):
    """A practice staying-well plan, saved to ``save_path`` as it changes, reloaded on a re-run."""

    spec: ClassVar[PlanSpec] = staying_well_spec()
    document: ClassVar[type[StayingWellDocument]] = StayingWellDocument
    error: ClassVar[type[SavedFileError]] = StayingWellFileError
    default_client: ClassVar[str] = staying_well_content().default_client
    work_name = "staying-well plan"
    unsaved_name = "practice staying-well plan"

    def __init__(self, save_path: str | Path | None = "my-staying-well-plan.json",
                 **kwargs: Any) -> None:
        super().__init__(save_path, **kwargs)
