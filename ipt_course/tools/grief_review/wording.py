"""The review's wording, read from data/wording.yaml and checked, so a clinician can edit it."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError

from ipt_course.problems import problems_from_validation_error
from ipt_course.yamlfile import YamlFileError, read_yaml

WORDING_FILE = "wording.yaml"
SECTIONS = ("person", "memories", "gave", "hard", "death", "dates", "balance")
PROMPTS = ("nothing_yet", "only_gave", "only_gave_baby", "only_hard", "both_sides",
           "memories_about_the_death", "no_memories", "hopes_for_a_baby", "self_blame",
           "story_missing", "time_after_missing", "no_dates", "now_unplaced", "aim_unplaced",
           "aim_at_an_end")
POSITIONS = 7


class WordingError(ValueError):
    """The wording file is malformed; the message names the file, key and what is wrong."""


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected non-empty text")
    return " ".join(value.split())


def _phrases(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ValueError("expected a list of words or phrases")
    return tuple(_text(item).lower() for item in value)


def _all_of(names: tuple[str, ...]) -> Any:
    def check(value: dict[str, str]) -> dict[str, str]:
        missing = [name for name in names if name not in value]
        unknown = [name for name in value if name not in names]
        if missing:
            raise ValueError(f"missing {', '.join(missing)}")
        if unknown:
            raise ValueError(f"unknown key {unknown[0]!r} (check its spelling)")
        return value

    return AfterValidator(check)


def _placeholders(value: dict[str, str]) -> dict[str, str]:
    for key, text in value.items():
        try:
            text.format(name="the person", found="I should have")
        except (KeyError, IndexError, ValueError):
            raise ValueError(f"{key}: only {{name}} and {{found}} may stand in braces") from None
    return value


def _seven(value: list[str]) -> list[str]:
    if len(value) != POSITIONS:
        raise ValueError(f"expected {POSITIONS} positions, from only the good side to only the "
                         f"hard side; got {len(value)}")
    return value


Text = Annotated[str, BeforeValidator(_text)]
Phrases = Annotated[tuple[str, ...], BeforeValidator(_phrases)]


class Words(BaseModel):
    """The word lists the prompts look for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    about_the_death: Phrases
    self_blame: Phrases


class Wording(BaseModel):
    """Everything the review says: the intro, each section's guidance, positions and prompts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    intro: Text
    sections: Annotated[dict[str, Text], _all_of(SECTIONS)]
    balance_positions: Annotated[list[Text], AfterValidator(_seven)]
    prompts: Annotated[dict[str, Text], _all_of(PROMPTS), AfterValidator(_placeholders)]
    words: Words

    def position(self, value: int | None) -> str:
        """The words for a balance position from -3 to 3 ('' for one not placed)."""
        return "" if value is None else self.balance_positions[value + POSITIONS // 2]


def parse_wording(data: Any, source: str = WORDING_FILE) -> Wording:
    """Check the wording data; WordingError says which file and key is wrong, and how."""
    try:
        return Wording.model_validate(data)
    except ValidationError as error:
        first = problems_from_validation_error(source, error)[0]
        raise WordingError(str(first)) from None


@cache
def wording() -> Wording:
    """The packaged wording."""
    path = Path(str(resources.files("ipt_course.tools.grief_review").joinpath(
        "data", WORDING_FILE)))
    try:
        data = read_yaml(path, WORDING_FILE)
    except YamlFileError as error:
        raise WordingError(str(error)) from None
    return parse_wording(data)
