"""Per-trainee feedback pages, written by nbgrader's own feedback export.

The policy, which the README repeats for trainers:

- Every automatically marked question shows the trainee's answer, whether it was right, and
  its explanation, which usually names the correct answer; unanswered questions too, since
  the explanation is what a trainee revises from. Reflections show the trainee's own text, the
  mark and the trainer's comment, never the marking notes or rubric.
- Because the pages carry the explanations, they are released after the quiz has closed:
  ``ipt-course grade feedback`` refuses while the quiz's due date (set in formgrader) is
  still ahead, and the trainer hands the pages out only once everyone has submitted. A bank
  reused for a later cohort is then known to this one.
- Nothing else of the key goes out: grade-cell sources, hidden tests, solution and
  mark-scheme regions, outputs and widget state are removed by :class:`FeedbackSanitiser`, and
  every page is scanned for key or hidden-test text before it is kept.
- A page is written only for a trainee whose latest submission is graded: never from an older
  submission (an older page is removed).

The page is nbgrader's feedback template extended by the course (``templates/feedback``):
the summary at the top comes from :class:`FeedbackSummary` in nbgrader's pipeline, rendered
with Jinja2 autoescaping; the trainee's writing in the notebook part is cleaned by
:mod:`ipt_course.grading.safe_html`; no script or style sheet is fetched from outside.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import mistune
from markupsafe import Markup
from nbconvert.preprocessors import Preprocessor
from tqdm import tqdm
from traitlets import Bool, Unicode
from traitlets.config import Config

from ipt_course.grading.nbgrader_env import gradebook, make_api, one_line_reason
from ipt_course.grading.safe_html import TEMPLATES, configure_exporters
from ipt_course.grading.state import grading_state, submitted_trainees
from ipt_course.quiz.bank import OptionKind, Question, QuizBank, load_bank_for
from ipt_course.quiz.generate import notebook_name
from ipt_course.quiz.store import check_responses, is_answered, responses_name

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
PAGE_TEMPLATE = "ipt-feedback.html.j2"
_markdown = mistune.create_markdown(escape=True)


class FeedbackLeak(RuntimeError):
    """Feedback text still held answer-key or hidden-test text, so it was not written."""


class FeedbackTooEarly(RuntimeError):
    """The quiz has not closed yet, and feedback holds every question's explanation."""


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


def secret_texts(bank: QuizBank) -> tuple[str, ...]:
    """Trainer-only texts of a bank: rubric criteria and reflection marking notes."""
    texts = []
    for question in bank.questions:
        if question.type == "reflection":
            texts += [item.criterion for item in question.rubric]
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
    def label(value: Any, kind: OptionKind = "options") -> str:
        return question.texts(kind).get(str(value), str(value))
    if question.type == "single":
        return label(answer)
    if question.type == "multiple" and isinstance(answer, list):
        return "; ".join(label(value) for value in answer)
    if question.type == "ordering" and isinstance(answer, list):
        return " | ".join(f"{place}. {label(value)}"
                          for place, value in enumerate(answer, start=1))
    if question.type == "matching" and isinstance(answer, dict):
        return "; ".join(f"{label(item, 'items')}: {label(choice, 'choices')}"
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


def question_feedback(bank: QuizBank, answers: dict[str, Any], grades: dict[str, dict[str, Any]],
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


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / "ipt"),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def _item_view(item: QuestionFeedback) -> dict[str, Any]:
    question = item.question
    where = question.reference.notebook if question.reference else ""
    section = question.reference.section if question.reference else None
    explained = question.type != "reflection" and question.explanation
    return {
        "number": item.number, "status": item.status, "score": item.score,
        "max_score": item.max_score, "your_answer": item.your_answer, "comment": item.comment,
        # The bank is the course team's trusted Markdown; its own HTML is escaped all the same.
        "prompt_html": Markup(_markdown(question.prompt)),
        "explanation_html": Markup(_markdown(question.explanation)) if explained else None,
        "revise": f"{where}, section “{section}”" if where and section else where,
    }


def render_summary(trainee_name: str, bank: QuizBank, items: list[QuestionFeedback],
                   total: float | None, note: str | None = None) -> str:
    """The feedback summary as an HTML ``<section>``; every trainee text is escaped."""
    shown_total = "not yet graded" if total is None else f"{total:g} of {bank.total_points:g}"
    return _environment().get_template("summary.html.j2").render(
        title=bank.title or bank.id, trainee_name=trainee_name, shown_total=shown_total,
        note=note, items=[_item_view(item) for item in items])


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


def summary_for(root: Path, quiz_id: str, trainee: str, bank: QuizBank) -> str:
    """The summary section of ``trainee``'s page, from the gradebook and the autograded copy."""
    grades, total, name = submission_grades(root, quiz_id, trainee)
    folder = root / "autograded" / trainee / quiz_id
    responses = check_responses(folder / responses_name(quiz_id), quiz_id)
    items = question_feedback(bank, responses.answers, grades,
                              reflection_texts(folder / notebook_name(quiz_id),
                                               root / "release" / quiz_id / notebook_name(quiz_id)))
    note = (f"your saved answers could not be read ({responses.problem}), so questions "
            "marked from them score 0. Please speak to your trainer." if responses.problem
            else None)
    return render_summary(name, bank, items, total, note)


class FeedbackSummary(Preprocessor):
    """Put the course's summary for this trainee in the page's resources (``ipt_summary``)."""

    enabled = Bool(True, help="Always on: nbconvert skips disabled preprocessors").tag(
        config=True)
    course_root = Unicode("", help="The course folder (banks and gradebook)").tag(config=True)

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        """Render the summary for the trainee and quiz nbgrader is exporting."""
        info = resources["nbgrader"]
        root = Path(self.course_root)
        bank = load_bank_for(root, info["assignment"])
        resources["ipt_summary"] = summary_for(root, info["assignment"], info["student"], bank)
        resources["ipt_title"] = f"{bank.title or bank.id}: feedback"
        return nb, resources


def feedback_config(root: Path) -> Config:
    """nbgrader configuration for the course's feedback pages (sanitised, with the summary)."""
    config = Config()
    configure_exporters(config)  # whatever the course's nbgrader_config.py says
    config.GenerateFeedback.preprocessors = [
        "nbgrader.preprocessors.GetGrades",
        "ipt_course.grading.feedback.FeedbackSummary",
        "ipt_course.grading.feedback.FeedbackSanitiser",
        "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    ]
    config.FeedbackSummary.course_root = str(root)
    config.HTMLExporter.template_file = PAGE_TEMPLATE
    return config


def write_feedback(root: Path, quiz_id: str, trainee: str, bank: QuizBank,
                   api: Any | None = None) -> tuple[Path | None, list[str]]:
    """Write one trainee's feedback page; return its path (None if refused) and any flags."""
    target = root / "feedback" / trainee / quiz_id / f"{quiz_id}.html"
    state = grading_state(root, quiz_id, trainee)
    if not state.graded:
        flags = [f"not graded ({state.reason}): no feedback"]
        if target.parent.is_dir():  # generated from the earlier submission: never to go out
            shutil.rmtree(target.parent)
            flags.append("the page for the earlier submission was removed")
        return None, flags
    flags: list[str] = []
    api = api or make_api(root, extra=feedback_config(root))
    outcome = api.generate_feedback(quiz_id, trainee, force=True)
    if outcome.get("success") and target.is_file():
        page = target.read_text(encoding="utf-8")
    else:
        flags.append(f"nbgrader feedback failed: {one_line_reason(outcome)}; "
                     "summary page written alone")
        page = _environment().get_template("standalone.html.j2").render(
            title=f"{bank.title or quiz_id}: feedback",
            summary=Markup(summary_for(root, quiz_id, trainee, bank)))
    leaks = find_leaks(page, secret_texts(bank))
    if leaks:
        target.unlink(missing_ok=True)
        raise FeedbackLeak(f"{trainee}: feedback not written, it held: {', '.join(leaks)}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target, flags


def quiz_closes(root: Path, quiz_id: str) -> dt.datetime | None:
    """The quiz's due date in the gradebook (UTC), if the trainer set one in formgrader."""
    from nbgrader.api import MissingEntry

    with gradebook(root) as book:
        try:
            return book.find_assignment(quiz_id).duedate
        except MissingEntry:
            return None


def feedback_all(root: Path, quiz_id: str, *, progress: bool = True,
                 before_close: bool = False) -> dict[str, list[str]]:
    """Feedback for every submitting trainee; returns flags per trainee (empty list = fine).

    Raises FeedbackTooEarly while the quiz's due date is ahead, unless ``before_close``.
    """
    root = root.resolve()
    closes = quiz_closes(root, quiz_id)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if closes is not None and closes > now and not before_close:
        raise FeedbackTooEarly(
            f"{quiz_id} closes at {closes:%d %B %Y %H:%M} UTC; feedback shows every "
            "question's explanation, so it waits until then (or use --before-close)")
    bank = load_bank_for(root, quiz_id)
    api = make_api(root, extra=feedback_config(root))
    outcome: dict[str, list[str]] = {}
    trainees = submitted_trainees(root, quiz_id)
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
