"""The selection criteria and the fictional referrals, read from data/*.yaml and checked.

``criteria.yaml`` holds each criterion with its options, the status each option gives and the
reason shown to the trainee; ``referrals.yaml`` the referrals with their features. A mistake in
either file fails with the file, the key path and what is wrong.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from ipt_course.kit.content import Strict, read_yaml_data, validated
from ipt_course.problems import validate_each

Status = Literal["rules_out", "open", "supervisor", "fits", "note"]
# Heaviest first: the heaviest status of any criterion is the referral's verdict.
WEIGHT: tuple[Status, ...] = ("rules_out", "open", "supervisor", "fits")
CRITERIA_IDS = ("diagnosis", "risk", "substance", "focus", "safety", "consent")
UNKNOWN = {"diagnosis": "unknown", "risk": "unknown", "substance": "unknown", "focus": "unknown",
           "safety": "not_asked", "consent": "not_agreed"}
IDENTIFYING_KINDS = ("nhs_number", "date", "postcode", "email", "phone", "titled_name")


class CriteriaDataError(ValueError):
    """A criteria or referrals file is malformed; the message names the file, key and problem."""


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected non-empty text")
    return " ".join(value.split())


Text = Annotated[str, BeforeValidator(_text)]


class Banner(Strict):
    """The note shown above everything."""

    title: Text
    text: Text


class StatusWords(Strict):
    """How a status reads: its words and a symbol beside them."""

    words: Text
    symbol: Text


class Verdict(Strict):
    """What the checker says about a whole referral for one status."""

    title: Text
    text: Text


class Option(Strict):
    """One answer to a criterion, the status it gives and why."""

    id: Text
    label: Text
    status: Literal["rules_out", "open", "supervisor", "fits"]
    reason: Text


class Criterion(Strict):
    """One selection criterion: its title, the question a trainee answers, and the options."""

    id: Literal["diagnosis", "risk", "substance", "focus", "safety", "consent"]
    title: Text
    question: Text
    options: tuple[Option, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _unknown_is_open(self) -> Criterion:
        ids = [option.id for option in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError("options: each id must be unique")
        unknown = UNKNOWN[self.id]
        if unknown not in ids:
            raise ValueError(f"options: needs the option {unknown!r} (not yet known)")
        if self.option(unknown).status != "open":
            raise ValueError(f"options: {unknown!r} must have status 'open'")
        return self

    def option(self, option_id: str) -> Option:
        """The option with this id (KeyError if there is none)."""
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


class Band(Strict):
    """A PHQ-9 severity band (Kroenke et al., 2001)."""

    low: int = Field(ge=0, le=27)
    high: int = Field(ge=0, le=27)
    words: Text


class Severity(Strict):
    """The PHQ-9 row: never counted, always explained."""

    title: Text
    bands: tuple[Band, ...]
    nice_split: int = Field(ge=0, le=27)
    known: Text
    unknown: Text
    item9: Text
    item9_conflict: Text

    @model_validator(mode="after")
    def _bands_cover(self) -> Severity:
        expected = 0
        for band in self.bands:
            if band.low != expected or band.high < band.low:
                raise ValueError("bands: must run from 0 to 27 without gaps or overlaps")
            expected = band.high + 1
        if expected != 28:
            raise ValueError("bands: must run from 0 to 27 without gaps or overlaps")
        return self

    def band(self, score: int) -> str:
        """The band's words for a PHQ-9 total."""
        return next(band.words for band in self.bands if band.low <= score <= band.high)


class Identifying(Strict):
    """The message shown when a trainee's description seems to identify someone."""

    title: Text
    text: Text
    kinds: dict[Literal["nhs_number", "date", "postcode", "email", "phone", "titled_name"], Text]

    @model_validator(mode="after")
    def _every_kind(self) -> Identifying:
        missing = [kind for kind in IDENTIFYING_KINDS if kind not in self.kinds]
        if missing:
            raise ValueError(f"kinds: no wording for {', '.join(missing)}")
        return self


class Criteria(Strict):
    """The whole criteria file."""

    banner: Banner
    statuses: dict[Status, StatusWords]
    verdicts: dict[Literal["rules_out", "open", "supervisor", "fits"], Verdict]
    criteria: tuple[Criterion, ...]
    severity: Severity
    identifying: Identifying

    @model_validator(mode="after")
    def _complete(self) -> Criteria:
        ids = [criterion.id for criterion in self.criteria]
        if sorted(ids) != sorted(CRITERIA_IDS):
            raise ValueError(f"criteria: expected each of {', '.join(CRITERIA_IDS)} once")
        for name, wanted in (("statuses", (*WEIGHT, "note")), ("verdicts", WEIGHT)):
            missing = [status for status in wanted if status not in getattr(self, name)]
            if missing:
                raise ValueError(f"{name}: no entry for {', '.join(missing)}")
        return self

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id."""
        return next(criterion for criterion in self.criteria if criterion.id == criterion_id)


class Features(Strict):
    """A referral's features: one option per criterion, the PHQ-9 total and item 9 if known."""

    diagnosis: Text
    risk: Text
    substance: Text
    focus: Text
    safety: Text
    consent: Text
    phq9: int | None = Field(default=None, ge=0, le=27)
    item9: int | None = Field(default=None, ge=0, le=3)

    @model_validator(mode="after")
    def _item9_fits_total(self) -> Features:
        if self.item9 is not None and self.phq9 is not None and self.item9 > self.phq9:
            raise ValueError("item9 cannot be more than the PHQ-9 total")
        return self

    def choice(self, criterion_id: str) -> str:
        """The option chosen for a criterion."""
        return getattr(self, criterion_id)


class Referral(Strict):
    """A fictional referral: its story, its features and what would go to supervision."""

    id: Text
    name: Text
    title: Text
    story: Text
    features: Features
    supervision: Text


def parse_criteria(data: Any, source: str = "criteria.yaml") -> Criteria:
    """Check the criteria data; CriteriaDataError names the file, key and what is wrong."""
    return validated(Criteria, data, source, CriteriaDataError)


def parse_referrals(data: Any, criteria: Criteria,
                    source: str = "referrals.yaml") -> tuple[Referral, ...]:
    """Check the referrals; each feature must be one of its criterion's options."""
    if not isinstance(data, dict) or not isinstance(data.get("referrals"), list) or not data[
            "referrals"]:
        raise CriteriaDataError(f"{source}: referrals: expected a list of referrals")
    referrals = tuple(validate_each(Referral, data["referrals"], f"{source}: referrals",
                                    CriteriaDataError))
    for index, referral in enumerate(referrals):
        for criterion in criteria.criteria:
            chosen = referral.features.choice(criterion.id)
            if chosen not in {option.id for option in criterion.options}:
                raise CriteriaDataError(
                    f"{source}: referrals[{index}].features.{criterion.id}: {chosen!r} is not "
                    f"one of {', '.join(option.id for option in criterion.options)}")
    ids = [referral.id for referral in referrals]
    if len(set(ids)) != len(ids) or "own" in ids:
        raise CriteriaDataError(f"{source}: referrals: each id must be unique and not 'own'")
    return referrals


def _read(name: str) -> Any:
    return read_yaml_data("ipt_course.tools.training_cases", name, CriteriaDataError)


@cache
def criteria() -> Criteria:
    """The packaged criteria."""
    return parse_criteria(_read("criteria.yaml"))


@cache
def referrals() -> tuple[Referral, ...]:
    """The packaged referrals, Helen Ward first."""
    return parse_referrals(_read("referrals.yaml"), criteria())
