"""The symptom cycle's content: each symptom followed round the loop, read from YAML."""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from ipt_course.kit.vocabulary import techniques as known_techniques
from ipt_course.problems import validate_each

STEP_TITLES = ("The symptom", "Between people", "Effect on mood", "The symptom worsens")
STEP_KEYS = ("symptom", "interpersonal", "mood", "worsens")
BREAK_POINTS = ("interpersonal", "mood")
IPT_STEP = len(STEP_KEYS) + 1


class CycleContentError(ValueError):
    """The cycle content file is malformed; the message names the key."""


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected non-empty text")
    return value.strip()


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _known_techniques(ids: list[str]) -> tuple[str, ...]:
    unknown = [t for t in ids if t not in known_techniques()]
    if unknown:
        raise ValueError(f"unknown {', '.join(map(str, unknown))}")
    return tuple(ids)


Text = Annotated[str, BeforeValidator(_text), Field(default="", validate_default=True)]


class CycleExample(BaseModel):
    """One symptom followed round the cycle."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: Text
    label: Text
    symptom: Text
    interpersonal: Text
    mood: Text
    worsens: Text
    breaks_at: Literal["interpersonal", "mood"]
    ipt_move: Annotated[Text, AfterValidator(_one_line)]
    techniques: Annotated[tuple[str, ...], BeforeValidator(_known_techniques)] = ()

    def step_text(self, step: int) -> str:
        """Text of step 1-4."""
        return getattr(self, STEP_KEYS[step - 1])

    @property
    def touches_risk(self) -> bool:
        """True when the example involves suicide risk (the view then adds signposting)."""
        return "risk_assessment" in self.techniques


def parse_cycle_content(
    data: Any, source: str = "symptom_cycle.yaml"
) -> tuple[str, list[CycleExample]]:
    """Validate the YAML content and return (intro text, examples)."""
    if not isinstance(data, dict) or not isinstance(data.get("symptoms"), list):
        raise CycleContentError(f"{source}: symptoms: expected a list")
    examples = validate_each(CycleExample, data["symptoms"], f"{source}: symptoms",
                             CycleContentError)
    ids = [example.id for example in examples]
    if len(set(ids)) != len(ids):
        raise CycleContentError(f"{source}: symptoms: ids must be unique")
    return " ".join(str(data.get("intro", "")).split()), examples


def load_cycle_content() -> tuple[str, list[CycleExample]]:
    """The packaged cycle content."""
    text = resources.files("ipt_course.tools.cycle").joinpath("data", "symptom_cycle.yaml")
    return parse_cycle_content(yaml.safe_load(text.read_text(encoding="utf-8")))
