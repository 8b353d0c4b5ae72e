"""Grading generated quizzes inside ``nbgrader autograde`` without running trainee code.

``QuizAutograde`` takes the place of nbgrader's Execute step. For a notebook made by
``ipt_course.quiz.generate`` (recognised from the trusted source cells in the gradebook, not
from anything the trainee could edit) it reads ``<notebook>.responses.json`` from the
submission, scores every question with the bank's rules, and writes each score as the output
of that question's grade cell, so nbgrader's own SaveAutoGrades records the partial credit.
Any other notebook is executed exactly as nbgrader's Execute would.

Unusable responses files score 0 on every automatic question and are reported in
``grading-flags.json`` beside the autograded notebook and in the grade cells' output; so is
an answer of the wrong kind (text where a number was expected, one choice where a list was),
which scores 0 and is flagged for the trainer to check by hand.
"""

from __future__ import annotations

import ast
import json
import math
from pathlib import Path
from typing import Any

import nbformat
from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute
from traitlets import Unicode

from ipt_course.quiz.generate import (
    EARLIER_WRITTEN_STUBS,
    KEY_FUNCTION,
    NB_SCHEMA,
    WRITTEN_STUB,
)
from ipt_course.quiz.scoring import question_from_key, round_score, score_answer
from ipt_course.quiz.store import ResponsesError, parse_responses, responses_path
from ipt_course.safe_files import write_atomic

FLAGS_FORMAT = 1
FLAGS_FILENAME = "grading-flags.json"
QUIZ_AUTOGRADE_PREPROCESSORS = [
    "ipt_course.quiz.autograde.QuizAutograde",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]


def scoring_call(source: str) -> tuple[str, dict[str, Any]] | None:
    """(quiz id, scoring key) from a generated grade cell's source, or None if it has none."""
    if KEY_FUNCTION not in source:
        return None
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == KEY_FUNCTION and len(node.args) == 2):
            try:
                quiz_id, key = (ast.literal_eval(arg) for arg in node.args)
            except ValueError:
                return None
            if isinstance(quiz_id, str) and isinstance(key, dict):
                return quiz_id, key
    return None


def without_hidden_tests(source: str) -> str:
    """``source`` without its BEGIN/END HIDDEN TESTS region(s), markers included."""
    kept, hidden = [], False
    for line in source.splitlines():
        if "BEGIN HIDDEN TESTS" in line:
            hidden = True
        elif "END HIDDEN TESTS" in line:
            hidden = False
        elif not hidden:
            kept.append(line)
    return "\n".join(kept)


def score_saved_answer(quiz_id: str, key: dict[str, Any], folder: Path | None = None) -> float:
    """Score one question from the responses file in ``folder`` (default: the working folder).

    This is what a generated grade cell calls if a stock nbgrader Execute runs it, so that
    plain ``nbgrader autograde`` gives the same scores as ``QuizAutograde``, only slower.
    """
    try:
        answers = parse_responses(responses_path(folder or Path.cwd(), quiz_id), quiz_id)
    except ResponsesError as error:
        print(f"Scored 0: {error}")
        return 0.0
    return score_answer(question_from_key(key), answers.get(key.get("id")))


def load_answers(folder: Path, stem: str, quiz_id: str) -> tuple[dict[str, Any], list[dict]]:
    """The saved answers and any flags explaining why none could be used."""
    try:
        return parse_responses(responses_path(folder, stem), quiz_id), []
    except ResponsesError as error:
        return {}, [{"code": error.code, "message": str(error)}]
    except OSError as error:
        return {}, [{"code": "unreadable", "message": f"could not read the answers ({error})"}]


ANSWER_KINDS = {
    "single": ("one option", lambda value: isinstance(value, str)),
    "multiple": ("a list of options", lambda value: isinstance(value, list)
                 and all(isinstance(item, str) for item in value)),
    "ordering": ("a list of options in order", lambda value: isinstance(value, list)
                 and all(isinstance(item, str) for item in value)),
    "matching": ("a choice for each item", lambda value: isinstance(value, dict)
                 and all(isinstance(item, str) for item in value.values())),
    "numeric": ("a number", lambda value: isinstance(value, int | float)
                and not isinstance(value, bool) and math.isfinite(value)),
}


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of pairs"
    return "an unknown kind of value"


