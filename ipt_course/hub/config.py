"""The hub's configuration, made from the files ``ipt-course hub setup`` wrote.

``deploy/jupyterhub/jupyterhub_config.py`` calls :func:`configure`. Three files under the
state folder feed it: ``cohort.yaml`` (the cohort settings, shared with the Kubernetes values),
``accounts.json`` (trainees from the roster) and ``machine.json`` (this machine's Python, proxy,
ports and address).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipt_course.hub.settings import CohortSettings, load_cohort
from ipt_course.hub.spawner import CohortHook, systemd_is_running

ROOM_SERVICE = "live-room"
CULLER_SERVICE = "idle-culler"
WELCOME = "/lab/tree/curriculum/00-welcome.ipynb"
SERVER_MODULE = "ipt_course.hub.singleuser"


@dataclass(frozen=True)
class Layout:
    """Where the hub's files live under its state folder."""

    state: Path

    @property
    def edition(self) -> Path:
        return self.state / "edition"

    @property
    def course(self) -> Path:
        return self.state / "course"

    @property
    def jupyter(self) -> Path:
        """Jupyter and nbgrader settings every server and service reads."""
        return self.state / "jupyter"

    @property
    def trainer_jupyter(self) -> Path:
        """nbgrader settings for trainers only: the course folder, shared by the trainers."""
        return self.state / "jupyter-trainer"

    @property
    def hub(self) -> Path:
        """The hub's own database and cookie secret (root only)."""
        return self.state / "hub"

    @property
    def cohort(self) -> Path:
        return self.state / "cohort.yaml"

    @property
    def accounts(self) -> Path:
        return self.state / "accounts.json"

    @property
    def machine(self) -> Path:
        return self.state / "machine.json"


def common_singleuser(cohort: CohortSettings) -> dict[str, Any]:
    """What every person's server gets, on one machine and on Kubernetes alike."""
    return {
        "module": SERVER_MODULE,
        "default_url": WELCOME,
        "args": ["--ServerApp.contents_manager_class=ipt_course.contents.CourseContentsManager"],
        "mem_limit": cohort.limits.memory_bytes,
        "cpu_limit": cohort.limits.cpu,
    }


def hub_roles(cohort: CohortSettings) -> list[dict[str, Any]]:
    """Who may reach what beyond their own server: everyone the room page; the culler servers.

    Formgrader and the dashboards run in each trainer's own server, which nobody else may
    open (trainers are the hub's administrators, so they may open anyone's).
    """
    return [
        {"name": "user", "scopes": ["self", f"access:services!service={ROOM_SERVICE}"]},
        {"name": CULLER_SERVICE, "services": [CULLER_SERVICE],
         "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
    ]


def culler_command(python: str, cohort: CohortSettings) -> list[str]:
    """jupyterhub-idle-culler's command line for the cohort's idle time."""
    return [python, "-m", "jupyterhub_idle_culler", f"--timeout={cohort.cull.idle_seconds}",
            f"--cull-every={cohort.cull.every_seconds}"]


def login_settings(cohort: CohortSettings) -> dict[str, Any]:
    """NativeAuthenticator's settings: sign-up for roster accounts only, strong passwords."""
    return {
        "open_signup": False,
        "check_common_password": True,
        "minimum_password_length": cohort.login.minimum_password_length,
        "allowed_failed_logins": cohort.login.allowed_failed_logins,
        "seconds_before_next_try": cohort.login.seconds_before_next_try,
    }


def configure(c: Any, state: Path | str) -> None:
    """Fill the JupyterHub config object ``c`` for the cohort set up under ``state``."""
    import nativeauthenticator

    layout = Layout(Path(state))
    cohort = load_cohort(layout.cohort)
    machine = json.loads(layout.machine.read_text(encoding="utf-8"))
    trainees = json.loads(layout.accounts.read_text(encoding="utf-8"))["trainees"]
    python, ports = machine["python"], machine["ports"]
    search_path = os.pathsep.join([str(Path(python).parent), os.defpath])

    c.JupyterHub.bind_url = machine["bind_url"]
    if machine.get("public_url"):
        # Servers learn it as JUPYTERHUB_PUBLIC_HUB_URL: the live page links the hub's room.
        c.JupyterHub.public_url = machine["public_url"]
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{ports['hub']}"
    if machine.get("ssl_cert"):
        c.JupyterHub.ssl_cert, c.JupyterHub.ssl_key = machine["ssl_cert"], machine["ssl_key"]
    c.ConfigurableHTTPProxy.command = [machine["proxy"]]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{ports['proxy_api']}"
    c.JupyterHub.db_url = f"sqlite:///{layout.hub / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(layout.hub / "jupyterhub_cookie_secret")
    c.JupyterHub.concurrent_spawn_limit = max(30, len(trainees) + len(cohort.trainers))

    c.JupyterHub.authenticator_class = "nativeauthenticator.NativeAuthenticator"
    c.JupyterHub.template_paths = [str(Path(nativeauthenticator.__file__).parent / "templates")]
    for name, value in login_settings(cohort).items():
        setattr(c.NativeAuthenticator, name, value)
    c.Authenticator.allowed_users = set(trainees) | set(cohort.trainers)
    c.Authenticator.admin_users = set(cohort.trainers)
    c.JupyterHub.load_groups = {"trainers": {"users": list(cohort.trainers)},
                                "trainees": {"users": list(trainees)}}
    c.JupyterHub.load_roles = hub_roles(cohort)

    environment = {"JUPYTER_CONFIG_PATH": str(layout.jupyter), "PATH": search_path,
                   **machine.get("environment", {})}
    c.JupyterHub.services = [
        {"name": CULLER_SERVICE, "command": culler_command(python, cohort)},
        {"name": ROOM_SERVICE, "url": f"http://127.0.0.1:{ports['room']}", "display": True,
         "oauth_no_confirm": True, "user": cohort.grader_account, "cwd": str(layout.course),
         "command": [python, "-m", "ipt_course.hub.room_service"],
         "environment": {**environment, "IPT_COURSE_ROOT": str(layout.course)}},
    ]

    if systemd_is_running() and not machine.get("local_processes"):
        c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
        c.SystemdSpawner.username_template = "{USERNAME}"
        c.SystemdSpawner.isolate_tmp = True
        c.SystemdSpawner.isolate_devices = True
        c.SystemdSpawner.disable_user_sudo = True
        c.SystemdSpawner.unit_extra_properties = {"UMask": "0077"}
    else:
        c.JupyterHub.spawner_class = "ipt_course.hub.spawner.CourseSpawner"
    shared = common_singleuser(cohort)
    c.Spawner.cmd = [python, "-m", shared["module"]]
    c.Spawner.args = [*shared["args"],
                      f"--LabApp.app_settings_dir={layout.jupyter / 'lab-settings'}"]
    c.Spawner.default_url = shared["default_url"]
    c.Spawner.notebook_dir = "~"
    c.Spawner.mem_limit = shared["mem_limit"]
    c.Spawner.cpu_limit = shared["cpu_limit"]
    c.Spawner.environment = environment
    c.Spawner.pre_spawn_hook = CohortHook(
        edition=layout.edition, python=python, environment=environment,
        trainers=set(cohort.trainers),
        course=layout.course,
        trainer_config=os.pathsep.join([str(layout.trainer_jupyter), str(layout.jupyter)]))
    c.Spawner.start_timeout = 180
    c.Spawner.http_timeout = 180
