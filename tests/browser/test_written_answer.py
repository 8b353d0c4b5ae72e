"""A written quiz answer typed as a nurse types it, in JupyterLab started by `ipt-course start`.

She presses Switch on the tools, clicks in the answer box and types a sentence (no double-click,
no Shift+Enter). No cell is added or changed, the answer is saved, a reload shows it again, and
when the trainer grades the quiz the sentence is in the marked cell and on the feedback page.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ipt_course.cli import free_port
from ipt_course.grading.autograde import autograde_all
from ipt_course.grading.collect import collect
from ipt_course.grading.feedback import feedback_all
from ipt_course.grading.roster import import_roster, read_roster
from ipt_course.quiz.generate import build_quiz
from ipt_course.quiz.store import responses_path
from tests.browser.conftest import PageLog, screenshot

pytestmark = pytest.mark.browser

QUIZ = "day1-quiz"
# Full of letters that are JupyterLab shortcuts in command mode (a, b, m, r, y, d, x, z).
SENTENCE = ("Mei, depression is a common illness after a baby and it is treatable. "
            "Taking the sick role for a while lets you rest and recover.")


def _address(log: Path, timeout: float = 180) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = re.search(r"(http://127\.0\.0\.1:\d+/)lab/tree/\S+\?(token=\S+)", log.read_text())
        if match:
            return f"{match.group(1)}lab/tree/release/{QUIZ}/{QUIZ}.ipynb?{match.group(2)}"
        time.sleep(0.2)
    raise AssertionError(f"ipt-course start printed no address:\n{log.read_text()}")


def _switch_on(page: Page) -> None:
    expect(page.get_by_role("button", name=re.compile(r"\| Idle$"))).to_be_visible(timeout=90_000)
    toolbar = page.locator(".jp-NotebookPanel-toolbar:visible")
    screenshot(page, "quiz-before-switch-on")
    toolbar.get_by_role("button", name="Switch on the tools").click()


def test_a_sentence_typed_in_the_box_is_saved_kept_and_graded(
        page: Page, page_log: PageLog, start_server, course_copy: Path, tmp_path: Path) -> None:
    build_quiz(course_copy / "quizzes" / "day1.yaml", course_copy)
    log = tmp_path / "lab.log"
    start_server([sys.executable, "-m", "ipt_course.cli", "start", "--no-browser",
                  "--port", str(free_port())], course_copy, log)
    page.goto(_address(log), timeout=90_000)
    _switch_on(page)
    box = page.get_by_placeholder(re.compile("Click here and type your answer")).first
    expect(box).to_be_visible(timeout=90_000)
    cells = page.locator(".jp-Notebook .jp-Cell").count()

    box.scroll_into_view_if_needed()
    box.click()
    page.keyboard.type(SENTENCE, delay=5)
    answer = box.locator("xpath=ancestor::*[contains(@class, 'ipt-quiz-written')][1]")
    expect(answer.get_by_text("Saved.", exact=True)).to_be_visible(timeout=30_000)
    expect(box).to_have_value(SENTENCE)
    assert page.locator(".jp-Notebook .jp-Cell").count() == cells
    expect(page.locator(".jp-Notebook .jp-Cell.jp-RawCell")).to_have_count(0)
    expect(page.get_by_text("Cell is read-only")).to_have_count(0)
    screenshot(page, "quiz-written-answer-typed")

    folder = course_copy / "release" / QUIZ
    saved = json.loads(responses_path(folder, QUIZ).read_text(encoding="utf-8"))
    assert SENTENCE in json.dumps(saved)

    page.reload()
    _switch_on(page)
    box = page.get_by_placeholder(re.compile("Click here and type your answer")).first
    expect(box).to_have_value(SENTENCE, timeout=90_000)
    assert page_log.outside_requests == []

    # Handed in as it is on disk, then graded and fed back by the trainer.
    inbox = tmp_path / "inbox" / "t001"
    inbox.mkdir(parents=True)
    for name in (f"{QUIZ}.ipynb", responses_path(folder, QUIZ).name):
        shutil.copy(folder / name, inbox / name)
    roster = tmp_path / "roster.csv"
    roster.write_text("id,first name,last name,email\nt001,Alex,One,alex@example.org\n")
    import_roster(course_copy, read_roster(roster))
    collect(course_copy, QUIZ, inbox.parent, {"t001"})
    assert autograde_all(course_copy, QUIZ, jobs=1, progress=False).results[0].graded
    assert feedback_all(course_copy, QUIZ, progress=False) == {"t001": []}
    graded = json.loads((course_copy / "autograded" / "t001" / QUIZ / f"{QUIZ}.ipynb"
                         ).read_text(encoding="utf-8"))
    marked = [cell for cell in graded["cells"]
              if cell["metadata"].get("nbgrader", {}).get("grade")
              and cell["metadata"]["nbgrader"].get("solution")]
    assert any("".join(cell["source"]) == SENTENCE for cell in marked)
    feedback = (course_copy / "feedback" / "t001" / QUIZ / f"{QUIZ}.html").read_text(
        encoding="utf-8")
    assert SENTENCE in feedback
