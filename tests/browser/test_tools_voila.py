"""The Day 1 teaching tools render and respond in real Voila, in headless Chromium."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    PageLog,
    serious_accessibility_violations,
    tools_notebook,
    widget_shot,
)

pytestmark = pytest.mark.browser

CELLS = [
    "from ipt_course.tools.selfcheck import self_check\n"
    "self_check('selfchecks/demo.yaml', 'sick-role')",
    "from ipt_course.tools.selfcheck import self_check\n"
    "self_check('selfchecks/demo.yaml', 'phases')",
    "from ipt_course.tools.measures import PHQ9Scorer\nPHQ9Scorer()",
    "from ipt_course.tools.measures import epds_overview\nepds_overview()",
    "from ipt_course.tools.cycle import SymptomCycle\nSymptomCycle()",
    "from ipt_course.tools.evidence import EvidenceExplorer\nEvidenceExplorer()",
    "from ipt_course.tools.timeline import TimelineBuilder\n"
    "TimelineBuilder(save_path='my-timeline.json')",
    "from ipt_course.tools.selfcheck import self_check\n"
    "self_check('selfchecks/demo.yaml', 'reflect')",
]
SELF_CHECK = textwrap.dedent("""\
    checks:
      - id: sick-role
        prompt: "What does the **sick role** give the client?"
        type: single
        options:
          - {id: a, text: "Permission to stop all duties for good", correct: false,
             feedback: "It is temporary and comes with the duty to work at recovery."}
          - {id: b, text: "Time-limited relief from some duties while working at recovery",
             correct: true, feedback: "Yes: rights and obligations together."}
          - {id: c, text: "A long option that a content writer might well write, to check that
               the label wraps onto a second line instead of running off the edge of the page or
               being cut short with an ellipsis, which would hide part of the answer",
             correct: false,
             feedback: "Long options must stay readable."}
        explanation: "Parsons (1951) described both sides of the sick role."
      - id: phases
        prompt: "Which belong to the initial phase?"
        type: multiple
        options:
          - {id: a, text: "The interpersonal inventory", correct: true, feedback: "Yes."}
          - {id: b, text: "Another long option for the multiple-choice layout, long enough to need
               wrapping at the width of a notebook on a laptop screen shared on Teams, because
               writers of self-checks often give a whole sentence of a therapist's reply",
             correct: false,
             feedback: "No."}
        explanation: "The inventory comes early."
      - id: reflect
        prompt: "What would you say to Mei about the sick role?"
        type: reflection
        model_points: ["It is time-limited."]
    """)


def _notebook(folder: Path) -> Path:
    (folder / "selfchecks").mkdir()
    (folder / "selfchecks" / "demo.yaml").write_text(SELF_CHECK, encoding="utf-8")
    return tools_notebook(folder / "tools.ipynb", CELLS)


def test_day1_tools_in_voila(page: Page, page_log: PageLog, voila_server,
                             tmp_path: Path) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    url = voila_server(_notebook(folder))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url, timeout=120_000)
    expect(page.get_by_text("PHQ-9 practice scorer")).to_be_visible(timeout=120_000)
    expect(page.get_by_text("Timeline: life events and mood")).to_be_visible(timeout=60_000)

    check = page.locator(".ipt-selfcheck").first
    # A wrong answer gets another try: the right one stays hidden until asked for.
    check.get_by_text("Permission to stop all duties for good").click()
    check.get_by_role("button", name="Check").click()
    expect(check.get_by_text("Not quite. Change your choice and press Check again.")
           ).to_be_visible()
    expect(check.get_by_text("This was the answer")).to_have_count(0)
    expect(check.get_by_text("Yes: rights and obligations together.")).to_have_count(0)
    expect(check.get_by_role("button", name="Show the answer")).to_be_hidden()
    check.get_by_text("A long option that a content writer").click()
    check.get_by_role("button", name="Check").click()
    expect(check.get_by_text("This was the answer")).to_have_count(0)
    check.get_by_role("button", name="Show the answer").click()
    expect(check.get_by_text("This was the answer.")).to_be_visible()
    widget_shot(page, ".ipt-selfcheck", "tools-selfcheck-answer-on-request")
    check.locator("label", has_text="Time-limited relief from some duties").click()
    check.get_by_role("button", name="Check").click()
    expect(check.get_by_text("Well done: that is right.")).to_be_visible()
    widget_shot(page, ".ipt-selfcheck", "tools-selfcheck")
    short_height = check.locator("label", has_text="Permission to stop").bounding_box()["height"]
    long_label = check.locator("label", has_text="A long option that a content writer")
    assert long_label.bounding_box()["height"] > short_height + 10, "long options must wrap"
    multiple = page.locator(".ipt-selfcheck").nth(1)
    short_height = multiple.locator("label", has_text="The interpersonal").bounding_box()["height"]
    long_box = multiple.locator("label", has_text="Another long option")
    assert long_box.bounding_box()["height"] > short_height + 10, "long options must wrap"
    widget_shot(page, ".ipt-selfcheck >> nth=1", "tools-selfcheck-multiple")

    scorer = page.locator(".ipt-phq9-scorer")
    expect(scorer.get_by_text("Item 9 alone never settles risk")).to_be_visible()
    scorer.get_by_role("button", name="1 Several days").nth(8).click()
    expect(scorer.get_by_text("Risk flag: PHQ-9 item 9 is above 0")).to_be_visible()
    expect(scorer.get_by_text("Still to answer: items 1, 2, 3, 4, 5, 6, 7, 8.")).to_be_visible()
    widget_shot(page, ".ipt-phq9-scorer", "tools-phq9")

    cycle = page.locator(".ipt-symptom-cycle")
    cycle.get_by_role("button", name="Show where IPT breaks the cycle").click()
    expect(cycle.get_by_text("Where IPT breaks the cycle", exact=True)).to_be_visible()
    widget_shot(page, ".ipt-symptom-cycle", "tools-cycle-voila")
    widget_shot(page, ".ipt-evidence-explorer", "tools-evidence-voila")
    widget_shot(page, ".ipt-epds-overview", "tools-epds")

    timeline = page.locator(".ipt-timeline")
    timeline.get_by_role("button", name="Show the course example").click()
    expect(timeline.get_by_text("Loaded the course example")).to_be_visible(timeout=30_000)
    widget_shot(page, ".ipt-timeline", "tools-timeline-voila")
    assert (folder / "my-timeline.json").is_file()

    # Trainees write prose, so their boxes use the page's font, not the code font.
    notes = page.locator(".ipt-selfcheck").nth(2).locator("textarea")
    font = notes.evaluate("box => getComputedStyle(box).fontFamily")
    page_font = page.locator(".ipt-selfcheck").nth(2).evaluate(
        "box => getComputedStyle(box).fontFamily")
    assert "mono" not in font.lower() and font == page_font, (font, page_font)

    assert serious_accessibility_violations(page) == []
    assert page_log.console_errors == []
    assert page_log.outside_requests == []
