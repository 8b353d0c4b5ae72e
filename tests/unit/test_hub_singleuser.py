"""The hub's server launcher and the trainers' Voila: the course's template, no IRI grammars."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from traitlets.config import Config, JSONFileConfigLoader, PyFileConfigLoader

from ipt_course.hub.config import common_singleuser
from ipt_course.hub.helm import helm_values
from ipt_course.hub.settings import CohortSettings
from ipt_course.hub.setup import write_trainer_voila
from ipt_course.hub.singleuser import add_course_templates
from ipt_course.live.server import SHARE, TEMPLATE
from ipt_course.live.voila_app import course_page_config

PROBE = textwrap.dedent("""
    import sys
    {prepare}
    import jupyter_server.serverapp
    from jupyter_events import EventLogger
    from jsonschema import Draft7Validator
    checker = Draft7Validator.FORMAT_CHECKER
    assert not checker.conforms("not a date", "date-time")
    assert checker.conforms("2026-12-07T09:00:00Z", "date-time")
    logger = EventLogger()
    logger.register_event_schema({{
        "$id": "https://events.example/ipt/probe", "version": "1",
        "properties": {{"action": {{"enum": ["save"]}}, "path": {{"type": "string"}}}}}})
    logger.emit(schema_id="https://events.example/ipt/probe", data={{"action": "save",
                "path": "day1/quiz.ipynb"}})
    print(int(sys.modules.get("rfc3987_syntax") is not None))
""")


def _probe(prepare: str) -> bool:
    """Whether the server's imports loaded the IRI grammars (after ``prepare`` ran)."""
    done = subprocess.run([sys.executable, "-c", PROBE.format(prepare=prepare)],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip() == "1"


def test_the_server_starts_with_event_checks_working_and_no_iri_grammars() -> None:
    assert _probe(""), "the stock server loads the IRI grammars (nothing to turn away now?)"
    assert not _probe("from ipt_course.hub.singleuser import turn_away_skipped_imports\n"
                      "turn_away_skipped_imports()")


def test_both_deployments_start_servers_with_the_launcher() -> None:
    cohort = CohortSettings(course_id="ipt-level-a", trainers=["trainer1"])
    module = common_singleuser(cohort)["module"]
    assert module == "ipt_course.hub.singleuser"
    assert helm_values(cohort)["singleuser"]["cmd"][:3] == ["python", "-m", module]


def test_the_course_template_comes_first_on_the_jupyter_path_once() -> None:
    environ = {"JUPYTER_PATH": os.pathsep.join(["/srv/extra", str(SHARE)])}
    add_course_templates(environ)
    add_course_templates(environ)
    assert environ["JUPYTER_PATH"].split(os.pathsep) == [str(SHARE), "/srv/extra"]
    assert (SHARE / "voila" / "templates" / TEMPLATE / "conf.json").is_file()
    bare: dict[str, str] = {}
    add_course_templates(bare)
    assert bare == {"JUPYTER_PATH": str(SHARE)}


def test_the_trainers_voila_draws_pages_with_the_course_template(tmp_path: Path) -> None:
    from voila.configuration import VoilaConfiguration

    write_trainer_voila(tmp_path)
    config = Config()
    for loader in (JSONFileConfigLoader("voila.json", str(tmp_path)),
                   PyFileConfigLoader("voila.py", str(tmp_path))):
        config.merge(loader.load_config())
    voila = VoilaConfiguration(config=config)
    assert voila.template == TEMPLATE
    assert voila.strip_sources and not voila.show_tracebacks
    assert voila.page_config_hook is course_page_config
