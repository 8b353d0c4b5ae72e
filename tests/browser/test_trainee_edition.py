"""The trainee edition as a trainee meets it: built, started with `make start`, used in Chromium.

Her JupyterLab shows none of the trainer's machinery (no Formgrader, Create Assignment or
Validate, no live page in a day folder). In the Day 1 quiz the empty drop-downs say
"Choose...", switching the tools on leaves her where she was, the marking cells and the code
behind each answer box are out of sight, a matching question answered in part is listed as not
finished, and closing the quiz asks nothing, because her answers saved themselves. The
file list shows whole names, and the inventory's table and circle fit a 1280x720 screen
beside it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PageLog, screenshot

pytestmark = pytest.mark.browser
ADDRESS = re.compile(r"(http://127\.0\.0\.1:\d+/)lab/tree/\S+\?(token=\S+)")


def _edition(course: Path, out: Path) -> Path:
    built = subprocess.run([sys.executable, "-m", "ipt_course.cli", "--root", str(course),
                            "edition", "trainee", "--out", str(out)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    return out


def _installed_venv(edition: Path, folder: Path) -> Path:
    """What `make start` builds first (a venv with the course package), here the test's own."""
    folder.mkdir()
    (folder / "bin").symlink_to(Path(sys.executable).parent)
    os.utime(edition / "package" / "pyproject.toml", (1, 1))
    (folder / ".course").touch()
    return folder


def _address(log: Path, timeout: float = 180) -> tuple[str, str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = ADDRESS.search(log.read_text())
        if match:
            return match.group(1), match.group(2)
        time.sleep(0.2)
    raise AssertionError(f"make start printed no address:\n{log.read_text()}")


def _open(page: Page, base: str, token: str, path: str) -> None:
    page.goto(f"{base}lab/tree/{path}?{token}", timeout=90_000)
    expect(page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current")).to_have_text(
        Path(path).name, timeout=90_000)
    expect(page.locator(".jp-NotebookPanel:visible .jp-Spinner")).to_have_count(0, timeout=90_000)
    expect(page.get_by_role("button", name=re.compile(r"\| Idle$"))).to_be_visible(timeout=90_000)


def _scrolled(page: Page) -> float:
    return page.locator(".jp-NotebookPanel:visible .jp-WindowedPanel-outer").evaluate(
        "panel => panel.scrollTop")


def test_the_trainee_edition_hides_the_trainers_tools_and_keeps_the_quiz_calm(
        page: Page, page_log: PageLog, start_server, course_copy: Path, tmp_path: Path) -> None:
    edition = _edition(course_copy, tmp_path / "edition")
    assert not list((edition / "curriculum").rglob("live.ipynb"))
    venv = _installed_venv(edition, tmp_path / "venv")
    log = tmp_path / "make.log"
    start_server(["make", "start", f"VENV={venv}"], edition, log,
                 {**os.environ, "BROWSER": "true", "PYTHONUNBUFFERED": "1"})
    base, token = _address(log)

    # The quiz, as she opens it from the file list.
    _open(page, base, token, "day1-quiz/day1-quiz.ipynb")
    expect(page.get_by_role("heading", name=re.compile("Day 1 quiz"))).to_be_visible()
    toolbar = page.locator(".jp-NotebookPanel-toolbar:visible")
    expect(toolbar.get_by_role("button", name="Validate")).to_have_count(0)
    expect(page.get_by_text("Create Assignment")).to_have_count(0)
    page.get_by_role("menuitem", name="Nbgrader").click()
    expect(page.get_by_role("menuitem", name=re.compile("Formgrader|Course List"))
           ).to_have_count(0)
    page.keyboard.press("Escape")

    toolbar.get_by_role("button", name="Switch on the tools").click()
    expect(page.get_by_role("combobox", name="Item 1").first).to_be_visible(timeout=90_000)
    expect(page.get_by_role("button", name="Check my answers")).to_have_count(1, timeout=90_000)
    page.wait_for_timeout(2_000)
    assert _scrolled(page) < 50, "switching the tools on must leave her at the top"
    # The one-line summaries of hidden code: the marking cells' and each answer box's.
    expect(page.get_by_text("Marked from your saved answer").first).to_be_attached()
    expect(page.locator(".jp-PlaceholderText:visible")).to_have_count(0)
    expect(page.locator(".jp-InputPrompt:visible", has_text=re.compile(r"\[\d+\]"))
           ).to_have_count(0)
    matching = page.get_by_role("combobox", name="Item 1").first
    expect(matching.locator("option:checked")).to_have_text("Choose...")
    matching.scroll_into_view_if_needed()
    screenshot(page, "edition-quiz-choose")
    matching.select_option(index=1)
    page.wait_for_timeout(1_500)

    check = page.get_by_role("button", name="Check my answers")
    check.scroll_into_view_if_needed()
    check.click()
    expect(page.get_by_text("Question 5: 1 of 5 items matched")).to_be_visible()
    screenshot(page, "edition-quiz-hand-in-check")
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current .lm-TabBar-tabCloseIcon"
                 ).click()
    expect(page.locator(".jp-NotebookPanel:visible")).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)

    # The inventory beside the file list: the table wraps, the save button is on screen.
    _open(page, base, token, "curriculum/day2/01-interpersonal-inventory.ipynb")
    names = page.locator(".jp-DirListing-item .jp-DirListing-itemText")
    expect(names.filter(has_text="05-roleplay-agreeing-the-focus.ipynb")).to_be_visible()
    cut = names.evaluate_all("items => items.filter(i => i.scrollWidth > i.clientWidth + 1)"
                             ".map(i => i.textContent)")
    screenshot(page, "edition-inventory-opened")
    assert cut == [], f"names cut off in the file list: {cut}"
    page.locator(".jp-NotebookPanel-toolbar:visible").get_by_role(
        "button", name="Switch on the tools").click()
    inventory = page.locator(".ipt-inventory")
    expect(inventory).to_be_visible(timeout=90_000)
    inventory.get_by_role("button", name="Load the course example").click()
    inventory.get_by_role("tab", name="Closeness circle").click()
    save = inventory.get_by_role("button", name="Save the drawing as PNG")
    circle = inventory.locator("img, svg").last
    expect(circle).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1_000)
    save.scroll_into_view_if_needed()
    expect(save).to_be_in_viewport()
    assert save.bounding_box()["y"] < circle.bounding_box()["y"], "the button comes first"
    screenshot(page, "edition-inventory-circle")
    inventory.get_by_role("tab", name="Table").click()
    table = inventory.locator(".ipt-table")
    expect(table).to_be_visible()
    table.scroll_into_view_if_needed()
    fits = table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth + 1 && "
                          "t.getBoundingClientRect().right <= window.innerWidth")
    screenshot(page, "edition-inventory-table")
    assert fits, "the inventory table must wrap, with no column cut off"
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert page_log.outside_requests == []
