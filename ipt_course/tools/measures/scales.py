"""The PHQ-9 and GAD-7: items, answers and severity bands (data/*.yaml), and the NICE grouping."""

from __future__ import annotations

from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

NICE_MORE_SEVERE_FROM = 16


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Band(_Frozen):
    """A severity band: totals from ``low`` to ``high`` inclusive."""

    low: int
    high: int
    label: str


class Response(_Frozen):
    """One answer a person can give to every item, and what it scores."""

    score: int
    label: str


class Difficulty(_Frozen):
    """The PHQ-9's unscored closing question about everyday difficulty."""

    question: str
    options: tuple[str, ...]


class Measure(_Frozen):
    """A questionnaire scored 0-3 per item, as published."""

    key: str
    name: str
    stem: str
    responses: tuple[Response, ...]
    items: tuple[str, ...]
    bands: tuple[Band, ...]
    citation: str
    notes: tuple[str, ...] = ()
    difficulty: Difficulty | None = None
    risk_item: int | None = None
    nice_from: int | None = None
    caseness_from: int | None = None
    risk_item_note: str = ""

    @model_validator(mode="after")
    def _bands_cover_every_total(self) -> Measure:
        edges = [(band.low, band.high) for band in self.bands]
        expected_low = 0
        for low, high in edges:
            if low != expected_low or high < low:
                raise ValueError(f"{self.key}: bands must run on from 0 without gaps")
            expected_low = high + 1
        if expected_low - 1 != self.max_total:
            raise ValueError(f"{self.key}: bands must end at {self.max_total}")
        return self

    @property
    def max_total(self) -> int:
        """Highest possible total."""
        return 3 * len(self.items)


def load_measure(name: str) -> Measure:
    """The measure in ``data/<name>.yaml``, with its text on single lines."""
    text = resources.files("ipt_course.tools.measures").joinpath("data", f"{name}.yaml")
    data = yaml.safe_load(text.read_text("utf-8"))
    one_line = {key: " ".join(value.split()) for key, value in data.items()
                if key in ("stem", "citation", "risk_item_note")}
    lines = {key: [" ".join(item.split()) for item in data[key]] for key in ("items", "notes")
             if key in data}
    if "difficulty" in data:
        data["difficulty"]["question"] = " ".join(data["difficulty"]["question"].split())
    return Measure.model_validate({**data, **one_line, **lines})


PHQ9 = load_measure("phq9")
GAD7 = load_measure("gad7")
RESPONSES: tuple[tuple[int, str], ...] = tuple((r.score, r.label) for r in PHQ9.responses)
PHQ9_DIFFICULTY_QUESTION = PHQ9.difficulty.question if PHQ9.difficulty else ""
PHQ9_DIFFICULTY_OPTIONS = PHQ9.difficulty.options if PHQ9.difficulty else ()
RISK_ITEM = PHQ9.risk_item
ITEM9_STANDING_NOTE = PHQ9.risk_item_note


def _check_total(measure: Measure, total: int) -> None:
    if not isinstance(total, int) or isinstance(total, bool) or not 0 <= total <= measure.max_total:
        raise ValueError(
            f"{measure.name} total must be a whole number from 0 to {measure.max_total} "
            f"(got {total!r})"
        )


def severity_band(measure: Measure, total: int) -> str:
    """The severity label for a complete total, e.g. 'moderately severe'."""
    _check_total(measure, total)
    return next(band.label for band in measure.bands if band.low <= total <= band.high)


def phq9_band(total: int) -> str:
    """PHQ-9 severity: minimal 0-4, mild 5-9, moderate 10-14, moderately severe 15-19,
    severe 20-27."""
    return severity_band(PHQ9, total)


def gad7_band(total: int) -> str:
    """GAD-7 severity: minimal 0-4, mild 5-9, moderate 10-14, severe 15-21."""
    return severity_band(GAD7, total)


def nice_severity(phq9_total: int) -> str:
    """NICE NG222 (2022) grouping from a PHQ-9 total: 'less severe' below 16, else 'more severe'."""
    _check_total(PHQ9, phq9_total)
    return "less severe" if phq9_total < NICE_MORE_SEVERE_FROM else "more severe"
