"""Trainer dashboards: time until a cohort's data shows, `present --trainer` against plain Voila.

A temporary copy of the course gets ``--trainees`` (default 25) graded trainees for the Day 1
quiz, written through nbgrader's own Gradebook API (as `tests/cohort.py` writes the test
cohort), a day of attendance and a day of live answers. The dashboards in ``dashboards/`` are
then served two ways, one server at a time, on loopback:

- ours: the Voila that `ipt-course present --trainer` starts (its settings, taken from
  :func:`ipt_course.live.cli.presentation_settings`);
- plain: the same hardened Voila with no kernel kept ready, as `present --trainer` served the
  dashboards before: a kernel is started and the notebook run when the page is asked for.

Headless Debian Chromium (Playwright) opens each dashboard in a fresh browser context; the
figure is the time from navigation until the dashboard's first data widget is on screen (the
quiz's "graded submission(s)" summary, the quiz review's first question, a trainee's cell in
the cohort table, the live room's check-ins, the evaluation's comment), median of
``--repeats`` rounds. Before each view the server is left idle long enough to have refilled
the kept kernels (``--settle``), so that no kernel starting in the background competes with
the page being timed. The floor is the same time for a notebook that shows one widget and
reads nothing: what Voila's page itself costs on this machine.

Beside them, the data alone: the quiz's grades read by the dashboards' own reader (SQL) and
through nbgrader's Gradebook API (student by student, submission by submission, as the
dashboards read them before), in a fresh Python process (imports and the course's nbgrader
configuration included) and again in the same process; median of ``--repeats`` processes.

Target: every dashboard shows its data within 2 s with 25 trainees.

Run (with the virtual environment's bin on PATH: nbgrader calls alembic by name):
      python benchmarks/dashboards.py [--trainees 25] [--repeats 3] [--settle 12]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ipt_course.cli import free_port  # noqa: E402
from ipt_course.live.server import VoilaSettings, voila_command, voila_environment  # noqa: E402
from tests.conftest import copy_course  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic"]
TOKEN = "benchmark"
# Each dashboard and a selector for its first data widget (Playwright selectors).
DASHBOARDS = {
    "quiz-results": "text=/\\d+ graded submission\\(s\\)/",
    "quiz-review": "text=/Question 1 of \\d+/",
    "cohort-progress": "td:has-text('Trainee01')",
    "live-room": "text=/\\d+ check-in\\(s\\)/",
    "evaluation-report": "td:has-text('The timeline exercise helped')",
}
# The floor: a notebook showing one HTML widget and reading nothing, served the same way.
FLOOR = "voila-floor"
FLOOR_SELECTOR = "text=Nothing read"

# The quiz's grades read as the dashboards read them (SQL), in a fresh process.
OURS_READ = """
import sys, time
start = time.perf_counter()
from pathlib import Path
from ipt_course.grading.gradebook_sql import quiz_grades
read = quiz_grades(Path(sys.argv[1]), "day1-quiz")
assert len(read.submissions) == int(sys.argv[2])
first = time.perf_counter() - start
start = time.perf_counter()
quiz_grades(Path(sys.argv[1]), "day1-quiz")
print(first, time.perf_counter() - start)
"""
# The same scores through nbgrader's Gradebook API, student by student.
STOCK_READ = """
import sys, time
start = time.perf_counter()
from pathlib import Path
from ipt_course.grading.nbgrader_env import gradebook
def read():
    rows = []
    with gradebook(Path(sys.argv[1])) as book:
        for submission in book.find_assignment("day1-quiz").submissions:
            student = submission.student
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    rows.append((student.id, student.first_name, grade.name, grade.score))
    return rows
assert len({row[0] for row in read()}) == int(sys.argv[2])
first = time.perf_counter() - start
start = time.perf_counter()
read()
print(first, time.perf_counter() - start)
"""


def build_course(folder: Path, trainees: int) -> Path:
    """A course copy with a graded cohort, attendance and a day of live answers."""
    from ipt_course.course import load_course
    from ipt_course.live.attendance import mark_present
    from ipt_course.live.store import LiveStore
    from tests.cohort import cohort_of, fill_gradebook

    root = copy_course(folder / "course")
    shutil.copytree(REPO / "dashboards", root / "dashboards")
    floor = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import ipywidgets\nipywidgets.HTML('<p>Nothing read</p>')")])
    nbformat.write(floor, root / "dashboards" / f"{FLOOR}.ipynb")
    cohort = cohort_of(trainees)
    fill_gradebook(root, cohort=cohort)
    store = LiveStore.for_course(root)
    mark_present(store, load_course(root), 1, list(cohort))
    for number in range(trainees):
        viewer = f"v{number}"
        store.check_in(1, viewer, 1 + number % 5, "curious")
        store.rate_confidence(1, viewer, "start", {"d1.lo3": 2})
        store.rate_confidence(1, viewer, "end", {"d1.lo3": 4})
    store.ask(1, "v1", "Can grief and a role transition both apply?")
    store.evaluate(1, "v1", 5, 4, "The timeline exercise helped")
    return root


def ours_settings(root: Path, port: int) -> VoilaSettings:
    """What `ipt-course present --trainer` serves, with the benchmark's token."""
    from ipt_course.live.cli import presentation_settings

    args = argparse.Namespace(trainer=True, ip=None, network=False, pool=4, room_url="",
                              day=None)
    settings = presentation_settings(root, args, port)
    settings.token = TOKEN
    return settings


