"""The key studies of IPT, read and checked from data/trials.yaml, as a table."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Any

import pandas as pd
import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ipt_course.problems import validate_each

POPULATIONS = (
    "adult depression",
    "perinatal",
    "adolescent",
    "group",
    "eating disorders",
    "PTSD",
    "maintenance",
)
ALL = "all"


class EvidenceDataError(ValueError):
    """The studies file is malformed; the message names the entry and key."""


def _data(name: str) -> Any:
    text = resources.files("ipt_course.tools.evidence").joinpath("data", name)
    return yaml.safe_load(text.read_text(encoding="utf-8"))


@cache
def sources() -> dict[str, str]:
    """Source key -> the reference, from data/sources.yaml."""
    return {key: " ".join(text.split()) for key, text in _data("sources.yaml")["sources"].items()}


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected non-empty text")
    return value


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("expected a year such as 2011")
    return value


def _population(value: Any) -> str:
    if value not in POPULATIONS:
        raise ValueError(f"unknown population {value!r}; expected one of {', '.join(POPULATIONS)}")
    return value


def _source_keys(value: Any) -> str:
    keys = [key.strip() for key in _text(value).split(",")]
    unknown = [key for key in keys if key not in sources()]
    if unknown:
        raise ValueError(f"unknown source key {unknown[0]!r}")
    return value


Text = Annotated[str, BeforeValidator(_text), Field(default="", validate_default=True)]
Population = Annotated[str, BeforeValidator(_population)]


class Study(BaseModel):
    """One row of trials.yaml: a study, who it included, what it found and its caveat."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    study: Text
    year: Annotated[int, BeforeValidator(_year)] = Field(default=None, validate_default=True)
    population: Population = Field(default=None, validate_default=True)
    also: list[Population] = Field(default_factory=list)
    participants: Text
    n: int | None = None
    comparison: Text
    design: Text
    outcome: Text
    result: Text
    effect_size: float | None = None
    effect_measure: str = ""
    source: Annotated[Text, BeforeValidator(_source_keys)]
    caveat: Text

    @model_validator(mode="after")
    def _effect_size_with_its_measure(self) -> Study:
        if (self.effect_size is None) != (not self.effect_measure):
            raise ValueError("effect_size and effect_measure go together")
        return self

    def row(self) -> dict[str, Any]:
        """The study as a table row: one line of result text, further populations joined."""
        row = self.model_dump()
        return {**row, "also": ", ".join(self.also), "result": " ".join(self.result.split())}


# The table's columns, in the order a study is written in trials.yaml.
COLUMNS = tuple(Study.model_fields)


def load_studies(data: Any = None) -> list[dict[str, Any]]:
    """Validated study rows from ``data`` (default: the packaged trials.yaml)."""
    if data is None:
        data = _data("trials.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("studies"), list):
        raise EvidenceDataError("trials.yaml: studies: expected a list")
    studies = validate_each(Study, data["studies"], "trials.yaml: studies", EvidenceDataError)
    return [study.row() for study in studies]


def trials_table(population: str | None = None) -> pd.DataFrame:
    """Key IPT studies as a DataFrame, optionally only those for one population.

    Columns: study, year, population, also, participants, n, comparison, design, outcome,
    result, effect_size (only where a pooled d or g was reported), effect_measure, source,
    caveat.
    """
    frame = pd.DataFrame(load_studies(), columns=list(COLUMNS))
    frame["n"] = frame["n"].astype("Int64")
    frame["effect_size"] = frame["effect_size"].astype("Float64")
    if population and population != ALL:
        if population not in POPULATIONS:
            raise ValueError(
                f"unknown population {population!r}; choose from {', '.join(POPULATIONS)}"
            )
        mask = (frame["population"] == population) | frame["also"].str.split(", ").apply(
            lambda others: population in others
        )
        frame = frame[mask]
    return frame.reset_index(drop=True)
SOURCES = sources()
