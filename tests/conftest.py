"""Fixtures shared by every test tier."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
COURSE_CONTENT = ("course.yaml", "nbgrader_config.py", "curriculum", "quizzes", "source", "release",
                  "jupyter-config")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite golden files from the current output instead of comparing")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files."""
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(autouse=True)
def trainee_data_dir(tmp_path_factory: pytest.TempPathFactory,
                     monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Jupyter data folder of the test's own, so a trainee's order seed is never read from,
    or written to, the home folder of whoever runs the tests (kernels started by a test too)."""
    folder = tmp_path_factory.mktemp("jupyter-data")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The course repository under test."""
    return REPO


def copy_course(destination: Path) -> Path:
    """Copy the course content (no trainee data, no .git, no .venv) to ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in COURSE_CONTENT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        elif source.is_file():
            shutil.copy2(source, destination / name)
    return destination


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A private copy of the course that a test may change or run notebooks in."""
    return copy_course(tmp_path / "course")
