"""A real cohort hub on loopback for the hub tier and the cohort benchmark.

:class:`LoopbackHub` runs ``ipt-course hub setup`` and then JupyterHub with
configurable-http-proxy from npm, exactly as deploy/jupyterhub does, with throwaway system
accounts named ``ipth<random>...`` so they cannot clash with real ones. :meth:`LoopbackHub.close`
stops the hub and every process of those accounts (by process id), then removes the accounts,
their homes and the hub's folders; it runs even when a test fails, and a run that was killed
outright is cleaned up by the next one (:func:`remove_stale_cohorts`).

:class:`Person` is someone using the hub over HTTP the way a browser does: the hub's sign-up and
login forms, cookies, XSRF tokens, and a kernel driven over its websocket.
"""

from __future__ import annotations

import contextlib
import grp
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil
import requests
import websocket

from ipt_course.cli import free_port
from ipt_course.hub.accounts import SYSTEM_PATH, remove_account
from ipt_course.hub.config import Layout
from ipt_course.hub.setup import Machine, setup_hub

REPO = Path(__file__).resolve().parents[2]
PROXY = REPO / ".venv" / "node" / "bin" / "configurable-http-proxy"
TAG = re.compile(r"^ipth[a-z0-9]{5}(tg)?$")
PASSWORD = "Trainee-" + "correct-horse"


class HubNotReady(RuntimeError):
    """The hub or a server did not answer in time; the message holds the hub's log tail."""


def proxy_command() -> str:
    """configurable-http-proxy installed from npm by the Makefile (or found on PATH)."""
    if PROXY.is_file():
        return str(PROXY)
    found = shutil.which("configurable-http-proxy")
    if not found:
        raise RuntimeError("configurable-http-proxy is not installed: run `make hub-proxy` "
                           "(npm install into .venv/node)")
    return found


VIEWS = ("base-python", "course-venv", "course-repo")


def _world_can_enter(path: Path) -> bool:
    """Whether any account can reach ``path`` (every folder above it is open to others)."""
    real = path.resolve()
    return all(os.stat(folder).st_mode & 0o001 for folder in (real, *real.parents))


def _open_view(folder: Path, source: Path, name: str) -> Path:
    """``source`` itself if every account can reach it, else a read-only view of it in
    ``folder`` (a bind mount: the same files, at a path open to others)."""
    if _world_can_enter(source):
        return source
    view = folder / name
    view.mkdir()
    mount = shutil.which("mount", path=SYSTEM_PATH) or "mount"
    subprocess.run([mount, "--bind", "-o", "ro", str(source), str(view)], check=True)
    return view


def user_python(folder: Path) -> tuple[str, dict[str, str]]:
    """A Python the cohort's accounts can run, with this environment's packages, and the
    environment it needs.

    Servers run as the trainees' own accounts, so their Python, packages and the course's
    code must be theirs to read. Where any of them sits in a folder only root may enter (a
    Python built under /root, as on some CI machines, or a checkout there), it is mounted
    read-only at an open path; a virtual environment made from that interpreter reads this
    environment's packages, its console scripts are rewritten to use it, the interpreter's
    library is named in LD_LIBRARY_PATH and the course's code in PYTHONPATH.
    """
    venv = Path(sys.prefix)
    if all(_world_can_enter(path) for path in (Path(sys.base_prefix), venv, REPO)):
        return sys.executable, {}
    base = _open_view(folder, Path(sys.base_prefix), "base-python")
    repo = _open_view(folder, REPO, "course-repo")
    venv = repo / venv.relative_to(REPO) if venv.is_relative_to(REPO) else \
        _open_view(folder, venv, "course-venv")
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    environment = {"LD_LIBRARY_PATH": str(base / "lib")}
    if repo != REPO:
        environment["PYTHONPATH"] = str(repo)
    shim = folder / "python"
    subprocess.run([str(base / "bin" / f"python{version}"), "-m", "venv", "--without-pip",
                    str(shim)], check=True, env={**os.environ, **environment})
    site = venv / "lib" / f"python{version}" / "site-packages"
    (shim / "lib" / f"python{version}" / "site-packages" / "course-environment.pth").write_text(
        f"import site; site.addsitedir({str(site)!r})\n")
    for shared in ("etc", "share"):  # Jupyter's extension settings and JupyterLab's files
        (shim / shared).symlink_to(venv / shared)
    python = shim / "bin" / "python"
    for script in (venv / "bin").iterdir():
        try:
            first, rest = script.read_text().split("\n", 1)
        except (UnicodeDecodeError, ValueError, IsADirectoryError):
            continue
        target = shim / "bin" / script.name
        if first.startswith("#!") and "python" in first and not target.exists():
            target.write_text(f"#!{python}\n{rest}")
            target.chmod(0o755)
    for path in (shim, *shim.rglob("*")):
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | 0o005 | (0o050 if path.is_dir() else 0o040))
    return str(python), environment


