"""The staying-well plan (Day 5, endings): its parts and checks, saving, and the printable page."""

from __future__ import annotations

import html
import json

import pytest

from ipt_course.kit.plans import check_plan
from ipt_course.kit.saved import WorkFile
from ipt_course.tools.staying_well import (
    StayingWellDocument,
    StayingWellFileError,
    StayingWellPlan,
    staying_well_spec,
)
from tests.screen import control, press, shown_html

HOSTILE = "<img src=x onerror=alert(1)>"
# Nadia's plan from the endings notebook's slide, in her words, Shirin first among her contacts.
NADIA = {
    "changes": "I asked Imran straight out for one night a week\nI ring Shirin most weekends",
    "warning_signs": "Awake when Yusuf is asleep\nHinting to Imran, then going quiet\n"
                     "Leaving Shirin's messages unanswered\nNot dressed by lunchtime",
    "act_today": "\"They'd be better off without me\": my safety plan, ring Shirin, my GP the "
                 "same day, the urgent numbers, 999",
    "what_helps": "Saying it once, clearly\nShirin\nCoffee with Leanne",
    "contacts": "Shirin first: mobile number saved in my phone\nImran\nMy GP\n"
                "The health visitor",
    "ahead": "Back to work in June\nFollow-up review in late June",
}
LABELS = {part.id: part.title for part in staying_well_spec().parts}


def fill(plan: StayingWellPlan, entries: dict[str, str]) -> None:
    for part_id, text in entries.items():
        control(plan, LABELS[part_id]).value = text


def test_the_parts_follow_the_ending_phase() -> None:
    assert list(LABELS.values()) == [
        "What changed, and who did it", "My warning signs", "If the thought comes back",
        "What helps", "Who to contact", "What's ahead, and follow-up"]


def test_nadias_plan_from_the_notebook_passes_every_check() -> None:
    assert check_plan(staying_well_spec(), NADIA) == []


@pytest.mark.parametrize(("part", "line", "words"), [
    ("changes", "It's down to you, really", "hands the credit to someone or something else"),
    ("changes", "Imran finally listening", "Whose doing was it?"),
    ("warning_signs", "feeling low", "Too vague for anyone to spot"),
    ("warning_signs", "They'd be better off without me", "acting the same day"),
    ("what_helps", "self-care", "What exactly helps?"),
    ("contacts", "family", "Who exactly?"),
    ("contacts", "my sister", "A name (\"Shirin\") or a service"),
])
def test_the_checks_catch_what_the_notebook_warns_about(part: str, line: str, words: str) -> None:
    findings = check_plan(staying_well_spec(), {**NADIA, part: line})
    assert findings and {finding.line for finding in findings} == {line}
    assert any(words in finding.message for finding in findings)


@pytest.mark.parametrize(("part", "text", "words"), [
    ("act_today", "Ring Shirin and my GP the same day", "Point to her safety plan"),
    ("ahead", "Back to work in June", "Say what follow-up was agreed"),
])
def test_a_part_missing_its_key_element_is_prompted(part: str, text: str, words: str) -> None:
    findings = check_plan(staying_well_spec(), {**NADIA, part: text})
    assert [(f.level, f.line) for f in findings] == [("prompt", "")]
    assert words in findings[0].message


def test_the_widget_credits_the_client_and_prints_with_the_crisis_lines(tmp_path) -> None:
    path = tmp_path / "my-staying-well-plan.json"
    plan = StayingWellPlan(save_path=path)
    text = html.unescape(shown_html(plan))
    assert "never for a real client" in text and "Lifeline on 0808 808 8000" in text
    control(plan, "What changed, and who did it").value = "It's down to you, really"
    assert "give the credit back to her" in html.unescape(plan.parts["changes"].feedback.value)
    fill(plan, NADIA)
    control(plan, "What helps").value = NADIA["what_helps"] + "\n" + HOSTILE
    press(plan, "Check my plan")
    assert "6 of 6 parts ready" in html.unescape(plan.message.value)
    press(plan, "Make a printable page")
    page = (tmp_path / "my-staying-well-plan.html").read_text(encoding="utf-8")
    assert "<img" not in page and "&lt;img" in page
    assert "Staying-well plan" in page and "For: Nadia" in page
    assert "Shirin first: mobile number saved in my phone" in page
    assert "NHS 24 on 111" in page and "Samaritans on 116 123" in page
    assert page.index("If the thought comes back") < page.index("Urgent help in the UK") < (
        page.index("What helps"))
    assert "download='my-staying-well-plan.html'" in plan.download.value


def test_the_plan_comes_back_after_a_restart_and_a_damaged_file_is_kept(tmp_path) -> None:
    path = tmp_path / "my-staying-well-plan.json"
    fill(StayingWellPlan(save_path=path), NADIA)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["kind"] == "ipt-staying-well-plan" and saved["entries"] == NADIA
    again = StayingWellPlan(save_path=path)
    assert "Loaded your staying-well plan" in again.status.value
    assert {part: control(again, LABELS[part]).value for part in NADIA} == NADIA

    path.write_text("not json", encoding="utf-8")
    damaged = StayingWellPlan(save_path=path)
    assert "could not be read: the file is not valid JSON" in damaged.status.value
    assert [p.name for p in tmp_path.glob("my-staying-well-plan.unreadable-*.json")]
    assert all(control(damaged, label).value == "" for label in LABELS.values())


@pytest.mark.parametrize(("text", "message"), [
    ('{"kind": "ipt-safety-plan", "format": 1}', "kind: expected 'ipt-staying-well-plan'"),
    ('{"kind": "ipt-staying-well-plan", "format": 1, "entries": {"help": "x"}}',
     "entries: unknown part 'help'"),
    ('{"kind": "ipt-staying-well-plan", "format": 1, "entries": []}',
     "entries: expected each part's id with its text"),
])
def test_saved_plans_are_checked_with_key_paths(tmp_path, text: str, message: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StayingWellFileError, match=message):
        WorkFile(path, StayingWellDocument, StayingWellFileError).read()
