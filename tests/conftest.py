"""Fixtures shared by every test tier."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
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


@pytest.fixture(autouse=True)
def private_jupyterlab_state(tmp_path_factory: pytest.TempPathFactory,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    """JupyterLab's remembered tabs and user settings of the test's own: a layout saved in the
    home folder by another run would reopen its notebooks beside the one a test opens."""
    folder = tmp_path_factory.mktemp("jupyterlab-state")
    monkeypatch.setenv("JUPYTERLAB_WORKSPACES_DIR", str(folder / "workspaces"))
    monkeypatch.setenv("JUPYTERLAB_SETTINGS_DIR", str(folder / "user-settings"))


@pytest.fixture(scope="session", autouse=True)
def private_jupyter_runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Saved-work locks and kernel files of this test run go to its own folder, not the user's."""
    folder = tmp_path_factory.mktemp("jupyter-runtime")
    before = os.environ.get("JUPYTER_RUNTIME_DIR")
    os.environ["JUPYTER_RUNTIME_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["JUPYTER_RUNTIME_DIR"]
    else:
        os.environ["JUPYTER_RUNTIME_DIR"] = before


@pytest.fixture(scope="session")
def playwright() -> Iterator:
    """One Playwright driver for the whole run: the browser and hub tiers share it, since
    its synchronous API allows only one at a time in a process."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright) -> Iterator:
    """One headless Chromium (Debian's) for the whole run."""
    from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

    chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS,
                                          headless=True)
    yield chromium
    chromium.close()


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


@pytest.fixture(scope="session")
def graded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course whose gradebook holds the graded test cohort, built once per test run.

    Creating an nbgrader gradebook takes seconds; tests copy this one instead.
    """
    from tests.cohort import fill_gradebook

    root = copy_course(tmp_path_factory.mktemp("graded") / "course")
    fill_gradebook(root)
    return root


@pytest.fixture
def fill_gradebook(graded_template: Path) -> Callable[..., None]:
    """Put the graded test cohort into a course copy's gradebook (copied from the template)."""
    from tests.cohort import QUIZ, copy_graded

    def fill(root: Path, quiz_id: str = QUIZ) -> None:
        assert quiz_id == QUIZ, "the template holds the Day 1 quiz only"
        copy_graded(graded_template, root)

    return fill
