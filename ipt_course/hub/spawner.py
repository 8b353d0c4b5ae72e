"""How each person's server is started: as their own system account, with limits.

On a machine run by systemd (The Littlest JupyterHub's way) the hub uses
``systemdspawner.SystemdSpawner``: each server is a systemd unit with a memory and CPU quota
for the server and every kernel together. Without systemd (containers, CI) it uses
:class:`CourseSpawner`, JupyterHub's local process spawner with a per-process memory limit
(``RLIMIT_DATA``) and a private umask; the CPU quota then needs systemd and is not applied.

Either way :class:`CohortHook` runs first: a trainee's home gets the trainee edition, as the
person (:func:`deliver_edition`); a trainer's server opens the trainers' shared course folder.
"""

from __future__ import annotations

import asyncio
import os
import resource
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Integer


def systemd_is_running() -> bool:
    """Whether systemd manages this machine (so systemd-run units and quotas work)."""
    return Path("/run/systemd/system").is_dir()


class CourseSpawner(LocalProcessSpawner):
    """Local processes as the person's own account, each limited to ``mem_limit`` of data."""

    umask = Integer(0o077, config=True,
                    help="Permissions taken away from new files (trainers share theirs)")

    def make_preexec_fn(self, name: str):
        """Switch to the person's account, keep their new files private, limit memory."""
        become_user = super().make_preexec_fn(name)
        limit = self.mem_limit
        umask = self.umask

        def preexec() -> None:
            become_user()
            os.umask(umask)
            if limit:
                resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))

        return preexec


class DeliveryFailed(RuntimeError):
    """The edition could not be delivered; the server is not started without it."""


async def deliver_edition(spawner, edition: str, python: str,
                          environment: dict[str, str] | None = None) -> None:
    """Deliver the trainee edition into the person's home, running as them."""
    import pwd

    name = spawner.user.name
    home = pwd.getpwnam(name).pw_dir
    process = await asyncio.create_subprocess_exec(
        python, "-m", "ipt_course.hub.homes", edition,
        preexec_fn=set_user_setuid(name), cwd=home,
        env={**(environment or {}), "HOME": home, "USER": name, "LANG": "C.UTF-8"},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await process.communicate()
    if process.returncode:
        raise DeliveryFailed(f"course files for {name}: {err.decode(errors='replace').strip()}")
    spawner.log.info("Course files for %s: %s", name, out.decode(errors="replace").strip())


class CohortHook:
    """The ``pre_spawn_hook``: trainees get the edition; trainers the course folder, shared.

    A trainer's server opens the course folder with nbgrader's trainer tools (formgrader, the
    dashboards through Voila) and keeps new files readable and writable by the other trainers.
    """

    def __init__(self, edition: Path, python: str, environment: dict[str, str],
                 trainers: set[str], course: Path, trainer_config: str) -> None:
        self.edition = str(edition)
        self.python = python
        self.environment = dict(environment)
        self.trainers = set(trainers)
        self.course = str(course)
        self.trainer_config = trainer_config

    async def __call__(self, spawner) -> None:
        if spawner.user.name not in self.trainers:
            await deliver_edition(spawner, self.edition, self.python, self.environment)
            return
        spawner.notebook_dir = self.course
        spawner.default_url = "/lab"
        spawner.environment = {**spawner.environment, "JUPYTER_CONFIG_PATH": self.trainer_config}
        if hasattr(spawner, "unit_extra_properties"):
            spawner.unit_extra_properties = {**spawner.unit_extra_properties, "UMask": "0007"}
        else:
            spawner.umask = 0o007


__all__ = ["CohortHook", "CourseSpawner", "deliver_edition", "systemd_is_running"]
