"""Live-day page speed: `ipt-course present` (our Voila settings) against plain `voila`.

Both serve the same page, curriculum/day1/live.ipynb, from a temporary copy of the course
(its own live database), on loopback, to headless Debian Chromium through Playwright. Outside
hosts fail at name lookup for both (plain Voila's template asks a public CDN for an icon font).

Figures, in one run:
- time until the first widget is interactive: from the click that opens the page to the first
  frame showing a rendered widget button (which needs the kernel's widget state), stamped by
  the page itself; median of ``--repeats`` fresh browser contexts, the two servers
  taking turns viewer by viewer so a change in the machine's load falls on both alike. Each
  viewer finds its server idle: ours has refilled its pool after the previous viewer;
- server time per page request (an HTTP GET of the whole page, median of ``--repeats``);
- memory (RSS) per viewer kernel, after the page has run in it;
- ``--crowd`` viewers (default 25) opening the page at the same instant, in two ways:
  - browsers on their own machines, as trainees' and trainers' are on Teams:
    ``--browsers`` real Chromium viewers (default 2) plus replayed viewers for the rest. A
    replayed viewer has the browser's whole conversation with the server (the page, the same
    files Chromium fetched for it, six at a time, then the kernel channel and the widget
    manager's requests) without drawing anything; it is done when the widget state arrives.
    The real viewers' times include drawing, under the whole crowd's load on the server.
  - every browser on this machine: ``--crowd`` Chromium contexts sharing these cores, each
    already open on a blank tab. Drawing a Voila page costs a browser seconds of CPU, so
    this figure mostly measures the browsers.
  Our mode preheats a pool of that size.
- ours only: the same crowd opening the room page (``/room``), the page `ipt-course present`
  gives trainees for check-in, confidence, questions and evaluation; interactive means its
  first form's send button is on screen.
- the floor: the same first-widget time for a notebook holding a single button, served with
  our settings, which is what Voila's front end costs on this machine before any page content.

Targets: ours interactive in under half plain Voila's time; 25 viewers all interactive within
10 s; under 150 MB per viewer kernel.

Run:  python benchmarks/live.py [--repeats 5] [--crowd 25] [--browsers 2] [--skip-plain-crowd]
The machine may be shared: besides the two servers taking turns for single viewers, it runs
one server at a time and stops it afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ipt_course.cli import free_port  # noqa: E402
from ipt_course.live.server import (  # noqa: E402
    VoilaSettings,
    voila_command,
    voila_config,
    voila_environment,
)
from tests.conftest import copy_course  # noqa: E402

PAGE = "curriculum/day1/live.ipynb"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Outside hosts fail at name lookup, as on a network that blocks public CDNs. (Intercepting
# every request from the driver instead would add a round trip to each file the page fetches.)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
READY = ".jupyter-widgets .jupyter-button, .jupyter-widgets .lm-TabBar-tab"
ROOM_READY = "#checkin button[type=submit]"
# Stamps the first animation frame in which ``selector`` matches a visible element (the moment
# a viewer could click it). Playwright's own wait polls ever more slowly, up to every 0.5 s, so
# a time read from it can be up to half a second late.
READY_WATCH = """selector => {
  const check = () => {
    const element = document.querySelector(selector);
    const box = element && element.getBoundingClientRect();
    if (box && box.width > 0 && box.height > 0
        && getComputedStyle(element).visibility === "visible") {
      window.__readyAt = performance.timeOrigin + performance.now();
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
}"""
MISSES: list[str] = []
FLOOR_POOL = 2
LOCAL_CROWD_TIMEOUT_MS = 300_000  # 25 browsers drawing Voila pages on 2 cores take minutes
FILL_DELAY = voila_config(VoilaSettings(target=Path(PAGE), port=0, preheat={"live.ipynb": 1})
                          )["VoilaKernelManager"]["fill_delay"]


class Server:
    """One Voila server in its own process group."""

    def __init__(self, name: str, command: list[str], cwd: Path, environment: dict[str, str],
                 url: str, log: Path, room_url: str | None = None, token: str = "") -> None:
        self.name, self.url, self.room_url, self.token = name, url, room_url, token
        self.log = log
        self.process = subprocess.Popen(command, cwd=cwd, env=environment,
                                        stdout=log.open("w"), stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def wait_until_up(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        base = self.url.split("?")[0]
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base, timeout=5)
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.3)
        tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
        raise TimeoutError(f"{self.name} did not start in {timeout:.0f} s; its log ends:\n{tail}")

    def kernels(self) -> list[psutil.Process]:
        parent = psutil.Process(self.process.pid)
        found = []
        for child in parent.children(recursive=True):
            try:
                if "ipykernel_launcher" in " ".join(child.cmdline()):
                    found.append(child)
            except psutil.NoSuchProcess:  # a culled or finished kernel vanished mid-scan
                continue
        return found

    def settle(self, expected: int = 0, quiet_seconds: float = 3, timeout: float = 240) -> float:
        """Wait until ``expected`` kernels exist and the server's tree is idle; return seconds."""
        start = time.monotonic()
        quiet_since = None
        while time.monotonic() - start < timeout:
            busy = self.cpu_percent()
            if len(self.kernels()) >= expected and busy < 15 + 0.5 * len(self.kernels()):
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since >= quiet_seconds:
                    return time.monotonic() - start
            else:
                quiet_since = None
        return time.monotonic() - start

    def refill(self, pool: int) -> None:
        """Give a preheated pool time to refill after viewers took kernels from it: Voila
        waits ``fill_delay`` seconds before it starts, then runs the page in each new kernel."""
        if pool:
            time.sleep(FILL_DELAY + 2)
        self.settle(expected=pool)

    def cpu_percent(self, window: float = 0.5) -> float:
        """CPU used by the server and its kernels over ``window`` seconds (100 = one core)."""
        parent = psutil.Process(self.process.pid)
        tree = [parent, *parent.children(recursive=True)]
        for process in tree:
            _cpu(process)
        time.sleep(window)
        return sum(_cpu(process) for process in tree)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _cpu(process: psutil.Process) -> float:
    try:
        return process.cpu_percent(interval=None)
    except psutil.Error:
        return 0.0


def plain_server(root: Path, work: Path) -> Server:
    """`voila curriculum/day1/live.ipynb` with stock settings (default template, no preheat)."""
    port = free_port()
    command = [sys.executable, "-m", "voila", str(root / PAGE), "--no-browser",
               f"--port={port}", "--Voila.ip=127.0.0.1", "--Voila.token="]
    environment = {**os.environ, "PYTHONUNBUFFERED": "1",
                   "JUPYTER_CONFIG_DIR": str(work / "plain-config")}
    return Server("plain voila", command, (root / PAGE).parent, environment,
                  f"http://127.0.0.1:{port}/", work / "plain.log")


def our_server(root: Path, work: Path, pool: int) -> Server:
    """As `ipt-course present day1 --pool N` starts it (a token, our template, preheat)."""
    port = free_port()
    settings = VoilaSettings(target=root / PAGE, port=port, token="benchmark",
                             preheat={"live.ipynb": pool}, room_day=1, course_root=root)
    environment = voila_environment(work / "ours-config", settings)
    base = f"http://127.0.0.1:{port}"
    return Server("ipt-course present", voila_command(settings), (root / PAGE).parent,
                  environment, f"{base}/?token=benchmark", work / "ours.log",
                  room_url=f"{base}/room?token=benchmark", token="benchmark")


def floor_server(work: Path) -> Server:
    """Our settings on a notebook holding one button: what Voila's front end costs by itself."""
    import nbformat

    folder = work / "floor"
    folder.mkdir()
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}})
    notebook.cells = [nbformat.v4.new_code_cell(
        "import ipywidgets\nipywidgets.VBox([ipywidgets.Button(description='Ready')])")]
    nbformat.write(notebook, folder / "floor.ipynb")
    port = free_port()
    settings = VoilaSettings(target=folder / "floor.ipynb", port=port, token="benchmark",
                             preheat={"floor.ipynb": FLOOR_POOL})
    return Server("one-button notebook", voila_command(settings), folder,
                  voila_environment(work / "floor-config", settings),
                  f"http://127.0.0.1:{port}/?token=benchmark", work / "floor.log")


