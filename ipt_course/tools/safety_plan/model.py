"""The safety plan being written: the fictional client, each step's lines, and where she lives."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Literal

import traitlets

from ipt_course.kit.plan_work import PlanDocument, PlanWork
from ipt_course.kit.plans import PlanSpec
from ipt_course.kit.saved import SavedFileError
from ipt_course.tools.safety_plan.content import (
    ALL_NATIONS,
    NATIONS,
    crisis_lines,
    safety_plan_content,
    safety_plan_spec,
)


class SafetyPlanFileError(SavedFileError):
    """A saved safety plan cannot be read; the message names the key and the problem."""


class SafetyPlanDocument(PlanDocument):
    """A saved practice safety plan."""

    KIND: ClassVar[str] = "ipt-safety-plan"
    WHAT: ClassVar[str] = "a safety plan file"
    PARTS: ClassVar[tuple[str, ...]] = safety_plan_spec().ids
    MESSAGES: ClassVar[dict[str, str]] = {
        **PlanDocument.MESSAGES,
        "literal_error": f"expected one of {', '.join((ALL_NATIONS, *NATIONS))}.",
    }

    nation: Literal["all", "england", "scotland", "wales", "northern_ireland"] = ALL_NATIONS


class SafetyPlanModel(PlanWork):
    """A practice safety plan, saved to ``save_path`` as it changes and reloaded on a re-run.

    ``entries`` holds each step's text; ``nation`` chooses which urgent line is printed.
    """

    nation = traitlets.Enum((ALL_NATIONS, *NATIONS), default_value=ALL_NATIONS,
                            help="Where the client lives, for the urgent line on her plan.")

    spec: ClassVar[PlanSpec] = safety_plan_spec()
    document: ClassVar[type[SafetyPlanDocument]] = SafetyPlanDocument
    error: ClassVar[type[SavedFileError]] = SafetyPlanFileError
    extra_fields: ClassVar[tuple[str, ...]] = ("nation",)
    default_client: ClassVar[str] = safety_plan_content().default_client
    work_name = "safety plan"
    unsaved_name = "practice safety plan"

    def __init__(self, save_path: str | Path | None = "my-safety-plan.json",
                 **kwargs: Any) -> None:
        super().__init__(save_path, **kwargs)

    def crisis_lines(self) -> tuple[str, ...]:
        """The crisis lines the plan carries for the chosen nation."""
        return crisis_lines().for_nation(self.nation)
