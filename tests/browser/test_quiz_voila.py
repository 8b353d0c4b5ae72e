"""The released quiz in real Voila and headless Chromium: answer, reload, answers still there."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from ipt_course.kit.order import display_order, quiz_item
from ipt_course.quiz.generate import build_quiz
from tests.browser.conftest import PageLog, screenshot, serious_accessibility_violations

pytestmark = pytest.mark.browser
LONG_OPTION = ("The ending phase, when the therapist and the client look back over what has "
               "changed, plan for the future, name the warning signs of a return of depression "
               "and say goodbye, which in a sixteen-session course of therapy usually takes "
               "the last three or four meetings")

FIXTURE = Path(__file__).resolve().parents[1] / "unit" / "fixtures" / "quizzes" / (
    "fixture-quiz.yaml")


@pytest.fixture
def quiz_folder(tmp_path: Path) -> Path:
    """What a trainee receives: only the release folder."""
    course = tmp_path / "course"
    course.mkdir()
    (course / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    bank = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    bank["questions"][0]["options"][0]["text"] = LONG_OPTION
    (course / "bank.yaml").write_text(yaml.safe_dump(bank), encoding="utf-8")
    build_quiz(course / "bank.yaml", course)
    folder = tmp_path / "trainee" / "fixture-quiz"
    shutil.copytree(course / "release" / "fixture-quiz", folder)
    return folder


def _saved(folder: Path, timeout: float = 30) -> dict:
    """The saved answers, waiting for the kernel to write them."""
    path = folder / "fixture-quiz.responses.json"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file():
            answers = json.loads(path.read_text(encoding="utf-8"))["answers"]
            if "q01" in answers and "q04" in answers:
                return answers
        time.sleep(0.2)
    raise AssertionError("answers were not saved")


def _q01_labels(page: Page) -> list[str]:
    """The options of question 1 as the page shows them, top to bottom."""
    radios = page.locator(".ipt-quiz-answer").first.locator("label:has(input[type=radio])")
    expect(radios.first).to_be_visible(timeout=120_000)
    return [text.strip() for text in radios.all_inner_texts()]


def _q01_in_order(folder: Path) -> list[str]:
    """Question 1's options in the order of the seed saved with the trainee's answers."""
    seed = json.loads((folder / "fixture-quiz.responses.json").read_text())["seed"]
    texts = {"a": LONG_OPTION, "b": "The initial phase", "c": "The middle phase"}
    return [texts[oid] for oid in display_order(["a", "b", "c"], seed=seed,
                                                  item=quiz_item("fixture-quiz", "q01"))]


def test_answers_are_saved_and_restored_in_voila(
        page: Page, page_log: PageLog, voila_server, quiz_folder: Path,
        trainee_data_dir: Path) -> None:
    base = voila_server(quiz_folder)
    page.goto(f"{base}voila/render/fixture-quiz.ipynb", timeout=120_000)
    expect(page.get_by_text("Which phase of IPT includes the interpersonal inventory?")
           ).to_be_visible(timeout=120_000)
    page.get_by_label("The initial phase").check()
    number = page.get_by_placeholder("Type a number")
    number.fill("lots")
    expect(page.get_by_text("lots is not a number.")).to_be_visible()
    number.fill("27")
    expect(page.get_by_text("lots is not a number.")).to_be_hidden()
    assert _saved(quiz_folder) == {"q01": "b", "q04": 27}
    assert _q01_labels(page) == _q01_in_order(quiz_folder)   # the trainee's own order
    made = json.loads((trainee_data_dir / "ipt-course/order-seed.json").read_text())["seed"]
    assert json.loads((quiz_folder / "fixture-quiz.responses.json").read_text())["seed"] == made
    expect(page.get_by_text("question(s) still to finish")).to_be_hidden()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_text("4 question(s) still to finish:")).to_be_visible()
    screenshot(page, "quiz-voila")
    label = page.get_by_text(LONG_OPTION)
    box = label.bounding_box()
    assert box["x"] + box["width"] <= 1280 and box["height"] > 30   # wrapped, not cut off
    assert label.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    assert serious_accessibility_violations(page) == []
    assert page_log.console_errors == []
    assert page_log.outside_requests == []

    again = page.context.new_page()
    again.goto(f"{base}voila/render/fixture-quiz.ipynb", timeout=120_000)
    expect(again.get_by_label("The initial phase")).to_be_checked(timeout=120_000)
    expect(again.get_by_placeholder("Type a number")).to_have_value("27")
    assert _q01_labels(again) == _q01_in_order(quiz_folder)
    screenshot(again, "quiz-voila-restored")
