"""This service's 12-week group model (data/programme.yaml), the published models beside it
(data/published.yaml), and the weeks of a group laid out from its first session's date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ipt_course.kit.datafile import load_data
from ipt_course.kit.plans import OneLine

PACKAGE = "ipt_course.tools.group_programme"
WEEKS = 12
REVIEW = "review"
Format = Literal["one_to_one", "group", "ending", "review"]


class _Content(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ShapePart(_Content):
    """A stretch of a group session."""

    minutes: int = Field(gt=0)
    what: OneLine


class SessionShape(_Content):
    """How a group session's 90 minutes might be shared."""

    note: OneLine
    parts: tuple[ShapePart, ...] = Field(min_length=1)


class SessionBlock(_Content):
    """Sessions that share a format and themes (e.g. group sessions 3 to 10)."""

    sessions: tuple[int | Literal["review"], ...] = Field(min_length=1)
    format: Format
    title: OneLine
    minutes: int | None = None
    when: str = ""
    themes: tuple[OneLine, ...] = Field(min_length=1)
    may_include: tuple[OneLine, ...] = ()


class FocalArea(_Content):
    """An IPT problem area and what it often means after a perinatal loss (the service's map)."""

    area: OneLine
    after_a_loss: OneLine


def _every_week_once(blocks: tuple[SessionBlock, ...]) -> tuple[SessionBlock, ...]:
    listed = [number for block in blocks for number in block.sessions]
    expected = [*range(1, WEEKS + 1), REVIEW]
    if sorted(listed, key=str) != sorted(expected, key=str):
        raise ValueError(f"expected sessions 1 to {WEEKS} and the review, each once; got "
                         f"{', '.join(map(str, listed))}")
    return blocks


class Programme(_Content):
    """The whole model as the planner shows it."""

    name: OneLine
    status: OneLine
    frame: tuple[OneLine, ...] = Field(min_length=1)
    session_shape: SessionShape
    sessions: Annotated[tuple[SessionBlock, ...], AfterValidator(_every_week_once)]
    format_labels: dict[Format, OneLine]
    bands: dict[Format, OneLine]
    aims: tuple[OneLine, ...] = Field(min_length=1)
    includes: tuple[OneLine, ...] = Field(min_length=1)
    focal_areas: tuple[FocalArea, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_format_named(self) -> Programme:
        used = {block.format for block in self.sessions}
        for key in ("format_labels", "bands"):
            missing = used - set(getattr(self, key))
            if missing:
                raise ValueError(f"{key}: name every format used ({', '.join(sorted(missing))})")
        return self

    def block(self, session: int | str) -> SessionBlock:
        """The block that session ``session`` (1 to 12, or 'review') belongs to."""
        return next(block for block in self.sessions if session in block.sessions)


class PublishedModel(_Content):
    """A published form of group IPT (or a model set beside them), with its evidence."""

    name: OneLine
    shape: OneLine
    evidence: OneLine
    source: OneLine


class PublishedModels(_Content):
    """The published models, in the order the planner lists them."""

    models: tuple[PublishedModel, ...] = Field(min_length=1)


@cache
def programme() -> Programme:
    """This service's model."""
    return load_data(PACKAGE, "programme.yaml", Programme)


@cache
def published_models() -> PublishedModels:
    """The published models beside it."""
    return load_data(PACKAGE, "published.yaml", PublishedModels)


@dataclass(frozen=True)
class Week:
    """One of the twelve weeks (or the review after them), with its date when one is known."""

    session: int | str
    day: date | None
    block: SessionBlock

    @property
    def label(self) -> str:
        """'Session 4' or 'Review'."""
        return "Review" if self.session == REVIEW else f"Session {self.session}"


def session_dates(first: date) -> dict[int, date]:
    """The date of each of the twelve weekly sessions, from the first one's date."""
    return {number: first + timedelta(weeks=number - 1) for number in range(1, WEEKS + 1)}


def weeks(first: date | None, model: Programme | None = None) -> list[Week]:
    """The twelve weeks and the review, in order; dated when ``first`` is given."""
    model = model or programme()
    dates = session_dates(first) if first else {}
    return [Week(session, dates.get(session) if isinstance(session, int) else None,
                 model.block(session))
            for session in [*range(1, WEEKS + 1), REVIEW]]


def uk_date(day: date) -> str:
    """'Thursday 6 May 2027'."""
    return f"{day:%A} {day.day} {day:%B %Y}"