def wrong_kind(question_type: str, answer: Any) -> str | None:
    """What is wrong with the kind of a saved answer, or None if it is of the expected kind."""
    if answer is None or question_type not in ANSWER_KINDS:
        return None
    expected, fits = ANSWER_KINDS[question_type]
    if fits(answer):
        return None
    return f"the saved answer is {_kind_of(answer)}, not {expected}"


def _points(value: float) -> str:
    return f"{value:g} point" + ("" if value == 1 else "s")


def _cell_text(source: Any) -> str:
    return "".join(source) if isinstance(source, list) else str(source or "")


def own_writing(source: Any) -> str:
    """What a trainee typed into a written answer cell itself, without the released note."""
    text = _cell_text(source)
    for stub in (WRITTEN_STUB, *EARLIER_WRITTEN_STUBS):
        text = text.replace(stub, "")
    return text.strip()


def bring_written_answers(nb: NotebookNode, written_ids: set[str],
                          answers: dict[str, Any]) -> list[dict]:
    """Put each written answer saved from its box into the question's manually graded cell.

    The text goes in as typed; the pages that show it (formgrader, feedback) clean it. A cell
    the trainee wrote in themselves (quizzes released before the box) keeps its text, with any
    saved box text put first, so nothing written anywhere is lost. Returns flags for saved
    answers of the wrong kind.
    """
    flags = []
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if cell.cell_type != "markdown" or grade_id not in written_ids:
            continue
        saved = answers.get(grade_id)
        if saved is not None and not isinstance(saved, str):
            flags.append({"code": "wrong_type", "question": grade_id,
                          "message": f"{grade_id}: the saved written answer is "
                                     f"{_kind_of(saved)}, not text: check it by hand"})
            continue
        typed = (saved or "").strip()
        if not typed:
            continue
        earlier = own_writing(cell.source)
        cell.source = f"{typed}\n\n{earlier}" if earlier else typed
    return flags


def _score_outputs(score: float, points: float, note: str) -> list[NotebookNode]:
    """A visible note, then the score as the execute result nbgrader reads partial credit from."""
    return [
        nbformat.v4.new_output("stream", name="stdout", text=note + "\n"),
        nbformat.v4.new_output("execute_result", data={"text/plain": repr(float(score))},
                               execution_count=None),
    ]


