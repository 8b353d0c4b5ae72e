"""Live-day page speed: `ipt-course present` (our Voila settings) against plain `voila`.

Both serve the same page, curriculum/day1/live.ipynb, from a temporary copy of the course
(its own live database), on loopback, to headless Debian Chromium through Playwright. Outside
requests are blocked for both (plain Voila's template asks a public CDN for an icon font).

Figures, in one run:
- time until the first widget is interactive (a rendered widget button, which needs the
  kernel's widget state), median of ``--repeats`` fresh browser contexts;
- server time per page request (an HTTP GET of the whole page, median of ``--repeats``);
- memory (RSS) per viewer kernel, after the page has run in it;
- ``--crowd`` viewers (default 25) opening the page at once, each its own browser context
  (no shared cache or cookies) in one Chromium on this same machine, already open on a blank
  tab: seconds from the moment all navigate until every one is interactive. Our mode
  preheats a pool of that size.
- ours only: the same crowd opening the room page (``/room``), the page `ipt-course present`
  gives trainees for check-in, confidence, questions and evaluation; interactive means its
  first form's send button is on screen.
- the floor: the same first-widget time for a notebook holding a single button, served with
  our settings, which is what Voila's front end costs on this machine before any page content.

Targets: ours interactive in under half plain Voila's time; 25 viewers all interactive within
10 s; under 150 MB per viewer kernel.

Run:  python benchmarks/live.py [--repeats 5] [--crowd 25] [--skip-plain-crowd]
The machine may be shared: this starts at most one server at a time and stops it afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ipt_course.cli import free_port  # noqa: E402
from ipt_course.live.server import VoilaSettings, voila_command, voila_environment  # noqa: E402
from tests.conftest import copy_course  # noqa: E402

PAGE = "curriculum/day1/live.ipynb"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking"]
READY = ".jupyter-widgets .jupyter-button, .jupyter-widgets .lm-TabBar-tab"
ROOM_READY = "#checkin button[type=submit]"
LOCAL = {"127.0.0.1", "localhost"}
MISSES: list[str] = []


class Server:
    """One Voila server in its own process group."""

    def __init__(self, name: str, command: list[str], cwd: Path, environment: dict[str, str],
                 url: str, log: Path, room_url: str | None = None) -> None:
        self.name, self.url, self.room_url = name, url, room_url
        self.process = subprocess.Popen(command, cwd=cwd, env=environment,
                                        stdout=log.open("w"), stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def wait_until_up(self, timeout: float = 120) -> None:
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
        raise TimeoutError(f"{self.name} did not start")

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
                  room_url=f"{base}/room?token=benchmark")


def floor_server(work: Path, repeats: int) -> Server:
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
                             preheat={"floor.ipynb": repeats + 1})
    return Server("one-button notebook", voila_command(settings), folder,
                  voila_environment(work / "floor-config", settings),
                  f"http://127.0.0.1:{port}/?token=benchmark", work / "floor.log")


def floor_times(work: Path, repeats: int) -> list[float]:
    """First-widget times for the one-button notebook under our settings."""
    server = floor_server(work, repeats)
    try:
        server.wait_until_up()
        server.settle(expected=repeats + 1)
        times = []
        for _ in range(repeats):
            times += asyncio.run(time_to_interactive(server.url, 1))
            server.settle()
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


async def _keep_local(route, request) -> None:
    if (urlparse(request.url).hostname or "") in LOCAL or request.url.startswith(
            ("data:", "blob:")):
        await route.continue_()
    else:
        await route.abort()


async def _viewer(browser):
    """A viewer with the browser already open on a blank tab, as a trainee would have it."""
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    page = await context.new_page()
    await page.route("**/*", _keep_local)
    return context, page


async def _open(page, url: str, start: float, timeout_ms: float, ready: str) -> float:
    """Seconds from ``start`` until ``page`` shows ``ready`` (inf if it never does)."""
    try:
        await page.goto(url, wait_until="commit", timeout=timeout_ms)
        await page.wait_for_selector(ready, state="visible", timeout=timeout_ms)
        return time.perf_counter() - start
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
            opened = await asyncio.gather(*[_viewer(browser) for _ in range(viewers)])
            start = time.perf_counter()
            return list(await asyncio.gather(*[_open(page, url, start, timeout_ms, ready)
                                               for _, page in opened]))
        finally:
            await browser.close()


def kernel_rss_mb(server: Server) -> list[float]:
    """RSS of each kernel the server holds, in MB."""
    sizes = []
    for kernel in server.kernels():
        try:
            sizes.append(kernel.memory_info().rss / 1_000_000)
        except psutil.Error:
            continue
    return sizes


def measure(server: Server, repeats: int, crowd: int, pool: int, do_crowd: bool) -> dict:
    """Every figure for one server, viewers one at a time first, then the crowd."""
    server.wait_until_up()
    figures: dict = {"startup_settle_s": server.settle(expected=min(pool, 1))}
    if pool:
        server.settle(expected=pool)
    single = []
    for _ in range(repeats):
        single += asyncio.run(time_to_interactive(server.url, 1))
        server.settle(expected=pool)
    figures["interactive_s"] = single
    gets = []
    for _ in range(repeats):
        gets.append(server_time(server))
        server.settle(expected=pool)
    figures["server_s"] = gets
    sizes = kernel_rss_mb(server)
    figures["kernel_rss_mb"] = sizes
    if do_crowd:
        if pool:
            server.settle(expected=pool)
        start = time.perf_counter()
        times = asyncio.run(time_to_interactive(server.url, crowd))
        figures["crowd_wall_s"] = time.perf_counter() - start
        figures["crowd_s"] = times
        server.settle(expected=pool)
        figures["crowd_get_s"] = crowd_server_time(server, crowd)
    if server.room_url:
        figures["room_interactive_s"] = [
            asyncio.run(time_to_interactive(server.room_url, 1, ready=ROOM_READY))[0]
            for _ in range(repeats)]
        figures["room_crowd_s"] = asyncio.run(
            time_to_interactive(server.room_url, crowd, ready=ROOM_READY))
        figures["room_get_s"] = crowd_server_time(server, crowd, server.room_url)
    return figures


def _median(values: list[float]) -> float:
    finite = [v for v in values if v != float("inf")]
    return statistics.median(finite) if finite else float("inf")


def report(name: str, figures: dict, crowd: int) -> None:
    print(f"\n{name}")
    print(f"  first widget interactive         median {_median(figures['interactive_s']):.2f} s"
          f"  (runs: {', '.join(f'{t:.2f}' for t in figures['interactive_s'])})")
    print(f"  server time per page request     median {_median(figures['server_s']):.3f} s"
          f"  (runs: {', '.join(f'{t:.3f}' for t in figures['server_s'])})")
    sizes = figures["kernel_rss_mb"]
    if sizes:
        print(f"  RSS per viewer kernel            median {statistics.median(sizes):.0f} MB, "
              f"max {max(sizes):.0f} MB over {len(sizes)} kernel(s)")
    if "crowd_s" in figures:
        done = [t for t in figures["crowd_s"] if t != float("inf")]
        slowest = max(figures["crowd_s"])
        print(f"  {crowd} viewers at once: all interactive in {slowest:.1f} s "
              f"({len(done)}/{crowd} made it; median viewer {_median(figures['crowd_s']):.1f} s)")
        if MISSES:
            reasons = {reason: MISSES.count(reason) for reason in MISSES}
            print(f"  viewers that missed: {reasons}")
            MISSES.clear()
        print(f"  {crowd} page GETs at once (server side only): all served in "
              f"{figures['crowd_get_s']:.1f} s")
    if "room_crowd_s" in figures:
        single = _median(figures["room_interactive_s"])
        print(f"  room page, one viewer: interactive median {single:.2f} s")
        done = [t for t in figures["room_crowd_s"] if t != float("inf")]
        print(f"  room page, {crowd} viewers at once: all interactive in "
              f"{max(figures['room_crowd_s']):.1f} s ({len(done)}/{crowd} made it; median "
              f"viewer {_median(figures['room_crowd_s']):.1f} s); server side "
              f"{figures['room_get_s']:.2f} s")
        if MISSES:
            print(f"  viewers that missed: { {r: MISSES.count(r) for r in MISSES} }")
            MISSES.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--crowd", type=int, default=25)
    parser.add_argument("--skip-plain-crowd", action="store_true",
                        help="do not open the crowd against plain voila (spares a shared machine)")
    args = parser.parse_args(argv)
    print(f"Live page benchmark: {PAGE}; {os.cpu_count()} CPU(s); load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} at start")
    with tempfile.TemporaryDirectory(prefix="ipt-live-bench-") as temporary:
        work = Path(temporary)
        root = copy_course(work / "course")
        os.environ["IPT_LIVE_DATABASE"] = f"sqlite:///{work / 'live.sqlite'}"
        results = {}
        for name, make, pool, crowd in (
                ("plain voila (default template, no preheat)",
                 lambda: plain_server(root, work), 0, not args.skip_plain_crowd),
                ("ipt-course present (our template, preheat pool of "
                 f"{args.crowd + 1})", lambda: our_server(root, work, args.crowd + 1),
                 args.crowd + 1, True)):
            server = make()
            try:
                results[name] = measure(server, args.repeats, args.crowd, pool, crowd)
            finally:
                server.stop()
            report(name, results[name], args.crowd)
        floor = floor_times(work, args.repeats)
    plain, ours = results.values()
    print(f"\nVoila's own front end (a one-button notebook, our settings, preheated): "
          f"median {_median(floor):.2f} s (runs: {', '.join(f'{t:.2f}' for t in floor)}); "
          f"that is {_median(floor) / _median(plain['interactive_s']):.2f} of plain voila's "
          "time on the live page")
    ratio = _median(ours["interactive_s"]) / _median(plain["interactive_s"])
    print(f"Interactive time, ours / plain: {ratio:.2f} (target < 0.5: "
          f"{'met' if ratio < 0.5 else 'MISSED'})")
    room_time = max(ours["room_crowd_s"])
    print(f"{args.crowd} viewers all interactive on the room page trainees are given: "
          f"{room_time:.1f} s (target <= 10 s: {'met' if room_time <= 10 else 'MISSED'})")
    crowd_time = max(ours["crowd_s"])
    print(f"{args.crowd} viewers all interactive on the full live page: {crowd_time:.1f} s "
          f"(target <= 10 s: {'met' if crowd_time <= 10 else 'MISSED'}; plain voila "
          + (f"{max(plain['crowd_s']):.1f} s)" if "crowd_s" in plain else "not run)"))
    biggest = max(ours["kernel_rss_mb"] or [float("inf")])
    print(f"Largest viewer kernel: {biggest:.0f} MB RSS (target < 150 MB: "
          f"{'met' if biggest < 150 else 'MISSED'})")
    print(f"Server side, {args.crowd} simultaneous page requests: ours "
          f"{ours['crowd_get_s']:.1f} s" + (f", plain {plain['crowd_get_s']:.1f} s"
                                            if "crowd_get_s" in plain else ""))
    print(f"Load average at end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