def _is_mounted(path: Path) -> bool:
    """Whether something is mounted at ``path`` (a bind mount from the same disk included,
    which ``os.path.ismount`` cannot tell)."""
    with open("/proc/self/mountinfo", encoding="utf-8") as table:
        points = {line.split()[4].encode().decode("unicode_escape") for line in table}
    return str(path) in points


def _remove_folder(folder: Path) -> None:
    """Unmount the read-only views, then delete the folder (never with a mount in it)."""
    umount = shutil.which("umount", path=SYSTEM_PATH) or "umount"
    for name in VIEWS:
        view = folder / name
        for attempt in range(10):  # a process that was just ended may hold it a moment
            if not _is_mounted(view):
                break
            lazily = ["--lazy"] if attempt == 9 else []
            subprocess.run([umount, *lazily, str(view)], capture_output=True, check=False)
            time.sleep(0.5)
        if _is_mounted(view):
            raise RuntimeError(f"{view} is still mounted; {folder} was left in place")
    shutil.rmtree(folder, ignore_errors=True)


def remove_stale_cohorts() -> None:
    """Remove accounts and groups a killed earlier run left (only names this harness makes)."""
    for group in grp.getgrall():
        if not TAG.match(group.gr_name):
            continue
        for entry in pwd.getpwall():
            if entry.pw_name.startswith(group.gr_name[:9]):
                _end_processes(entry.pw_uid)
                remove_account(entry.pw_name, group.gr_name)
        subprocess.run([shutil.which("groupdel", path=SYSTEM_PATH) or "groupdel", group.gr_name],
                       capture_output=True, check=False)
    for folder in Path(tempfile.gettempdir()).glob("ipth?????-hub"):
        _end_processes(folder=folder)
        _remove_folder(folder)


def _end_processes(uid: int | None = None, folder: Path | None = None) -> None:
    """End the processes of account ``uid``, or those started from ``folder``."""
    def ours(info: dict) -> bool:
        if uid is not None:
            return bool(info["uids"]) and info["uids"].real == uid
        return str(folder) in " ".join(info["cmdline"] or [])

    me = psutil.Process()
    spared = {me.pid, *(parent.pid for parent in me.parents())}
    processes = [p for p in psutil.process_iter(["uids", "cmdline"])
                 if p.pid not in spared and ours(p.info)]
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.terminate()
    _, alive = psutil.wait_procs(processes, timeout=10)
    for process in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()


