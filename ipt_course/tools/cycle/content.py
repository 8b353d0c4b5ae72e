"""The symptom cycle's content: each symptom followed round the loop, read from YAML."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

STEP_TITLES = ("The symptom", "Between people", "Effect on mood", "The symptom worsens")
STEP_KEYS = ("symptom", "interpersonal", "mood", "worsens")
BREAK_POINTS = ("interpersonal", "mood")
IPT_STEP = len(STEP_KEYS) + 1
TECHNIQUE_NAMES = {
    "interpersonal_inventory": "interpersonal inventory",
    "psychoeducation": "psychoeducation",
    "linking_mood_to_events": "linking mood to events",
    "communication_analysis": "communication analysis",
    "clarification": "clarification",
    "role_play": "role play",
    "sick_role": "the sick role",
    "exploration": "exploration",
    "decision_analysis": "decision analysis",
    "encouragement_of_affect": "encouragement of affect",
    "risk_assessment": "risk assessment",
}


@dataclass(frozen=True)
class CycleExample:
    """One symptom followed round the cycle."""

    id: str
    label: str
    symptom: str
    interpersonal: str
    mood: str
    worsens: str
    breaks_at: str
    ipt_move: str
    techniques: tuple[str, ...]

    def step_text(self, step: int) -> str:
        """Text of step 1-4."""
        return getattr(self, STEP_KEYS[step - 1])

    @property
    def touches_risk(self) -> bool:
        """True when the example involves suicide risk (the view then adds signposting)."""
        return "risk_assessment" in self.techniques


class CycleContentError(ValueError):
    """The cycle content file is malformed; the message names the key."""


def parse_cycle_content(
    data: Any, source: str = "symptom_cycle.yaml"
) -> tuple[str, list[CycleExample]]:
    """Validate the YAML content and return (intro text, examples)."""
    if not isinstance(data, dict) or not isinstance(data.get("symptoms"), list):
        raise CycleContentError(f"{source}: symptoms: expected a list")
    examples = []
    for index, raw in enumerate(data["symptoms"]):
        where = f"{source}: symptoms[{index}]"
        if not isinstance(raw, dict):
            raise CycleContentError(f"{where}: expected a mapping")
        for key in ("id", "label", *STEP_KEYS, "ipt_move"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise CycleContentError(f"{where}.{key}: expected non-empty text")
        if raw.get("breaks_at") not in BREAK_POINTS:
            raise CycleContentError(f"{where}.breaks_at: expected one of {', '.join(BREAK_POINTS)}")
        techniques = raw.get("techniques", [])
        unknown = [t for t in techniques if t not in TECHNIQUE_NAMES]
        if unknown:
            raise CycleContentError(f"{where}.techniques: unknown {', '.join(map(str, unknown))}")
        examples.append(
            CycleExample(
                id=raw["id"],
                label=raw["label"],
                symptom=raw["symptom"].strip(),
                interpersonal=raw["interpersonal"].strip(),
                mood=raw["mood"].strip(),
                worsens=raw["worsens"].strip(),
                breaks_at=raw["breaks_at"],
                ipt_move=" ".join(raw["ipt_move"].split()),
                techniques=tuple(techniques),
            )
        )
    ids = [example.id for example in examples]
    if len(set(ids)) != len(ids):
        raise CycleContentError(f"{source}: symptoms: ids must be unique")
    return " ".join(str(data.get("intro", "")).split()), examples


def load_cycle_content() -> tuple[str, list[CycleExample]]:
    """The packaged cycle content."""
    text = (
        resources.files("ipt_course.tools.cycle")
        .joinpath("data/symptom_cycle.yaml")
        .read_text(encoding="utf-8")
    )
    return parse_cycle_content(yaml.safe_load(text))
