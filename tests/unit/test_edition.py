"""The trainee edition holds no answer key, explanation or trainer page, and the scan proves it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

from ipt_course.course import load_course
from ipt_course.edition import (
    MARKER,
    EditionError,
    EditionLeak,
    bank_secrets,
    build_trainee_edition,
    read_marker,
    scan_folder,
)
from ipt_course.edition.cli import cmd_check
from tests.conftest import REPO, copy_course

TRAINER_ONLY = ("quizzes", "source", "dashboards", "release", "nbgrader_config.py",
                "gradebook.db", "autograded", "submitted", "feedback")


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_course(tmp_path_factory.mktemp("course") / "course")


@pytest.fixture(scope="module")
def edition(course: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("edition") / "ipt-course"
    build_trainee_edition(course, out)
    return out


@pytest.fixture(scope="module")
def hub_edition(course: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hub-edition") / "ipt-course"
    build_trainee_edition(course, out, hub=True)
    return out


def test_the_scan_knows_every_key_and_explanation_in_the_banks() -> None:
    secrets = bank_secrets(REPO)
    banks = {path.name: yaml.safe_load(path.read_text())
             for path in (REPO / "quizzes").glob("*.yaml")}
    keyed = {(f"quizzes/{name}", q["id"]) for name, bank in banks.items()
             for q in bank["questions"] if "answer" in q}
    explained = {(f"quizzes/{name}", q["id"]) for name, bank in banks.items()
                 for q in bank["questions"] if q.get("explanation")}
    assert keyed and explained
    assert {(s.bank, s.question) for s in secrets if s.kind == "answer key"} == keyed
    assert {(s.bank, s.question) for s in secrets if s.kind == "explanation"} == explained


@pytest.mark.parametrize("which", ["edition", "hub_edition"])
def test_the_edition_holds_no_key_explanation_or_trainer_page(
        which: str, request: pytest.FixtureRequest) -> None:
    folder: Path = request.getfixturevalue(which)
    assert scan_folder(folder, bank_secrets(REPO)) == []
    names = {path.relative_to(folder).parts[0] for path in folder.iterdir()}
    assert not names & set(TRAINER_ONLY)
    assert not list(folder.rglob("live.ipynb"))
    assert not [path for path in folder.rglob("*") if "live.ipynb" in path.name]


def test_the_edition_has_the_curriculum_quizzes_package_and_readme(edition: Path) -> None:
    course = load_course(REPO)
    taught = [nb for nb in course.all_notebooks() if not nb.endswith("live.ipynb")]
    assert taught
    for notebook in taught:
        assert (edition / notebook).is_file(), notebook
    for quiz in (REPO / "release").iterdir():
        assert (edition / quiz.name / f"{quiz.name}.ipynb").is_file()
        assert (edition / quiz.name / f"{quiz.name}.questions.json").is_file()
    assert (edition / "package" / "ipt_course" / "quiz" / "widgets.py").is_file()
    assert (edition / "package" / "pyproject.toml").is_file()
    assert "make start" in (edition / "Makefile").read_text()
    readme = (edition / "README.md").read_text()
    assert "make start" in readme and "Teams" in readme


def test_the_hub_edition_leaves_quizzes_and_package_to_the_hub(hub_edition: Path) -> None:
    assert not (hub_edition / "package").exists()
    assert not (hub_edition / "Makefile").exists()
    assert not list(hub_edition.glob("day*-quiz"))
    readme = (hub_edition / "README.md").read_text()
    assert "Assignment List" in readme and "Fetch Feedback" in readme
    assert "make start" not in readme


def test_the_edition_manifest_and_day_readmes_name_no_trainer_file(edition: Path) -> None:
    course = load_course(edition)
    assert all(day.live is None and day.quiz is None for day in course.days)
    assert len(course.days) == len(load_course(REPO).days)
    for readme in (edition / "curriculum").glob("day*/README.md"):
        text = readme.read_text()
        assert "live.ipynb" not in text and "release/" not in text, readme


def test_edition_notebooks_carry_no_outputs(edition: Path) -> None:
    for path in (edition / "curriculum").rglob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        assert all(not cell.get("outputs") for cell in notebook.cells), path


def test_the_edition_hides_nbgrader_trainer_tools_and_keeps_the_assignment_list(
        edition: Path) -> None:
    page = json.loads((edition / ".jupyter" / "labconfig" / "page_config.json").read_text())
    disabled = {name for name, off in page["disabledExtensions"].items() if off}
    assert disabled >= {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                        "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:validate-assignment"}
    assert not any(name.startswith("@jupyter/nbgrader:assignment-list") for name in disabled)
    server = json.loads((edition / ".jupyter" / "jupyter_server_config.json").read_text())
    switches = server["ServerApp"]["jpserver_extensions"]
    assert {name for name, on in switches.items() if not on} >= {
        "nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list",
        "nbgrader.server_extensions.validate_assignment"}
    assert "nbgrader.server_extensions.assignment_list" not in switches


def test_the_record_lists_every_file_with_its_checksum(edition: Path) -> None:
    record = read_marker(edition)
    assert record is not None and record["hub"] is False
    files = {p.relative_to(edition).as_posix() for p in edition.rglob("*")
             if p.is_file() and p.name != MARKER}
    assert set(record["files"]) == files


# Positive controls: the scan finds what is planted.

@pytest.fixture
def planted(edition: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "planted"
    shutil.copytree(edition, folder)
    return folder


def _questions(bank: str) -> list[dict]:
    return yaml.safe_load((REPO / "quizzes" / bank).read_text())["questions"]


def test_the_scan_finds_a_bank_dropped_into_the_edition(planted: Path) -> None:
    (planted / "notes").mkdir()
    shutil.copy(REPO / "quizzes" / "day1.yaml", planted / "notes" / "day1.yaml")
    shutil.copytree(REPO / "quizzes", planted / "quizzes")
    found = [str(f) for f in scan_folder(planted, bank_secrets(REPO))]
    assert any("trainer-only folder quizzes/" in line for line in found)
    for question in _questions("day1.yaml"):
        if "answer" in question:
            assert any(line.startswith("notes/day1.yaml: answer key of "
                                       f"{question['id']} ") for line in found), question["id"]


def test_the_scan_finds_the_instructor_notebook_in_place_of_the_release(planted: Path) -> None:
    shutil.copy(REPO / "source" / "day1-quiz" / "day1-quiz.ipynb",
                planted / "day1-quiz" / "day1-quiz.ipynb")
    found = [str(f) for f in scan_folder(planted, bank_secrets(REPO))]
    assert "day1-quiz/day1-quiz.ipynb: nbgrader key marker 'BEGIN HIDDEN TESTS'" in found
    keyed = [q["id"] for q in _questions("day1.yaml") if "answer" in q]
    assert all(any(f"answer key of {qid} " in line for line in found) for qid in keyed)


def test_the_scan_finds_one_explanation_sentence_in_a_notebook(planted: Path) -> None:
    question = next(q for q in _questions("day1.yaml") if q.get("explanation"))
    sentence = [s for s in bank_secrets(REPO)
                if s.question == question["id"] and s.kind == "explanation"][-1].text
    path = planted / "curriculum" / "day1" / "01-overview-of-ipt.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell(f"A note:\n{sentence}"))
    nbformat.write(notebook, path)
    found = [str(f) for f in scan_folder(planted, bank_secrets(REPO))]
    assert any(line.startswith(f"curriculum/day1/01-overview-of-ipt.ipynb: explanation of "
                               f"{question['id']} ") for line in found)


def test_the_scan_reads_an_explanation_through_bold_and_tags(planted: Path) -> None:
    question = next(q for q in _questions("day1.yaml") if q.get("explanation"))
    sentence = [s for s in bank_secrets(REPO)
                if s.question == question["id"] and s.kind == "explanation"][-1].text
    words = sentence.split()
    middle = len(words) // 2
    bold = " ".join([*words[:middle], f"**{words[middle]}**", *words[middle + 1:]])
    tagged = " ".join([*words[:middle], f"<strong>{words[middle]}</strong>", *words[middle + 1:]])
    path = planted / "curriculum" / "day1" / "01-overview-of-ipt.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell(f"A note:\n{bold}"))
    nbformat.write(notebook, path)
    (planted / "page.html").write_text(f"<p>{tagged}</p>", encoding="utf-8")
    found = [str(f) for f in scan_folder(planted, bank_secrets(REPO))]
    for where in ("curriculum/day1/01-overview-of-ipt.ipynb", "page.html"):
        assert any(line.startswith(f"{where}: explanation of {question['id']} ")
                   for line in found), (where, found)


def test_the_scan_finds_keys_in_question_data_and_a_live_page(planted: Path) -> None:
    question = next(q for q in _questions("day1.yaml") if "answer" in q)
    data = planted / "day1-quiz" / "day1-quiz.questions.json"
    questions = json.loads(data.read_text())
    questions["questions"][0]["answer"] = question["answer"]
    data.write_text(json.dumps(questions, indent=1))
    shutil.copy(REPO / "curriculum" / "day1" / "live.ipynb",
                planted / "curriculum" / "day1" / "today.ipynb")
    (planted / "gradebook.db").write_bytes(b"SQLite format 3\0")
    found = [str(f) for f in scan_folder(planted, bank_secrets(REPO))]
    assert any(line.startswith(f"day1-quiz/day1-quiz.questions.json: answer key of "
                               f"{question['id']} ") for line in found)
    assert ("curriculum/day1/today.ipynb: a notebook that opens a live page, dashboard or "
            "grading") in found
    assert "gradebook.db: trainer-only file gradebook.db" in found


def test_the_check_command_fails_on_a_planted_key(planted: Path, capsys) -> None:
    shutil.copy(REPO / "quizzes" / "day1.yaml", planted / "curriculum" / "day1.yaml")
    args = type("Args", (), {"folder": planted, "root": str(REPO)})()
    assert cmd_check(args) == 1
    assert "must not reach trainees" in capsys.readouterr().err


# The builder itself.

def test_a_course_with_a_leak_gives_no_edition(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "course")
    question = next(q for q in _questions("day1.yaml") if q.get("explanation"))
    sentence = next(s for s in bank_secrets(course)
                if s.question == question["id"] and s.kind == "explanation").text
    readme = course / "curriculum" / "day1" / "extra.md"
    readme.write_text(f"Revision notes. {sentence}\n")
    with pytest.raises(EditionLeak) as raised:
        build_trainee_edition(course, tmp_path / "out")
    assert "curriculum/day1/extra.md: explanation of" in str(raised.value)
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_trainee_data_in_the_trainers_copy_is_left_behind(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "course")
    day2 = course / "curriculum" / "day2"
    (day2 / "my-inventory.json").write_text("{}")
    (day2 / "01-interpersonal-inventory.responses.json").write_text("{}")
    (day2 / ".ipynb_checkpoints").mkdir(exist_ok=True)
    (day2 / ".ipynb_checkpoints" / "x-checkpoint.ipynb").write_text("{}")
    out = build_trainee_edition(course, tmp_path / "out").folder
    assert not (out / "curriculum" / "day2" / "my-inventory.json").exists()
    assert not list(out.rglob("*.responses.json"))
    assert not list(out.rglob(".ipynb_checkpoints"))


def test_an_unrelated_folder_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "someone"
    out.mkdir()
    (out / "thesis.docx").write_text("mine")
    with pytest.raises(EditionError, match="not empty"):
        build_trainee_edition(REPO, out)
    assert (out / "thesis.docx").read_text() == "mine"


def test_an_earlier_edition_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "edition"
    build_trainee_edition(REPO, out, hub=True)
    (out / "stale.txt").write_text("from before")
    build_trainee_edition(REPO, out, hub=True)
    assert not (out / "stale.txt").exists()
    assert (out / "curriculum" / "00-welcome.ipynb").is_file()


def _start_banner(folder: Path, config: Path) -> str:
    """What ``ipt-course start`` prints in ``folder`` before JupyterLab takes over."""
    import os
    import signal
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "ipt_course.cli", "start", "--no-browser"], cwd=folder,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True,
        env={**os.environ, "JUPYTER_CONFIG_DIR": str(config)})
    lines = []
    try:
        for line in process.stdout:
            lines.append(line)
            if "Open this address" in line:
                break
    finally:  # JupyterLab runs as a child of the command: end the whole group
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    return "".join(lines)


def test_start_in_the_trainers_copy_says_so_and_the_edition_does_not(
        edition: Path, tmp_path: Path) -> None:
    assert "This is the trainer's copy of the course" in _start_banner(REPO, tmp_path)
    banner = _start_banner(edition, edition / ".jupyter")
    assert "The course is starting" in banner and "trainer" not in banner
