"""The two systems' criteria and the cases, read from data/*.yaml and checked.

``criteria.yaml`` holds the features a trainee marks and the side-by-side rows; ``vignettes.yaml``
the cases with the course's reading of each. A mistake in either file fails with the file, the
key path and what is wrong.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from ipt_course.kit.content import Strict, read_yaml_data, validated
from ipt_course.problems import validate_each
from ipt_course.tools.timeline.model import MonthYear, TimelineError, parse_month_year

SYSTEMS = ("icd11", "dsm5tr")
Mark = Literal["yes", "no", "ask"]
AgeGroup = Literal["adult", "young"]
AGE_GROUPS: dict[str, str] = {"adult": "Adult", "young": "Child or adolescent"}


class CriteriaDataError(ValueError):
    """A criteria or vignettes file is malformed; the message names the file, key and problem."""


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected non-empty text")
    return " ".join(value.split())


def _month(value: Any) -> MonthYear:
    if isinstance(value, MonthYear):
        return value
    try:
        return parse_month_year(value)
    except TimelineError as error:
        raise ValueError(str(error)) from None


Text = Annotated[str, BeforeValidator(_text)]
Month = Annotated[MonthYear, BeforeValidator(_month)]


class Feature(Strict):
    """Something a trainee marks for a case: a short label, what it means, a way to ask."""

    id: Text
    label: Text
    means: Text
    ask: Text


class Criterion(Strict):
    """One system's criterion in one row: its words and how its status follows from the marks."""

    text: Text
    rule: Literal["time", "any", "all", "count", "unconfirmed", "judgement"]
    features: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    at_least: int = Field(default=0, ge=0)
    months_adult: int = Field(default=0, ge=0)
    months_young: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _complete(self) -> Criterion:
        if self.rule in ("any", "all", "count") and not self.features:
            raise ValueError(f"a '{self.rule}' rule needs features")
        if self.rule == "count" and not 0 < self.at_least <= len(self.features):
            raise ValueError("at_least must be from 1 to the number of features")
        if self.rule == "time" and not (self.months_adult and self.months_young):
            raise ValueError("a 'time' rule needs months_adult and months_young")
        return self

    def months(self, age_group: str) -> int:
        """The months a 'time' rule asks for, for this age group."""
        return self.months_young if age_group == "young" else self.months_adult


class Row(Strict):
    """One row of the side-by-side table: a title, what it means, and each system's criterion."""

    id: Text
    title: Text
    explain: Text
    icd11: Criterion
    dsm5tr: Criterion

    def criterion(self, system: str) -> Criterion:
        """This row's criterion in ``system`` ('icd11' or 'dsm5tr')."""
        return getattr(self, system)


class Banner(Strict):
    """The warning shown above everything."""

    title: Text
    text: Text


class System(Strict):
    """A diagnostic system's heading."""

    title: Text


class Criteria(Strict):
    """The whole criteria file."""

    banner: Banner
    systems: dict[Literal["icd11", "dsm5tr"], System]
    features: tuple[Feature, ...]
    rows: tuple[Row, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Criteria:
        ids = [feature.id for feature in self.features]
        if len(set(ids)) != len(ids):
            raise ValueError("features: each id must be unique")
        if set(self.systems) != set(SYSTEMS):
            raise ValueError(f"systems: expected {' and '.join(SYSTEMS)}")
        for row in self.rows:
            for system in SYSTEMS:
                unknown = [f for f in (*row.criterion(system).features, *row.criterion(system).also)
                           if f not in ids]
                if unknown:
                    raise ValueError(f"rows: {row.id}.{system}: unknown feature {unknown[0]!r}")
        return self

    def feature(self, feature_id: str) -> Feature:
        """The feature with this id."""
        return next(feature for feature in self.features if feature.id == feature_id)


class Reading(Strict):
    """The course's reading of one feature in a case's story."""

    mark: Mark
    why: Text


class Vignette(Strict):
    """A fictional case: its story, time since the death, and the course's reading of it."""

    id: Text
    name: Text
    title: Text
    age_group: AgeGroup
    story: Text
    other_explanations: Text
    supervision: Text
    reading: dict[str, Reading]
    died: Month | None = None
    seen: Month | None = None
    months: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _one_way_to_time(self) -> Vignette:
        dated = self.died is not None and self.seen is not None
        if dated == (self.months is not None) or (self.died is None) != (self.seen is None):
            raise ValueError("give either died and seen, or months")
        if dated and self.seen < self.died:
            raise ValueError("seen must not come before died")
        return self

    @property
    def months_since_death(self) -> int:
        """Whole months from the death to when the case is seen."""
        if self.months is not None:
            return self.months
        return (self.seen.year - self.died.year) * 12 + self.seen.month - self.died.month


def parse_criteria(data: Any, source: str = "criteria.yaml") -> Criteria:
    """Check the criteria data; CriteriaDataError names the file, key and what is wrong."""
    return validated(Criteria, data, source, CriteriaDataError)


def parse_vignettes(data: Any, criteria: Criteria,
                    source: str = "vignettes.yaml") -> tuple[Vignette, ...]:
    """Check the cases; each must read every feature of ``criteria`` and nothing else."""
    if not isinstance(data, dict) or not isinstance(data.get("vignettes"), list) or not data[
            "vignettes"]:
        raise CriteriaDataError(f"{source}: vignettes: expected a list of cases")
    vignettes = tuple(validate_each(Vignette, data["vignettes"], f"{source}: vignettes",
                                    CriteriaDataError))
    ids = [feature.id for feature in criteria.features]
    for index, vignette in enumerate(vignettes):
        missing = [f for f in ids if f not in vignette.reading]
        extra = [f for f in vignette.reading if f not in ids]
        where = f"{source}: vignettes[{index}].reading"
        if missing:
            raise CriteriaDataError(f"{where}: no reading for {', '.join(missing)}")
        if extra:
            raise CriteriaDataError(f"{where}: {extra[0]!r} is not a feature in criteria.yaml")
    names = [vignette.id for vignette in vignettes]
    if len(set(names)) != len(names):
        raise CriteriaDataError(f"{source}: vignettes: each id must be unique")
    return vignettes


def _read(name: str) -> Any:
    return read_yaml_data("ipt_course.tools.prolonged_grief", name, CriteriaDataError)


@cache
def criteria() -> Criteria:
    """The packaged criteria."""
    return parse_criteria(_read("criteria.yaml"))


@cache
def vignettes() -> tuple[Vignette, ...]:
    """The packaged cases, Bethan first."""
    return parse_vignettes(_read("vignettes.yaml"), criteria())
