"""Per-trainee feedback: what they answered, whether it was right, and why, with no answer key.

For each graded trainee, nbgrader's own feedback is generated with :class:`FeedbackSanitiser`
in its pipeline (grade-cell sources, hidden tests, solution and mark-scheme regions, outputs
and widget state removed), and a summary is placed at the top: each question's status (correct,
partly correct, not correct, not answered, marked by hand), the trainee's own answer, the
explanation and a reference to the teaching notebook, and the trainer's marks and comments.
A wrong or unanswered item never shows the correct answer. Before a file is written it is
scanned for key or hidden-test text; a file that fails the scan is not written.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mistune
from nbconvert.preprocessors import Preprocessor
from tqdm import tqdm
from traitlets import Bool
from traitlets.config import Config

from ipt_course.grading.autograde import submitted_trainees
from ipt_course.grading.nbgrader_env import gradebook, make_api, one_line_reason
from ipt_course.grading.quizdata import (
    Bank,
    Question,
    check_responses,
    is_answered,
    load_bank_for,
    notebook_name,
    responses_name,
)

REGION = re.compile(
    r"^[^\n]*(?:BEGIN|END) (?:HIDDEN TESTS|SOLUTION|MARK SCHEME)[^\n]*$", re.MULTILINE)
REGIONS = re.compile(
    r"^[^\n]*BEGIN (HIDDEN TESTS|SOLUTION|MARK SCHEME)[^\n]*\n.*?"
    r"^[^\n]*END \1[^\n]*$\n?", re.MULTILINE | re.DOTALL)
LEAK_MARKERS = (
    "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN SOLUTION", "END SOLUTION",
    "BEGIN MARK SCHEME", "END MARK SCHEME", "score_saved_answer", "Marking rubric",
    "Notes for markers", "scoring_key",
)
GRADE_CELL_NOTE = "# Marked from your saved answer."
ADDED_CELL_NOTE = "# A code cell added to the quiz: quizzes are marked without running code."
_markdown = mistune.create_markdown(escape=True)


class FeedbackLeak(RuntimeError):
    """Feedback text still held answer-key or hidden-test text, so it was not written."""


class FeedbackSanitiser(Preprocessor):
    """Remove everything a trainee must not see from an autograded notebook before export."""

    enabled = Bool(True, help="Always on: nbconvert skips disabled preprocessors").tag(
        config=True)

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        """Clean every cell and drop saved widget state."""
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            sanitise_cell(cell)
        return nb, resources


def strip_regions(text: str) -> str:
    """``text`` without hidden-test, solution or mark-scheme regions (or stray markers)."""
    return REGION.sub("", REGIONS.sub("", text))


def sanitise_cell(cell: Any) -> None:
    """Clean one notebook cell in place."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    cell.get("metadata", {}).pop("widgets", None)
    cell.pop("attachments", None)
    if cell.get("cell_type") == "code":
        cell["outputs"] = []
        cell["execution_count"] = None
        if meta.get("grade") and not meta.get("solution"):
            cell["source"] = GRADE_CELL_NOTE
            return
        if not meta:
            cell["source"] = ADDED_CELL_NOTE
            return
    cell["source"] = strip_regions(cell.get("source", ""))


def find_leaks(text: str, extra: tuple[str, ...] = ()) -> list[str]:
    """Key or hidden-test markers found in ``text`` (HTML tags and entities ignored)."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    plain = " ".join(plain.split())
    return [marker for marker in (*LEAK_MARKERS, *extra)
            if marker and " ".join(marker.split()) in plain]


def secret_texts(bank: Bank) -> tuple[str, ...]:
    """Trainer-only texts of a bank: rubric criteria and reflection marking notes."""
    texts = []
    for question in bank.questions:
        if question.type == "reflection":
            texts += [str(item.get("criterion", "")) for item in question.rubric]
            texts.append(question.explanation)
    return tuple(text.strip() for text in texts if len(text.strip()) >= 12)


@dataclass
class QuestionFeedback:
    """What one question's feedback says."""

    number: int
    question: Question
    status: str
    score: float | None
    max_score: float
    your_answer: str | None
    comment: str | None


def answer_text(question: Question, answer: Any) -> str | None:
    """The trainee's own answer in words (never the key), or None if not answered."""
    if not is_answered(answer):
        return None
    def label(table: dict[str, str], value: Any) -> str:
        return table.get(str(value), str(value))
    if question.type == "single":
        return label(question.options, answer)
    if question.type == "multiple" and isinstance(answer, list):
        return "; ".join(label(question.options, value) for value in answer)
    if question.type == "ordering" and isinstance(answer, list):
        return " | ".join(f"{place}. {label(question.options, value)}"
                          for place, value in enumerate(answer, start=1))
    if question.type == "matching" and isinstance(answer, dict):
        return "; ".join(f"{label(question.items, item)}: {label(question.choices, choice)}"
                         for item, choice in answer.items())
    return str(answer)


