"""A hardened Voila for live days: token, loopback, no tracebacks, culling, preheated kernels,
and the room page trainees open on their own devices."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ipt_course.live.address import ROOM_KIND_VARIABLE, ROOM_URL_VARIABLE

SHARE = Path(__file__).resolve().parent / "share"
TEMPLATE = "ipt"
# Lab extensions a live page does not use; loading them only adds errors and seconds.
UNUSED_LAB_EXTENSIONS = (
    "@jupyter/nbgrader",
    "@jupyter-notebook/lab-extension",
    "@voila-dashboards/jupyterlab-preview",
    "jupyterlab_pygments",  # colours code cells; a live page shows none
)
IMAGE_FILES = r".*\.(png|jpg|jpeg|gif|svg)$"


@dataclass
class VoilaSettings:
    """How one Voila server is started. Defaults are the safe ones."""

    target: Path
    port: int
    ip: str = "127.0.0.1"
    token: str | None = None
    preheat: dict[str, int] = field(default_factory=dict)
    cull_idle_seconds: int = 900
    extra_args: Sequence[str] = ()
    room_day: int = 0  # also serve this day's room page at /room (0: none)
    course_root: Path | None = None
    room_url: str = ""  # the room page's address as trainees open it, shown on the live page
    room_kind: str = ""  # "network" (this computer's name) or "given" (--room-url)
    fill_delay: int = 30  # seconds before a used preheated kernel is replaced


# A pool filling on a busy 2-core machine sends outputs later than nbclient's 4 s default; the
# pre-rendered page then lacks its widgets and shows blank.
EXECUTOR_SETTINGS = {"iopub_timeout": 60}


def page_settings() -> dict:
    """How every live page and dashboard is drawn: the course's template, no code, no
    tracebacks. Shared by ``ipt-course present`` and the Voila in trainers' servers on a hub."""
    return {
        "template": TEMPLATE,
        "show_tracebacks": False,
        "strip_sources": True,
        "allow_template_override": "NO",
        "allow_theme_override": "NO",
        "extension_denylist": list(UNUSED_LAB_EXTENSIONS),
        "file_allowlist": [IMAGE_FILES],
        # The trainer's index of dashboards is the template's own page (tree.html).
        "classic_tree": True,
    }


def voila_config(settings: VoilaSettings) -> dict:
    """The Voila configuration (as a voila.json would hold it) for ``settings``."""
    config: dict = {
        "VoilaConfiguration": {
            **page_settings(),
            "preheat_kernel": bool(settings.preheat),
            "default_pool_size": 0,
        },
        "VoilaExecutor": EXECUTOR_SETTINGS,
        "MappingKernelManager": {
            "cull_idle_timeout": settings.cull_idle_seconds,
            "cull_interval": 60,
            # A closed tab leaves its kernel connected-looking but idle; cull it anyway.
            "cull_connected": True,
        },
    }
    if os.name == "posix":
        # Kernels and server talk over sockets in the server's private folder, not on loopback
        # ports: nobody else on the machine can reach a kernel, and a pool starting together
        # cannot race for a port (the loser would restart empty and give a viewer a blank page).
        config["KernelManager"] = {"transport": "ipc"}
    if settings.room_day:
        config["CourseVoila"] = {"room_day": settings.room_day,
                                 "course_root": str(settings.course_root or "")}
    if settings.preheat:
        config["VoilaKernelManager"] = {
            "kernel_pools_config": {
                "default": {"pool_size": 0},
                **{name: {"pool_size": size} for name, size in settings.preheat.items()},
            },
            # Refill the pool only after a crowd has loaded, not while it competes for the CPU.
            "fill_delay": settings.fill_delay,
        }
    return config


def voila_command(settings: VoilaSettings) -> list[str]:
    """The command line that starts Voila with ``settings``."""
    command = [
        sys.executable, "-m", "ipt_course.live.voila_app", str(settings.target), "--no-browser",
        f"--port={settings.port}", f"--Voila.ip={settings.ip}", "--Voila.port_retries=0",
    ]
    command.append(f"--token={settings.token}" if settings.token else "--Voila.token=")
    return [*command, *settings.extra_args]


def voila_environment(config_dir: Path, settings: VoilaSettings) -> dict[str, str]:
    """Environment for Voila: our template on JUPYTER_PATH and our config on the config path."""
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "voila.json").write_text(json.dumps(voila_config(settings), indent=2))
    environment = dict(os.environ)
    environment["JUPYTER_PATH"] = os.pathsep.join(
        [str(SHARE), *filter(None, [os.environ.get("JUPYTER_PATH")])])
    environment["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        [str(config_dir), *filter(None, [os.environ.get("JUPYTER_CONFIG_PATH")])])
    environment["PYTHONUNBUFFERED"] = "1"
    if settings.room_url:
        environment[ROOM_URL_VARIABLE] = settings.room_url
        environment[ROOM_KIND_VARIABLE] = settings.room_kind or "given"
    return environment
