"""The trainer dashboards in real Voila and Chromium, served as `present --trainer` serves them."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import psutil
import pytest
from playwright.sync_api import Browser, Page, expect

from ipt_course.course import load_course
from ipt_course.live.attendance import mark_present
from ipt_course.live.dashboards import SHARE_LINK
from ipt_course.live.store import LiveStore, Question
from tests.browser.conftest import (
    PageLog,
    open_page,
    screenshot,
    serious_accessibility_violations,
)
from tests.cohort import COHORT, fill_gradebook
from tests.conftest import REPO

pytestmark = pytest.mark.browser
TOKEN = "trainer-test"
DAY1_QUIZ = "Day 1 quiz: an overview of IPT and the assessment phase"
DAY2_QUIZ = "Day 2 quiz: the interpersonal inventory, formulation, goals and contracting"
# Voila 0.5's file listing loads the widget manager with no kernel behind it; it asks for
# /api/kernels (404: the kernels API is closed) and logs these two errors itself.
TREE_PAGE_NOISE = ("Failed to load resource: the server responded with a status of 404",
                   "Plugin '@jupyter-widgets/jupyterlab-manager:")


@pytest.fixture
def trainer_course(course_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A course with dashboards, a graded Day 1 quiz and a day of live answers."""
    monkeypatch.delenv("IPT_LIVE_DATABASE", raising=False)
    shutil.copytree(REPO / "dashboards", course_copy / "dashboards")
    fill_gradebook(course_copy)
    store = LiveStore.for_course(course_copy)
    mark_present(store, load_course(course_copy), 1, ["t01", "t02"])
    store.check_in(1, "v1", 4, "curious")
    store.check_in(1, "v2", 3, "tired")
    store.rate_confidence(1, "v1", "start", {"d1.lo3": 2})
    store.rate_confidence(1, "v1", "end", {"d1.lo3": 4})
    store.ask(1, "v1", "Can grief and a role transition both apply?")
    store.evaluate(1, "v1", 5, 4, "The timeline exercise helped")
    return course_copy


@pytest.fixture
def trainer_url(voila_server, trainer_course: Path) -> str:
    """`ipt-course present --trainer`: Voila on dashboards/, token, no preheat."""
    return voila_server(trainer_course / "dashboards", token=TOKEN).split("?")[0]


def _open(page: Page, base: str, name: str, heading: str) -> None:
    page.goto(f"{base}voila/render/{name}.ipynb?token={TOKEN}")
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=90_000)


def _clean(page: Page, log: PageLog, shot: str) -> None:
    screenshot(page, shot)
    assert log.outside_requests == []
    assert log.console_errors == []
    assert serious_accessibility_violations(page) == []


def test_trainer_server_lists_the_dashboards(page: Page, page_log: PageLog,
                                             trainer_url: str) -> None:
    page.goto(f"{trainer_url}?token={TOKEN}")
    expect(page.get_by_role("heading", name="Trainer dashboards")).to_be_visible(timeout=60_000)
    for title in ("Quiz results", "Quiz review", "The live room", "Cohort progress",
                  "Course evaluation"):
        expect(page.get_by_role("link", name=re.compile(f"^{title}"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Quiz review"))).to_contain_text(
        "Safe to share on Teams")
    expect(page.get_by_text("Do not share this window on Teams")).to_be_visible()
    font = page.locator("body").evaluate("b => getComputedStyle(b).fontFamily")
    assert "serif" not in font.replace("sans-serif", "")
    screenshot(page, "trainer-listing")
    assert page_log.outside_requests == []
    assert [e for e in page_log.console_errors if not e.startswith(TREE_PAGE_NOISE)] == []
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name=re.compile("^Quiz results")).click()
    expect(page.get_by_role("heading", name="Quiz results", exact=True)
           ).to_be_visible(timeout=90_000)


def test_quiz_results(page: Page, page_log: PageLog, trainer_url: str) -> None:
    _open(page, trainer_url, "quiz-results", "Quiz results")
    expect(page.get_by_text("Trainer only: this page shows the answer key")).to_be_visible()
    expect(page.get_by_text("3 graded submission(s)")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Bar chart of 3 trainees"))).to_be_visible()
    expect(page.get_by_role("heading", name="Weakest outcomes")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^0\d-")).first).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Anonymous review|Results"))
           ).to_have_count(0)
    _clean(page, page_log, "trainer-quiz-results")
    expect(page.get_by_role("columnheader", name="Id in the bank").first).to_be_visible()

    # The review opens in a tab of its own, on the quiz chosen here, ready to share.
    share = page.get_by_role("link", name=SHARE_LINK)
    expect(share).to_be_in_viewport()
    expect(share).to_have_attribute("target", "_blank")
    with page.context.expect_page() as opened:
        share.click()
    review = opened.value
    expect(review.get_by_role("heading", name="Quiz review", exact=True)
           ).to_be_visible(timeout=90_000)
    assert review.url.startswith(f"{trainer_url}voila/render/quiz-review.ipynb?quiz=day1-quiz")
    expect(review.get_by_text(re.compile(r"^Question 1 of \d+"))).to_be_visible(timeout=30_000)
    expect(review.get_by_role("combobox", name="Quiz:")).to_have_value(DAY1_QUIZ)
    review.close()

    page.get_by_role("combobox", name="Quiz:").select_option(label=DAY2_QUIZ)
    expect(page.get_by_text("No graded submissions yet")).to_be_visible(timeout=30_000)
    expect(share).to_have_attribute("href", "quiz-review.ipynb?quiz=day2-quiz")
    with page.context.expect_page() as opened:
        share.click()
    review = opened.value
    expect(review.get_by_text("Nothing to review until this quiz is graded.")
           ).to_be_visible(timeout=90_000)
    expect(review.get_by_role("combobox", name="Quiz:")).to_have_value(DAY2_QUIZ)
    assert page_log.console_errors == []


