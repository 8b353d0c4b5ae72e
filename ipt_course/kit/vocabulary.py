"""The IPT vocabulary (problem areas, phases, dispute stages, techniques) from data/ipt.yaml."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, StrictStr


class _Entry(BaseModel):
    """One named item of the vocabulary; unknown keys are errors, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str


class ProblemArea(_Entry):
    """One of the four IPT problem areas."""

    acute: bool
    also_called: str = ""

    @property
    def full_label(self) -> str:
        """The label with its other name, e.g. 'Interpersonal sensitivities (deficits)'."""
        return f"{self.label} ({self.also_called})" if self.also_called else self.label


class Technique(_Entry):
    """One therapist move: ``ipt`` false marks a move IPT avoids or another therapy's move."""

    description: str
    ipt: bool


class Vocabulary(BaseModel):
    """The whole vocabulary, in teaching order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    problem_areas: tuple[ProblemArea, ...]
    other_focuses: tuple[_Entry, ...]
    phases: tuple[_Entry, ...]
    dispute_stages: tuple[_Entry, ...]
    techniques: tuple[Technique, ...]


@cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary."""
    text = resources.files("ipt_course.kit").joinpath("data", "ipt.yaml").read_text("utf-8")
    return Vocabulary.model_validate(yaml.safe_load(text))


def problem_areas() -> dict[str, str]:
    """Problem area id -> the name the tools show, e.g. 'Interpersonal sensitivities (deficits)'."""
    return {area.id: area.full_label for area in vocabulary().problem_areas}


def acute_areas() -> tuple[str, ...]:
    """The problem areas tied to a life event (all but interpersonal sensitivities)."""
    return tuple(area.id for area in vocabulary().problem_areas if area.acute)


def scenario_focuses() -> dict[str, str]:
    """What a role-play may focus on (assessment, the problem areas, ending) -> its short label."""
    entries = (vocabulary().other_focuses[0], *vocabulary().problem_areas,
               *vocabulary().other_focuses[1:])
    return {entry.id: entry.label for entry in entries}


def phases() -> tuple[str, ...]:
    """The phases of IPT, in order."""
    return tuple(phase.id for phase in vocabulary().phases)


def dispute_stages() -> tuple[str, ...]:
    """The stages of a role dispute."""
    return tuple(stage.id for stage in vocabulary().dispute_stages)


@cache
def techniques() -> dict[str, Technique]:
    """The fixed technique vocabulary, by id, in teaching order."""
    return {technique.id: technique for technique in vocabulary().techniques}


def technique_label(technique_id: str) -> str:
    """The readable label of a technique, or the id itself when it is not in the vocabulary."""
    known = techniques().get(technique_id)
    return known.label if known else technique_id.replace("_", " ")


def _known_area_or_blank(value: Any) -> str:
    if value and value not in problem_areas():
        raise ValueError(f"expected one of {', '.join(problem_areas())}, got {value!r}.")
    return value


# A problem-area id in a schema ('' where none is chosen yet).
ProblemAreaId = Annotated[StrictStr, AfterValidator(_known_area_or_blank)]
