"""Symptom cycle: content validation, stepping through, and where IPT breaks the cycle."""

from __future__ import annotations

import pytest

from ipt_course.tools.cycle import (
    CycleContentError,
    SymptomCycle,
    load_cycle_content,
    parse_cycle_content,
)
from tests.screen import button, control, press

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_packaged_content_is_valid_and_varied() -> None:
    intro, examples = load_cycle_content()
    assert intro
    labels = {example.label for example in examples}
    assert {"Social withdrawal", "Irritability", "Low energy and fatigue"} <= labels
    assert {example.breaks_at for example in examples} == {"interpersonal", "mood"}


def test_bad_content_names_the_key() -> None:
    with pytest.raises(CycleContentError, match=r"symptoms\[0\]\.mood: expected non-empty"):
        parse_cycle_content({"symptoms": [{"id": "x", "label": "X", "symptom": "s",
                                           "interpersonal": "i", "worsens": "w",
                                           "ipt_move": "m", "breaks_at": "mood"}]})
    with pytest.raises(CycleContentError, match="breaks_at"):
        parse_cycle_content({"symptoms": [{"id": "x", "label": "X", "symptom": "s",
                                           "interpersonal": "i", "mood": "m", "worsens": "w",
                                           "ipt_move": "m", "breaks_at": "nowhere"}]})


def test_stepping_round_the_cycle_then_revealing_ipt() -> None:
    cycle = SymptomCycle()
    control(cycle, "Symptom").value = "irritability"
    assert "Snaps at a partner" in cycle.text.value
    assert "Arguments become more frequent" not in cycle.text.value
    press(cycle, "Next step")
    assert "Arguments become more frequent" in cycle.text.value
    press(cycle, "Next step")
    press(cycle, "Next step")
    assert "shorter fuse" in cycle.text.value
    assert "Where IPT breaks the cycle" not in cycle.text.value
    press(cycle, "Next step")
    assert "Where IPT breaks the cycle" in cycle.text.value
    assert "communication analysis" in cycle.text.value
    assert button(cycle, "Next step").disabled
    assert cycle.picture.png.startswith(PNG_SIGNATURE)


def test_show_all_and_restart_and_changing_symptom() -> None:
    cycle = SymptomCycle()
    control(cycle, "Symptom").value = "low-energy"
    press(cycle, "Show where IPT breaks the cycle")
    assert "sick role" in cycle.text.value
    assert "between what happens with other people and mood" in cycle.text.value
    press(cycle, "Start again")
    assert cycle.model.step == 1
    press(cycle, "Show where IPT breaks the cycle")
    control(cycle, "Symptom").value = "withdrawal"
    assert cycle.model.step == 1
    assert "Where IPT breaks the cycle" not in cycle.text.value


def test_risk_example_carries_signposting() -> None:
    cycle = SymptomCycle()
    control(cycle, "Symptom").value = "hopelessness"
    press(cycle, "Show where IPT breaks the cycle")
    assert "Samaritans: 116 123" in cycle.text.value
    control(cycle, "Symptom").value = "withdrawal"
    press(cycle, "Show where IPT breaks the cycle")
    assert "Samaritans" not in cycle.text.value
