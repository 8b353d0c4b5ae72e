"""The room page on the server `ipt-course present day1` starts, as a trainee opens it."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ipt_course.cli import free_port
from ipt_course.live.cli import presentation_settings
from ipt_course.live.server import voila_command, voila_environment
from ipt_course.live.store import CheckIn, Confidence, LiveStore, Question
from tests.browser.conftest import (
    PageLog,
    screenshot,
    serious_accessibility_violations,
    wait_for_http,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LiveStore:
    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    monkeypatch.setenv("IPT_LIVE_DATABASE", url)
    return LiveStore(url)


@pytest.fixture
def room(course_copy: Path, database: LiveStore, start_server, tmp_path: Path) -> str:
    """The room URL (with its token) of `ipt-course present day1 --pool 0`."""
    args = argparse.Namespace(trainer=False, day="day1", network=False, ip=None, pool=0)
    settings = presentation_settings(course_copy, args, free_port())
    environment = voila_environment(tmp_path / "config", settings)
    process = start_server(voila_command(settings), settings.target.parent,
                           tmp_path / "present.log", environment)
    base = f"http://127.0.0.1:{settings.port}"
    wait_for_http(base + "/", process)
    return f"{base}/room?token={settings.token}"


def _open(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Day 1: An overview of IPT"))
           ).to_be_visible()


def test_a_trainee_checks_in_from_the_room_page(page: Page, page_log: PageLog, room: str,
                                               database: LiveStore) -> None:
    _open(page, room)
    expect(page.get_by_text(re.compile(r"^(Now|Next): |sessions are over"))).to_be_visible()
    screenshot(page, "room-day1")
    assert serious_accessibility_violations(page) == []
    checkin = page.locator("#checkin")
    checkin.get_by_text("4", exact=True).click()
    checkin.get_by_label("One word").fill("curious")
    checkin.get_by_role("button", name="Send check-in").click()
    expect(checkin.get_by_role("status")).to_have_text("Thank you, your check-in is in.")
    assert "token=" not in page.url, "the thank-you page must not carry the token onwards"
    rows = database.table(CheckIn, 1)
    assert rows[["rating", "word"]].values.tolist() == [[4, "curious"]]
    page.reload()
    expect(checkin.get_by_role("status")).to_have_count(0)
    assert database.count(CheckIn, 1) == 1, "reloading the thank-you page sends nothing again"
    assert page_log.outside_requests == [] and page_log.console_errors == []


def test_confidence_is_kept_per_trainee_and_can_be_changed(page: Page, page_log: PageLog,
                                                           room: str,
                                                           database: LiveStore) -> None:
    _open(page, room)
    form = page.locator("#confidence")
    form.get_by_label("End of the day").check()
    groups = form.locator("fieldset.rating")
    groups.nth(0).get_by_text("2", exact=True).click()
    groups.nth(1).get_by_text("5", exact=True).click()
    form.get_by_role("button", name="Send confidence ratings").click()
    left = groups.count() - 2
    expect(form.get_by_role("status")).to_have_text(
        f"Thank you, 2 rating(s) for the end of the day saved ({left} left unrated).")
    form.get_by_label("End of the day").check()
    groups.nth(0).get_by_text("4", exact=True).click()
    form.get_by_role("button", name="Send confidence ratings").click()
    expect(form.get_by_role("status")).to_contain_text("1 rating(s)")
    rows = database.table(Confidence, 1).sort_values("outcome")
    assert rows["rating"].tolist() == [4, 5] and rows["viewer"].nunique() == 1
    assert page_log.console_errors == []


def test_a_huge_paste_is_refused_and_stays_in_the_box(page: Page, page_log: PageLog, room: str,
                                                      database: LiveStore) -> None:
    _open(page, room)
    pasted = "Could we go over the sick role again? " * 80
    form = page.locator("#question")
    form.get_by_label("Your question").fill(pasted)
    form.get_by_role("button", name="Send question").click()
    expect(form.get_by_role("alert")).to_contain_text("please keep it under 2000")
    expect(form.get_by_label("Your question")).to_have_value(pasted)
    assert database.count(Question, 1) == 0
    form.get_by_label("Your question").fill("Could we go over the sick role again?")
    form.get_by_role("button", name="Send question").click()
    expect(form.get_by_role("status")).to_have_text(
        "Thank you, your question is with the trainer.")
    assert database.table(Question, 1)["text"].tolist() == ["Could we go over the sick role "
                                                            "again?"]
    assert page_log.console_errors == []


def test_the_room_page_works_on_a_phone(page: Page, page_log: PageLog, room: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, room)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px wide)"
    screenshot(page, "room-day1-phone")
    assert serious_accessibility_violations(page) == []
