"""A cohort logging in at once on the course hub (run as root; it makes throwaway accounts).

    sudo .venv/bin/python benchmarks/hub.py [--trainees 25]

Sets up the real hub on loopback exactly as the hub tier does (deploy/jupyterhub through
``ipt-course hub setup``, configurable-http-proxy from npm, one system account per trainee),
signs every trainee up, then lets them all log in at the same moment. Each one, in its own
thread, does what a person does: the login form, the Start button, JupyterLab's page, the Day 1
notebook opened with a kernel and its first tool run. Printed:

- time until all servers answer, and until every trainee's first tool has run;
- memory per trainee: the proportional set size (shared pages split fairly) of their server
  and the kernel of the notebook they opened, beside a stock kernel (ipykernel running
  nothing) started on the same server;
- the hub's response time (its login page) while idle and while the cohort logs in;
- the CPU one server spends on its imports, started stock (``jupyterhub.singleuser``) and
  as the hub starts it (``ipt_course.hub.singleuser``, which turns away a grammar compiler).

Targets: all ready within 60 s on a 2-core machine, under 300 MB per trainee. Everything the
run made is removed at the end, also when it fails.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.hub.harness import LoopbackHub, Person  # noqa: E402

NOTEBOOK = "curriculum/day1/01-overview-of-ipt.ipynb"
MB = 1024 * 1024


def first_tool(person: Person) -> str:
    """The source of the notebook's first code cell (its first tool)."""
    content = person.get(person.server(f"api/contents/{NOTEBOOK}")).json()["content"]
    return next("".join(c["source"]) for c in content["cells"] if c["cell_type"] == "code")


def one_trainee(person: Person, start: float) -> dict[str, float | str]:
    """Log in, start, open JupyterLab and the Day 1 notebook, run its first tool."""
    person.log_in()
    person.open_course(seconds=600)
    server_ready = time.monotonic() - start
    kernel = person.start_kernel(NOTEBOOK)
    ran = person.run(kernel, first_tool(person), seconds=600)
    if ran["status"] != "ok":
        raise RuntimeError(f"{person.name}: the first tool failed: {ran}")
    return {"name": person.name, "kernel": kernel, "server": server_ready,
            "tool": time.monotonic() - start}


def pss_by_process(uid: int) -> dict[str, float]:
    """Proportional set size (MB) of each process of account ``uid``, by role."""
    sizes: dict[str, float] = {}
    for process in psutil.process_iter(["uids", "cmdline"]):
        if not process.info["uids"] or process.info["uids"].real != uid:
            continue
        try:
            pss = process.memory_full_info().pss / MB
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        command = " ".join(process.info["cmdline"] or [])
        role = "server" if "ipt_course.hub.singleuser" in command else (
            f"kernel {command.split('-f ')[-1]}" if "ipykernel" in command else command[:40])
        sizes[role] = sizes.get(role, 0.0) + pss
    return sizes


SERVER_IMPORTS = ("import time\n{prepare}\nimport jupyterhub.singleuser, jupyterlab.labapp, "
                  "nbgrader.server_extensions.assignment_list.handlers\n"
                  "print(time.process_time())")
LAUNCHER = "from ipt_course.hub.singleuser import turn_away_skipped_imports\n" \
    "turn_away_skipped_imports()"


def import_seconds(prepare: str, runs: int = 3) -> float:
    """Median CPU seconds a fresh Python spends importing what a trainee's server loads."""
    times = [float(subprocess.run([sys.executable, "-c", SERVER_IMPORTS.format(prepare=prepare)],
                                  capture_output=True, text=True, check=True).stdout)
             for _ in range(runs)]
    return statistics.median(times)


