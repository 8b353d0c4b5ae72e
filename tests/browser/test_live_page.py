"""The day's live page in real Voila and Chromium, as the trainer shares it on Teams."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from ipt_course.live.store import LiveStore, new_viewer_id
from ipt_course.live.voila_app import FIRST_SCRIPTS, first_scripts
from tests.browser.conftest import (
    SHARED_SCREENS,
    PageLog,
    open_page,
    screenshot,
    serious_accessibility_violations,
)

pytestmark = pytest.mark.browser


ROOM_URL = "https://ipt-hub.example.org/services/live-room/day/1/room"


@pytest.fixture
def live_day1(voila_server, course_copy: Path) -> str:
    return voila_server(course_copy / "curriculum/day1/live.ipynb", token="live-test",
                        preheat={"live.ipynb": 1}, room_url=ROOM_URL)


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


# What a viewer of the shared screen cannot see or read, measured in the page itself.
FULLY_VISIBLE = """(element) => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    const inside = (outer) => box.top >= outer.top - 1 && box.bottom <= outer.bottom + 1
        && box.left >= outer.left - 1 && box.right <= outer.right + 1;
    if (!inside({top: 0, left: 0, bottom: innerHeight, right: innerWidth})) return false;
    for (let up = element.parentElement; up; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflow !== "visible" && !inside(up.getBoundingClientRect())) return false;
        if (style.position === "fixed") break;  // the page: what holds it does not clip it
    }
    return true;
}"""
UNREADABLE = """() => {
    const shown = (element) => element.getClientRects().length > 0
        && getComputedStyle(element).visibility !== "hidden";
    const small = [], clipped = [];
    for (const element of document.querySelectorAll(".ipt-live *")) {
        if (!shown(element)) continue;
        const text = Array.from(element.childNodes).some(
            (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
        const size = parseFloat(getComputedStyle(element).fontSize);
        const typed = ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName);
        if ((text || typed) && size < 16)
            small.push(`${size}px: ${(element.textContent || element.value).trim().slice(0, 40)}`);
    }
    for (const element of document.querySelectorAll(
            ".ipt-live button, .ipt-live .lm-TabBar-tab, .ipt-live .widget-label")) {
        if (shown(element) && (element.scrollWidth > element.clientWidth + 1
                               || element.scrollHeight > element.clientHeight + 1))
            clipped.push(element.textContent.trim().slice(0, 40));
    }
    return {small, clipped};
}"""


def _fully_visible(page: Page, selector: str) -> bool:
    """Whether every element ``selector`` finds is on screen, once the page has settled."""
    check = (f"() => {{ const all = document.querySelectorAll({selector!r}); "
             f"return all.length > 0 && Array.from(all).every({FULLY_VISIBLE}); }}")
    try:
        page.wait_for_function(check, timeout=3_000)
    except PlaywrightTimeoutError:
        return False
    return True


def _readable(page: Page) -> None:
    problems = page.evaluate(UNREADABLE)
    assert problems == {"small": [], "clipped": []}


@pytest.mark.parametrize(("name", "width", "height", "scale"), SHARED_SCREENS,
                         ids=[screen[0] for screen in SHARED_SCREENS])
def test_presenter_mode_fits_the_shared_screen(browser: Browser, page_log: PageLog,
                                               live_day1: str, course_copy: Path, name: str,
                                               width: int, height: int, scale: float) -> None:
    """Slides, timer, role-play, cards and room at a shared screen's size, without scrolling."""
    store = LiveStore.for_course(course_copy)
    store.check_in(1, new_viewer_id(), 4, "curious")
    page = open_page(browser, page_log, width, height, scale)
    _open(page, live_day1)
    shot = f"live-presenter-{name}"

    # Presenter mode: the P key thins the header to the tab bar's line.
    page.keyboard.press("p")
    expect(page.locator(".ipt-live.ipt-presenting")).to_have_count(1)
    expect(page.get_by_role("heading", name=re.compile("^Day 1: "))).to_be_hidden()

    # A timer of the trainer's own length, which starts again once time is up.
    page.get_by_role("tab", name="Timer").click()
    page.get_by_label("Other length:").fill("0:03")
    page.get_by_role("button", name="Set", exact=True).click()
    expect(page.get_by_text("Length set to 0:03.")).to_be_visible()
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator(".ipt-timer-state")).to_have_text("Time is up", timeout=15_000)
    page.locator(".ipt-timer").get_by_role("button", name="Start again").click()
    expect(page.locator(".ipt-timer-state")).to_have_text("Running")
    _readable(page)
    screenshot(page, f"{shot}-timer")
    badge = ".ipt-live-header .ipt-timer-small"

    # Every slide with its controls and the timer on screen, its type fitted, never under 16 px.
    page.get_by_role("tab", name="Slides").click()
    position = page.locator(".ipt-deck-position")
    expect(position).to_contain_text("Slide 1 of")
    total = int(re.search(r"of (\d+)", position.inner_text()).group(1))
    smallest = 99.0
    for number in range(1, total + 1):
        expect(position).to_contain_text(f"Slide {number} of")
        page.wait_for_timeout(150)  # the type is fitted on the next animation frame
        slide = page.locator(".ipt-slide")
        fits = slide.evaluate("(s) => s.scrollHeight <= s.clientHeight + 1 "
                              "&& s.scrollWidth <= s.clientWidth + 1")
        size = float(slide.evaluate("(s) => parseFloat(getComputedStyle(s).fontSize)"))
        assert fits and size >= 16, f"slide {number} at {name}: fits={fits}, {size}px"
        assert _fully_visible(page, ".ipt-deck-controls button") and _fully_visible(page, badge)
        _readable(page)
        if size < smallest:
            smallest = size
            screenshot(page, f"{shot}-fullest-slide")
        if number < total:
            page.get_by_role("button", name="Next").click()

    # The projected role-play: the case once, then the client's line with the choices.
    page.get_by_role("tab", name="Role-plays").click()
    client = page.locator(".ipt-roleplay--projector .ipt-client-line")
    expect(client).to_contain_text("I don't really know where to start", timeout=30_000)
    expect(page.locator(".ipt-roleplay--projector .ipt-case")).to_be_visible()
    page.get_by_role("button", name="Show the choices").click()
    expect(page.locator(".ipt-roleplay--projector .ipt-case")).to_be_hidden()
    page.wait_for_timeout(300)
    assert _fully_visible(page, ".ipt-roleplay--projector .ipt-client-line")
    assert _fully_visible(page, ".ipt-roleplay--projector .ipt-choice")
    assert _fully_visible(page, badge)
    _readable(page)
    screenshot(page, f"{shot}-roleplay-choices")
    assert serious_accessibility_violations(page) == []
    first_line = client.inner_text()
    page.locator(".ipt-roleplay--projector .ipt-choice").first.click()
    page.get_by_role("button", name="Continue").click()
    expect(client).not_to_have_text(first_line)
    reveal = page.get_by_role("button", name="Show the choices")
    if reveal.count():  # a step that asks for the trainee's own words first
        reveal.click()
    expect(page.locator(".ipt-roleplay--projector .ipt-choice").first).to_be_visible()
    page.wait_for_timeout(300)
    assert _fully_visible(page, ".ipt-roleplay--projector .ipt-client-line")
    assert _fully_visible(page, ".ipt-roleplay--projector .ipt-choice")
    _readable(page)
    screenshot(page, f"{shot}-roleplay-step2")

    # The client's card is never drawn on the shared screen: a note says where it opens.
    page.keyboard.press("p")
    page.get_by_label("Show:").select_option(label="Client card")
    expect(page.get_by_text("Not shown on the shared screen")).to_be_visible()
    scenario = yaml.safe_load((course_copy / "curriculum/day1/scenarios/"
                               "assessment-first-sessions.yaml").read_text(encoding="utf-8"))
    for reveal in scenario["breakout"]["client_card"]["reveals"]:
        assert reveal["reveal"] not in page.locator("body").inner_text()
    _readable(page)
    screenshot(page, f"{shot}-client-card")

    # The observer checklist, chosen out of presenter mode, is light on black.
    page.get_by_label("Show:").select_option(label="Observer checklist")
    expect(page.get_by_role("heading", name=re.compile("^Observer checklist"))).to_be_visible()
    page.locator(".ipt-live-header").click()
    page.keyboard.press("p")
    expect(page.locator(".ipt-live.ipt-presenting")).to_have_count(1)
    label = page.locator(".ipt-roleplay--projector .widget-checkbox label").first
    expect(label).to_have_css("color", "rgb(255, 255, 255)")
    _readable(page)
    screenshot(page, f"{shot}-observer")
    assert serious_accessibility_violations(page) == []

    # The room: its address and QR code, and anonymous totals in place of the forms.
    page.get_by_role("tab", name="Room").click()
    expect(page.get_by_role("link", name=ROOM_URL)).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR code of the room page"))).to_be_visible()
    expect(page.get_by_text("1 check-in(s), mean 4.0 out of 5.")).to_be_visible()
    expect(page.get_by_text("curious")).to_have_count(0)
    _readable(page)
    screenshot(page, f"{shot}-room")
    assert serious_accessibility_violations(page) == []
    assert page_log.outside_requests == []
    assert page_log.console_errors == []
    page.context.close()
