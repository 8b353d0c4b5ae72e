"""Accounts from the roster, sign-up for the roster only, and the trainee edition in each home."""

from __future__ import annotations

import grp
import json
import pwd
import re
import stat
from pathlib import Path

import psutil
import pytest

from tests.hub.harness import LoopbackHub, Person

pytestmark = pytest.mark.hub


def test_every_person_has_a_private_account_and_the_course_is_the_graders(
        hub: LoopbackHub) -> None:
    for name in [*hub.trainees, hub.trainer]:
        home = pwd.getpwnam(name).pw_dir
        assert stat.S_IMODE(Path(home).stat().st_mode) == 0o700, name
    course = hub.layout.course.stat()
    assert pwd.getpwuid(course.st_uid).pw_name == hub.grader
    assert grp.getgrgid(course.st_gid).gr_name == f"{hub.tag}tg"
    assert stat.S_IMODE(course.st_mode) == 0o2770
    assert hub.trainer in grp.getgrgid(course.st_gid).gr_mem
    assert not set(hub.trainees) & set(grp.getgrgid(course.st_gid).gr_mem)


def test_only_roster_accounts_can_sign_up_and_log_in(hub: LoopbackHub) -> None:
    stranger = Person(hub, f"{hub.tag}x")
    stranger.sign_up()
    assert "/hub/login" in stranger.log_in().url
    assert stranger.get("/hub/home").url.startswith(f"{hub.url}/hub/login")
    impostor = Person(hub, hub.trainees[0], password="not-the-password-1")
    assert "/hub/login" in impostor.log_in().url


def test_first_login_puts_the_trainee_edition_in_the_home(trainees: list[Person]) -> None:
    person = trainees[0]
    top = {item["name"] for item in person.get(person.server("api/contents")).json()["content"]}
    assert {"curriculum", "README.md", "course.yaml"} <= top
    assert not top & {"quizzes", "source", "dashboards", "release", "nbgrader_config.py"}
    day1 = {item["name"] for item in
            person.get(person.server("api/contents/curriculum/day1")).json()["content"]}
    assert "01-overview-of-ipt.ipynb" in day1 and "live.ipynb" not in day1
    readme = person.get(person.server("api/contents/README.md")).json()["content"]
    assert "Assignment List" in readme


def test_the_trainees_jupyterlab_has_no_trainer_tools(trainees: list[Person]) -> None:
    person = trainees[1]
    page = person.open_lab().text
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">'
                                  r"(.*?)</script>", page, re.DOTALL).group(1))
    disabled = set(config["disabledExtensions"])
    assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
            "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:validate-assignment"} <= disabled
    assert "@jupyter/nbgrader:assignment-list" not in disabled
    assert person.get(person.server("formgrader")).status_code == 404
    assert person.get(person.server("formgraders")).status_code == 404
    listed = person.get(person.server("assignments"), params={"course_id": "ipt-level-a"})
    assert listed.status_code == 200 and listed.json()["success"] is True


def test_each_server_runs_as_its_trainee_with_the_memory_limit(
        hub: LoopbackHub, trainees: list[Person]) -> None:
    for person in trainees:
        uid = pwd.getpwnam(person.name).pw_uid
        servers = [p for p in psutil.process_iter(["uids", "cmdline"])
                   if p.info["uids"] and p.info["uids"].real == uid
                   and "ipt_course.hub.singleuser" in " ".join(p.info["cmdline"] or [])]
        assert len(servers) == 1, person.name
        limits = Path(f"/proc/{servers[0].pid}/limits").read_text()
        data = re.search(r"^Max data size\s+(\S+)\s+(\S+)", limits, re.MULTILINE)
        assert data.groups() == (str(1024**3), str(1024**3)), person.name
