"""The Zero to JupyterHub values that run the same course on Kubernetes.

Made from the cohort settings by ``ipt-course hub helm-values`` with the same functions the
one-machine configuration uses (:mod:`ipt_course.hub.config`), so the two cannot drift: the
servers' default page, arguments and limits, the login rules, the roles and the culling.

What differs on Kubernetes: each person's server is a pod of the image built from the trainee
edition (``deploy/kubernetes/Dockerfile``) with its own volume, and everyone runs as the same
user id in their pod, so a shared read-write folder would let anyone read everyone's
submissions; nbgrader's exchange goes through ngshare (a hub service with its own chart), and
the room page runs as its own deployment.
"""

from __future__ import annotations

from typing import Any

import yaml

from ipt_course import __version__
from ipt_course.hub.config import (
    CULLER_SERVICE,
    ROOM_SERVICE,
    common_singleuser,
    hub_roles,
    login_settings,
)
from ipt_course.hub.settings import CohortSettings, parse_size

HEADER = ("# Zero to JupyterHub values for the IPT Level A course (chart 4.4.0, JupyterHub 5).\n"
          "# Made from deploy/cohort.yaml by `ipt-course hub helm-values`: edit that file, not\n"
          "# this one. deploy/README.md says how to install it.\n")
EDITION = "/opt/ipt-course/edition"
CONFIG_PATH = "/etc/ipt-course/jupyter"


def nbgrader_settings(cohort: CohortSettings) -> str:
    """nbgrader's settings in every pod: the course and ngshare's exchange."""
    return ("c = get_config()  # noqa: F821\n"
            f"c.CourseDirectory.course_id = {cohort.course_id!r}\n"
            "from ngshare_exchange import configureExchange\n"
            f"configureExchange(c, 'http://proxy-public/services/ngshare/')\n")


def helm_values(cohort: CohortSettings) -> dict[str, Any]:
    """The chart's values for ``cohort``."""
    shared = common_singleuser(cohort)
    memory = parse_size(cohort.limits.memory)
    roles = {role["name"]: {"scopes": role["scopes"]} for role in hub_roles(cohort)
             if role["name"] != CULLER_SERVICE}
    return {
        "hub": {
            "config": {
                "JupyterHub": {"authenticator_class": "nativeauthenticator.NativeAuthenticator"},
                "NativeAuthenticator": login_settings(cohort),
                "Authenticator": {"admin_users": list(cohort.trainers), "allow_all": True},
            },
            "loadRoles": roles,
            "services": {
                ROOM_SERVICE: {"url": f"http://{ROOM_SERVICE}:10101", "display": True,
                               "oauth_no_confirm": True},
                "ngshare": {"url": "http://ngshare:8080"},
            },
            "extraConfig": {
                "ipt-course": (
                    "import os\nimport nativeauthenticator\n"
                    "c.JupyterHub.template_paths = [os.path.join("
                    "os.path.dirname(nativeauthenticator.__file__), 'templates')]\n"
                    f"c.JupyterHub.load_groups = {{'trainers': {{'users': "
                    f"{list(cohort.trainers)!r}}}}}\n"),
            },
        },
        "singleuser": {
            "image": {"name": "ipt-course-trainee", "tag": __version__},
            "defaultUrl": shared["default_url"],
            "extraEnv": {"JUPYTER_CONFIG_PATH": CONFIG_PATH},
            "cmd": ["python", "-m", shared["module"], *shared["args"]],
            "memory": {"limit": cohort.limits.memory, "guarantee": f"{memory // 2 // 2**20}M"},
            "cpu": {"limit": cohort.limits.cpu, "guarantee": round(cohort.limits.cpu / 4, 2)},
            "storage": {"capacity": "2Gi"},
            "lifecycleHooks": {"postStart": {"exec": {"command": [
                "python", "-m", "ipt_course.hub.homes", EDITION]}}},
            "extraFiles": {"nbgrader-config": {
                "mountPath": f"{CONFIG_PATH}/nbgrader_config.py",
                "stringData": nbgrader_settings(cohort)}},
        },
        "cull": {"enabled": True, "timeout": cohort.cull.idle_seconds,
                 "every": cohort.cull.every_seconds},
    }


class _Dumper(yaml.SafeDumper):
    """Writes text of several lines as a block, as a person would in a values file."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def values_text(cohort: CohortSettings) -> str:
    """``values.yaml`` as written to deploy/kubernetes/."""
    return HEADER + yaml.dump(helm_values(cohort), Dumper=_Dumper, sort_keys=False, width=100)
