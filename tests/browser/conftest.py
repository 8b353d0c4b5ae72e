"""Browser tier: real Voila / JupyterLab servers on loopback, driven by Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, Request, Route

from ipt_course.cli import free_port
from ipt_course.live.server import VoilaSettings, voila_command, voila_environment

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
SHOTS = Path(os.environ.get("IPT_SCREENSHOTS", "/tmp/shots"))


def chromium_path() -> str:
    """Debian's Chromium; the suite never downloads a browser of its own."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("Debian's chromium is not installed: run `make test` as root or "
                    "`sudo apt-get install chromium`", pytrace=False)
    return found


class PageLog:
    """What a page did that a user would not want: console errors, requests off the machine."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.outside_requests: list[str] = []


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


# The shared screens the live page must fit, as (name, CSS width, CSS height, device pixels per
# CSS pixel): a bare 1280x720 share, a real window with browser chrome, 125% and 150% zoom.
SHARED_SCREENS = (("1280x720", 1280, 720, 1), ("1280x620", 1280, 620, 1),
                  ("zoom125", 1024, 576, 1.25), ("zoom150", 853, 480, 1.5))


def open_page(browser: Browser, page_log: PageLog, width: int = 1280, height: int = 720,
              scale: float = 1) -> Page:
    """A page of ``width`` x ``height`` CSS pixels that blocks and records non-local requests.

    Browser zoom is emulated as the walkthrough did: fewer CSS pixels, more device pixels each.
    """
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=scale)
    new_page = context.new_page()

    def keep_local(route: Route, request: Request) -> None:
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            page_log.outside_requests.append(request.url)
            route.abort()

    new_page.route("**/*", keep_local)
    new_page.on("console", lambda message: message.type == "error"
                and page_log.console_errors.append(message.text))
    new_page.on("pageerror", lambda error: page_log.console_errors.append(str(error)))
    return new_page


@pytest.fixture
def page(browser: Browser, page_log: PageLog) -> Iterator[Page]:
    """A 1280x720 page (a shared Teams screen) that blocks and records any non-local request."""
    new_page = open_page(browser, page_log)
    yield new_page
    new_page.context.close()


def screenshot(page: Page, name: str) -> Path:
    """Save a screenshot under /tmp/shots (or $IPT_SCREENSHOTS) for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def tools_notebook(path: Path, cells: Sequence[str]) -> Path:
    """A notebook at ``path`` whose code cells open the given tools, as a day notebook does."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, path)
    return path


def widget_shot(page: Page, selector: str, name: str, height: int = 900) -> None:
    """Screenshot one widget; the viewport grows first so that a tall widget is drawn whole."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    element = page.locator(selector).first
    box = element.bounding_box() or {"height": height}
    page.set_viewport_size({"width": 1280, "height": max(height, int(box["height"]) + 100)})
    element.screenshot(path=str(SHOTS / f"{name}.png"))
    page.set_viewport_size({"width": 1280, "height": height})


def serious_accessibility_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def wait_for_http(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    """Wait until ``url`` answers (any HTTP status) or the server process dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode} before {url} "
                               "answered")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a server and everything it started (kernels included)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def start_server() -> Iterator[Callable[..., subprocess.Popen]]:
    """Start a server command in its own process group; every one is stopped after the test."""
    started: list[subprocess.Popen] = []

    def run(command: Sequence[str], cwd: Path, log: Path,
            environment: dict[str, str] | None = None) -> subprocess.Popen:
        handle = log.open("w")
        process = subprocess.Popen(list(command), cwd=cwd, stdout=handle,
                                   stderr=subprocess.STDOUT, start_new_session=True,
                                   env=environment or {**os.environ, "PYTHONUNBUFFERED": "1"})
        started.append(process)
        return process

    yield run
    for process in started:
        stop(process)


@pytest.fixture
def voila_server(start_server: Callable[..., subprocess.Popen],
                 tmp_path: Path) -> Callable[..., str]:
    """Start Voila hardened as `ipt-course present` starts it, on a free loopback port.

    Returns the base URL (with ``?token=...`` when a token is given). ``preheat`` maps notebook
    names to pool sizes; ``extra_args`` go on the command line; ``room_url`` is the room page's
    address the live page shows.
    """

    def serve(target: Path | str, extra_args: Sequence[str] = (), token: str | None = None,
              preheat: dict[str, int] | None = None, room_url: str = "") -> str:
        target = Path(target).resolve()
        settings = VoilaSettings(target=target, port=free_port(), token=token,
                                 preheat=preheat or {}, extra_args=tuple(extra_args),
                                 room_url=room_url)
        environment = voila_environment(tmp_path / f"voila-config-{settings.port}", settings)
        cwd = target if target.is_dir() else target.parent
        process = start_server(voila_command(settings), cwd,
                               tmp_path / f"voila-{settings.port}.log", environment)
        url = f"http://127.0.0.1:{settings.port}/"
        wait_for_http(url, process)
        return url + (f"?token={token}" if token else "")

    return serve