class Pinger(threading.Thread):
    """Times GET /hub/login every half second until stopped."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.times: list[float] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            began = time.monotonic()
            try:
                requests.get(self.url + "/hub/login", timeout=60)
                self.times.append((time.monotonic() - began) * 1000)
            except requests.RequestException:
                self.times.append(float("inf"))
            self.stopping.wait(0.5)


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (f"median {statistics.median(ordered):.0f} ms, 95th percentile {p95:.0f} ms, "
            f"worst {ordered[-1]:.0f} ms ({len(ordered)} requests)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=25)
    args = parser.parse_args()
    stock_imports, course_imports = import_seconds(""), import_seconds(LAUNCHER)
    hub = LoopbackHub(trainees=args.trainees)
    try:
        began = time.monotonic()
        hub.start()
        print(f"Hub set up and started for {args.trainees} trainees in "
              f"{time.monotonic() - began:.1f} s")
        people = [Person(hub, name) for name in hub.trainees]
        for person in people:
            person.sign_up()
            person.log_out()
        idle = Pinger(hub.url)
        idle.start()
        time.sleep(5)
        idle.stopping.set()
        idle.join()

        load = Pinger(hub.url)
        load.start()
        start = time.monotonic()
        with ThreadPoolExecutor(len(people)) as pool:
            results = list(pool.map(lambda p: one_trainee(p, start), people))
        load.stopping.set()
        load.join()

        stock = people[0]
        stock_kernel = stock.start_kernel(NOTEBOOK.replace("01-overview-of-ipt", "stock"))
        stock.run(stock_kernel, "pass")
        time.sleep(2)
        memory = []
        for result in results:
            sizes = pss_by_process(pwd.getpwnam(str(result["name"])).pw_uid)
            server = sizes.get("server", 0.0)
            course_kernel = next((size for role, size in sizes.items()
                                  if role.startswith("kernel") and result["kernel"] in role), 0.0)
            memory.append((server, course_kernel))
        stock_sizes = pss_by_process(pwd.getpwnam(stock.name).pw_uid)
        stock_size = next(size for role, size in stock_sizes.items()
                          if role.startswith("kernel") and stock_kernel in role)

        servers = [float(r["server"]) for r in results]
        tools = [float(r["tool"]) for r in results]
        per_trainee = [server + kernel for server, kernel in memory]
        load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"\n{args.trainees} trainees logging in at once ({psutil.cpu_count()} cores; "
              f"load average now {load_average}: other work on the machine slows every figure)")
        print(f"  all servers answering after      {max(servers):6.1f} s "
              f"(first {min(servers):.1f} s, median {statistics.median(servers):.1f} s)")
        print(f"  every first tool run after       {max(tools):6.1f} s "
              f"(median {statistics.median(tools):.1f} s)   target: 60 s")
        print("  memory per trainee (PSS):        "
              f"{statistics.mean(per_trainee):6.0f} MB mean, {max(per_trainee):.0f} MB worst   "
              "target: under 300 MB")
        print(f"    their server                   {statistics.mean(s for s, _ in memory):6.0f} MB"
              " mean")
        print(f"    the Day 1 notebook's kernel    {statistics.mean(k for _, k in memory):6.0f} MB"
              f" mean (a stock ipykernel running nothing: {stock_size:.0f} MB)")
        print(f"  one server's imports (CPU):      {course_imports:6.2f} s as the hub starts it "
              f"(stock jupyterhub-singleuser: {stock_imports:.2f} s)")
        print(f"  hub login page, idle:            {summary(idle.times)}")
        print(f"  hub login page, during logins:   {summary(load.times)}")
        print(json.dumps({"trainees": args.trainees, "all_servers_s": round(max(servers), 1),
                          "all_tools_s": round(max(tools), 1),
                          "mb_per_trainee_mean": round(statistics.mean(per_trainee)),
                          "mb_per_trainee_worst": round(max(per_trainee)),
                          "mb_stock_kernel": round(stock_size),
                          "import_cpu_s": round(course_imports, 2),
                          "import_cpu_s_stock": round(stock_imports, 2)}))
        return 0
    finally:
        hub.close()


if __name__ == "__main__":
    sys.exit(main())
