"""How each person's server is started: as their own system account, with limits.

On a machine run by systemd (The Littlest JupyterHub's way) the hub uses
``systemdspawner.SystemdSpawner``: each server is a systemd unit with a memory and CPU quota
for the server and every kernel together. Without systemd (containers, CI) it uses
:class:`CourseSpawner`, JupyterHub's local process spawner with a per-process memory limit
(``RLIMIT_DATA``) and a private umask; the CPU quota then needs systemd and is not applied.

Either way the trainee edition is delivered into the home folder first, as the person
(:func:`deliver_edition`), before their server starts.
"""

from __future__ import annotations

import asyncio
import os
import resource
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid


def systemd_is_running() -> bool:
    """Whether systemd manages this machine (so systemd-run units and quotas work)."""
    return Path("/run/systemd/system").is_dir()


class CourseSpawner(LocalProcessSpawner):
    """Local processes as the person's own account, each limited to ``mem_limit`` of data."""

    def make_preexec_fn(self, name: str):
        """Switch to the person's account, keep their new files private, limit memory."""
        become_user = super().make_preexec_fn(name)
        limit = self.mem_limit

        def preexec() -> None:
            become_user()
            os.umask(0o077)
            if limit:
                resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))

        return preexec


class DeliveryFailed(RuntimeError):
    """The edition could not be delivered; the server is not started without it."""


async def deliver_edition(spawner, edition: str, python: str) -> None:
    """Deliver the trainee edition into the person's home, running as them."""
    import pwd

    name = spawner.user.name
    home = pwd.getpwnam(name).pw_dir
    process = await asyncio.create_subprocess_exec(
        python, "-m", "ipt_course.hub.homes", edition,
        preexec_fn=set_user_setuid(name), cwd=home,
        env={"HOME": home, "USER": name, "PATH": os.defpath, "LANG": "C.UTF-8"},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await process.communicate()
    if process.returncode:
        raise DeliveryFailed(f"course files for {name}: {err.decode(errors='replace').strip()}")
    spawner.log.info("Course files for %s: %s", name, out.decode(errors="replace").strip())


class EditionHook:
    """A ``pre_spawn_hook`` delivering ``edition`` with ``python`` (picklable, testable)."""

    def __init__(self, edition: Path, python: str) -> None:
        self.edition = str(edition)
        self.python = python

    async def __call__(self, spawner) -> None:
        await deliver_edition(spawner, self.edition, self.python)


__all__ = ["CourseSpawner", "EditionHook", "deliver_edition", "systemd_is_running"]