def floor_times(work: Path, repeats: int) -> list[float]:
    """First-widget times for the one-button notebook under our settings."""
    server = floor_server(work)
    try:
        server.wait_until_up()
        server.settle(expected=FLOOR_POOL)
        times = []
        for _ in range(repeats):
            times += asyncio.run(time_to_interactive(server.url, 1))
            server.refill(FLOOR_POOL)
        return times
    finally:
        server.stop()


def server_time(server: Server, url: str | None = None) -> float:
    """Seconds for one complete GET of the page (or of ``url``)."""
    start = time.perf_counter()
    with urllib.request.urlopen(url or server.url, timeout=300) as response:
        response.read()
    return time.perf_counter() - start


def crowd_server_time(server: Server, viewers: int, url: str | None = None) -> float:
    """Seconds until ``viewers`` simultaneous page GETs have all been answered in full."""
    from concurrent.futures import ThreadPoolExecutor

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=viewers) as pool:
        list(pool.map(lambda _: server_time(server, url), range(viewers)))
    return time.perf_counter() - start


async def _viewer(browser, ready: str = READY):
    """A viewer with the browser already open on a blank tab, as a trainee would have it,
    watching for the first frame that shows ``ready``."""
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    await context.add_init_script(f"({READY_WATCH})({json.dumps(ready)})")
    page = await context.new_page()
    return context, page


