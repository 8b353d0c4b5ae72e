"""The Day 4 grief tools render, respond and stay readable in real Voila, in headless Chromium."""

from __future__ import annotations

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
    "from ipt_course.tools.grief_review import RelationshipReview\n"
    "RelationshipReview(save_path='my-relationship-review.json')",
    "from ipt_course.tools.prolonged_grief import ProlongedGriefExplorer\n"
    "ProlongedGriefExplorer()",
    "from ipt_course.tools.timeline import TimelineBuilder\n"
    "TimelineBuilder(save_path='my-perinatal-timeline.json', perinatal=True)",
]
ROOTS = (".ipt-grief-review", ".ipt-prolonged-grief", ".ipt-perinatal")
# Every element holding visible text of its own, with its font size when under 14px.
SMALL_TEXT = """root => [...root.querySelectorAll('*')].filter(e => e.offsetParent
    && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
    && parseFloat(getComputedStyle(e).fontSize) < 14)
  .map(e => getComputedStyle(e).fontSize + ' ' + e.textContent.trim().slice(0, 40))"""


def _notebook(folder: Path) -> Path:
    return tools_notebook(folder / "day4-tools.ipynb", CELLS)


def test_day4_tools_in_voila(page: Page, page_log: PageLog, voila_server,
                             tmp_path: Path) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    url = voila_server(_notebook(folder))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url, timeout=120_000)
    expect(page.get_by_text("Relationship review for grief")).to_be_visible(timeout=120_000)
    expect(page.get_by_text("Perinatal timeline: pregnancies")).to_be_visible(timeout=60_000)

    review = page.locator(".ipt-grief-review")
    review.get_by_role("tab", name="What was hard").click()
    review.get_by_label("Was hard").fill("I should have gone in a day earlier")
    review.get_by_role("button", name="Add to what was hard").click()
    expect(review.get_by_text("Self-blame appears in the review")).to_be_visible(timeout=30_000)
    widget_shot(page, ".ipt-grief-review", "tools-grief-review")

    explorer = page.locator(".ipt-prolonged-grief")
    expect(explorer.get_by_text("A checklist is not a diagnosis").first).to_be_visible()
    explorer.locator(".widget-toggle-buttons", has_text="Intense emotional pain").get_by_role(
        "button", name="Shown", exact=True).click()
    expect(explorer.get_by_text("Intense emotional pain: shown.").first).to_be_visible(
        timeout=30_000)
    widget_shot(page, ".ipt-prolonged-grief", "tools-prolonged-grief")

    timeline = page.locator(".ipt-perinatal")
    timeline.get_by_role("button", name="Show the course example").click()
    expect(timeline.get_by_text("Loaded the course example")).to_be_visible(timeout=30_000)
    widget_shot(page, ".ipt-perinatal", "tools-perinatal-timeline")
    assert (folder / "my-relationship-review.json").is_file()
    assert (folder / "my-perinatal-timeline.json").is_file()

    for root in ROOTS:
        assert page.locator(root).evaluate(SMALL_TEXT) == [], f"{root}: text under 14px"
    assert serious_accessibility_violations(page) == []
    assert page_log.console_errors == []
    assert page_log.outside_requests == []
