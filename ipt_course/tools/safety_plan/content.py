"""The safety plan's fixed content: its wording and steps (data/plan.yaml) and the UK crisis lines
(data/crisis_lines.yaml), each checked as it is read."""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ipt_course.kit.datafile import load_data
from ipt_course.kit.plans import OneLine, Parts, PlanSpec, plan_words

PACKAGE = "ipt_course.tools.safety_plan"
NATIONS = ("england", "scotland", "wales", "northern_ireland")
ALL_NATIONS = "all"


class _Content(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Banner(_Content):
    """The box at the top of a tool: a title and a few lines."""

    title: OneLine
    lines: tuple[OneLine, ...] = Field(min_length=1)


class SafetyPlanContent(_Content):
    """Everything the builder says, and its parts."""

    banner: Banner
    client_label: OneLine
    default_client: str = ""
    nation_label: OneLine
    page_title: OneLine
    practice_note: OneLine
    parts: Parts


class NationLine(_Content):
    """The urgent mental health line for one of the four UK nations."""

    id: str
    name: OneLine
    line: OneLine


def _four_nations(lines: tuple[NationLine, ...]) -> tuple[NationLine, ...]:
    if tuple(line.id for line in lines) != NATIONS:
        raise ValueError(f"expected one line for each nation, in the order {', '.join(NATIONS)}")
    return lines


class CrisisLines(_Content):
    """The crisis lines a plan carries: one per nation, and those that serve the whole UK."""

    heading: OneLine
    nations: Annotated[tuple[NationLine, ...], AfterValidator(_four_nations)]
    everywhere: tuple[OneLine, ...] = Field(min_length=1)

    def for_nation(self, nation: str) -> tuple[str, ...]:
        """The lines to print for where the client lives (``all`` for every nation)."""
        chosen = [line for line in self.nations if nation in (ALL_NATIONS, line.id)]
        if not chosen:
            raise ValueError(f"unknown nation {nation!r}")
        named = [f"{line.name}: {line.line}" if nation == ALL_NATIONS else line.line
                 for line in chosen]
        return (*named, *self.everywhere)

    def choices(self) -> list[tuple[str, str]]:
        """(label, value) pairs for a dropdown: every nation, then each one."""
        return [("All four UK nations", ALL_NATIONS),
                *[(line.name, line.id) for line in self.nations]]


@cache
def safety_plan_content() -> SafetyPlanContent:
    """The builder's wording and parts."""
    return load_data(PACKAGE, "plan.yaml", SafetyPlanContent)


@cache
def crisis_lines() -> CrisisLines:
    """The UK crisis lines (also printed on the staying-well plan)."""
    return load_data(PACKAGE, "crisis_lines.yaml", CrisisLines)


@cache
def safety_plan_spec() -> PlanSpec:
    """The safety plan's parts with the shared plan words, for checking."""
    return PlanSpec(parts=safety_plan_content().parts, words=plan_words())
