"""The trainee-facing server, started exactly as `ipt-course present day1` starts it.

Without the token nothing renders; with it, no URL reaches answer keys, the gradebook, the
manifest, trainer dashboards or the release folder; a failing cell shows no traceback.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import sqlite3
import time
from pathlib import Path
from urllib.parse import urlparse

import psutil
import pytest
from playwright.sync_api import Page, expect

from ipt_course.cli import free_port
from ipt_course.live.cli import presentation_settings
from ipt_course.live.server import voila_command, voila_environment
from tests.browser.conftest import PageLog, wait_for_http
from tests.conftest import REPO

pytestmark = pytest.mark.browser

TOKEN_NAME = "token"
PREFIXES = ("/", "/voila/render/", "/voila/files/", "/files/", "/notebooks/", "/api/contents/",
            "/tree/", "/edit/", "/view/", "/voila/static/", "/static/", "/voila/tree/",
            "/voila/templates/", "/lab/tree/", "/api/files/", "/room/")
CLIMBS = ("", "../", "../../", "../../../", "%2e%2e%2f%2e%2e%2f", "%2e%2e/%2e%2e/",
          "..%2f..%2f", "%252e%252e%252f%252e%252e%252f", "..%5c..%5c", "....//....//",
          "%2E%2E%2F%2E%2E%2F%2E%2E%2F", "%c0%ae%c0%ae/%c0%ae%c0%ae/")
SECRETS = ("quizzes/day1.yaml", "course.yaml", "gradebook.db",
           "source/day1-quiz/day1-quiz.ipynb", "release/day1-quiz/day1-quiz.ipynb",
           "dashboards/quiz-results.ipynb", "source/day1-quiz/", "release/", "dashboards/")
LISTINGS = ("/tree", "/api/contents", "/api/contents/", "/api/contents/quizzes",
            "/voila/tree", "/api/sessions", "/api/kernelspecs", "/files/course.yaml",
            "/voila/render/live.ipynb/../../../course.yaml")
# Strings that appear only in the protected files, never on the live page.
MARKERS = ("attendance_rule:", "q01_origins", "SQLite format 3", '"cell_type"', "grade_id",
           "nbgrader", "BEGIN SOLUTION", "Trainer only", "CANARY-", "day1-quiz.ipynb")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d4944415478da63f8ffff3f0005fe02fea7d6a4c40000000049454e44ae426082")


@pytest.fixture
def course(course_copy: Path) -> Path:
    shutil.copytree(REPO / "dashboards", course_copy / "dashboards")
    with sqlite3.connect(course_copy / "gradebook.db") as db:
        db.execute("create table canary (note text)")
        db.execute("insert into canary values ('CANARY-gradebook')")
    (course_copy / "source" / "CANARY.txt").write_text("CANARY-source")
    (course_copy / "curriculum" / "day1" / "control.png").write_bytes(PNG)
    return course_copy


@pytest.fixture
def present_day1(course: Path, start_server, tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """`ipt-course present day1` (pool of 1): its settings, environment, command and cwd."""
    monkeypatch.delenv("IPT_LIVE_DATABASE", raising=False)
    args = argparse.Namespace(trainer=False, day="day1", network=False, ip=None, pool=1)
    settings = presentation_settings(course, args, free_port())
    environment = voila_environment(course / "live-data" / f"voila-{settings.port}", settings)
    cwd = settings.target.parent
    process = start_server(voila_command(settings), cwd, tmp_path / "present.log", environment)
    base = f"http://127.0.0.1:{settings.port}"
    wait_for_http(base + "/", process)
    return base, settings.token


def fetch(base: str, raw_path: str, token: str | None = None) -> tuple[int, str, str]:
    """GET ``raw_path`` exactly as written (no client-side normalising of ``..``)."""
    if token:
        raw_path += ("&" if "?" in raw_path else "?") + f"{TOKEN_NAME}={token}"
    address = urlparse(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        connection.request("GET", raw_path)
        response = connection.getresponse()
        body = response.read(2_000_000).decode("utf-8", "replace")
        return response.status, response.getheader("Location") or "", body
    finally:
        connection.close()


def test_without_the_token_nothing_renders(present_day1: tuple[str, str]) -> None:
    base, token = present_day1
    for path in ("/", "/voila/render/live.ipynb", "/?token=wrong", "/voila/files/live.ipynb",
                 "/api/kernels", "/room", "/room?token=wrong", "/room/checkin"):
        status, location, body = fetch(base, path)
        assert status in (302, 401, 403, 404), (path, status)
        assert "Day 1: An overview of IPT" not in body
        assert "ipt-live" not in body and "live_page" not in body and "<form" not in body
        if status == 302:
            assert "login" in location, (path, location)
    status, _, body = fetch(base, "/", token)
    assert status == 200 and "ipt" in body


def test_no_url_reaches_keys_gradebook_manifest_or_trainer_pages(
        present_day1: tuple[str, str]) -> None:
    base, token = present_day1
    status, _, body = fetch(base, "/voila/files/control.png", token)
    assert status == 200 and body.startswith("\ufffdPNG"), "the file route itself must work"
    leaks = []
    for prefix in PREFIXES:
        for climb in CLIMBS:
            for secret in SECRETS:
                path = prefix + climb + secret
                status, _, body = fetch(base, path, token)
                found = [marker for marker in MARKERS if marker in body]
                if found or status == 200:
                    leaks.append(f"{path}: {status} {found}")
    for path in LISTINGS:
        status, _, body = fetch(base, path, token)
        if status == 200 or any(marker in body for marker in MARKERS):
            leaks.append(f"{path}: {status}")
    assert leaks == []


def test_a_failing_cell_shows_no_traceback(course: Path, start_server, tmp_path: Path,
                                           page: Page, page_log: PageLog) -> None:
    day = course / "curriculum" / "day1"
    notebook = json.loads((day / "live.ipynb").read_text(encoding="utf-8"))
    notebook["cells"].append({"cell_type": "code", "execution_count": None, "id": "boom",
                              "metadata": {}, "outputs": [],
                              "source": ["raise RuntimeError('CANARY-failure details')"]})
    (day / "live.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    args = argparse.Namespace(trainer=False, day="day1", network=False, ip=None, pool=0)
    settings = presentation_settings(course, args, free_port())
    environment = voila_environment(tmp_path / "config", settings)
    process = start_server(voila_command(settings), day, tmp_path / "fail.log", environment)
    base = f"http://127.0.0.1:{settings.port}"
    wait_for_http(base + "/", process)
    page.goto(f"{base}/?token={settings.token}")
    expect(page.get_by_role("heading", name=re.compile(r"^Day 1: An overview of IPT"))
           ).to_be_visible(timeout=90_000)
    expect(page.get_by_text("There was an error")).to_be_visible(timeout=90_000)
    text = page.content()
    for leaked in ("Traceback", "CANARY-failure", "RuntimeError", "raise RuntimeError"):
        assert leaked not in text
    assert page_log.outside_requests == []


def test_the_room_takes_posts_only_from_its_own_forms(present_day1: tuple[str, str],
                                                      page: Page, course: Path) -> None:
    base, token = present_day1
    page.goto(f"{base}/room?token={token}")
    expect(page.get_by_role("button", name="Send check-in")).to_be_visible()
    forged = page.request.post(f"{base}/room/checkin", form={"rating": "1", "word": "forged"},
                               max_redirects=0)
    assert forged.status == 403, "a post without the page's XSRF field must be refused"
    elsewhere = page.request.post(f"{base}/room/checkin", max_redirects=0,
                                  form={"rating": "1", "word": "forged", "_xsrf": "x"},
                                  headers={"Origin": "https://attacker.example"})
    assert elsewhere.status in (403, 404)
    without_login = http.client.HTTPConnection("127.0.0.1", urlparse(base).port, timeout=30)
    without_login.request("POST", "/room/checkin", body="rating=1&word=forged",
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert without_login.getresponse().status in (302, 403)
    live = course / "live-data" / "live.sqlite"
    with sqlite3.connect(live) as db:
        assert db.execute("select count(*) from checkin").fetchone()[0] == 0


def _viewer_kernels(port: int, timeout: float = 90) -> list[psutil.Process]:
    """The kernels of the Voila server on ``port``, once its pool has started one."""
    server = next(process for process in psutil.process_iter(["cmdline"])
                  if f"--port={port}" in (process.info["cmdline"] or []))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kernels = [child for child in server.children(recursive=True)
                   if "ipykernel_launcher" in " ".join(child.cmdline())]
        if kernels:
            return kernels
        time.sleep(0.5)
    raise AssertionError(f"no kernel started within {timeout:.0f} s")


def test_viewer_kernels_are_reached_through_private_sockets_not_ports(
        present_day1: tuple[str, str]) -> None:
    for kernel in _viewer_kernels(urlparse(present_day1[0]).port):
        command = kernel.cmdline()
        connection = json.loads(Path(command[command.index("-f") + 1]).read_text())
        assert connection["transport"] == "ipc"
        folder = Path(connection["ip"]).parent
        assert folder.stat().st_mode & 0o077 == 0, "others on the machine can enter the folder"
        sockets = [Path(f"{connection['ip']}-{connection[f'{channel}_port']}")
                   for channel in ("shell", "iopub", "stdin", "control", "hb")]
        deadline = time.monotonic() + 60
        while not all(path.is_socket() for path in sockets) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert all(path.is_socket() for path in sockets)
