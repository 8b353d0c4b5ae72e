"""Voila's first scripts are preloaded only for the Voila release they were recorded with."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest
from jupyter_core.paths import jupyter_path

from ipt_course.live import voila_app


@pytest.fixture
def recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "first.json"
    monkeypatch.setattr(voila_app, "FIRST_SCRIPTS", path)
    voila_app.first_scripts.cache_clear()
    yield path
    voila_app.first_scripts.cache_clear()


def test_the_page_names_the_scripts_recorded_for_the_installed_voila(recorded: Path) -> None:
    recorded.write_text(json.dumps({"voila": version("voila"), "scripts": ["1.voila.js"]}))
    config = voila_app.course_page_config({"fullStaticUrl": "/voila/static"}, base_url="/x/")
    assert config["preloadScripts"] == ["1.voila.js"]
    assert config["fullMathjaxUrl"] == "/x/voila/templates/ipt/static/no-typesetting.js"


def test_another_voila_release_gets_no_preloads_and_a_warning(
        recorded: Path, caplog: pytest.LogCaptureFixture) -> None:
    recorded.write_text(json.dumps({"voila": "0.0.1", "scripts": ["1.voila.js"]}))
    with caplog.at_level(logging.WARNING):
        config = voila_app.course_page_config({})
    assert config["preloadScripts"] == []
    assert "recorded for 0.0.1" in caplog.text


def test_the_committed_list_is_for_the_installed_voila_and_its_files() -> None:
    committed = json.loads(voila_app.FIRST_SCRIPTS.read_text())
    assert committed["voila"] == version("voila")
    folders = [Path(p) for p in jupyter_path("voila", "templates", "base", "static")]
    missing = [name for name in committed["scripts"]
               if not any((folder / name).is_file() for folder in folders)]
    assert committed["scripts"] and missing == []