# What a shared screen shows: every text in the viewport, with its size in pixels.
VIEWPORT_TEXT = """() => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const text = walker.currentNode.textContent.trim();
        const element = walker.currentNode.parentElement;
        if (!text || !element || element.closest("style, script")) continue;
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (box.width === 0 || box.height === 0 || style.visibility === "hidden") continue;
        if (box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth)
            continue;
        found.push([text, parseFloat(style.fontSize)]);
    }
    for (const select of document.querySelectorAll("select")) {
        const box = select.getBoundingClientRect();
        if (box.width && box.bottom > 0 && box.top < innerHeight)
            found.push([select.selectedOptions[0]?.textContent || "",
                        parseFloat(getComputedStyle(select).fontSize)]);
    }
    return found;
}"""
# "Trainer only" in any case, a trainee's name or id, a question's id in the bank.
NOT_TO_SHARE = re.compile("(?i:trainer only)|" + "|".join(
    [rf"\b{word}\b" for first, last, _ in COHORT.values() for word in (first, last)]
    + [rf"\b{trainee}\b" for trainee in COHORT] + [r"\bq\d\d_"]))


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1280, 620)],
                         ids=["1280x720", "1280x620"])
def test_the_quiz_review_shares_only_what_the_room_may_see(
        browser: Browser, page_log: PageLog, trainer_url: str, width: int,
        height: int) -> None:
    page = open_page(browser, page_log, width, height)
    page.goto(f"{trainer_url}voila/render/quiz-review.ipynb?token={TOKEN}")
    expect(page.get_by_role("heading", name="Quiz review", exact=True)
           ).to_be_visible(timeout=90_000)
    expect(page.get_by_text(re.compile(r"^Question 1 of \d+"))).to_be_visible(timeout=30_000)
    shown = page.evaluate(VIEWPORT_TEXT)
    words = "\n".join(text for text, _ in shown)
    assert NOT_TO_SHARE.findall(words) == []
    assert NOT_TO_SHARE.findall(page.locator("body").text_content() or "") == []
    assert re.findall(r"\bAnswer\b", words) == []
    assert [(text, size) for text, size in shown if size < 16] == []
    expect(page.get_by_role("button", name="Next")).to_be_in_viewport(ratio=1)
    assert _off_screen(page) == []
    _clean(page, page_log, f"trainer-quiz-review-shared-{width}x{height}")

    page.get_by_role("button", name="Reveal the answer").click()
    key = page.locator(".ipt-review-keyrow")
    expect(key.get_by_text("Answer", exact=True)).to_have_count(1)
    expect(key).to_be_in_viewport(ratio=1)
    assert _off_screen(page) == []
    screenshot(page, f"trainer-quiz-review-revealed-{width}x{height}")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text(re.compile(r"^Question 2 of"))).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Answer", exact=True)).to_have_count(0)

    # Every question of the quiz fits the shared screen with its options and the buttons.
    total = int(re.search(r"of (\d+)", page.locator(".ipt-review-position").inner_text())[1])
    too_long, too_small = [], []
    for number in range(2, total + 1):
        expect(page.get_by_text(re.compile(rf"^Question {number} of"))).to_be_visible()
        too_long += [f"question {number}: {part}" for part in _off_screen(page)]
        too_small += [(number, text, size) for text, size in page.evaluate(VIEWPORT_TEXT)
                      if size < 16]
        reveal = page.get_by_role("button", name="Reveal the answer")
        if reveal.is_enabled():
            reveal.click()
            expect(page.get_by_role("button", name="Hide the answer")).to_be_visible()
            expect(page.locator(".ipt-review-keyrow, .ipt-review-keycell").first).to_be_visible()
            too_long += [f"question {number}, revealed: {part}" for part in _off_screen(page)]
        if number < total:
            page.get_by_role("button", name="Next").click()
    assert too_long == [] and too_small == []
    assert page_log.console_errors == []
    page.context.close()


def _off_screen(page: Page) -> list[str]:
    """What of the question on screen (text, options, buttons) is not wholly in the viewport."""
    return page.evaluate("""() => {
        const parts = {prompt: ".ipt-review-prompt",
                       "last option": ".ipt-review-options tbody tr:last-child, "
                                      + ".ipt-review-grid tbody tr:last-child",
                       buttons: ".ipt-review-bar .jupyter-button:last-child"};
        return Object.entries(parts).filter(([name, selector]) => {
            const part = document.querySelector(selector);
            if (!part) return false;
            const box = part.getBoundingClientRect();
            return box.top < 0 || box.bottom > innerHeight;
        }).map(([name]) => name);
    }""")


