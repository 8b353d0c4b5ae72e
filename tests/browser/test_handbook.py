"""The course handbook: built once per run from a clean copy of the course, read as a trainee
reads it (the site in Chromium with outside requests blocked, the PDF through poppler), and
scanned as the trainee edition is."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from PIL import Image
from playwright.sync_api import Browser

from ipt_course.course import load_course
from ipt_course.edition.scan import bank_secrets, scan_folder
from ipt_course.overview import notebook_title
from tests.browser.conftest import SHOTS

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
PDF = "ipt-level-a-handbook.pdf"


def clean_checkout(destination: Path) -> Path:
    """The repository's files as a fresh clone has them (tracked, or new and not ignored)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, check=True).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ipt_course.cli", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clean_checkout(tmp_path_factory.mktemp("checkout"))


@pytest.fixture(scope="module")
def handbook(course_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook, built by the command over an earlier site-only build with a stray page."""
    out = tmp_path_factory.mktemp("handed-out") / "handbook"
    first = run_cli(course_copy, "handbook", "--out", str(out), "--no-pdf")
    assert first.returncode == 0, first.stderr
    (out / "html" / "stray-from-last-time.html").write_text("old", encoding="utf-8")
    second = run_cli(course_copy, "handbook", "--out", str(out))
    assert second.returncode == 0, second.stderr
    return out


def page_text(path: Path) -> str:
    """What a reader sees of an HTML page: tags dropped, entities decoded, spaces joined."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text("utf-8"))).split())


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    text = subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.split())


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, flags=re.MULTILINE).group(1))


def test_every_day_and_notebook_of_the_manifest_is_in_the_site_and_the_pdf(
        handbook: Path, course_copy: Path) -> None:
    course = load_course(course_copy)
    printed = pdf_text(handbook / PDF)
    front = page_text(handbook / "html" / "index.html")
    assert "confirm with IPT UK" in front and "How to use this handbook" in front
    assert "confirm with IPT UK" in printed
    for day in course.days:
        heading = f"Day {day.number}: {day.title}"
        assert heading in front, heading
        assert heading in printed, heading
        day_page = page_text(handbook / "html" / f"day{day.number}.html")
        assert all(outcome.text in day_page for outcome in day.outcomes)
        for notebook in day.notebooks:
            title = " ".join(notebook_title(course_copy / notebook).split())
            assert title in day_page, f"{notebook} missing from day{day.number}.html"
            assert title in printed, f"{notebook} missing from the PDF"
    timetable = page_text(handbook / "html" / "timetable.html")
    assert all(session.title in timetable for day in course.days for session in day.sessions)
    assert "Samaritans" in page_text(handbook / "html" / "support.html")


def test_tools_and_role_plays_are_described_and_no_code_or_client_line_is_printed(
        handbook: Path) -> None:
    day1 = page_text(handbook / "html" / "day1.html")
    assert "Tool in the notebook. The symptom-interpersonal cycle" in day1
    assert "Role-play: First sessions with Grace" in day1
    assert "decision points and" in day1
    assert "from ipt_course" not in day1 and "self_check(" not in day1
    # A client line from the middle of the Day 1 scenario stays in the notebook.
    assert "I checked one prescription three times" not in page_text(
        handbook / "html" / "all.html")


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.fetched: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])
        if tag in {"script", "link", "img", "iframe", "source"}:
            self.fetched.append(values.get("src") or values.get("href") or "inline script")


def _parsed(page: Path) -> _Anchors:
    parser = _Anchors()
    parser.feed(page.read_text("utf-8"))
    return parser


def test_every_internal_link_reaches_a_page_and_anchor_that_exist(handbook: Path) -> None:
    site = handbook / "html"
    parsed = {page: _parsed(page) for page in site.glob("*.html")}
    checked = 0
    for page, anchors in parsed.items():
        for href in anchors.hrefs:
            link = urlparse(href)
            if link.scheme in {"http", "https", "mailto"}:
                continue
            target = (page.parent / unquote(link.path)).resolve() if link.path else page
            assert target.is_file(), f"{page.name}: {href} leads to no file"
            if link.fragment:
                assert link.fragment in parsed[target].ids, f"{page.name}: {href}: no such anchor"
            checked += 1
    assert checked > 100
    assert "stray-from-last-time.html" not in {page.name for page in parsed}


