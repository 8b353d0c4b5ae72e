"""Quiz bank -> nbgrader source notebook -> trainee release, deterministically.

``source/<id>/<id>.ipynb`` is the instructor version: every question's scoring key sits in
the hidden-tests region of its locked grade cell and every reflection rubric in the solution
region of its answer cell, so ``nbgrader generate_assignment`` strips both from
``release/<id>/``. Prompts and options (no answers) are written to
``source/<id>/<id>.questions.json``, which nbgrader copies into the release for the widgets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
from nbformat.notebooknode import NotebookNode

from ipt_course.quiz.bank import Question, QuizBank, load_bank
from ipt_course.quiz.scoring import public_questions, scoring_key
from ipt_course.safe_files import write_atomic

NB_SCHEMA = 3
KEY_FUNCTION = "score_saved_answer"
HIDDEN_INPUT = {"jupyter": {"source_hidden": True}}
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class QuizBuildError(RuntimeError):
    """``nbgrader generate_assignment`` did not succeed; the message holds its log."""


def _nbgrader(grade_id: str, *, grade: bool = False, solution: bool = False,
              locked: bool = False, points: float | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"grade": grade, "grade_id": grade_id, "locked": locked,
                            "schema_version": NB_SCHEMA, "solution": solution}
    if grade:
        meta["points"] = points
    return meta


def _locked(meta: dict[str, Any]) -> dict[str, Any]:
    return {**meta, "deletable": False, "editable": False}


def _markdown(cell_id: str, source: str, grade_id: str) -> NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source, id=cell_id)
    cell.metadata = _locked({"nbgrader": _nbgrader(grade_id, locked=True)})
    return cell


def _code(cell_id: str, source: str, nbgrader: dict[str, Any]) -> NotebookNode:
    cell = nbformat.v4.new_code_cell(source, id=cell_id)
    cell.metadata = _locked({**HIDDEN_INPUT, "nbgrader": nbgrader})
    return cell


def _points(value: float) -> str:
    return f"{value:g} point" + ("" if value == 1 else "s")


def intro_text(bank: QuizBank) -> str:
    """The instructions at the top of the quiz."""
    auto = sum(1 for q in bank.questions if q.auto_graded)
    written = len(bank.questions) - auto
    parts = [
        f"# {bank.title}",
        "",
        bank.intro.strip() or "This quiz checks the learning outcomes of the day.",
        "",
        f"There are {len(bank.questions)} questions worth {_points(bank.total_points)} in all.",
        "",
        "**How to answer**",
        "",
        "- If you see a note where the answer boxes should be, press **Switch on the tools** "
        "at the top of the page.",
        "- Click your choices or type a number. Every answer is saved the moment you give it, "
        "so you can close the quiz and come back later: your answers will still be there.",
    ]
    if written:
        parts.append("- For a written question, click in the box under it and type. It is "
                     "saved as you type, with nothing to press. The note under the box is "
                     "where your trainer reads your answer once the quiz is marked.")
    parts += [
        "- At the end, press **Check my answers** to see any question not finished yet. It "
        "does not say whether an answer is right.",
        "- When you have finished, hand in the whole quiz folder as your trainer has asked.",
    ]
    return "\n".join(parts)


def _prompt_text(number: int, question: Question) -> str:
    text = f"### Question {number} ({_points(question.points)})\n\n{question.prompt.strip()}"
    hints = {
        "multiple": "Tick every option that applies.",
        "matching": "Choose the matching answer for each item.",
        "ordering": "Put the options in order with the Up and Down buttons, then click "
                    "**Keep this order**.",
        "numeric": "Type a number.",
        "reflection": "Write your answer in the box below.",
    }
    if question.type in hints:
        text += f"\n\n*{hints[question.type]}*"
    return text


WRITTEN_STUB = ("*Your trainer reads your written answer here once the quiz is marked. Type it "
                "in the box above: it is saved as you type.*")
# What the answer cell of a written question held in quizzes released before the answer box.
EARLIER_WRITTEN_STUBS = ("Type your answer here (double-click to edit).", "YOUR ANSWER HERE")


def grade_cell_source(quiz_id: str, question: Question) -> str:
    """The grade cell: a visible note and, hidden from trainees, the call that scores it."""
    key = repr(dict(sorted(scoring_key(question).items())))  # a Python literal, not JSON
    return "\n".join([
        "# Marked from your saved answer when the quiz is graded.",
        "### BEGIN HIDDEN TESTS",
        f"from ipt_course.quiz.autograde import {KEY_FUNCTION}",
        f"{KEY_FUNCTION}({json.dumps(quiz_id)}, {key})",
        "### END HIDDEN TESTS",
    ])


def rubric_text(question: Question) -> str:
    """The reflection answer cell of the instructor version: the rubric as the solution."""
    lines = ["### BEGIN SOLUTION", f"**Marking rubric ({_points(question.points)})**", ""]
    lines += [f"- {_points(item.points)}: {item.criterion}" for item in question.rubric]
    if question.explanation:
        lines += ["", f"*Notes for markers:* {question.explanation}"]
    lines.append("### END SOLUTION")
    return "\n".join(lines)


def _question_cells(number: int, quiz_id: str, question: Question) -> list[NotebookNode]:
    qid = question.id
    cells = [_markdown(f"{qid}-prompt", _prompt_text(number, question), f"{qid}_prompt")]
    if question.type == "reflection":
        box = _code(f"{qid}-box", f'from ipt_course.quiz import ask\nask("{qid}")',
                    _nbgrader(f"{qid}_box", locked=True))
        # The trainee types in the box; this cell is where the marker reads the answer, so it
        # is not editable in the release (nbgrader keeps "editable" on answer cells).
        answer = nbformat.v4.new_markdown_cell(rubric_text(question), id=f"{qid}-answer")
        answer.metadata = {"editable": False, "nbgrader": _nbgrader(
            qid, grade=True, solution=True, points=question.points)}
        return [*cells, box, answer]
    cells.append(_code(f"{qid}-answer", f'from ipt_course.quiz import ask\nask("{qid}")',
                       _nbgrader(f"{qid}_answer", locked=True)))
    cells.append(_code(f"{qid}-score", grade_cell_source(quiz_id, question),
                       _nbgrader(qid, grade=True, locked=True, points=question.points)))
    return cells


def quiz_notebook(bank: QuizBank) -> NotebookNode:
    """The instructor notebook for ``bank`` with schema-v3 nbgrader metadata."""
    cells = [
        _code("quiz-setup", f'from ipt_course.quiz import start_quiz\nstart_quiz("{bank.id}")',
              _nbgrader("quiz_setup", locked=True)),
        _markdown("quiz-intro", intro_text(bank), "quiz_intro"),
    ]
    for number, question in enumerate(bank.questions, start=1):
        cells += _question_cells(number, bank.id, question)
    cells.append(_markdown("quiz-check-heading", "## Before you hand in\n\nPress **Check my "
                           "answers** to list any question not finished yet, then press it "
                           "again after answering.", "quiz_check_heading"))
    cells.append(_code("quiz-check", "from ipt_course.quiz import check_answers\ncheck_answers()",
                       _nbgrader("quiz_check", locked=True)))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {
        "ipt_quiz": {"format": 1, "quiz": bank.id},
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
    }
    nbformat.validate(notebook)
    return notebook


def notebook_name(quiz_id: str) -> str:
    """The quiz notebook's file name, the same in source/, release/ and every submission."""
    return f"{quiz_id}.ipynb"


