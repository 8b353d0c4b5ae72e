"""The strategy map's own content (``data/map.yaml``), read and checked.

A mistake in the file fails with the file, the key and what is wrong, so a clinician editing
the wording can put it right.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from ipt_course.kit.vocabulary import techniques
from ipt_course.problems import problems_from_validation_error
from ipt_course.yamlfile import YamlFileError, read_yaml

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
MAP_FILE = "ipt_course/tools/strategy_map/data/map.yaml"


class MapDataError(ValueError):
    """``map.yaml`` is missing, not YAML, or does not fit the schema."""


class Strategy(BaseModel):
    """One thing the therapist does in a phase or problem area, with the techniques it uses.

    ``framework`` marks steps that are this course's practical framework, not a manual's text.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: Text
    techniques: tuple[str, ...] = ()
    framework: bool = False

    @field_validator("techniques")
    @classmethod
    def _known_techniques(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [item for item in value if item not in techniques()]
        if unknown:
            raise ValueError(f"unknown technique {', '.join(unknown)}; the techniques are in "
                             "ipt_course/kit/data/ipt.yaml")
        return value


class Strand(BaseModel):
    """A phase, a problem area or a thread that runs through every phase (risk, affect)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    kind: Literal["phase", "area", "thread"]
    label: Text
    when: Text
    sessions: str = ""
    goals: Annotated[tuple[Text, ...], Field(min_length=1)]
    strategies: Annotated[tuple[Strategy, ...], Field(min_length=1)]
    outcomes: Annotated[tuple[Annotated[str, Field(pattern=r"^d[1-6]\.lo\d+$")], ...],
                        Field(min_length=1)]
    perinatal: str = ""

    @property
    def technique_ids(self) -> tuple[str, ...]:
        """Every technique the strand's strategies use, once each, in first-use order."""
        return tuple(dict.fromkeys(t for strategy in self.strategies for t in strategy.techniques))


class StrategyMapData(BaseModel):
    """The whole map: phases first, then the problem areas, then the threads."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    strands: Annotated[tuple[Strand, ...], Field(min_length=1)]

    @field_validator("strands")
    @classmethod
    def _unique_ids(cls, value: tuple[Strand, ...]) -> tuple[Strand, ...]:
        ids = [strand.id for strand in value]
        repeated = sorted({strand_id for strand_id in ids if ids.count(strand_id) > 1})
        if repeated:
            raise ValueError(f"strand id used twice: {', '.join(repeated)}")
        return value

    def strand(self, strand_id: str) -> Strand:
        """The strand with id ``strand_id``."""
        for strand in self.strands:
            if strand.id == strand_id:
                return strand
        raise KeyError(strand_id)


def read_map(path: Path, name: str = MAP_FILE) -> StrategyMapData:
    """Read and check a map file; any problem raises MapDataError naming the file and key."""
    try:
        data = read_yaml(path, name)
    except YamlFileError as error:
        raise MapDataError(str(error.problem)) from None
    try:
        return StrategyMapData.model_validate(data)
    except ValidationError as error:
        first = problems_from_validation_error(name, error)[0]
        raise MapDataError(str(first)) from None


@cache
def strategy_map_data() -> StrategyMapData:
    """The packaged map."""
    with resources.as_file(resources.files("ipt_course.tools.strategy_map")
                           .joinpath("data", "map.yaml")) as path:
        return read_map(path)
