"""The generator: golden files, stable output, nbgrader schema-v3 metadata, keys kept hidden."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator

from ipt_course.quiz.autograde import scoring_call
from ipt_course.quiz.bank import load_bank
from ipt_course.quiz.generate import find_leaks, quiz_notebook, stale_files, write_source
from ipt_course.quiz.scoring import scoring_key

FIXTURES = Path(__file__).parent / "fixtures" / "quizzes"
FIXTURE = FIXTURES / "fixture-quiz.yaml"
GOLDEN = FIXTURES / "golden"


@pytest.fixture(scope="module")
def bank():
    return load_bank(FIXTURE)


@pytest.fixture
def built(tmp_path: Path, bank) -> Path:
    write_source(bank, tmp_path)
    return tmp_path / "source" / "fixture-quiz"


@pytest.mark.parametrize("name", ["fixture-quiz.ipynb", "fixture-quiz.questions.json"])
def test_matches_golden_file(built: Path, name: str, update_goldens: bool) -> None:
    produced = (built / name).read_text(encoding="utf-8")
    golden = GOLDEN / name
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.is_file(), "no golden file yet: run pytest with --update-goldens"
    assert produced == golden.read_text(encoding="utf-8"), (
        "generated quiz changed; if intended, rerun with --update-goldens and review the diff")


def test_rebuild_gives_identical_bytes(built: Path, bank, tmp_path: Path) -> None:
    first = {p.name: p.read_bytes() for p in built.iterdir()}
    assert stale_files(bank, tmp_path) == []
    write_source(bank, tmp_path)
    assert {p.name: p.read_bytes() for p in built.iterdir()} == first


def test_stale_files_notices_a_changed_bank(built: Path, bank, tmp_path: Path) -> None:
    changed = bank.model_copy(update={"title": "A new title"})
    assert [p.name for p in stale_files(changed, tmp_path)] == ["fixture-quiz.ipynb",
                                                                "fixture-quiz.questions.json"]


def test_cells_have_valid_schema_v3_metadata(bank) -> None:
    notebook = quiz_notebook(bank)
    nbformat.validate(notebook)
    validator = MetadataValidator()
    validator.validate_nb(notebook)
    for cell in notebook.cells:
        assert cell.metadata["nbgrader"]["schema_version"] == 3
    ids = [cell.id for cell in notebook.cells]
    assert len(ids) == len(set(ids))
    grade_ids = [cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells]
    assert len(grade_ids) == len(set(grade_ids))


def test_layout_of_the_notebook(bank) -> None:
    cells = quiz_notebook(bank).cells
    setup = cells[0]
    assert setup.source == 'from ipt_course.quiz import start_quiz\nstart_quiz("fixture-quiz")'
    assert setup.metadata["jupyter"] == {"source_hidden": True}
    assert cells[1].cell_type == "markdown" and cells[1].source.startswith("# Fixture quiz")
    assert cells[-1].source == "from ipt_course.quiz import check_answers\ncheck_answers()"
    by_id = {cell.id: cell for cell in cells}
    assert by_id["q02-answer"].source == 'from ipt_course.quiz import ask\nask("q02")'
    for cell in cells:
        meta = cell.metadata["nbgrader"]
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) in (2, 5)
            assert meta["locked"] and cell.metadata["editable"] is False


def test_grade_cells_hold_the_key_only_in_hidden_tests(bank) -> None:
    by_id = {cell.id: cell for cell in quiz_notebook(bank).cells}
    for question in bank.questions:
        if question.type == "reflection":
            continue
        cell = by_id[f"{question.id}-score"]
        meta = cell.metadata["nbgrader"]
        assert (meta["grade"], meta["solution"], meta["locked"]) == (True, False, True)
        assert meta["grade_id"] == question.id and meta["points"] == question.points
        lines = cell.source.splitlines()
        assert lines[1] == "### BEGIN HIDDEN TESTS" and lines[-1] == "### END HIDDEN TESTS"
        assert lines[0] == "# Marked from your saved answer when the quiz is graded."
        assert scoring_call(cell.source) == ("fixture-quiz", scoring_key(question))


def test_reflection_is_a_manually_graded_markdown_cell_with_the_rubric(bank) -> None:
    cell = {cell.id: cell for cell in quiz_notebook(bank).cells}["q06-answer"]
    assert cell.cell_type == "markdown"
    meta = cell.metadata["nbgrader"]
    assert (meta["grade"], meta["solution"], meta["locked"], meta["points"]) == (
        True, True, False, 4.0)
    assert cell.source.startswith("### BEGIN SOLUTION")
    assert cell.source.endswith("### END SOLUTION")
    assert "- 2 points: Says the sick role relieves guilt" in cell.source


def test_leak_scan_finds_keys_in_source_but_not_in_public_data(built: Path) -> None:
    leaks = find_leaks(built)
    assert leaks and all("fixture-quiz.ipynb" in leak for leak in leaks)
    (built / "fixture-quiz.ipynb").unlink()
    assert find_leaks(built) == []
    (built / "other.questions.json").write_text('{"questions": [{"answer": "b"}]}')
    assert find_leaks(built) == [f"{built / 'other.questions.json'}: question data holds "
                                 "answers, explanations or rubrics"]