def write_source(bank: QuizBank, course_root: Path) -> Path:
    """Write the instructor notebook and the public question data; return the notebook path."""
    folder = Path(course_root) / "source" / bank.id
    folder.mkdir(parents=True, exist_ok=True)
    notebook_path = folder / notebook_name(bank.id)
    for path, text in source_texts(bank).items():
        write_atomic(folder / path, text)
    return notebook_path


def source_texts(bank: QuizBank) -> dict[str, str]:
    """File name -> exact text of each generated source file (the same bytes on every run)."""
    public = json.dumps(public_questions(bank), indent=1, sort_keys=True, ensure_ascii=False)
    return {
        notebook_name(bank.id): nbformat.writes(quiz_notebook(bank)) + "\n",
        f"{bank.id}.questions.json": public + "\n",
    }


def nbgrader_config(course_root: Path) -> Any:
    """The course's nbgrader configuration (nbgrader_config.py when present), rooted here."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    root = Path(course_root).resolve()
    config = Config()
    if (root / "nbgrader_config.py").is_file():
        config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    return config


def release_quiz(quiz_id: str, course_root: Path) -> Path:
    """Run ``nbgrader generate_assignment`` for ``quiz_id``; return the release notebook."""
    from nbgrader.apps import NbGraderAPI

    api = NbGraderAPI(config=nbgrader_config(course_root))
    result = api.generate_assignment(quiz_id, force=True, create=True)
    if not result.get("success"):
        raise QuizBuildError(f"nbgrader generate_assignment failed for {quiz_id}:\n"
                             f"{result.get('error') or result.get('log', '')}")
    return Path(course_root) / "release" / quiz_id / notebook_name(quiz_id)


def build_quiz(bank_path: Path, course_root: Path) -> Path:
    """Bank -> source -> release for one quiz; return the release notebook path."""
    bank = load_bank(Path(bank_path))
    write_source(bank, course_root)
    return release_quiz(bank.id, course_root)


LEAK_MARKERS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN SOLUTION", KEY_FUNCTION,
                "Marking rubric", "BEGIN MARK SCHEME")


def find_leaks(folder: Path) -> list[str]:
    """Answer-key traces in a trainee-facing folder (release or feedback); empty means clean."""
    leaks = []
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file() or path.suffix not in {".ipynb", ".json", ".html", ".md", ".py"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        leaks += [f"{path}: contains {marker!r}" for marker in LEAK_MARKERS if marker in text]
        if path.name.endswith(".questions.json") and _has_answer_keys(json.loads(text)):
            leaks.append(f"{path}: question data holds answers, explanations or rubrics")
    return leaks


def _has_answer_keys(data: object) -> bool:
    if isinstance(data, dict):
        if {"answer", "explanation", "rubric", "tolerance"} & set(data):
            return True
        return any(_has_answer_keys(value) for value in data.values())
    if isinstance(data, list):
        return any(_has_answer_keys(value) for value in data)
    return False


def stale_files(bank: QuizBank, course_root: Path) -> list[Path]:
    """Generated source files that differ from what ``bank`` generates now."""
    folder = Path(course_root) / "source" / bank.id
    return [folder / name for name, text in source_texts(bank).items()
            if not (folder / name).is_file()
            or (folder / name).read_text(encoding="utf-8") != text]