def status_of(question: Question, answer: Any, score: float | None, max_score: float,
              needs_marking: bool) -> str:
    """Correct, partly correct, not correct, not answered, awaiting marking or marked."""
    if question.type == "reflection":
        if not is_answered(answer):
            return "not answered"
        if needs_marking or score is None:
            return "awaiting marking"
        return "marked"
    if not is_answered(answer):
        return "not answered"
    if score is None:
        return "not marked yet"
    if score >= max_score:
        return "correct"
    return "partly correct" if score > 0 else "not correct"


def question_feedback(bank: Bank, answers: dict[str, Any], grades: dict[str, dict[str, Any]],
                      reflections: dict[str, str]) -> list[QuestionFeedback]:
    """Feedback for every question of ``bank`` from answers, gradebook grades and reflections."""
    items = []
    for number, question in enumerate(bank.questions, start=1):
        grade = grades.get(question.id, {})
        score = grade.get("score")
        answer = reflections.get(question.id) if question.type == "reflection" else (
            answers.get(question.id))
        status = status_of(question, answer, score, question.points,
                           bool(grade.get("needs_manual_grade")))
        mine = answer_text(question, answer) if question.type != "reflection" else (
            answer.strip() if is_answered(answer) else None)
        items.append(QuestionFeedback(number, question, status, score, question.points, mine,
                                      grade.get("comment")))
    return items


def render_summary(trainee_name: str, bank: Bank, items: list[QuestionFeedback],
                   total: float | None, note: str | None = None) -> str:
    """The feedback summary as an HTML ``<section>``."""
    shown_total = "not yet graded" if total is None else f"{total:g} of {bank.max_score:g}"
    parts = [
        '<section id="ipt-feedback" style="max-width:60rem;margin:1rem auto;'
        'font-family:system-ui,sans-serif;line-height:1.5">',
        f"<h1>{html.escape(bank.title or bank.id)}: your feedback</h1>",
        f"<p><strong>{html.escape(trainee_name)}</strong>. Score: {shown_total}.</p>",
    ]
    if note:
        parts.append(f'<p role="note"><strong>Please note:</strong> {html.escape(note)}</p>')
    for item in items:
        parts.append(_render_item(item))
    parts.append("</section>")
    return "\n".join(parts)


def _render_item(item: QuestionFeedback) -> str:
    question = item.question
    scored = "" if item.score is None else f" ({item.score:g} of {item.max_score:g})"
    parts = [
        '<article style="border-top:1px solid #999;padding:0.5rem 0">',
        f"<h2>Question {item.number}: {html.escape(item.status.capitalize())}{scored}</h2>",
        _markdown(question.prompt),
    ]
    if item.your_answer is None:
        parts.append("<p><em>Not answered.</em></p>")
    else:
        parts.append(f"<p>Your answer: {html.escape(item.your_answer)}</p>")
    # An explanation of an unanswered item would hand over its key: revise from the notebook.
    if question.type != "reflection" and question.explanation and item.your_answer is not None:
        parts.append(f"<div><strong>Why:</strong> {_markdown(question.explanation)}</div>")
    if question.reference:
        where = question.reference.get("notebook", "")
        section = question.reference.get("section")
        text = f"{where}, section “{section}”" if section else where
        parts.append(f"<p>To revise: {html.escape(text)}</p>")
    if item.comment:
        parts.append(f"<p>Trainer's comment: {html.escape(item.comment)}</p>")
    parts.append("</article>")
    return "\n".join(parts)


def submission_grades(root: Path, quiz_id: str, trainee: str) -> tuple[dict, float | None, str]:
    """Per-question grades and comments, the total and the trainee's name, from the gradebook."""
    from nbgrader.api import MissingEntry

    with gradebook(root) as book:
        try:
            submission = book.find_submission(quiz_id, trainee)
        except MissingEntry:
            return {}, None, trainee
        student = submission.student
        name = " ".join(part for part in (student.first_name, student.last_name) if part)
        grades: dict[str, dict[str, Any]] = {}
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grades[grade.name] = {"score": grade.score if (
                    grade.auto_score is not None or grade.manual_score is not None) else None,
                    "needs_manual_grade": grade.needs_manual_grade}
            for comment in notebook.comments:
                if comment.comment:
                    grades.setdefault(comment.name, {})["comment"] = comment.comment
        return grades, float(submission.score), name or trainee


