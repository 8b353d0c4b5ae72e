"""The room page against hostile posts, on the server `ipt-course present day1` starts.

Anyone with the room link can post: oversized bodies must be refused before they are read,
so the live server's memory stays flat in front of the room, and a page elsewhere must not be
able to post into the room through a trainee's browser, whether or not the token is in the
address.
"""

from __future__ import annotations

import argparse
import functools
import http.client
import http.server
import os
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlparse

import psutil
import pytest
from playwright.sync_api import Page, expect

from ipt_course.cli import free_port
from ipt_course.live.cli import presentation_settings
from ipt_course.live.server import voila_command, voila_environment
from ipt_course.live.store import LiveStore, Question
from tests.browser.conftest import PageLog, stop, wait_for_http
from tests.conftest import copy_course

pytestmark = pytest.mark.browser

OVERSIZED_POSTS = 10
OVERSIZED_BYTES = 20 * 1024 * 1024
FLAT_MEMORY_MB = 40


@pytest.fixture(scope="module")
def room_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """(base URL, token, live database) of `ipt-course present day1 --pool 0`."""
    work = tmp_path_factory.mktemp("room")
    course = copy_course(work / "course")
    database = work / "live.sqlite"
    args = argparse.Namespace(trainer=False, day="day1", network=False, ip=None, pool=0)
    settings = presentation_settings(course, args, free_port())
    environment = voila_environment(work / "config", settings)
    environment["IPT_LIVE_DATABASE"] = f"sqlite:///{database}"
    log = (work / "present.log").open("w")
    process = subprocess.Popen(voila_command(settings), cwd=settings.target.parent, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True,
                               env={**os.environ, **environment})
    try:
        base = f"http://127.0.0.1:{settings.port}"
        wait_for_http(base + "/", process)
        yield base, settings.token, database
    finally:
        stop(process)
        log.close()


def _questions(database: Path) -> list[str]:
    return LiveStore(f"sqlite:///{database}").table(Question, 1)["text"].tolist()


def _form_token(base: str, token: str) -> tuple[str, str]:
    """(cookie header, form token) from the room page, as a trainee's browser holds them."""
    address = urlparse(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    connection.request("GET", f"/room?token={token}")
    response = connection.getresponse()
    page = response.read().decode()
    cookies = "; ".join(value.split(";", 1)[0] for name, value in response.getheaders()
                        if name.lower() == "set-cookie")
    connection.close()
    return cookies, re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)


def _post(base: str, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, int]:
    """(status, bytes of reply) of one POST; (0, 0) when the server closed on it."""
    address = urlparse(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=120)
    try:
        connection.request("POST", path, body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", **headers})
        response = connection.getresponse()
        return response.status, len(response.read())
    except (ConnectionError, http.client.HTTPException):
        return 0, 0
    finally:
        connection.close()


def _server_rss_mb(base: str) -> float:
    port = urlparse(base).port
    server = next(process for process in psutil.process_iter(["cmdline"])
                  if f"--port={port}" in (process.info["cmdline"] or []))
    return server.memory_info().rss / 1_048_576


def test_concurrent_oversized_posts_leave_the_server_s_memory_flat(
        room_server: tuple[str, str, Path]) -> None:
    base, token, database = room_server
    cookies, form_token = _form_token(base, token)
    headers = {"Cookie": cookies, "Origin": base, "Referer": f"{base}/room"}
    body = urlencode({"_xsrf": form_token}).encode() + b"&text=" + b"x" * OVERSIZED_BYTES
    before = _server_rss_mb(base)
    started = time.monotonic()
    with ThreadPoolExecutor(OVERSIZED_POSTS) as pool:
        replies = list(pool.map(lambda _: _post(base, f"/room/question?token={token}", body,
                                                headers), range(OVERSIZED_POSTS)))
    time.sleep(2)
    after = _server_rss_mb(base)
    print(f"\nserver RSS before {before:.0f} MB, after {OVERSIZED_POSTS} concurrent "
          f"{OVERSIZED_BYTES // 1_048_576} MB posts {after:.0f} MB "
          f"({time.monotonic() - started:.1f} s); replies {replies}")
    assert after - before < FLAT_MEMORY_MB
    assert all(status in (0, 400, 413) and size < 100_000 for status, size in replies)
    assert _questions(database) == []
    status, _, = _post(base, f"/room/question?token={token}", urlencode(
        {"_xsrf": form_token, "text": "Still listening?"}).encode(), headers)
    assert status == 303 and _questions(database) == ["Still listening?"]


def test_a_large_form_gets_a_short_page_and_the_live_page_refuses_big_bodies(
        room_server: tuple[str, str, Path]) -> None:
    base, token, database = room_server
    cookies, form_token = _form_token(base, token)
    headers = {"Cookie": cookies, "Origin": base}
    pasted = "A long paste from a document. " * 7000  # about 200 KB
    status, size = _post(base, f"/room/question?token={token}", urlencode(
        {"_xsrf": form_token, "text": pasted}).encode(), headers)
    assert status == 413 and size < 40_000
    assert "A long paste" not in _questions(database)
    page = _reply_text(base, f"/room/question?token={token}", urlencode(
        {"_xsrf": form_token, "text": pasted}).encode(), headers)
    assert "far more than the room page takes (64 KB), so nothing was read or saved" in page
    assert "A long paste from a document." not in page
    status, _ = _post(base, f"/?token={token}", b"x" * (5 * 1024 * 1024), headers)
    assert status in (0, 400), "the live page must not read a 5 MB body"


def _reply_text(base: str, path: str, body: bytes, headers: dict[str, str]) -> str:
    address = urlparse(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        connection.request("POST", path, body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", **headers})
        return connection.getresponse().read().decode()
    finally:
        connection.close()


@pytest.fixture
def elsewhere(tmp_path: Path) -> Iterator[str]:
    """Another site on loopback, as a page a trainee might open in the same browser."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://localhost:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("with_token", [True, False], ids=["token in address", "logged in"])
def test_a_page_elsewhere_cannot_post_into_the_room(
        room_server: tuple[str, str, Path], elsewhere: str, tmp_path: Path, page: Page,
        page_log: PageLog, with_token: bool) -> None:
    base, token, database = room_server
    page.goto(f"{base}/room?token={token}")  # the trainee has the room open: logged in
    expect(page.get_by_role("button", name="Send check-in")).to_be_visible()
    target = f"{base}/room/question" + (f"?token={token}" if with_token else "")
    (tmp_path / "attack.html").write_text(
        f'<form method="post" action="{target}"><input name="text" value="FORGED">'
        '<input name="_xsrf" value="2|00|00|00"></form>'
        "<script>document.forms[0].submit()</script>")
    with page.expect_response(lambda response: response.url.startswith(target)) as reply:
        page.goto(f"{elsewhere}/attack.html")
    assert reply.value.status == 403
    assert "FORGED" not in _questions(database)
    assert page_log.outside_requests == []


def test_the_room_s_own_form_still_posts_with_the_token_in_the_address(
        room_server: tuple[str, str, Path], page: Page, page_log: PageLog) -> None:
    base, token, database = room_server
    page.goto(f"{base}/room?token={token}")
    form = page.locator("#question")
    form.get_by_label("Your question").fill("Is a role transition always a loss?")
    form.get_by_role("button", name="Send question").click()
    expect(form.get_by_role("status")).to_have_text(
        "Thank you, your question is with the trainer.")
    assert "Is a role transition always a loss?" in _questions(database)
    assert page_log.console_errors == []
