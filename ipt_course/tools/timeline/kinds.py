"""The kinds of event a timeline takes: Day 1's four, and the perinatal kinds read from YAML.

The perinatal kinds (pregnancies, losses, births, anniversaries) are offered only by a timeline
opened with ``perinatal=True``; every timeline reads and draws them, so a file holding them never
loses an entry whichever builder opens it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict

from ipt_course.problems import validate_each
from ipt_course.yamlfile import YamlFileError, read_yaml

EVENT_KINDS: dict[str, str] = {
    "loss": "Loss or bereavement",
    "dispute": "Dispute or conflict",
    "change": "Life change",
    "other": "Other",
}
GROUP_TITLES: dict[str, str] = {
    "pregnancy": "Pregnancies and births",
    "loss": "Losses",
    "anniversary": "Anniversaries and dates",
}
PERINATAL_FILE = "perinatal_kinds.yaml"


class KindsDataError(ValueError):
    """The perinatal kinds file is malformed; the message names the file, entry and key."""


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected non-empty text")
    return " ".join(value.split())


def _identifier(value: Any) -> str:
    text = _text(value)
    if not text.replace("_", "").isalpha() or not text.islower():
        raise ValueError(f"expected lower-case letters and underscores, got {value!r}")
    if text in EVENT_KINDS:
        raise ValueError(f"{text!r} is already one of the Day 1 kinds")
    return text


Text = Annotated[str, BeforeValidator(_text)]


class PerinatalKind(BaseModel):
    """One perinatal kind of event: its key, the name a trainee reads, its group and a hint."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, BeforeValidator(_identifier)]
    label: Text
    group: Literal["pregnancy", "loss", "anniversary"]
    hint: Text


def parse_perinatal_kinds(data: Any, source: str = PERINATAL_FILE) -> tuple[PerinatalKind, ...]:
    """Check the perinatal kinds data; KindsDataError names the file, entry and key at fault."""
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), list):
        raise KindsDataError(f"{source}: kinds: expected a list of kinds")
    kinds = validate_each(PerinatalKind, data["kinds"], f"{source}: kinds", KindsDataError)
    seen: set[str] = set()
    for index, kind in enumerate(kinds):
        if kind.id in seen:
            raise KindsDataError(f"{source}: kinds[{index}].id: {kind.id!r} is listed twice")
        seen.add(kind.id)
    return tuple(kinds)


@cache
def perinatal_kinds() -> tuple[PerinatalKind, ...]:
    """The packaged perinatal kinds, in the order the builder offers them."""
    path = Path(str(resources.files("ipt_course.tools.timeline").joinpath("data", PERINATAL_FILE)))
    try:
        data = read_yaml(path, PERINATAL_FILE)
    except YamlFileError as error:
        raise KindsDataError(str(error)) from None
    return parse_perinatal_kinds(data)


PERINATAL_KINDS: dict[str, str] = {kind.id: kind.label for kind in perinatal_kinds()}
ALL_KINDS: dict[str, str] = {**EVENT_KINDS, **PERINATAL_KINDS}
ANNIVERSARY_KINDS = frozenset(kind.id for kind in perinatal_kinds() if kind.group == "anniversary")


def event_kinds(perinatal: bool = False) -> dict[str, str]:
    """The kinds a builder offers: Day 1's four, and with ``perinatal`` the perinatal ones too."""
    return dict(ALL_KINDS) if perinatal else dict(EVENT_KINDS)