def reflection_texts(notebook_path: Path, release_path: Path | None = None) -> dict[str, str]:
    """Trainee-written answers (manually graded answer cells) keyed by grade id.

    An answer cell still holding the released placeholder counts as not answered.
    """
    released = _answer_cells(release_path) if release_path else {}
    texts = {}
    for grade_id, text in _answer_cells(notebook_path).items():
        untouched = text == released.get(grade_id) or text == "YOUR ANSWER HERE"
        texts[grade_id] = "" if untouched else text
    return texts


def _answer_cells(path: Path) -> dict[str, str]:
    import nbformat

    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception:
        return {}
    return {cell.metadata["nbgrader"]["grade_id"]: strip_regions(cell.source).strip()
            for cell in notebook.cells
            if cell.metadata.get("nbgrader", {}).get("solution")
            and cell.metadata["nbgrader"].get("grade")
            and cell.metadata["nbgrader"].get("grade_id")}


def feedback_config() -> Config:
    """nbgrader configuration that sanitises its feedback notebooks before export."""
    config = Config()
    config.GenerateFeedback.preprocessors = [
        "nbgrader.preprocessors.GetGrades",
        "ipt_course.grading.feedback.FeedbackSanitiser",
        "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    ]
    return config


def write_feedback(root: Path, quiz_id: str, trainee: str, bank: Bank,
                   api: Any | None = None) -> tuple[Path | None, list[str]]:
    """Write one trainee's feedback page; return its path (None if refused) and any flags."""
    flags: list[str] = []
    api = api or make_api(root, extra=feedback_config())
    grades, total, name = submission_grades(root, quiz_id, trainee)
    if total is None:
        return None, ["not autograded yet: no feedback"]
    folder = root / "autograded" / trainee / quiz_id
    responses = check_responses(folder / responses_name(quiz_id), quiz_id)
    items = question_feedback(bank, responses.answers, grades,
                              reflection_texts(folder / notebook_name(quiz_id),
                                               root / "release" / quiz_id / notebook_name(quiz_id)))
    note = (f"your saved answers could not be read ({responses.problem}), so questions "
            "marked from them score 0. Please speak to your trainer." if responses.problem
            else None)
    summary = render_summary(name, bank, items, total, note)
    target = root / "feedback" / trainee / quiz_id / f"{quiz_id}.html"
    outcome = api.generate_feedback(quiz_id, trainee, force=True)
    if outcome.get("success") and target.is_file():
        page = _insert_after_body(target.read_text(encoding="utf-8"), summary)
    else:
        flags.append(f"nbgrader feedback failed: {one_line_reason(outcome)}; "
                     "summary page written alone")
        page = _standalone(bank.title or quiz_id, summary)
    leaks = find_leaks(page, secret_texts(bank))
    if leaks:
        target.unlink(missing_ok=True)
        raise FeedbackLeak(f"{trainee}: feedback not written, it held: {', '.join(leaks)}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target, flags


def feedback_all(root: Path, quiz_id: str, *, progress: bool = True) -> dict[str, list[str]]:
    """Feedback for every autograded trainee; returns flags per trainee (empty list = fine)."""
    root = root.resolve()
    bank = load_bank_for(root, quiz_id)
    api = make_api(root, extra=feedback_config())
    outcome: dict[str, list[str]] = {}
    trainees = [trainee for trainee in submitted_trainees(root, quiz_id)
                if (root / "autograded" / trainee / quiz_id).is_dir()]
    for trainee in tqdm(trainees, desc=f"Feedback {quiz_id}", unit="trainee",
                        file=sys.stderr, disable=not progress):
        try:
            _, flags = write_feedback(root, quiz_id, trainee, bank, api)
        except FeedbackLeak as error:
            flags = [str(error)]
        except Exception as error:  # one trainee's failure must not stop the others
            flags = [f"feedback error: {error.__class__.__name__}: {error}"]
        outcome[trainee] = flags
    return outcome


def _insert_after_body(page: str, section: str) -> str:
    # nbgrader's template loads MathJax from a public CDN; quizzes need no maths typesetting and
    # trainees' NHS browsers may block the CDN, so the page stays self-contained.
    page = re.sub(r"<script[^>]*mathjax[^>]*>.*?</script>", "", page,
                  flags=re.IGNORECASE | re.DOTALL)
    match = re.search(r"<body[^>]*>", page)
    if not match:
        return _standalone("Feedback", section)
    return page[: match.end()] + "\n" + section + "\n" + page[match.end():]


def _standalone(title: str, section: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title></head><body>\n{section}\n</body></html>\n")
