"""The Day 3 dispute stage aid and transition balance sheet in real Voila, in headless Chromium."""

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
    "from ipt_course.tools.dispute_stage import DisputeStageAid\nDisputeStageAid()",
    "from ipt_course.tools.transition_balance import TransitionBalanceSheet\n"
    "TransitionBalanceSheet(save_path='my-transition-balance.json')",
]


def _notebook(folder: Path) -> Path:
    return tools_notebook(folder / "day3-tools.ipynb", CELLS)


SMALL_TEXT = """root => [...root.querySelectorAll('*')]
    .filter(e => e.offsetParent !== null && [...e.childNodes].some(
        n => n.nodeType === 3 && n.textContent.trim()))
    .map(e => [e.tagName + ': ' + e.textContent.trim().slice(0, 40),
               parseFloat(getComputedStyle(e).fontSize)])
    .filter(([_text, size]) => size < 14)"""


def test_dispute_stage_and_transition_balance_in_voila(page: Page, page_log: PageLog,
                                                         voila_server, tmp_path: Path) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    page.goto(voila_server(_notebook(folder)), timeout=120_000)
    aid = page.locator(".ipt-dispute-stage")
    expect(aid.get_by_text("Dispute stage aid", exact=True)).to_be_visible(timeout=120_000)

    aid.get_by_label("Client (first name)").fill("Natalie")
    aid.get_by_label("Client (first name)").press("Enter")
    aid.get_by_text("There is abuse or coercive control, or signs of it").click()
    expect(aid.get_by_text("Safety first: the dispute work waits")).to_be_visible()
    expect(aid.get_by_text("Four questions to stage the dispute")).to_be_hidden()
    widget_shot(page, ".ipt-dispute-stage", "tools-dispute-stage-safety", height=720)

    aid.get_by_role("button", name="Start a new case").click()
    expect(aid.get_by_text("These answers are not kept yet.", exact=False)).to_be_visible()
    aid.get_by_role("button", name="Start a new case").click()
    expect(aid.get_by_text("Started a new case", exact=False)).to_be_visible()
    expect(aid.get_by_label("Client (first name)")).to_have_value("")
    aid.get_by_label("Client (first name)").fill("Nadia")
    aid.get_by_label("Client (first name)").press("Enter")
    aid.get_by_text("Asked in private, and there is none").click()
    for question, answer in (("Are both still talking", "Yes"), ("Is there still hope", "Yes"),
                             ("Has either of them decided", "No"),
                             ("Has talking about it stopped", "No")):
        aid.locator(".widget-toggle-buttons", has_text=question).get_by_role(
            "button", name=answer, exact=True).click()
    expect(aid.get_by_text("Suggested stage: Renegotiation")).to_be_visible()
    expect(aid.get_by_text("Plan: Calm things; improve communication; compromise")).to_be_visible()
    aid.get_by_role("button", name="Keep as a new case").click()
    expect(aid.get_by_text("Kept the case for Nadia.")).to_be_visible()
    widget_shot(page, ".ipt-dispute-stage", "tools-dispute-stage-nadia", height=720)

    sheet = page.locator(".ipt-transition-balance")
    sheet.get_by_label("Old role").fill("At home on leave")
    sheet.get_by_label("Old role").press("Enter")
    sheet.get_by_label("New role").fill("Back at work, a mother of two")
    sheet.get_by_label("New role").press("Enter")
    for side, row, text in (("Old role: At home on leave", "Gives", "Feeding him when he wants"),
                            ("New role: Back at work, a mother of two", "Costs",
                             "Missing things with Yusuf")):
        sheet.get_by_label("Column").select_option(label=side)
        sheet.get_by_label("Row").select_option(label=row)
        sheet.get_by_label("Entry").fill(text)
        sheet.get_by_role("button", name="Add to the sheet").click()
        expect(sheet.get_by_text(f"Added to the sheet: “{text}”.", exact=False)).to_be_visible()
        expect(sheet.get_by_label("Entry")).to_have_value("")
    expect(sheet.get_by_text("One column is all good and the other all bad")).to_be_visible()
    widget_shot(page, ".ipt-transition-balance", "tools-transition-balance-entries", height=720)
    sheet.get_by_role("tab", name="Picture").click()
    expect(sheet.get_by_role("img", name="Transition balance sheet, two columns")).to_be_visible()
    sheet.get_by_role("button", name="Save the picture as PNG").click()
    expect(sheet.get_by_text("Saved the picture as my-transition-balance.png")).to_be_visible()
    widget_shot(page, ".ipt-transition-balance", "tools-transition-balance-picture", height=720)
    assert (folder / "my-transition-balance.png").is_file()
    assert (folder / "my-dispute-stage.json").is_file()
    assert (folder / "my-transition-balance.json").is_file()

    assert aid.evaluate(SMALL_TEXT) == []
    assert sheet.evaluate(SMALL_TEXT) == []
    assert serious_accessibility_violations(page) == []
    assert page_log.console_errors == []
    assert page_log.outside_requests == []