def test_a_second_build_replaced_the_first_whole(handbook: Path) -> None:
    assert not (handbook / "html" / "stray-from-last-time.html").exists()
    assert (handbook / PDF).is_file()
    record = json.loads((handbook / ".ipt-course-handbook.json").read_text("utf-8"))
    assert set(record["pages"]) == {p.name for p in (handbook / "html").glob("*.html")}
    assert [p.name for p in handbook.parent.iterdir()] == ["handbook"]


def test_the_site_fetches_nothing_from_outside_and_shows_in_chromium(
        handbook: Path, browser: Browser) -> None:
    for page in (handbook / "html").glob("*.html"):
        fetched = [item for item in _parsed(page).fetched if item != "inline script"]
        assert all(not re.match(r"(https?:)?//", item) for item in fetched), (page.name, fetched)
        assert "<script" not in page.read_text("utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    outside: list[str] = []

    def local_only(route, request) -> None:
        if request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    try:
        tab = context.new_page()
        tab.route("**/*", local_only)
        for name in ("index.html", "day1.html"):
            tab.goto((handbook / "html" / name).as_uri(), wait_until="load")
            assert tab.locator("nav.handbook-nav a", has_text="Day 1").is_visible()
            heading = tab.locator("main h1").first
            # The course stylesheet is loaded: headings take its navy, not the browser's black.
            assert heading.evaluate("h => getComputedStyle(h).color") == "rgb(31, 58, 95)"
            SHOTS.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(SHOTS / f"handbook-{name}.png"))
    finally:
        context.close()
    assert outside == []


def test_the_pdf_pages_are_numbered_and_render(handbook: Path, tmp_path: Path) -> None:
    pdf = handbook / PDF
    total = pdf_pages(pdf)
    assert total > 20
    assert f"Page 3 of {total}" in pdf_text(pdf, 3, 3)
    for number in (1, 3, total // 2, total):
        prefix = tmp_path / f"page-{number}"
        subprocess.run(["pdftoppm", "-f", str(number), "-l", str(number), "-r", "40", "-png",
                        str(pdf), str(prefix)], check=True)
        (image_path,) = tmp_path.glob(f"page-{number}*.png")
        image = Image.open(image_path).convert("L")
        inked = sum(image.histogram()[:160])
        assert inked > 0.005 * image.width * image.height, f"page {number} is blank"


def _plant(folder: Path, course_copy: Path) -> tuple[str, str]:
    """A question's key and one explanation sentence of the banks, planted in ``folder``."""
    secrets = bank_secrets(course_copy)
    key = next(secret for secret in secrets if secret.kind == "answer key")
    explanation = next(secret for secret in secrets if secret.kind == "explanation")
    page = folder / "day1.html"
    page.write_text(page.read_text("utf-8").replace(
        "</main>", f"<p>{key.question} \"answer\": {key.text}</p>"
                   f"<p>{html.escape(explanation.text)}</p></main>"), encoding="utf-8")
    return key.question, explanation.question


def test_the_edition_scan_passes_on_the_site_and_the_pdf_and_catches_a_planted_key(
        handbook: Path, course_copy: Path, tmp_path: Path, browser: Browser) -> None:
    secrets = bank_secrets(course_copy)
    assert scan_folder(handbook, secrets) == []
    printed = tmp_path / "printed"
    printed.mkdir()
    (printed / "handbook.txt").write_text(pdf_text(handbook / PDF), encoding="utf-8")
    assert scan_folder(printed, secrets) == []

    planted = shutil.copytree(handbook / "html", tmp_path / "planted")
    key_question, explained = _plant(planted, course_copy)
    found = [str(finding) for finding in scan_folder(planted, secrets)]
    assert any(f"answer key of {key_question}" in line for line in found), found
    assert any(f"explanation of {explained}" in line for line in found), found

    # The same scan reads a planted sentence back out of the page printed as the PDF is.
    tab = browser.new_page()
    try:
        tab.goto((planted / "day1.html").as_uri(), wait_until="load")
        tab.pdf(path=str(tmp_path / "planted.pdf"), format="A4")
    finally:
        tab.close()
    (printed / "handbook.txt").write_text(pdf_text(tmp_path / "planted.pdf"), encoding="utf-8")
    found = [str(finding) for finding in scan_folder(printed, secrets)]
    assert any(f"explanation of {explained}" in line for line in found), found
