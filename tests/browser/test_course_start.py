"""`ipt-course start` as a newcomer meets it: a quiet terminal, then the welcome notebook.

The terminal shows the address only once the server answers it, and no warning or routine
server log; in JupyterLab a note stands where each tool will appear until one press of
**Switch on the tools** draws them, with no "Restart Kernel?" dialog.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ipt_course.cli import free_port
from ipt_course.contents import PLACEHOLDER_TEXT
from tests.browser.conftest import PageLog, screenshot

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ADDRESS = re.compile(r"(http://127\.0\.0\.1:\d+/lab/tree/\S+\?token=\S+)")


def _address_answering_when_printed(log: Path, timeout: float = 180) -> str:
    """The printed address, fetched the moment it appears: it must already answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = ADDRESS.search(log.read_text())
        if match:
            with urllib.request.urlopen(match.group(1), timeout=5) as response:
                assert response.status == 200
            return match.group(1)
        time.sleep(0.05)
    raise AssertionError(f"ipt-course start printed no address:\n{log.read_text()}")


def test_start_prints_the_address_once_ready_and_one_press_switches_the_tools_on(
        page: Page, page_log: PageLog, start_server, course_copy: Path, tmp_path: Path) -> None:
    log = tmp_path / "lab.log"
    port = free_port()
    start_server([sys.executable, "-m", "ipt_course.cli", "start", "--no-browser",
                  "--port", str(port)], course_copy, log)
    url = _address_answering_when_printed(log)
    assert f":{port}/lab/tree/curriculum/00-welcome.ipynb" in url

    page.goto(url, timeout=90_000)
    expect(page.get_by_role("heading", name="Welcome to the IPT Level A course")).to_be_visible(
        timeout=90_000)
    note = page.get_by_text(PLACEHOLDER_TEXT.replace("**", ""))
    expect(note.first).to_be_visible()
    screenshot(page, "jupyterlab-welcome-before-switch-on")
    # As a person would: wait for the kernel to be ready before pressing the button.
    expect(page.get_by_role("button", name=re.compile(r"\| Idle$"))).to_be_visible(timeout=90_000)
    # Opening the notebook changed nothing, so its tab is not marked as changed; the kernel's
    # details reach the notebook just after it reports Idle, hence the pause.
    page.wait_for_timeout(3_000)
    expect(page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current")
           ).not_to_have_class(re.compile(r"\bjp-mod-dirty\b"))
    # Only the course's button runs the notebook; the restart-and-run-all one is gone.
    toolbar = page.locator(".jp-NotebookPanel-toolbar").first
    expect(toolbar.get_by_title(re.compile("Restart the kernel", re.I))).to_have_count(0)
    toolbar.get_by_role("button", name="Switch on the tools").click()
    expect(page.get_by_role("heading", name=re.compile("Day 1: An overview of IPT"))
           ).to_be_visible(timeout=90_000)
    expect(page.get_by_role("cell", name="Assessment phase - session 1").first).to_be_visible()
    expect(note).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("All variables will be lost")).to_have_count(0)
    expect(page.get_by_text("get notified about official Jupyter news")).to_have_count(0)
    screenshot(page, "jupyterlab-welcome-switched-on")
    assert page_log.outside_requests == []

    # The terminal: two lines of the course's own, the address and how to stop; no warning
    # and none of the server's routine log.
    printed = log.read_text()
    assert "Warning" not in printed and "[I " not in printed, printed
    assert len(printed.splitlines()) <= 8, printed


def test_installing_the_course_prints_no_packaging_warning(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--verbose", "--wheel-dir",
         str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    assert "SetuptoolsDeprecationWarning" not in built.stdout + built.stderr
    assert list(tmp_path.glob("ipt_course-*.whl"))


def test_present_prints_the_live_page_address_once_it_answers(
        start_server, course_copy: Path, tmp_path: Path) -> None:
    log = tmp_path / "present.log"
    start_server([sys.executable, "-m", "ipt_course.cli", "present", "day1", "--pool", "0",
                  "--port", str(free_port())], course_copy, log)
    live = re.compile(r"http://127\.0\.0\.1:\d+/\?token=\S+")
    deadline = time.monotonic() + 120
    while not (match := live.search(log.read_text())) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert match, log.read_text()
    # Opened the moment it is printed, the address answers.
    with urllib.request.urlopen(match.group(0), timeout=90) as response:
        assert response.status == 200
    assert "Warning" not in log.read_text()
