"""The recording checklist's wording and sections, from data/checklist.yaml, checked as it is read.

Each section (consent, storage, naming, upload, deletion) has statements to tick, each with its
reason, and one detail box checked by the kit's plan rules (:mod:`ipt_course.kit.plans`).
"""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from ipt_course.kit.datafile import load_data
from ipt_course.kit.plans import OneLine, PartSpec, PlanSpec, plan_words
from ipt_course.tools.safety_plan.content import Banner

PACKAGE = "ipt_course.tools.recording_checklist"
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class _Content(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(_Content):
    """One statement the trainee ticks when it is true, and why it matters."""

    id: Ident
    text: OneLine
    why: OneLine


class Section(_Content):
    """One area of the checklist: its statements and the detail box."""

    id: Ident
    title: OneLine
    items: tuple[Item, ...] = Field(min_length=1)
    detail: PartSpec


def _unique(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    ids = [section.id for section in sections]
    ids += [item.id for section in sections for item in section.items]
    ids += [section.detail.id for section in sections]
    repeated = sorted({name for name in ids if ids.count(name) > 1})
    if repeated:
        raise ValueError(f"each section, item and detail needs its own id; repeated: "
                         f"{', '.join(repeated)}")
    return sections


class ChecklistContent(_Content):
    """Everything the checklist says."""

    banner: Banner
    client_label: OneLine
    default_client: str = ""
    page_title: OneLine
    practice_note: OneLine
    sections: Annotated[tuple[Section, ...], Field(min_length=1), AfterValidator(_unique)]
    name_in_file: Annotated[OneLine, AfterValidator(
        lambda text: text if "{word}" in text else _missing_word())]

    @property
    def item_ids(self) -> tuple[str, ...]:
        """Every statement's id, in order."""
        return tuple(item.id for section in self.sections for item in section.items)

    def section(self, section_id: str) -> Section:
        """The section called ``section_id``."""
        return next(section for section in self.sections if section.id == section_id)


def _missing_word() -> str:
    raise ValueError("the message must contain {word}, where the name found is shown")


@cache
def checklist_content() -> ChecklistContent:
    """The checklist's wording and sections."""
    return load_data(PACKAGE, "checklist.yaml", ChecklistContent)


@cache
def checklist_spec() -> PlanSpec:
    """The detail boxes as a plan, with the shared plan words, for the kit's rules."""
    return PlanSpec(parts=tuple(section.detail for section in checklist_content().sections),
                    words=plan_words())
