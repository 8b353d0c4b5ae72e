"""The cohort settings: one source for the one-machine hub and the Kubernetes values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from traitlets.config import Config

from ipt_course.hub.config import configure
from ipt_course.hub.helm import helm_values, values_text
from ipt_course.hub.settings import CohortSettingsError, load_cohort, parse_size
from tests.conftest import REPO

COHORT = REPO / "deploy" / "cohort.yaml"


def hub_config(tmp_path: Path, cohort_text: str) -> Config:
    """The JupyterHub configuration deploy/jupyterhub builds from ``cohort_text``."""
    state = tmp_path / "state"
    state.mkdir()
    (state / "cohort.yaml").write_text(cohort_text)
    (state / "accounts.json").write_text(json.dumps({"trainees": ["t001", "t002"]}))
    (state / "machine.json").write_text(json.dumps({
        "python": "/opt/ipt-course/venv/bin/python", "proxy": "/usr/bin/configurable-http-proxy",
        "bind_url": "http://:8000", "ports": {"hub": 8081, "proxy_api": 8001, "room": 10101},
        "local_processes": True}))
    c = Config()
    configure(c, state)
    return c


def test_the_committed_values_file_is_made_from_the_cohort_settings() -> None:
    committed = (REPO / "deploy" / "kubernetes" / "values.yaml").read_text()
    assert committed == values_text(load_cohort(COHORT)), \
        "deploy/kubernetes/values.yaml is stale: run `ipt-course hub helm-values`"


@pytest.mark.parametrize("memory", ["1G", "2G"])
def test_the_hub_and_the_values_read_the_same_settings(tmp_path: Path, memory: str) -> None:
    text = COHORT.read_text().replace("memory: 1G", f"memory: {memory}")
    c = hub_config(tmp_path, text)
    values = yaml.safe_load(values_text(load_cohort(_write(tmp_path / "c.yaml", text))))
    assert c.Spawner.mem_limit == parse_size(memory) == parse_size(
        values["singleuser"]["memory"]["limit"])
    assert c.Spawner.cpu_limit == values["singleuser"]["cpu"]["limit"]
    assert c.Spawner.default_url == values["singleuser"]["defaultUrl"]
    assert c.Spawner.cmd[1:] == values["singleuser"]["cmd"][1:3]
    assert set(c.Spawner.args) >= set(values["singleuser"]["cmd"][3:])
    assert dict(c.NativeAuthenticator) == values["hub"]["config"]["NativeAuthenticator"]
    assert c.Authenticator.admin_users == set(values["hub"]["config"]["Authenticator"]
                                              ["admin_users"])
    culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
    assert f"--timeout={values['cull']['timeout']}" in culler["command"]
    user_role = next(r for r in c.JupyterHub.load_roles if r["name"] == "user")
    assert user_role["scopes"] == values["hub"]["loadRoles"]["user"]["scopes"]


def test_the_hub_allows_only_the_roster_and_the_trainers(tmp_path: Path) -> None:
    c = hub_config(tmp_path, COHORT.read_text())
    assert c.Authenticator.allowed_users == {"t001", "t002", "trainer"}
    assert c.JupyterHub.authenticator_class == "nativeauthenticator.NativeAuthenticator"
    assert c.NativeAuthenticator.open_signup is False


def test_a_bad_cohort_file_says_which_key_and_why(tmp_path: Path) -> None:
    text = COHORT.read_text().replace("memory: 1G", "memory: lots").replace(
        "trainers: [trainer]", "trainers: [Trainer One]")
    with pytest.raises(CohortSettingsError) as raised:
        load_cohort(_write(tmp_path / "cohort.yaml", text + "colour: blue\n"))
    message = str(raised.value)
    assert "limits.memory" in message and "'lots' is not a size" in message
    assert "trainers" in message and "cannot be an account name" in message
    assert "colour" in message and "unknown key" in message
    with pytest.raises(CohortSettingsError, match="YAML syntax error"):
        load_cohort(_write(tmp_path / "broken.yaml", "course_id: [unclosed\n"))


def test_values_follow_a_change_of_course(tmp_path: Path) -> None:
    text = COHORT.read_text().replace("course_id: ipt-level-a", "course_id: ipt-autumn")
    values = helm_values(load_cohort(_write(tmp_path / "cohort.yaml", text)))
    assert "'ipt-autumn'" in values["singleuser"]["extraFiles"]["nbgrader-config"]["stringData"]


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_the_hubs_public_address_reaches_every_server(tmp_path: Path) -> None:
    assert not hub_config(tmp_path, COHORT.read_text()).JupyterHub.get("public_url")
    machine = json.loads((tmp_path / "state" / "machine.json").read_text())
    machine["public_url"] = "https://ipt.example.nhs.uk/"
    (tmp_path / "state" / "machine.json").write_text(json.dumps(machine))
    c = Config()
    configure(c, tmp_path / "state")
    assert c.JupyterHub.public_url == "https://ipt.example.nhs.uk/"
