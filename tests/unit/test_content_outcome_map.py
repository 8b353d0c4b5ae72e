"""Every learning outcome of the six days is taught, practised and assessed.

Read from the manifest (course.yaml), the teaching notebooks, the self-check files, the
role-play scenarios and the quiz banks, so the test fails as soon as any link is dropped.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import nbformat
import pytest
import yaml

from ipt_course.course import Course, load_course
from ipt_course.tools.selfcheck import validate_selfcheck_file

ROOT = Path(__file__).resolve().parents[2]
DAYS = (1, 2, 3, 4, 5, 6)
OUTCOMES_HEADING = re.compile(r"(?im)^#+\s*learning outcomes?\s*$")
OUTCOME_ID = re.compile(r"\bd[0-9]+\.lo[0-9]+\b")


@cache
def course() -> Course:
    return load_course(ROOT)


def _outcome_ids() -> list[str]:
    return [outcome.id for day in DAYS for outcome in course().day(day).outcomes]


def _yaml(relative: str | Path) -> dict:
    with open(ROOT / relative, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _is_roleplay(notebook: nbformat.NotebookNode) -> bool:
    """A role-play notebook plays a scenario; every other notebook is a teaching notebook."""
    return any(
        cell.cell_type == "code" and re.search(r"\bplay\(", cell.source) for cell in notebook.cells
    )


def outcomes_cell_ids(relative: str) -> set[str]:
    """Outcome ids named in the notebook's learning outcomes cell (empty if it has none)."""
    notebook = nbformat.read(ROOT / relative, as_version=4)
    if _is_roleplay(notebook):
        return set()
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and OUTCOMES_HEADING.search(cell.source):
            return set(OUTCOME_ID.findall(cell.source))
    return set()


def selfcheck_files(day: int) -> list[Path]:
    return sorted((ROOT / "curriculum" / f"day{day}" / "selfchecks").glob("*.yaml"))


def selfcheck_outcomes(day: int) -> dict[str, list[str]]:
    """Outcome id -> the self-check items ('file#id') that practise it."""
    found: dict[str, list[str]] = {}
    for path in selfcheck_files(day):
        for check in _yaml(path)["checks"]:
            found.setdefault(check["outcome"], []).append(f"{path.name}#{check['id']}")
    return found


def scenario_outcomes(day: int) -> dict[str, list[str]]:
    """Outcome id -> the scenarios of that day listing it."""
    found: dict[str, list[str]] = {}
    for scenario in course().day(day).scenarios:
        for outcome in _yaml(scenario).get("outcomes", []):
            found.setdefault(outcome, []).append(scenario)
    return found


def quiz_outcomes(day: int) -> dict[str, list[str]]:
    """Outcome id -> the quiz question ids assessing it."""
    bank = course().day(day).quiz
    assert bank, f"course.yaml: day {day} has no quiz bank"
    found: dict[str, list[str]] = {}
    for question in _yaml(bank)["questions"]:
        found.setdefault(question["outcome"], []).append(question["id"])
    return found


def _day_of(outcome_id: str) -> int:
    return int(outcome_id[1 : outcome_id.index(".")])


@pytest.mark.parametrize("day", DAYS)
def test_every_selfcheck_item_names_a_known_outcome_of_its_day(day: int) -> None:
    files = selfcheck_files(day)
    assert files, f"no self-check files for day {day}"
    known = {outcome.id for outcome in course().day(day).outcomes}
    for path in files:
        assert validate_selfcheck_file(path, course().outcome_ids()) == []
        for check in _yaml(path)["checks"]:
            assert check.get("outcome") in known, (
                f"{path.relative_to(ROOT)}: check {check['id']!r} has outcome "
                f"{check.get('outcome')!r}; expected one of {sorted(known)}"
            )


@pytest.mark.parametrize("outcome_id", _outcome_ids())
def test_outcome_is_taught_in_a_teaching_notebook_of_its_session(outcome_id: str) -> None:
    day = course().day(_day_of(outcome_id))
    sessions = [session for session in day.sessions if outcome_id in session.outcomes]
    assert sessions, f"course.yaml: no session of day {day.number} lists {outcome_id}"
    teaching = [
        notebook
        for session in sessions
        for notebook in session.notebooks
        if outcome_id in outcomes_cell_ids(notebook)
    ]
    assert teaching, (
        f"{outcome_id} is listed on session(s) {[s.id for s in sessions]} but no teaching "
        "notebook of those sessions names it in its learning outcomes cell"
    )


@pytest.mark.parametrize("outcome_id", _outcome_ids())
def test_outcome_is_practised_in_a_selfcheck_or_scenario(outcome_id: str) -> None:
    day = _day_of(outcome_id)
    practice = selfcheck_outcomes(day).get(outcome_id, []) + scenario_outcomes(day).get(
        outcome_id, []
    )
    assert practice, f"{outcome_id}: no self-check item or role-play scenario practises it"


@pytest.mark.parametrize("outcome_id", _outcome_ids())
def test_outcome_is_assessed_by_a_quiz_question(outcome_id: str) -> None:
    questions = quiz_outcomes(_day_of(outcome_id)).get(outcome_id, [])
    assert questions, f"{outcome_id}: no question in the day's quiz bank assesses it"


def test_outcomes_cells_only_name_outcomes_of_their_own_sessions() -> None:
    for day in DAYS:
        for session in course().day(day).sessions:
            for notebook in session.notebooks:
                stray = outcomes_cell_ids(notebook) - set(session.outcomes)
                assert not stray, (
                    f"{notebook}: learning outcomes cell names {sorted(stray)}, which "
                    f"course.yaml does not list on session {session.id}"
                )