async def _open(page, url: str, start: float, timeout_ms: float) -> float:
    """Seconds from wall-clock ``start`` until the first frame in which ``page`` showed what
    its viewer watches for (inf if it never did)."""
    try:
        await page.goto(url, wait_until="commit", timeout=timeout_ms)
        ready_at = await page.wait_for_function("window.__readyAt", timeout=timeout_ms)
        return await ready_at.json_value() / 1000 - start
    except Exception as error:  # a viewer that never became interactive counts as a miss
        blank = await page.locator(".jp-OutputArea-output, form").count() == 0
        MISSES.append(f"{error.__class__.__name__}{' (page rendered nothing)' if blank else ''}")
        return float("inf")


async def time_to_interactive(url: str, viewers: int, timeout_ms: float = 120_000,
                              ready: str = READY) -> list[float]:
    """``viewers`` open the page at the same instant; seconds until each is interactive.

    Each viewer is its own browser context (no shared cache or cookies) in one Chromium,
    already open on a blank tab; the clock starts when all of them navigate at once.
    """
    from playwright.async_api import async_playwright

    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            opened = await asyncio.gather(*[_viewer(browser, ready) for _ in range(viewers)])
            start = time.time()
            return list(await asyncio.gather(*[_open(page, url, start, timeout_ms)
                                               for _, page in opened]))
        finally:
            await browser.close()


async def page_assets(url: str) -> list[str]:
    """Every file Chromium fetches from the server to show the page (not the page itself
    and not the kernel API), recorded from one real visit, in the order it asked."""
    from playwright.async_api import async_playwright

    host = urlparse(url).netloc
    fetched: list[str] = []
    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            _, page = await _viewer(browser)
            page.on("requestfinished", lambda request: fetched.append(request.url))
            await page.goto(url, wait_until="commit")
            await page.wait_for_function("window.__readyAt", timeout=120_000)
            await page.wait_for_load_state("networkidle")
        finally:
            await browser.close()
    return [u for u in dict.fromkeys(fetched)
            if urlparse(u).netloc == host and u != url and "/api/" not in u]


def _kernel_message(kind: str, session: str, content: dict, metadata: dict | None = None) -> str:
    """A shell-channel message in the JSON form the server's kernel websocket accepts."""
    header = {"msg_id": str(uuid.uuid4()), "msg_type": kind, "session": session,
              "username": "", "version": "5.2"}
    return json.dumps({"header": header, "parent_header": {}, "metadata": metadata or {},
                       "content": content, "channel": "shell", "buffers": []})