def plain_settings(root: Path, port: int) -> VoilaSettings:
    """The dashboards as `present --trainer` served them before: no kernel kept ready."""
    return VoilaSettings(target=root / "dashboards", port=port, token=TOKEN)


class Server:
    """One Voila server in its own process group, stopped with everything it started."""

    def __init__(self, settings: VoilaSettings, work: Path) -> None:
        environment = voila_environment(work / f"voila-{settings.port}", settings)
        self.log = work / f"voila-{settings.port}.log"
        self.url = f"http://127.0.0.1:{settings.port}/"
        self.process = subprocess.Popen(
            voila_command(settings), cwd=settings.target, env=environment,
            stdout=self.log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Voila exited; see {self.log}")
            try:
                urllib.request.urlopen(f"{self.url}?token={TOKEN}", timeout=5)
                return
            except urllib.error.HTTPError:
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise TimeoutError("Voila did not answer")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def time_dashboards(browser, server: Server, repeats: int, settle: float) -> dict[str, list]:
    """Seconds from navigation to each dashboard's first data widget, ``repeats`` rounds."""
    pages = {**DASHBOARDS, FLOOR: FLOOR_SELECTOR}
    times: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(repeats):
        for name, selector in pages.items():
            time.sleep(settle)
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            page = context.new_page()
            start = time.perf_counter()
            page.goto(f"{server.url}voila/render/{name}.ipynb?token={TOKEN}",
                      wait_until="commit")
            page.locator(selector).first.wait_for(state="visible", timeout=120_000)
            times[name].append(time.perf_counter() - start)
            context.close()
    return times


def time_reads(root: Path, trainees: int, repeats: int) -> dict[str, list[float]]:
    """Seconds to read the quiz's grades in a fresh process (imports included), and again in
    the same process (a kernel that has read once): ours and nbgrader's API."""
    found: dict[str, list[float]] = {}
    for _ in range(repeats):
        for name, code in (("SQL (ours)", OURS_READ), ("nbgrader API", STOCK_READ)):
            out = subprocess.run([sys.executable, "-c", code, str(root), str(trainees)],
                                 capture_output=True, text=True, check=True, cwd=root)
            first, again = (float(value) for value in out.stdout.split()[-2:])
            found.setdefault(f"{name}, fresh process", []).append(first)
            found.setdefault(f"{name}, read again", []).append(again)
    return found


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=25)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--settle", type=float, default=12,
                        help="seconds a server is left idle before each view")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"Before: {load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="ipt-dash-bench-") as folder:
        work = Path(folder)
        root = build_course(work, options.trainees)
        print(f"{options.trainees} graded trainees in {root}", flush=True)
        reads = time_reads(root, options.trainees, options.repeats)
        results: dict[str, dict[str, list[float]]] = {}
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for label, settings in (("ours", ours_settings), ("plain", plain_settings)):
                    server = Server(settings(root, free_port()), work)
                    try:
                        results[label] = time_dashboards(browser, server, options.repeats,
                                                         options.settle)
                    finally:
                        server.stop()
            finally:
                browser.close()
    print(f"\nAfter: {load()}")
    print(f"\nFirst data widget, seconds (median of {options.repeats}; runs in brackets)")
    print(f"{'dashboard':<20}{'present --trainer':>28}{'plain Voila, no pool':>34}")
    for name in [*DASHBOARDS, FLOOR]:
        cells = [f"{statistics.median(results[label][name]):6.2f} "
                 f"[{', '.join(f'{t:.2f}' for t in results[label][name])}]"
                 for label in ("ours", "plain")]
        print(f"{name:<20}{cells[0]:>28}{cells[1]:>34}")
    print(f"\nQuiz grades read, seconds (median of {options.repeats} processes)")
    for name, values in reads.items():
        print(f"  {name:<40}{statistics.median(values):6.2f}")
    worst = max(statistics.median(results["ours"][name]) for name in DASHBOARDS)
    print(f"\nTarget: every dashboard within 2 s: {'met' if worst <= 2 else 'NOT met'} "
          f"(slowest median {worst:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
