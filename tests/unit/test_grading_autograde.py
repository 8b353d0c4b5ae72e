"""The pure parts of autograde: submission integrity flags, failure reasons, the summary."""

from __future__ import annotations

import copy

import nbformat
from nbgrader.utils import compute_checksum

from ipt_course.grading.autograde import BatchResult, TraineeResult, integrity_flags
from ipt_course.grading.nbgrader_env import checked, one_line_reason


def _released() -> dict:
    prompt = nbformat.v4.new_markdown_cell("Question 1")
    prompt.metadata = {"nbgrader": {"grade": False, "solution": False, "locked": True,
                                    "grade_id": "q01_prompt", "schema_version": 3}}
    ask = nbformat.v4.new_code_cell('ask("q01")')
    ask.metadata = {"nbgrader": {"grade": False, "solution": False, "locked": True,
                                 "grade_id": "q01_answer", "schema_version": 3}}
    grade = nbformat.v4.new_code_cell("# marked from your saved answer")
    grade.metadata = {"nbgrader": {"grade": True, "solution": False, "locked": True,
                                   "grade_id": "q01", "points": 1, "schema_version": 3}}
    cells = [prompt, ask, grade]
    for cell in cells:
        cell.metadata["nbgrader"]["checksum"] = compute_checksum(cell)
    return nbformat.v4.new_notebook(cells=cells)


def test_an_untouched_submission_has_no_flags() -> None:
    released = _released()
    assert integrity_flags(copy.deepcopy(released), released) == []


def test_edited_deleted_and_added_cells_are_each_flagged() -> None:
    released = _released()
    submitted = copy.deepcopy(released)
    submitted.cells[2].source = "1.0"
    del submitted.cells[0]
    submitted.cells.append(nbformat.v4.new_code_cell("score = 99"))
    assert integrity_flags(submitted, released) == [
        "locked or graded cells deleted (restored for grading): q01_prompt",
        "locked cells edited (originals used for grading): q01",
        "1 code cell(s) added (never run)",
    ]


def test_failure_reason_is_the_real_exception_not_the_wrapper() -> None:
    result = {"success": False, "log": "[ERROR] There was an error processing assignment\n"
              "    KeyError: 'q01_answer'\n",
              "error": "Traceback (most recent call last):\n  File \"x.py\", line 1\n"
              "nbgrader.converters.base.NbGraderException: Please see the the above traceback"}
    assert one_line_reason(result) == "KeyError: 'q01_answer'"
    try:
        checked(result, "autograde t001")
    except RuntimeError as error:
        assert str(error) == "autograde t001: KeyError: 'q01_answer'"
    else:
        raise AssertionError("a failed result must raise")
    assert checked({"success": True}, "x") == {"success": True}


def test_summary_lists_every_trainee_with_flags() -> None:
    batch = BatchResult("day1-quiz", [
        TraineeResult("t001", graded=True, score=9.5, max_score=13, to_mark=1),
        TraineeResult("t002", flags=["notebook not valid JSON (JSONDecodeError): not graded"]),
    ], seconds=1.25)
    assert batch.summary_lines() == [
        "t001        9.5/13  ok (1 to mark by hand)",
        "t002    not graded  notebook not valid JSON (JSONDecodeError): not graded",
        "2 submission(s): 1 graded, 1 flagged, 1.2 s.",
    ]


def _with_answer_cell(released: dict) -> dict:
    answer = nbformat.v4.new_markdown_cell("Type your answer here.")
    answer.metadata = {"nbgrader": {"grade": True, "solution": True, "locked": False,
                                    "grade_id": "q02", "points": 2, "schema_version": 3}}
    released.cells.append(answer)
    return released


def test_an_untouched_or_edited_notebook_is_graded_as_it_is() -> None:
    from ipt_course.grading.repair import gradable_notebook

    released = _with_answer_cell(_released())
    submitted = copy.deepcopy(released)
    submitted.cells[3].source = "My answer."
    assert gradable_notebook(submitted, released) == (None, [])


def test_a_pasted_answer_cell_is_rebuilt_keeping_the_copy_with_writing() -> None:
    from ipt_course.grading.repair import gradable_notebook

    released = _with_answer_cell(_released())
    submitted = copy.deepcopy(released)
    pasted = copy.deepcopy(submitted.cells[3])
    submitted.cells[3].source = "Written in the first copy."
    submitted.cells.insert(4, pasted)
    rebuilt, flags = gradable_notebook(submitted, released)
    assert [cell["source"] for cell in rebuilt["cells"]][3] == "Written in the first copy."
    assert len(rebuilt["cells"]) == len(released.cells)
    assert flags == ["notebook repaired for grading: cell q02 appears 2 times (copied and "
                     "pasted?); answers marked from the saved answers file, written answers "
                     "carried over, the notebook as submitted kept beside it"]


def test_added_graded_cells_and_cells_that_are_not_cells_are_named() -> None:
    from ipt_course.grading.repair import problems

    released = _with_answer_cell(_released())
    added = copy.deepcopy(released)
    extra = nbformat.v4.new_markdown_cell("More marks?")
    extra.metadata = {"nbgrader": {"grade": True, "grade_id": "bonus", "points": "lots"}}
    added.cells.append(extra)
    assert problems(added, released) == ["1 cell added with grading marks (bonus): not marked"]
    assert problems({"cells": [1, 2, 3]}, released) == [
        "3 entries in the notebook could not be read as cells"]
    assert problems({"cells": {}}, released) == ["the notebook has no list of cells"]


def test_a_grade_counts_only_for_the_submission_it_came_from(tmp_path) -> None:
    from ipt_course.grading.state import (
        NOT_AUTOGRADED,
        OUTSIDE,
        STALE,
        GradingState,
        grading_state,
        record_outcome,
    )

    submitted = tmp_path / "submitted" / "t1" / "quiz"
    submitted.mkdir(parents=True)
    (submitted / "quiz.ipynb").write_text("{}")
    assert grading_state(tmp_path, "quiz", "t1") == GradingState(False, NOT_AUTOGRADED)
    (tmp_path / "autograded" / "t1" / "quiz").mkdir(parents=True)
    assert grading_state(tmp_path, "quiz", "t1") == GradingState(False, OUTSIDE)
    record_outcome(tmp_path, "quiz", "t1")
    assert grading_state(tmp_path, "quiz", "t1") == GradingState(True)
    (submitted / "quiz.ipynb").write_text('{"cells": []}')
    assert grading_state(tmp_path, "quiz", "t1") == GradingState(False, STALE)
    record_outcome(tmp_path, "quiz", "t1", "notebook not valid JSON")
    assert grading_state(tmp_path, "quiz", "t1") == GradingState(
        False, "could not be graded: notebook not valid JSON")