class QuizAutograde(Execute):
    """nbgrader's Execute step, except that generated quizzes are scored from saved answers."""

    flags_filename = Unicode(FLAGS_FILENAME, help="File written beside each autograded quiz "
                                                  "with its scores and flags").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        """Score a generated quiz from its responses; execute any other notebook."""
        graded = self._graded_cells(resources)
        if not graded:
            return super().preprocess(nb, resources)
        self.log.info("Scoring %s from saved answers (no code is run)",
                      resources["nbgrader"]["notebook"])
        folder = Path(resources.get("metadata", {}).get("path") or ".")
        stem = resources["nbgrader"]["notebook"]
        quiz_id = next(iter(graded.values()))[0]
        answers, flags = load_answers(folder, stem, quiz_id)
        scores, cell_flags = self._write_scores(nb, graded, answers, flags)
        flags += cell_flags
        flags += bring_written_answers(nb, self._written_ids(resources), answers)
        report = {
            "format": FLAGS_FORMAT,
            "quiz": quiz_id,
            "notebook": stem,
            "student": resources["nbgrader"]["student"],
            "flags": flags,
            "scores": scores,
        }
        write_atomic(folder / self.flags_filename,
                         json.dumps(report, indent=1, sort_keys=True) + "\n")
        return nb, resources

    def _graded_cells(self, resources: dict) -> dict[str, tuple[str, dict, float, str]]:
        """grade_id -> (quiz id, key, max points, trusted source) for every generated grade cell."""
        info = resources.get("nbgrader", {})
        graded: dict[str, tuple[str, dict, float, str]] = {}
        try:
            with Gradebook(info["db_url"]) as gradebook:
                notebook = gradebook.find_notebook(info["notebook"], info["assignment"])
                points = {cell.name: float(cell.max_score) for cell in notebook.grade_cells}
                for cell in notebook.source_cells:
                    call = scoring_call(cell.source)
                    if call and cell.name in points and cell.cell_type == "code":
                        graded[cell.name] = (*call, points[cell.name], cell.source)
        except (KeyError, MissingEntry):
            return {}
        return graded

    @staticmethod
    def _written_ids(resources: dict) -> set[str]:
        """Grade ids of the manually graded Markdown answer cells, as the gradebook knows them."""
        info = resources.get("nbgrader", {})
        try:
            with Gradebook(info["db_url"]) as gradebook:
                notebook = gradebook.find_notebook(info["notebook"], info["assignment"])
                return {cell.name for cell in notebook.grade_cells
                        if cell.cell_type == "markdown"}
        except (KeyError, MissingEntry):
            return set()

    def _write_scores(self, nb: NotebookNode, graded: dict, answers: dict[str, Any],
                      file_flags: list[dict]) -> tuple[dict[str, float], list[dict]]:
        """Put each score in its grade cell (re-adding a cell the trainee removed)."""
        flags: list[dict] = []
        cells: dict[str, NotebookNode] = {}
        for cell in nb.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if cell.cell_type == "code" and grade_id in graded:
                cells.setdefault(grade_id, cell)
        scores: dict[str, float] = {}
        for grade_id, (_quiz, key, points, source) in graded.items():
            score, note = self._score(grade_id, key, points, answers, file_flags, flags)
            scores[grade_id] = score
            cell = cells.get(grade_id)
            if cell is None:
                cell = self._restored_cell(nb, grade_id, source, points)
                nb.cells.append(cell)
                flags.append({"code": "cell_restored", "question": grade_id,
                              "message": f"grade cell {grade_id} was missing and was added back"})
            # The trainee could have edited these flags; the gradebook is the truth.
            cell.metadata.nbgrader.update(grade=True, solution=False, locked=True, points=points)
            cell.source = without_hidden_tests(cell.source)  # so feedback cannot show the key
            cell.outputs = _score_outputs(score, points, note)
        return scores, flags

    def _score(self, grade_id: str, key: dict, points: float, answers: dict[str, Any],
               file_flags: list[dict], flags: list[dict]) -> tuple[float, str]:
        if file_flags:
            return 0.0, f"Scored 0 of {_points(points)}: {file_flags[0]['message']}."
        try:
            score = score_answer(question_from_key(key), answers.get(grade_id))
        except Exception as error:  # a broken key must not stop the batch: flag it instead
            flags.append({"code": "bad_key", "question": grade_id,
                          "message": f"the scoring key could not be read ({error})"})
            return 0.0, f"Scored 0 of {_points(points)}: this question needs checking by hand."
        score = round_score(min(score, points))
        problem = wrong_kind(key.get("type", ""), answers.get(grade_id))
        if problem:
            flags.append({"code": "wrong_type", "question": grade_id,
                          "message": f"{grade_id}: {problem}: scored 0, check it by hand"})
            return score, f"Scored {score:g} of {_points(points)}: {problem}."
        if grade_id not in answers:
            return score, f"Not answered: 0 of {_points(points)}."
        return score, f"Marked from the saved answer: {score:g} of {_points(points)}."

    @staticmethod
    def _restored_cell(nb: NotebookNode, grade_id: str, source: str,
                       points: float) -> NotebookNode:
        cell = nbformat.v4.new_code_cell(source)
        if nb.get("nbformat_minor", 0) >= 5:
            cell.id = f"{grade_id}-restored"
        else:
            cell.pop("id", None)
        cell.metadata = {"deletable": False, "editable": False, "nbgrader": {
            "grade": True, "grade_id": grade_id, "locked": True, "points": points,
            "schema_version": NB_SCHEMA, "solution": False}}
        return cell