def test_live_room_marks_a_question_answered(page: Page, page_log: PageLog, trainer_url: str,
                                            trainer_course: Path) -> None:
    _open(page, trainer_url, "live-room", "The live room")
    expect(page.get_by_text("2 check-in(s), mean rating 3.5")).to_be_visible()
    expect(page.get_by_text("Can grief and a role transition both apply?")).to_be_visible()
    expect(page.get_by_text("The timeline exercise helped")).to_be_visible()
    _clean(page, page_log, "trainer-live-room")
    page.get_by_role("button", name="Mark answered").click()
    expect(page.get_by_text("(answered) Can grief")).to_be_visible(timeout=30_000)
    store = LiveStore.for_course(trainer_course)
    assert store.table(Question, 1)["answered"].tolist() == [True]
    page.get_by_role("checkbox", name=re.compile("Named attendance")).check()
    expect(page.get_by_text("Named attendance is on")).to_be_visible(timeout=30_000)
    assert store.named_attendance
    assert page_log.console_errors == []


def test_cohort_progress_refreshes(page: Page, page_log: PageLog, trainer_url: str,
                                   trainer_course: Path) -> None:
    _open(page, trainer_url, "cohort-progress", "Cohort progress")
    expect(page.get_by_role("cell", name="Ria Okafor")).to_be_visible()
    expect(page.get_by_text("3 trainee(s)")).to_be_visible()
    _clean(page, page_log, "trainer-cohort-progress")
    store = LiveStore.for_course(trainer_course)
    store.sign_in(2, "Walk-in Trainee")
    page.get_by_role("button", name="Refresh").click()
    expect(page.get_by_text("4 trainee(s)")).to_be_visible(timeout=30_000)
    assert page_log.console_errors == []


def test_evaluation_report_exports_csv(page: Page, page_log: PageLog, trainer_url: str,
                                       trainer_course: Path) -> None:
    _open(page, trainer_url, "evaluation-report", "Course evaluation")
    expect(page.get_by_role("cell", name="The timeline exercise helped")).to_be_visible()
    expect(page.get_by_role("heading", name="Confidence before and after, per outcome")
           ).to_be_visible()
    _clean(page, page_log, "trainer-evaluation-report")
    page.get_by_role("button", name="Export to CSV").click()
    expect(page.get_by_role("status")).to_contain_text("Exported to exports/", timeout=30_000)
    assert (trainer_course / "exports" / "evaluation-comments.csv").read_text().count(
        "The timeline exercise helped") == 1
    assert page_log.console_errors == []


def _kernels_waiting(folder: Path, count: int, timeout: float = 180) -> None:
    """Wait until ``count`` kernels run in ``folder`` and have gone quiet (ready and waiting)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kernels = []
        for process in psutil.process_iter(["cmdline"]):
            try:
                if "ipykernel_launcher" in " ".join(process.info["cmdline"] or ()) \
                        and Path(process.cwd()) == folder:
                    kernels.append(process)
            except psutil.Error:
                continue
        if len(kernels) == count and all(k.cpu_percent(interval=1.0) < 5 for k in kernels):
            return
        time.sleep(1)
    raise TimeoutError(f"{count} kept kernels were not ready within {timeout} s")


def test_a_kept_kernel_reads_the_cohort_when_the_dashboard_opens(
        page: Page, page_log: PageLog, voila_server, course_copy: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # As `present --trainer` serves them: a kernel started and imported before anyone asks.
    monkeypatch.delenv("IPT_LIVE_DATABASE", raising=False)
    dashboards = course_copy / "dashboards"
    shutil.copytree(REPO / "dashboards", dashboards)
    base = voila_server(dashboards, token=TOKEN, preheat={
        "quiz-results.ipynb": 1, "live-room.ipynb": 1, "quiz-review.ipynb": 1}).split("?")[0]
    _kernels_waiting(dashboards.resolve(), 3)
    fill_gradebook(course_copy)  # graded after the kernels were ready
    store = LiveStore.for_course(course_copy)
    store.check_in(1, "v1", 4, "curious")
    _open(page, base, "quiz-results", "Quiz results")
    expect(page.get_by_text("3 graded submission(s)")).to_be_visible()
    assert page_log.console_errors == []
    room = page.context.new_page()  # a second tab: the first keeps its kernel
    _open(room, base, "live-room", "The live room")
    expect(room.get_by_text("1 check-in(s), mean rating 4")).to_be_visible()
    # The review's kept kernel reads the quiz named in the address it is opened with.
    review = page.context.new_page()
    review.goto(f"{base}voila/render/quiz-review.ipynb?token={TOKEN}&quiz=day2-quiz")
    expect(review.get_by_role("combobox", name="Quiz:")).to_have_value(DAY2_QUIZ,
                                                                        timeout=90_000)
    expect(review.get_by_text("Nothing to review until this quiz is graded.")).to_be_visible()