class LoopbackHub:
    """A cohort's hub on loopback: ``trainees`` accounts, one trainer, the grader account."""

    def __init__(self, trainees: int = 3, memory: str = "1G") -> None:
        self.tag = "ipth" + "".join(secrets.choice("abcdefghijkmnpqrstuvwxyz23456789")
                                    for _ in range(5))
        self.trainees = [f"{self.tag}t{n}" for n in range(1, trainees + 1)]
        self.trainer = f"{self.tag}tr"
        self.grader = f"{self.tag}gr"
        self.course_id = "ipt-level-a"
        self.memory = memory
        self.folder = Path(tempfile.gettempdir()) / f"{self.tag}-hub"
        self.layout = Layout(self.folder / "state")
        self.exchange = self.folder / "exchange"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log_file = self.folder / "jupyterhub.log"
        self.python = ""
        self.environment: dict[str, str] = {}

    # Setting up and tearing down

    def start(self) -> LoopbackHub:
        """Set the cohort up and start JupyterHub; waits until the hub answers."""
        remove_stale_cohorts()
        self.folder.mkdir(mode=0o755)
        self.folder.chmod(0o755)
        self.python, self.environment = user_python(self.folder)
        roster = self.folder / "roster.csv"
        roster.write_text("id,first name,last name,email\n" + "".join(
            f"{name},Trainee,{n},{name}@example.nhs.uk\n"
            for n, name in enumerate(self.trainees, 1)))
        cohort = self.folder / "cohort.yaml"
        cohort.write_text(json.dumps({
            "course_id": self.course_id, "trainers": [self.trainer],
            "grader_account": self.grader, "accounts_group": self.tag,
            "trainers_group": f"{self.tag}tg",
            "limits": {"memory": self.memory, "cpu": 1.0},
            "cull": {"idle_seconds": 3600, "every_seconds": 300},
            "paths": {"state": str(self.layout.state), "exchange": str(self.exchange)}}))
        ports = {name: free_port() for name in ("hub", "proxy_api", "grader", "room")}
        machine = Machine(python=self.python, proxy=proxy_command(), bind_url=self.url,
                          public_url=self.url,
                          ports=ports, local_processes=True, environment=self.environment)
        setup_hub(REPO, cohort, roster, machine, self.layout.state)
        self._start_hub()
        return self

    def _start_hub(self) -> None:
        log = self.log_file.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f",
             str(REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py")],
            cwd=self.layout.hub, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "IPT_HUB_STATE": str(self.layout.state)},
            start_new_session=True)
        self.wait_for(lambda: requests.get(self.url + "/hub/health", timeout=5).ok, 240,
                      "the hub")

    def restart(self) -> None:
        """Stop the hub (and with it every server) and start it again."""
        self._stop_hub()
        self._start_hub()

    def _stop_hub(self) -> None:
        """Stop the hub, then whatever it started that outlived it (proxy, services)."""
        if not self.process or self.process.poll() is not None:
            return
        started = psutil.Process(self.process.pid).children(recursive=True)
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        for child in started:
            with contextlib.suppress(psutil.NoSuchProcess):
                child.terminate()
        _, alive = psutil.wait_procs(started, timeout=10)
        for child in alive:
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()

    def close(self) -> None:
        """Stop everything this hub started and remove its accounts and folders."""
        try:
            self._stop_hub()
        finally:
            for name in [*self.trainees, self.trainer, self.grader]:
                try:
                    _end_processes(pwd.getpwnam(name).pw_uid)
                except KeyError:
                    continue
                remove_account(name, self.tag)
            _end_processes(folder=self.folder)  # the hub's services that run as root
            for group in (self.tag, f"{self.tag}tg"):
                subprocess.run([shutil.which("groupdel", path=SYSTEM_PATH) or "groupdel", group],
                               capture_output=True, check=False)
            _remove_folder(self.folder)

    # Using it

    def wait_for(self, check, seconds: float, what: str) -> None:
        """Poll ``check`` until it is true, or fail with the end of the hub's log."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise HubNotReady(f"the hub stopped while waiting for {what}:\n{self.log_tail()}")
            try:
                if check():
                    return
            except (requests.RequestException, OSError):
                pass
            time.sleep(0.3)
        raise HubNotReady(f"{what} did not answer within {seconds} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 60) -> str:
        """The last lines of the hub's log."""
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def as_trainer(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run a command in the course folder as the trainer, as in their server's terminal."""
        home = pwd.getpwnam(self.trainer).pw_dir
        config = os.pathsep.join([str(self.layout.trainer_jupyter), str(self.layout.jupyter)])
        result = subprocess.run(
            [shutil.which("runuser", path=SYSTEM_PATH) or "runuser", "-u", self.trainer, "--",
             *command], cwd=self.layout.course, capture_output=True, text=True, check=False,
            timeout=300, preexec_fn=lambda: os.umask(0o007),
            env={"PATH": os.pathsep.join([str(Path(self.python).parent), os.defpath]),
                 "HOME": home, "LANG": "C.UTF-8", "JUPYTER_CONFIG_PATH": config,
                 **self.environment})
        if check and result.returncode:
            raise AssertionError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
        return result


class Person:
    """Someone using the hub in a browser, reduced to its HTTP requests."""

    def __init__(self, hub: LoopbackHub, name: str, password: str = PASSWORD) -> None:
        self.hub = hub
        self.name = name
        self.password = password
        self.http = requests.Session()

    def _xsrf(self, path: str) -> str:
        best = ""
        for cookie in self.http.cookies:
            if cookie.name == "_xsrf" and path.startswith(cookie.path) and \
                    len(cookie.path) >= len(best):
                best, value = cookie.path, cookie.value
        return value if best else ""

    def _form(self, path: str, fields: dict[str, str]) -> requests.Response:
        self.http.get(self.hub.url + path, timeout=30)
        return self.http.post(self.hub.url + path, data={**fields, "_xsrf": self._xsrf(path)},
                              timeout=60)

    def sign_up(self) -> requests.Response:
        """The hub's sign-up form: choose a password (accounts on the roster only)."""
        return self._form("/hub/signup", {"username": self.name,
                                          "signup_password": self.password,
                                          "signup_password_confirmation": self.password})

    def log_in(self) -> requests.Response:
        """The hub's login form."""
        return self._form("/hub/login", {"username": self.name, "password": self.password})

    def log_out(self) -> None:
        """Log out of the hub (the server keeps running until stopped)."""
        self.http.get(self.hub.url + "/hub/logout", timeout=30)
        self.http.cookies.clear()

    def open_course(self, seconds: float = 180) -> None:
        """What the home page's Start button does: spawn and wait until JupyterLab answers."""
        self.http.get(self.hub.url + "/hub/spawn", timeout=60)
        self.hub.wait_for(lambda: self.open_lab().ok and self.get(self.server("api/status")).ok,
                          seconds, f"{self.name}'s server")

    def open_lab(self) -> requests.Response:
        """Load JupyterLab's page (through the hub's login), which sets the page's XSRF cookie."""
        return self.http.get(self.hub.url + self.server("lab"), timeout=60)

    def get(self, path: str, **kwargs) -> requests.Response:
        """A GET a page's script makes (with the XSRF token JupyterHub 4.1+ asks for)."""
        return self.send("GET", path, **kwargs)

    def send(self, method: str, path: str, **kwargs) -> requests.Response:
        """A request a page's script makes: with the XSRF token of the page it came from."""
        headers = {"X-XSRFToken": self._xsrf(path), **kwargs.pop("headers", {})}
        return self.http.request(method, self.hub.url + path, headers=headers, timeout=120,
                                 **kwargs)

    def server(self, path: str = "") -> str:
        """A path on this person's own server."""
        return f"/user/{self.name}/{path.lstrip('/')}"

    # The kernel, over its websocket

    def start_kernel(self, notebook: str) -> str:
        """Open ``notebook`` with a kernel, as JupyterLab does; returns the kernel id."""
        reply = self.send("POST", self.server("api/sessions"), json={
            "path": notebook, "type": "notebook", "name": Path(notebook).name,
            "kernel": {"name": "python3"}})
        reply.raise_for_status()
        return reply.json()["kernel"]["id"]

    def run(self, kernel: str, code: str, seconds: float = 120) -> dict:
        """Run ``code`` in ``kernel``; returns its text output, errors and status."""
        url = (self.hub.url.replace("http", "ws", 1)
               + self.server(f"api/kernels/{kernel}/channels"))
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies
                           if self.server().startswith(c.path) or c.path == "/")
        connection = websocket.create_connection(
            url, cookie=cookie, timeout=seconds,
            header=[f"X-XSRFToken: {self._xsrf(self.server())}"],
            origin=self.hub.url)
        message_id = uuid.uuid4().hex
        connection.send(json.dumps({
            "header": {"msg_id": message_id, "username": self.name, "session": uuid.uuid4().hex,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
        result = {"stdout": "", "error": "", "status": None}
        idle = False
        deadline = time.monotonic() + seconds
        while not (idle and result["status"]) and time.monotonic() < deadline:
            message = json.loads(connection.recv())
            if message.get("parent_header", {}).get("msg_id") != message_id:
                continue
            kind = message["header"]["msg_type"]
            content = message["content"]
            if kind == "stream":
                result["stdout"] += content.get("text", "")
            elif kind == "error":
                result["error"] = f"{content['ename']}: {content['evalue']}"
            elif kind == "execute_reply":
                result["status"] = content["status"]
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        connection.close()
        return result
