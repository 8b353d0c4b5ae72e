"""The staying-well plan's wording and parts, from data/plan.yaml, checked as it is read."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from ipt_course.kit.datafile import load_data
from ipt_course.kit.plans import OneLine, Parts, PlanSpec, plan_words
from ipt_course.tools.safety_plan.content import Banner

PACKAGE = "ipt_course.tools.staying_well"


class StayingWellContent(BaseModel):
    """Everything the staying-well plan says, and its parts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    banner: Banner
    client_label: OneLine
    default_client: str = ""
    page_title: OneLine
    practice_note: OneLine
    parts: Parts


@cache
def staying_well_content() -> StayingWellContent:
    """The plan's wording and parts."""
    return load_data(PACKAGE, "plan.yaml", StayingWellContent)


@cache
def staying_well_spec() -> PlanSpec:
    """The plan's parts with the shared plan words, for checking."""
    return PlanSpec(parts=staying_well_content().parts, words=plan_words())
