"""`ipt-course start` brings up JupyterLab with the welcome notebook, as a trainee sees it."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ipt_course.cli import free_port
from tests.browser.conftest import PageLog, screenshot

pytestmark = pytest.mark.browser


def _printed_url(log: Path, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = re.search(r"(http://127\.0\.0\.1:\d+/lab/tree/\S+\?token=\S+)", log.read_text())
        if match:
            return match.group(1)
        time.sleep(0.2)
    raise AssertionError(f"ipt-course start printed no URL:\n{log.read_text()}")


def test_start_opens_the_welcome_notebook_and_runs_it(
        page: Page, page_log: PageLog, start_server, course_copy: Path, tmp_path: Path) -> None:
    log = tmp_path / "lab.log"
    port = free_port()
    start_server([sys.executable, "-m", "ipt_course.cli", "start", "--no-browser",
                  "--port", str(port)], course_copy, log)
    url = _printed_url(log)
    assert f":{port}/lab/tree/curriculum/00-welcome.ipynb" in url

    deadline = time.monotonic() + 90
    while "Jupyter Server" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.3)
    page.goto(url, timeout=90_000)
    expect(page.get_by_role("heading", name="Welcome to the IPT Level A course")).to_be_visible(
        timeout=90_000)

    # As a person would: wait for the kernel to be ready before running (a click while it is
    # still starting only raises a "kernel not ready" notice).
    expect(page.get_by_role("button", name=re.compile(r"\| Idle$"))).to_be_visible(timeout=90_000)
    # Opening the notebook changed nothing, so its tab is not marked as changed; the kernel's
    # details reach the notebook just after it reports Idle, hence the pause.
    page.wait_for_timeout(3_000)
    expect(page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current")
           ).not_to_have_class(re.compile(r"\bjp-mod-dirty\b"))
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Day 1: An overview of IPT"))
           ).to_be_visible(timeout=90_000)
    expect(page.get_by_role("cell", name="Assessment phase - session 1").first).to_be_visible()
    expect(page.get_by_text("get notified about official Jupyter news")).to_have_count(0)
    screenshot(page, "jupyterlab-welcome")
    assert page_log.outside_requests == []
