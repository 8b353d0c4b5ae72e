"""A role-play notebook's breakout cards in real Voila and Chromium: each person sees only their
own card, and the client's secrets stay off the page until the client opens it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ipt_course.roleplay.schema import load_scenario
from ipt_course.roleplay.validation import REVEAL_PREFIX
from tests.browser.conftest import (
    PageLog,
    serious_accessibility_violations,
    tools_notebook,
    widget_shot,
)
from tests.conftest import REPO

pytestmark = pytest.mark.browser

SCENARIO = REPO / "curriculum" / "day5" / "scenarios" / "ending-no-improvement.yaml"
CHOOSER = ".ipt-breakout-chooser"
CHOSEN = "rgb(26, 77, 143)"  # the chosen role's button, white on dark blue


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def cards_url(voila_server, tmp_path: Path) -> str:
    """The scenario's breakout cards, opened as the Day 5 role-play notebook opens them."""
    folder = tmp_path / "day5"
    (folder / "scenarios").mkdir(parents=True)
    shutil.copy(SCENARIO, folder / "scenarios" / SCENARIO.name)
    notebook = tools_notebook(folder / "06-roleplay-ending.ipynb", [
        "from ipt_course.roleplay import breakout_cards\n"
        f'breakout_cards("scenarios/{SCENARIO.name}")'])
    return voila_server(notebook)


def _page_text(page: Page) -> str:
    """Every word in the page's DOM, shown or not."""
    return _words(page.locator("body").text_content() or "")


def test_each_person_opens_only_their_own_card(page: Page, page_log: PageLog,
                                               cards_url: str, tmp_path: Path) -> None:
    breakout = load_scenario(SCENARIO).breakout
    client = breakout.client_card
    secrets = [_words(reveal.reveal) for reveal in client.reveals] + [_words(client.background)]
    goals = [_words(goal) for goal in breakout.therapist_card.goals]
    checklist = [_words(item.item) for item in breakout.observer_checklist]

    page.goto(cards_url, timeout=120_000)
    chooser = page.locator(CHOOSER)
    expect(chooser.get_by_text("Which role are you playing?")).to_be_visible(timeout=120_000)
    roles = [chooser.get_by_role("button", name=f"I am the {role}")
             for role in ("client", "therapist", "observer")]
    for role in roles:
        expect(role).to_be_visible()
    before = _page_text(page)
    assert [text for text in secrets + goals + checklist if text[:60] in before] == []
    assert "Keep back until asked well" not in before
    widget_shot(page, CHOOSER, "breakout-chooser", height=720)
    assert serious_accessibility_violations(page) == []

    # The client: background and what to keep back, each line read after "If the therapist".
    roles[0].click()
    expect(roles[0]).to_have_css("background-color", CHOSEN)
    expect(roles[1]).not_to_have_css("background-color", CHOSEN)
    card = chooser.locator(".ipt-card")
    expect(card.get_by_role("heading", name=re.compile("^Client card"))).to_be_visible(
        timeout=30_000)
    expect(card.get_by_role("heading", name="Keep back until asked well")).to_be_visible()
    shown = _words(card.inner_text())
    assert [text for text in secrets if text not in shown] == []
    lines = [_words(text).removeprefix(f"{REVEAL_PREFIX} ").removesuffix(":")
             for text in card.locator("li > strong").all_inner_texts()
             if text.startswith(REVEAL_PREFIX)]
    assert len(lines) == len(client.reveals)
    assert [line for line in lines if re.match(r"(the )?therapist\b|if\b|when\b", line)] == []
    assert "the therapist the therapist" not in shown.lower()
    assert lines[0].startswith(_words(client.reveals[0].when)[:40])
    page_text = _page_text(page)
    assert [text for text in goals + checklist if text[:60] in page_text] == []
    widget_shot(page, CHOOSER, "breakout-client-card", height=720)
    assert serious_accessibility_violations(page) == []

    # Another role replaces the card: the client's secrets leave the page.
    roles[1].click()
    expect(card.get_by_role("heading", name=re.compile("^Therapist card"))).to_be_visible(
        timeout=30_000)
    expect(roles[1]).to_have_css("background-color", CHOSEN)
    expect(roles[0]).not_to_have_css("background-color", CHOSEN)
    widget_shot(page, CHOOSER, "breakout-therapist-card", height=720)
    page_text = _page_text(page)
    assert [text for text in goals if text not in page_text] == []
    assert [text for text in secrets + checklist if text[:60] in page_text] == []

    # The observer ticks and notes; looking at another card and back loses none of it.
    roles[2].click()
    expect(chooser.get_by_role("heading", name=re.compile("^Observer checklist"))).to_be_visible(
        timeout=30_000)
    first = chooser.get_by_role("checkbox", name=re.compile(re.escape(checklist[0][:30])))
    first.check()
    chooser.get_by_role("textbox", name="Notes on 1").fill("Asked straight out, at 4 minutes")
    page_text = _page_text(page)
    assert [text for text in secrets + goals if text[:60] in page_text] == []
    roles[1].click()
    expect(chooser.get_by_role("checkbox")).to_have_count(0, timeout=30_000)
    roles[2].click()
    expect(first).to_be_checked(timeout=30_000)
    expect(chooser.get_by_role("textbox", name="Notes on 1")).to_have_value(
        "Asked straight out, at 4 minutes")
    save = chooser.get_by_role("button", name="Save as Markdown")
    assert save.evaluate("b => b.scrollWidth <= b.clientWidth")  # the label is not cut short
    save.click()
    expect(chooser.get_by_role("status")).to_contain_text("Checklist saved as", timeout=30_000)
    saved = list((tmp_path / "day5").glob("*-observer-*.md"))
    assert len(saved) == 1 and "Asked straight out, at 4 minutes" in saved[0].read_text()
    widget_shot(page, CHOOSER, "breakout-observer", height=720)
    assert serious_accessibility_violations(page) == []
    assert page_log.console_errors == []
    assert page_log.outside_requests == []
