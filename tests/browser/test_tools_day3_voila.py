"""The Day 3 communication and decision analysis tools work in real Voila, in headless Chromium."""

from __future__ import annotations

import json
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
    "from ipt_course.tools.communication_analysis import CommunicationAnalysisWorksheet\n"
    "CommunicationAnalysisWorksheet(save_path='my-communication-analysis.json')",
    "from ipt_course.tools.decision_analysis import DecisionAnalysisAid\n"
    "DecisionAnalysisAid(save_path='my-decision-analysis.json')",
]


def _notebook(folder: Path) -> Path:
    return tools_notebook(folder / "day3-tools.ipynb", CELLS)


def test_day3_analysis_tools_in_voila(page: Page, page_log: PageLog, voila_server,
                                      tmp_path: Path) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    page.goto(voila_server(_notebook(folder)), timeout=120_000)
    expect(page.get_by_text("Communication analysis worksheet")).to_be_visible(timeout=120_000)
    expect(page.get_by_text("Decision analysis aid")).to_be_visible(timeout=60_000)

    worksheet = page.locator(".ipt-communication-analysis")
    worksheet.get_by_role("button", name="Start from Nadia's row").click()
    lines = worksheet.get_by_label("Lines")
    expect(lines.locator("option")).to_have_count(10, timeout=30_000)
    lines.select_option(index=6)
    expect(worksheet.get_by_label("How it was said")).to_have_value("Louder, arms folded")
    expect(worksheet.get_by_text("Worth a look:")).to_be_visible()
    worksheet.get_by_label("Attacking rather than asking").check()
    worksheet.get_by_label("Bringing up the past").check()
    worksheet.get_by_role("button", name="Save changes to selected").click()
    expect(worksheet.get_by_text("Saved the changes to line 7.", exact=True)).to_be_visible()
    widget_shot(page, ".ipt-communication-analysis", "tools-communication-analysis")
    worksheet.get_by_role("tab", name="5 Check and export").click()
    worksheet.get_by_role("button", name="Compare with the notebook's analysis").click()
    expect(worksheet.get_by_text("You and the notebook agree on 4 of 10 lines.")).to_be_visible()
    widget_shot(page, ".ipt-communication-analysis", "tools-communication-analysis-compare")
    saved = json.loads((folder / "my-communication-analysis.json").read_text(encoding="utf-8"))
    assert saved["analyses"][-1]["lines"][6]["problems"] == ["attacking", "past"]

    aid = page.locator(".ipt-decision-analysis")
    aid.get_by_role("button", name="Start from Nadia's decision").click()
    expect(aid.get_by_label("Options").locator("option")).to_have_count(3, timeout=30_000)
    aid.get_by_role("tab", name="3 Choice, first step").click()
    aid.get_by_label("The client's choice").select_option("June")
    expect(aid.get_by_text("Nadia chose: June.")).to_be_visible()
    aid.get_by_role("tab", name="5 Check and export").click()
    aid.get_by_role("button", name="Check my decision").click()
    expect(aid.get_by_text("Nadia chose: June.").last).to_be_visible()
    widget_shot(page, ".ipt-decision-analysis", "tools-decision-analysis")
    decision = json.loads((folder / "my-decision-analysis.json").read_text(encoding="utf-8"))
    assert decision["decisions"][-1]["choice"] == "June"

    assert serious_accessibility_violations(page) == []
    assert page_log.console_errors == []
    assert page_log.outside_requests == []
