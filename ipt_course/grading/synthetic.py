"""Synthetic trainee submissions for tests, demonstrations and the autograde benchmark.

Answers are built from the bank's key so that every scoring rule can be checked exactly:
:func:`perfect_answers`, :func:`half_right_answers` and :func:`wrong_answers` (each type
wrong in its own way, several of them partly right).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ipt_course.quiz.bank import Question, QuizBank
from ipt_course.quiz.generate import notebook_name
from ipt_course.quiz.store import responses_name

REFLECTION_TEXT = ("The sick role gives permission to do less for a while, and it expects "
                   "the client to work at getting better.")


def perfect_answers(bank: QuizBank) -> dict[str, Any]:
    """The key for every automatically marked question."""
    return {q.id: q.answer for q in bank.questions if q.auto_graded}


def half_right_answers(bank: QuizBank) -> dict[str, Any]:
    """The first half of the automatic questions right, the rest wrong."""
    auto = [q for q in bank.questions if q.auto_graded]
    half = len(auto) // 2
    return {q.id: (q.answer if index < half else _wrong(q)) for index, q in enumerate(auto)}


def wrong_answers(bank: QuizBank) -> dict[str, Any]:
    """Every automatic question answered wrongly, each type in its own way."""
    return {q.id: _wrong(q) for q in bank.questions if q.auto_graded}


def _wrong(question: Question) -> Any:
    options = list(question.texts("options"))
    if question.type == "single":
        return next(option for option in options if option != question.answer)
    if question.type == "multiple":
        return options
    if question.type == "matching":
        key = dict(question.answer)
        items = list(key)
        rotated = [key[item] for item in items[1:]] + [key[items[0]]]
        wrong = dict(zip(items, rotated, strict=True))
        wrong[items[0]] = key[items[0]]
        return wrong
    if question.type == "numeric":
        tolerance = float(getattr(question, "tolerance", 0) or 0)
        return float(question.answer) + tolerance + 1
    if question.type == "ordering":
        return list(reversed(question.answer))
    raise ValueError(f"no wrong answer for type {question.type}")


def expected_wrong_scores(bank: QuizBank) -> dict[str, float]:
    """What :func:`wrong_answers` must score under the course's scoring rules."""
    scores = {}
    for question in bank.questions:
        if not question.auto_graded:
            continue
        answer, given = question.answer, _wrong(question)
        if question.type == "multiple":
            right = len(set(given) & set(answer))
            wrong = len(set(given) - set(answer))
            fraction = max(0.0, (right - wrong) / len(answer))
        elif question.type == "matching":
            fraction = sum(given[k] == v for k, v in answer.items()) / len(answer)
        elif question.type == "ordering":
            fraction = sum(a == b for a, b in zip(given, answer, strict=True)) / len(answer)
        else:
            fraction = 0.0
        scores[question.id] = round(question.points * fraction, 2)
    return scores


def responses_document(quiz_id: str, answers: dict[str, Any]) -> str:
    """A responses file as the quiz widgets save it."""
    return json.dumps({"quiz": quiz_id, "format": 1,
                       "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                       "answers": answers}, indent=1)


def submission_notebook(release_notebook: Path, reflection: str | None = None) -> dict:
    """The released notebook as a trainee saves it, optionally with a written reflection."""
    notebook = json.loads(release_notebook.read_text(encoding="utf-8"))
    if reflection is not None:
        for cell in notebook["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell["cell_type"] == "markdown" and meta.get("solution") and meta.get("grade"):
                cell["source"] = reflection
    return notebook


def write_submission(folder: Path, quiz_id: str, release_notebook: Path,
                     answers: dict[str, Any] | None, reflection: str | None = None,
                     notebook_file: str | None = None, responses_file: str | None = None) -> Path:
    """Write one trainee's submission (notebook and responses file) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    notebook = submission_notebook(release_notebook, reflection)
    (folder / (notebook_file or notebook_name(quiz_id))).write_text(
        json.dumps(notebook, indent=1), encoding="utf-8")
    if answers is not None:
        (folder / (responses_file or responses_name(quiz_id))).write_text(
            responses_document(quiz_id, answers), encoding="utf-8")
    return folder
