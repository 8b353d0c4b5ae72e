"""The live page a trainer shares on Teams, opened through the hub in Chromium.

Trainers present from the Voila in their own server on the hub. It must draw the page as
``ipt-course present`` does (the course's template: presenter mode, fitted type, the room's
address), not in Voila's default look.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    PageLog,
    open_page,
    screenshot,
    serious_accessibility_violations,
)
from tests.hub.harness import PASSWORD, LoopbackHub, Person

pytestmark = pytest.mark.hub

LIVE_PAGE = "voila/render/curriculum/day1/live.ipynb"


def _log_in(page: Page, hub: LoopbackHub, name: str) -> None:
    """The hub's login form, as the trainer fills it in."""
    page.goto(f"{hub.url}/hub/login")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in|Log in", re.IGNORECASE)).click()
    page.wait_for_url(re.compile(r"/(user|hub)/"), timeout=120_000)


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1280, 620)])
def test_the_trainer_presents_the_live_page_from_the_hub(
        hub: LoopbackHub, trainer: Person, browser: Browser, width: int, height: int) -> None:
    trainer.open_course()
    log = PageLog()
    page = open_page(browser, log, width, height)
    _log_in(page, hub, hub.trainer)
    page.goto(f"{hub.url}/user/{hub.trainer}/{LIVE_PAGE}")
    expect(page.get_by_role("heading", name=re.compile("^Day 1: "))).to_be_visible(
        timeout=120_000)

    # Presenter mode, which only the course's template provides, fits the slide to the screen.
    page.keyboard.press("p")
    expect(page.locator(".ipt-live.ipt-presenting")).to_have_count(1)
    expect(page.get_by_role("heading", name=re.compile("^Day 1: "))).to_be_hidden()
    page.get_by_role("tab", name="Slides").click()
    expect(page.locator(".ipt-deck-position")).to_contain_text("Slide 1 of")
    page.wait_for_timeout(300)  # the type is fitted on the next animation frame
    slide = page.locator(".ipt-slide")
    fits = slide.evaluate("(s) => s.scrollHeight <= s.clientHeight + 1")
    size = float(slide.evaluate("(s) => parseFloat(getComputedStyle(s).fontSize)"))
    assert fits and size >= 16, (fits, size)
    expect(page.locator(".ipt-deck-controls").get_by_role("button", name="Next")
           ).to_be_in_viewport()
    screenshot(page, f"hub-live-presenter-{width}x{height}")

    # The Room tab sends trainees to the hub's own room page, with a QR code.
    page.get_by_role("tab", name="Room").click()
    room = f"{hub.url}/services/live-room/day/1/room"
    expect(page.get_by_role("link", name=room)).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR code of the room page"))).to_be_visible()
    screenshot(page, f"hub-live-room-{width}x{height}")
    assert serious_accessibility_violations(page) == []
    assert log.outside_requests == []
    page.context.close()
