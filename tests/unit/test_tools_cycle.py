"""Symptom cycle: content validation, stepping through, and where IPT breaks the cycle."""

from __future__ import annotations

import pytest

from ipt_course.tools.cycle import (
    CycleContentError,
    SymptomCycle,
    load_cycle_content,
    parse_cycle_content,
)

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
    cycle._symptom.value = "irritability"
    assert "Snaps at a partner" in cycle._text.value
    assert "Arguments become more frequent" not in cycle._text.value
    cycle._next.click()
    assert "Arguments become more frequent" in cycle._text.value
    cycle._next.click()
    cycle._next.click()
    assert "shorter fuse" in cycle._text.value
    assert "Where IPT breaks the cycle" not in cycle._text.value
    cycle._next.click()
    assert "Where IPT breaks the cycle" in cycle._text.value
    assert "communication analysis" in cycle._text.value
    assert cycle._next.disabled
    assert cycle._diagram.png.startswith(PNG_SIGNATURE)


def test_show_all_and_restart_and_changing_symptom() -> None:
    cycle = SymptomCycle()
    cycle._symptom.value = "low-energy"
    cycle._all.click()
    assert "sick role" in cycle._text.value
    assert "between what happens with other people and mood" in cycle._text.value
    cycle._restart.click()
    assert cycle.model.step == 1
    cycle._all.click()
    cycle._symptom.value = "withdrawal"
    assert cycle.model.step == 1
    assert "Where IPT breaks the cycle" not in cycle._text.value


def test_risk_example_carries_signposting() -> None:
    cycle = SymptomCycle()
    cycle._symptom.value = "hopelessness"
    cycle._all.click()
    assert "Samaritans: 116 123" in cycle._text.value
    cycle._symptom.value = "withdrawal"
    cycle._all.click()
    assert "Samaritans" not in cycle._text.value
