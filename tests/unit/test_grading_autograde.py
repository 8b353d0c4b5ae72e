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