async def replayed_viewer(url: str, token: str, assets: list[str], timeout: float) -> None:
    """One viewer whose browser runs on another machine: the same conversation with the
    server that Chromium has for the page, without drawing it.

    It asks for the page and, as the page streams, the files a browser fetched for it, six at
    a time as a browser does on one host; then it opens the page's kernel channel and makes
    the widget manager's requests (kernel info, then the state of every widget). It is done
    when the widget state has arrived: everything a browser needs to draw the page.
    """
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    headers = {"Authorization": f"token {token}"} if token else {}
    client = AsyncHTTPClient(force_instance=True, max_clients=6)
    received = bytearray()
    found: asyncio.Future = asyncio.get_running_loop().create_future()
    config = re.compile(rb'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                        re.S)

    def on_chunk(chunk: bytes) -> None:
        received.extend(chunk)
        match = None if found.done() else config.search(received)
        if match:
            found.set_result(json.loads(match.group(1))["kernelId"])

    try:
        page = asyncio.ensure_future(client.fetch(HTTPRequest(
            url, headers=headers, streaming_callback=on_chunk, connect_timeout=timeout,
            request_timeout=timeout)))
        files = asyncio.gather(*[client.fetch(HTTPRequest(
            a, headers=headers, connect_timeout=timeout, request_timeout=timeout))
            for a in assets])
        kernel = await asyncio.wait_for(found, timeout)
        await page
        await files
        base = url.split("?")[0].rstrip("/")
        await client.fetch(HTTPRequest(f"{base}/api/kernels/{kernel}", headers=headers,
                                       connect_timeout=timeout, request_timeout=timeout))
        session = str(uuid.uuid4())
        channel = await websocket_connect(HTTPRequest(
            f"ws{base[4:]}/api/kernels/{kernel}/channels?session_id={session}",
            headers=headers, connect_timeout=timeout, request_timeout=timeout))
        try:
            await channel.write_message(_kernel_message("kernel_info_request", session, {}))
            comm = str(uuid.uuid4())
            await channel.write_message(_kernel_message("comm_open", session, {
                "comm_id": comm, "target_name": "jupyter.widget.control", "data": {}},
                {"version": "1.0.0"}))
            await channel.write_message(_kernel_message("comm_msg", session, {
                "comm_id": comm, "data": {"method": "request_states"}}))
            while True:
                raw = await asyncio.wait_for(channel.read_message(), timeout)
                if raw is None:
                    raise ConnectionError("the kernel channel closed")
                message = json.loads(raw)
                if (message.get("msg_type") == "comm_msg"
                        and message["content"].get("data", {}).get("method") == "update_states"):
                    break
            await channel.write_message(_kernel_message("comm_close", session,
                                                        {"comm_id": comm, "data": {}}))
        finally:
            channel.close()
    finally:
        client.close()


async def _replayed(url: str, token: str, assets: list[str], at: float,
                    timeout: float) -> float | str:
    """Seconds from the wall-clock instant ``at`` until one replayed viewer is done, or why
    it never was."""
    await asyncio.sleep(max(0.0, at - time.time()))
    try:
        await replayed_viewer(url, token, assets, timeout)
        return time.time() - at
    except Exception as error:  # a viewer that never got its widgets counts as a miss
        return f"{error.__class__.__name__}: {error}"[:120]


def replayed_crowd(url: str, token: str, assets: list[str], viewers: int, at: float,
                   timeout: float = 120) -> list[float | str]:
    """``viewers`` replayed viewers, all starting at wall-clock ``at`` (run in its own process,
    so their network work does not slow the real browser's driver)."""
    async def crowd() -> list[float | str]:
        return list(await asyncio.gather(*[_replayed(url, token, assets, at, timeout)
                                           for _ in range(viewers)]))
    return asyncio.run(crowd())


async def _real_viewers(url: str, viewers: int, at: float, timeout_ms: float) -> list[float]:
    """``viewers`` Chromium contexts, open on a blank tab, navigating at wall-clock ``at``."""
    from playwright.async_api import async_playwright

    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            opened = await asyncio.gather(*[_viewer(browser) for _ in range(viewers)])
            await asyncio.sleep(max(0.0, at - time.time()))
            return list(await asyncio.gather(*[_open(page, url, at, timeout_ms)
                                               for _, page in opened]))
        finally:
            await browser.close()


def remote_crowd(server: Server, assets: list[str], viewers: int, browsers: int) -> dict:
    """A crowd whose browsers are on their own machines, as trainees' are: ``browsers`` real
    Chromium viewers plus replayed viewers for the rest, all opening the page at once."""
    token = server.token
    at = time.time() + 8  # time for the worker process and the browser contexts to be ready
    with ProcessPoolExecutor(max_workers=1,
                             mp_context=multiprocessing.get_context("spawn")) as worker:
        replayed = worker.submit(replayed_crowd, server.url, token, assets,
                                 viewers - browsers, at)
        real = asyncio.run(_real_viewers(server.url, browsers, at, 120_000))
        others = replayed.result()
    MISSES.extend(f"replayed viewer: {t}" for t in others if isinstance(t, str))
    others = [float("inf") if isinstance(t, str) else t for t in others]
    return {"assets": len(assets), "real": real, "replayed": others}


def kernel_rss_mb(server: Server) -> list[float]:
    """RSS of each kernel the server holds, in MB."""
    sizes = []
    for kernel in server.kernels():
        try:
            sizes.append(kernel.memory_info().rss / 1_000_000)
        except psutil.Error:
            continue
    return sizes


def single_viewers(servers: dict[str, Server], pools: dict[str, int], repeats: int) -> dict:
    """First-widget and page-GET times, the servers taking turns viewer by viewer so that a
    change in the machine's load falls on both alike."""
    figures: dict = {name: {"interactive_s": [], "server_s": []} for name in servers}
    order = list(servers)
    for repeat in range(repeats):
        for name in order if repeat % 2 == 0 else order[::-1]:
            server = servers[name]
            figures[name]["interactive_s"] += asyncio.run(time_to_interactive(server.url, 1))
            server.refill(pools[name])  # each viewer finds the server as idle as plain's
    for repeat in range(repeats):
        for name in order if repeat % 2 == 0 else order[::-1]:
            figures[name]["server_s"].append(server_time(servers[name]))
            servers[name].refill(pools[name])
    for name, server in servers.items():
        figures[name]["kernel_rss_mb"] = kernel_rss_mb(server)
    return figures


def crowds(server: Server, crowd: int, pool: int, browsers: int, local: bool) -> dict:
    """The crowd figures for one server: browsers elsewhere, then (if ``local``) every
    browser on this machine, then (ours) the room page."""
    figures: dict = {}
    assets = asyncio.run(page_assets(server.url))
    server.refill(pool)
    figures["remote"] = remote_crowd(server, assets, crowd, browsers)
    server.refill(pool)
    figures["crowd_get_s"] = crowd_server_time(server, crowd)
    if local:
        server.refill(pool)
        figures["crowd_s"] = asyncio.run(time_to_interactive(server.url, crowd,
                                                             timeout_ms=LOCAL_CROWD_TIMEOUT_MS))
        figures["local_misses"] = MISSES[:]
        MISSES.clear()
    if server.room_url:
        server.refill(pool)  # the crowds' kernels are being replaced; let that finish first
        figures["room_interactive_s"] = [
            asyncio.run(time_to_interactive(server.room_url, 1, ready=ROOM_READY))[0]
            for _ in range(3)]
        figures["room_crowd_s"] = asyncio.run(
            time_to_interactive(server.room_url, crowd, ready=ROOM_READY))
        figures["room_get_s"] = crowd_server_time(server, crowd, server.room_url)
    figures["misses"] = MISSES[:]
    MISSES.clear()
    return figures


def _median(values: list[float]) -> float:
    finite = [v for v in values if v != float("inf")]
    return statistics.median(finite) if finite else float("inf")


def _runs(values: list[float], digits: int = 2) -> str:
    return ", ".join(f"{v:.{digits}f}" for v in values)


def _count(reasons: list[str]) -> dict[str, int]:
    return {reason: reasons.count(reason) for reason in reasons}


def report_single(name: str, figures: dict) -> None:
    print(f"\n{name}")
    print(f"  first widget interactive         median {_median(figures['interactive_s']):.2f} s"
          f"  (runs: {_runs(figures['interactive_s'])})")
    print(f"  server time per page request     median {_median(figures['server_s']):.3f} s"
          f"  (runs: {_runs(figures['server_s'], 3)})")
    sizes = figures["kernel_rss_mb"]
    if sizes:
        print(f"  RSS per viewer kernel            median {statistics.median(sizes):.0f} MB, "
              f"max {max(sizes):.0f} MB over {len(sizes)} kernel(s)")


def report_crowds(name: str, figures: dict, crowd: int) -> None:
    remote = figures["remote"]
    real, replayed = remote["real"], remote["replayed"]
    everyone = real + replayed
    print(f"\n{name}, {crowd} viewers opening the live page at once")
    print(f"  browsers on their own machines:  all interactive in {max(everyone):.1f} s "
          f"({sum(t != float('inf') for t in everyone)}/{crowd} made it)")
    print(f"    {len(real)} real Chromium viewer(s) on this machine: {_runs(real, 1)} s")
    print(f"    {len(replayed)} replayed viewers (the browsers' {remote['assets']} file "
          f"requests and widget-state requests): median {_median(replayed):.1f} s, "
          f"slowest {max(replayed):.1f} s")
    print(f"  page GETs only (server side):    all served in {figures['crowd_get_s']:.1f} s")
    if "crowd_s" in figures:
        done = [t for t in figures["crowd_s"] if t != float("inf")]
        print(f"  every browser on this machine:   all interactive in "
              f"{max(figures['crowd_s']):.1f} s ({len(done)}/{crowd} made it; median viewer "
              f"{_median(figures['crowd_s']):.1f} s)")
        if figures["local_misses"]:
            print(f"    viewers that missed: {_count(figures['local_misses'])}")
    if "room_crowd_s" in figures:
        done = [t for t in figures["room_crowd_s"] if t != float("inf")]
        print(f"  room page, one viewer:           interactive median "
              f"{_median(figures['room_interactive_s']):.2f} s")
        print(f"  room page, every browser here:   all interactive in "
              f"{max(figures['room_crowd_s']):.1f} s ({len(done)}/{crowd} made it); server "
              f"side {figures['room_get_s']:.2f} s")
    if figures["misses"]:
        print(f"  misses: {_count(figures['misses'])}")


def _slowest_remote(figures: dict) -> float:
    """Seconds until the last viewer of the crowd with browsers elsewhere was interactive."""
    return max(figures["remote"]["real"] + figures["remote"]["replayed"])


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--crowd", type=int, default=25)
    parser.add_argument("--browsers", type=int, default=2,
                        help="real Chromium viewers among the crowd whose browsers are elsewhere")
    parser.add_argument("--skip-plain-crowd", action="store_true",
                        help="do not send the crowds to plain voila (spares a shared machine)")
    args = parser.parse_args(argv)
    print(f"Live page benchmark: {PAGE}; {os.cpu_count()} CPU(s); load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} at start")
    pool = args.crowd + 1
    plain_name = "plain voila (default template, no preheat)"
    ours_name = f"ipt-course present (our template, preheat pool of {pool})"
    with tempfile.TemporaryDirectory(prefix="ipt-live-bench-") as temporary:
        work = Path(temporary)
        root = copy_course(work / "course")
        os.environ["IPT_LIVE_DATABASE"] = f"sqlite:///{work / 'live.sqlite'}"
        servers = {plain_name: plain_server(root, work), ours_name: our_server(root, work, pool)}
        pools = {plain_name: 0, ours_name: pool}
        try:
            for name, server in servers.items():
                server.wait_until_up()
                server.settle(expected=pools[name])
            single = single_viewers(servers, pools, args.repeats)
            servers[plain_name].stop()  # spare its kernels' memory before the crowds
            for name in servers:
                report_single(name, single[name])
            results = {}
            for name, server in servers.items():
                if name == plain_name and args.skip_plain_crowd:
                    continue
                if name == plain_name:
                    server = servers[name] = plain_server(root, work)
                    server.wait_until_up()
                try:
                    results[name] = crowds(server, args.crowd, pools[name], args.browsers,
                                           local=True)
                finally:
                    server.stop()
                report_crowds(name, results[name], args.crowd)
        finally:
            for server in servers.values():
                server.stop()
        floor = floor_times(work, args.repeats)
    plain, ours = single[plain_name], single[ours_name]
    print(f"\nVoila's own front end (a one-button notebook, our settings, preheated): "
          f"median {_median(floor):.2f} s (runs: {_runs(floor)}); that is "
          f"{_median(floor) / _median(plain['interactive_s']):.2f} of plain voila's time on the "
          "live page")
    ratio = _median(ours["interactive_s"]) / _median(plain["interactive_s"])
    print(f"Interactive time, ours / plain, taking turns: {ratio:.2f} "
          f"(target < 0.5: {_verdict(ratio < 0.5)})")
    biggest = max(ours["kernel_rss_mb"] or [float("inf")])
    print(f"Largest viewer kernel: {biggest:.0f} MB RSS (target < 150 MB: "
          f"{_verdict(biggest < 150)})")
    mine = results[ours_name]
    remote = _slowest_remote(mine)
    other = (f"{_slowest_remote(results[plain_name]):.1f} s" if plain_name in results
             else "not run")
    print(f"{args.crowd} viewers all interactive on the live page, browsers on their own "
          f"machines: {remote:.1f} s (target <= 10 s: {_verdict(remote <= 10)}; plain voila "
          f"{other})")
    local = max(mine["crowd_s"])
    other = (f"{max(results[plain_name]['crowd_s']):.1f} s" if plain_name in results
             else "not run")
    print(f"{args.crowd} viewers all interactive on the live page, all {args.crowd} browsers "
          f"on this machine too: {local:.1f} s (plain voila {other}); this figure is the "
          "browsers' own drawing, which a real room does on its own devices")
    room = max(mine["room_crowd_s"])
    print(f"{args.crowd} viewers all interactive on the room page, all browsers on this "
          f"machine: {room:.1f} s (target <= 10 s: {_verdict(room <= 10)})")
    print(f"Load average at end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
