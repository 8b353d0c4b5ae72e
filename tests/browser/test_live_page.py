"""The day's live page in real Voila and Chromium, as the trainer shares it on Teams."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ipt_course.live.store import CheckIn, LiveStore
from ipt_course.live.voila_app import FIRST_SCRIPTS, first_scripts
from tests.browser.conftest import PageLog, screenshot, serious_accessibility_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def live_day1(voila_server, course_copy: Path) -> str:
    return voila_server(course_copy / "curriculum/day1/live.ipynb", token="live-test",
                        preheat={"live.ipynb": 1})


def _open(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name=re.compile(r"^Day 1: An overview of IPT"))
           ).to_be_visible(timeout=90_000)


def test_agenda_shows_the_day_with_times(page: Page, page_log: PageLog, live_day1: str) -> None:
    _open(page, live_day1)
    expect(page.get_by_role("cell", name="09:15–09:45")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("Assessment phase - session 1"))
           ).to_be_visible()
    expect(page.get_by_text(re.compile(r"^(Now|Next): |sessions are over"))).to_be_visible()
    screenshot(page, "live-day1-agenda")
    assert page_log.outside_requests == []
    assert page_log.console_errors == []
    assert serious_accessibility_violations(page) == []


def test_slides_move_with_buttons_and_arrow_keys(page: Page, page_log: PageLog,
                                                 live_day1: str) -> None:
    _open(page, live_day1)
    page.get_by_role("tab", name="Slides").click()
    position = page.locator(".ipt-deck-position")
    expect(position).to_contain_text(re.compile(r"Slide 1 of \d+"))
    page.get_by_role("button", name="Next").click()
    expect(position).to_contain_text("Slide 2 of")
    page.locator(".ipt-slide").click()
    page.keyboard.press("ArrowRight")
    expect(position).to_contain_text("Slide 3 of")
    page.keyboard.press("ArrowLeft")
    expect(position).to_contain_text("Slide 2 of")
    screenshot(page, "live-day1-slides")
    assert page_log.console_errors == []
    assert serious_accessibility_violations(page) == []


def test_timer_starts(page: Page, page_log: PageLog, live_day1: str) -> None:
    _open(page, live_day1)
    page.get_by_role("tab", name="Timer").click()
    expect(page.get_by_role("timer")).to_have_text("5:00")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_text("Running", exact=True)).to_be_visible()
    expect(page.get_by_role("timer")).to_have_text(re.compile(r"4:5\d"), timeout=10_000)
    screenshot(page, "live-day1-timer")
    assert page_log.console_errors == []


def test_a_check_in_reaches_the_shared_database(page: Page, page_log: PageLog,
                                                live_day1: str, course_copy: Path) -> None:
    _open(page, live_day1)
    page.get_by_role("tab", name="Check-in").click()
    page.get_by_role("button", name="4", exact=True).click()
    page.get_by_placeholder("one word").fill("curious")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("status")).to_have_text("Thank you, your check-in is in.")
    screenshot(page, "live-day1-checkin")
    summary = LiveStore.for_course(course_copy).checkin_summary(1)
    assert summary["count"] == 1
    assert summary["words"] == {"curious": 1}
    assert LiveStore.for_course(course_copy).count(CheckIn, 2) == 0
    assert page_log.console_errors == []
    assert serious_accessibility_violations(page) == []


def test_role_play_is_projected_and_cards_are_ready(page: Page, page_log: PageLog,
                                                     live_day1: str) -> None:
    _open(page, live_day1)
    page.get_by_role("tab", name="Role-plays").click()
    expect(page.get_by_text(re.compile("I don't really know where to start")).first
           ).to_be_visible(timeout=30_000)
    screenshot(page, "live-day1-roleplay")
    page.get_by_role("button", name="Client card").click()
    expect(page.get_by_role("heading", name=re.compile("^Client card: First sessions with Grace"))
           ).to_be_visible()
    expect(page.get_by_role("heading", name="Keep back until asked well")).to_be_visible()
    page.get_by_role("button", name="Observer checklist").click()
    expect(page.get_by_role("heading", name=re.compile("^Observer checklist"))).to_be_visible()
    screenshot(page, "live-day1-observer")
    assert page_log.console_errors == []
    assert serious_accessibility_violations(page) == []


def test_the_page_loads_no_mathematics_typesetter(page: Page, page_log: PageLog,
                                                  live_day1: str) -> None:
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(request.url)
            if request.resource_type == "script" else None)
    _open(page, live_day1)
    expect(page.get_by_role("tab", name="Slides")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert any(url.split("?")[0].endswith("/no-typesetting.js") for url in scripts)
    # MathJax 3 draws into <mjx-container> elements; no script the page ran knows of one.
    typesetters = [url for url in scripts if "mjx-container" in page.request.get(url).text()]
    assert typesetters == []
    assert page_log.console_errors == []


def test_voila_first_scripts_are_fetched_once_from_the_page_head(page: Page, page_log: PageLog,
                                                                  live_day1: str) -> None:
    warnings: list[str] = []
    page.on("console", lambda message: message.type == "warning"
            and warnings.append(message.text))
    _open(page, live_day1)
    expect(page.get_by_role("tab", name="Slides")).to_be_visible()
    fetched = page.evaluate("""() => {
        const load = performance.getEntriesByType("navigation")[0].loadEventStart;
        return performance.getEntriesByType("resource")
            .filter(entry => /[/]voila[/]static[/][^/]+[.]voila[.]js$/.test(entry.name))
            .map(entry => [entry.name.split("/").pop(), entry.initiatorType,
                           entry.startTime < load]);
    }""")
    recorded = list(first_scripts())
    assert recorded, "no list of first scripts for the installed voila"
    preloaded = [name for name, initiator, _ in fetched if initiator == "link"]
    assert sorted(preloaded) == sorted(recorded)
    # Each preloaded script is used by Voila's loader, not fetched a second time.
    fetched_again = [name for name, initiator, _ in fetched
                     if initiator != "link" and name in recorded]
    assert fetched_again == []
    # Nothing Voila needs before the page's load event is missing from the list.
    missing = [name for name, initiator, before_load in fetched
               if before_load and name not in recorded]
    before_load = sorted({name for name, _, early in fetched if early})
    assert missing == [], (f"Voila now fetches {missing} first as well. Record its first "
                           f"scripts again in {FIRST_SCRIPTS.name}: {before_load}")
    # Chromium warns a few seconds after the load event of any preloaded script left unused.
    page.wait_for_timeout(4_000)
    assert [w for w in warnings if "preload" in w] == []
    assert page_log.console_errors == []
