"""Run JupyterLab for ``ipt-course start``: the address once it answers, and a quiet terminal.

A trainee reads this terminal. The address appears only when the server answers it, so
opening it early never shows "This site can't be reached"; the server's routine log is left
out (errors still show), and the start-up warnings a trainee can do nothing about are avoided
at their source.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

READY_TIMEOUT = 300.0


@dataclass(frozen=True)
class LabSettings:
    """Where and how JupyterLab serves the course."""

    root: Path
    welcome: str
    port: int
    token: str
    ip: str = "127.0.0.1"
    open_browser: bool = True

    @property
    def address(self) -> str:
        """What the trainee opens: the welcome notebook, signed in by the token."""
        return f"http://{self.ip}:{self.port}/lab/tree/{self.welcome}?token={self.token}"

    @property
    def probe(self) -> str:
        """An address that answers only once the server serves, reached from this machine."""
        host = "127.0.0.1" if self.ip in ("0.0.0.0", "", "*") else self.ip
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}/api/status?token={self.token}"


def lab_command(settings: LabSettings) -> list[str]:
    """The ``jupyter lab`` command line for the course."""
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or "jupyter"
    root = settings.root
    command = [
        jupyter, "lab", settings.welcome,
        f"--ServerApp.root_dir={root}", f"--ServerApp.port={settings.port}",
        "--ServerApp.port_retries=0", f"--IdentityProvider.token={settings.token}",
        f"--ServerApp.ip={settings.ip}",
        # Errors only: the routine start-up log buries the address.
        "--Application.log_level=ERROR",
        # notebook_shim carries settings over from the classic Notebook server, which the
        # course never had; it also reads the deprecated ServerApp.token, and so warns.
        "--ServerApp.jpserver_extensions", "notebook_shim=False",
        # Jupyter Server's default websocket ping timeout (three pings) is longer than Tornado
        # now allows, which Tornado shortens to one ping with a warning: ask for one ping.
        "--ServerApp.tornado_settings", "ws_ping_timeout=30000",
        # Encrypt what kernels and the server say to each other when the kernel can (ipykernel
        # warns on every start that plain loopback TCP is readable by other local users).
        "--KernelManager.transport_encryption=auto",
        # Course defaults for JupyterLab (no news pop-ups over a notebook shared on Teams).
        f"--LabApp.app_settings_dir={root / 'jupyter-config' / 'lab-settings'}",
        # Opening a notebook should not mark it as changed.
        "--ServerApp.contents_manager_class=ipt_course.contents.CourseContentsManager",
    ]
    if not settings.open_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines often run as root
    return command


def lab_environment(root: Path) -> dict[str, str]:
    """The server's environment: this one, with the course folder."""
    return {**os.environ, "IPT_COURSE_ROOT": str(root)}


def answers(url: str) -> bool:
    """Whether a server answers ``url`` with success right now."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def responds(url: str) -> bool:
    """Whether a server is up at ``url``: any HTTP answer counts, a missing page included."""
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def wait_until_ready(process: subprocess.Popen, url: str, timeout: float = READY_TIMEOUT,
                     probe: Callable[[str], bool] = answers) -> bool:
    """Poll ``url`` with ``probe`` until it passes (True), the server exits or time runs out
    (False). The default asks for a successful answer; :func:`responds` takes any answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if probe(url):
            return True
        time.sleep(0.25)
    return False


def run_lab(settings: LabSettings) -> int:
    """Start JupyterLab, print the address once it answers, and wait until it stops."""
    print("The course is starting; this takes a few seconds...", flush=True)
    process = subprocess.Popen(lab_command(settings), cwd=settings.root,
                               env=lab_environment(settings.root))
    # Stopping this command (a closed terminal, kill) stops the server too.
    signal.signal(signal.SIGTERM, lambda *_: process.terminate())
    try:
        ready = wait_until_ready(process, settings.probe)
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()
    if not ready:
        if process.poll() is None:
            process.terminate()
            print("JupyterLab did not start within "
                  f"{READY_TIMEOUT / 60:.0f} minutes; it was stopped.", file=sys.stderr)
            process.wait()
            return 1
        print("JupyterLab stopped before it was ready; the lines above say why.",
              file=sys.stderr)
        return process.returncode or 1
    print(f"The course is ready. Open this address in your browser:\n  {settings.address}\n"
          "Press Ctrl+C twice in this window to stop.", flush=True)
    while True:
        # Ctrl+C reaches the server as well, which asks before stopping: wait for its answer.
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue
