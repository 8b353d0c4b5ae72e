"""The quiz results dashboard: scores, items, distractors and the weakest outcomes."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import ipywidgets as widgets
import pandas as pd

from ipt_course.course import Course
from ipt_course.grading.nbgrader_env import GRADEBOOK_FILE
from ipt_course.grading.reports import (
    distractor_counts,
    item_analysis,
    outcome_summary,
    score_distribution,
)
from ipt_course.kit.order import letters
from ipt_course.live.dashboards.common import (
    ChartImage,
    course_of,
    empty_note,
    html_table,
    style_block,
    wait_for_viewer,
)
from ipt_course.live.dashboards.quiz_review import QuizReviewView, review_items
from ipt_course.problems import Problem
from ipt_course.quiz.bank import BankError, QuizBank, load_bank

NO_RESULTS = ("No graded submissions yet for this quiz. Collect and autograde them "
              "(`ipt-course grade collect` then `ipt-course grade autograde`), then press Refresh.")
WEAKEST = 3


# Quiz results ---------------------------------------------------------------------------------


def quiz_choices(root: Path | None = None) -> list[tuple[str, str]]:
    """(title, quiz id) for every day with a quiz bank in course.yaml, in day order."""
    course = course_of(root)
    choices = []
    for day in course.days:
        if day.quiz:
            try:
                bank = load_bank(course.root / day.quiz)
            except BankError:
                continue
            choices.append((bank.title or bank.id, bank.id))
    return choices


def _bank(course: Course, quiz_id: str) -> QuizBank:
    for day in course.days:
        if day.quiz:
            bank = load_bank(course.root / day.quiz)
            if bank.id == quiz_id:
                return bank
    raise BankError([Problem("course.yaml", "days", f"no quiz bank with id {quiz_id!r}")])


def quiz_results_table(root: Path, quiz_id: str, bank: QuizBank) -> pd.DataFrame:
    """The grading long table for one quiz, empty (no gradebook file made) when none exists."""
    if not (root / GRADEBOOK_FILE).is_file():
        from ipt_course.grading.results import RESULT_COLUMNS

        return pd.DataFrame(columns=RESULT_COLUMNS)
    from ipt_course.grading.results import load_results

    return load_results(root, quiz_id, bank)


@dataclass
class QuizReport:
    """The tables behind the quiz-results dashboard."""

    bank: QuizBank
    results: pd.DataFrame
    distribution: pd.DataFrame
    items: pd.DataFrame
    outcomes: pd.DataFrame
    distractors: pd.DataFrame

    @property
    def empty(self) -> bool:
        """True when no trainee's submission has been graded."""
        return self.distribution.empty


def quiz_report(root: Path | None, quiz_id: str) -> QuizReport:
    """Score distribution, item analysis, outcome summary and distractors for one quiz."""
    course = course_of(root)
    bank = _bank(course, quiz_id)
    results = quiz_results_table(course.root, quiz_id, bank)
    return QuizReport(bank, results, score_distribution(results), item_analysis(results),
                      outcome_summary(results), distractor_counts(results, bank))


def score_histogram_png(distribution: pd.DataFrame) -> bytes:
    """A bar chart of trainees per 10% band of the quiz score, as PNG bytes."""
    from matplotlib.figure import Figure

    bands = [f"{low}–{low + 9}" if low < 90 else "90–100" for low in range(0, 100, 10)]
    counts = [0] * 10
    for percent in distribution["percent"].dropna():
        counts[min(int(percent // 10), 9)] += 1
    figure = Figure(figsize=(7.5, 3.2), dpi=100)
    axes = figure.subplots()
    axes.bar(bands, counts, color="#0b3d91")
    axes.set_xlabel("Score (%)", fontsize=11)
    axes.set_ylabel("Trainees", fontsize=11)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.tick_params(labelsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def section_anchor(section: str) -> str:
    """JupyterLab's anchor for a Markdown heading: spaces become hyphens."""
    return quote(section.strip().replace(" ", "-"))


def weakest_outcomes(report: QuizReport, course: Course, count: int = WEAKEST) -> pd.DataFrame:
    """The lowest-scoring outcomes, their text, and the notebook sections to revisit."""
    rows = []
    for row in report.outcomes.head(count).itertuples():
        try:
            text = course.outcome(row.outcome).text
        except KeyError:
            text = ""
        sections = []
        for question in report.bank.questions:
            reference = question.reference
            if question.outcome == row.outcome and reference is not None:
                place = (reference.notebook, reference.section)
                if place not in sections:
                    sections.append(place)
        rows.append({"outcome": row.outcome, "text": text,
                     "mean_proportion": row.mean_proportion,
                     "trainees_below_half": row.trainees_below_half, "sections": sections})
    return pd.DataFrame(rows, columns=["outcome", "text", "mean_proportion",
                                       "trainees_below_half", "sections"])


def _section_links(sections: list[tuple[str, str]]) -> str:
    links = []
    for notebook, section in sections:
        href = "../" + quote(notebook) + (f"#{section_anchor(section)}" if section else "")
        label = Path(notebook).stem + (f": {section}" if section else "")
        links.append(f'<a href="{html.escape(href)}" target="_blank" rel="noopener">'
                     f"{html.escape(label)}</a>")
    return "<br>".join(links) or "–"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def facility_table(report: QuizReport) -> pd.DataFrame:
    """Per question: its words, outcome, facility (mean share of the points), share fully right.

    The bank's question id comes last, for the trainer who looks a question up in the bank.
    """
    prompts = {q.id: _short(q.prompt) for q in report.bank.questions}
    table = report.items.assign(words=report.items["question"].map(prompts).fillna(""))
    columns = ["number", "words", "type", "outcome", "facility", "share_correct", "answered",
               "discrimination", "question"]
    return table[columns].rename(columns={
        "number": "No.", "words": "Question", "type": "Type", "outcome": "Outcome",
        "facility": "Facility", "share_correct": "Fully right", "answered": "Answered",
        "discrimination": "Discrimination", "question": "Id in the bank"})


def distractor_table(report: QuizReport) -> pd.DataFrame:
    """Each option as chosen, by question number and option letter; the bank's ids last."""
    numbers = {q.id: number for number, q in enumerate(report.bank.questions, start=1)}
    table = report.distractors.copy()
    table["number"] = table["question"].map(numbers)
    table["option"] = ""
    for question_id, rows in table.groupby("question", sort=False):
        if report.bank.question(question_id).type != "matching":
            table.loc[rows.index, "option"] = letters(len(rows))
    table["is_key"] = table["is_key"].map({True: "key", False: ""})
    table["id"] = table["question"] + " / " + table["choice"].astype(str)
    return table[["number", "option", "text", "is_key", "count", "id"]].rename(columns={
        "number": "No.", "option": "Option", "text": "Text", "is_key": "Key",
        "count": "Chosen by", "id": "Id in the bank"})


class QuizResultsView(widgets.VBox):
    """Pick a quiz; see its score spread, item facility, weakest outcomes and distractors."""

    def __init__(self, root: Path | None = None) -> None:
        self._course = course_of(root)
        choices = quiz_choices(self._course.root)
        self._picker = widgets.Dropdown(options=choices, description="Quiz:",
                                        style={"description_width": "initial"},
                                        layout={"width": "520px"})
        self._refresh = widgets.Button(description="Refresh", tooltip="Read the gradebook again")
        self._summary = widgets.HTML()
        self._chart = ChartImage(format="png", layout={"max_width": "760px"})
        self._details = widgets.HTML()
        self._mode = widgets.ToggleButtons(
            options=[("Results (trainer only)", "results"),
                     ("Anonymous review (safe to share)", "review")],
            value="results", style={"button_width": "auto"},
            tooltips=["Scores, outcomes and the key: never share",
                      "Question by question, no names, the key revealed by you"])
        self._results = widgets.VBox([self._summary, self._chart, self._details])
        self._review = widgets.VBox()
        self._picker.observe(lambda _: self.refresh(), names="value")
        self._refresh.on_click(lambda _: self.refresh())
        self._mode.observe(lambda _: self._show_mode(), names="value")
        super().__init__([style_block(), widgets.HTML("<h1>Quiz results</h1>"),
                          widgets.HBox([self._picker, self._refresh]), self._mode,
                          self._results, self._review])
        self._show_mode()
        self.add_class("ipt-dash")
        if not choices:
            self._summary.value = empty_note("course.yaml lists no quiz yet.")
            self._chart.layout.display = "none"
            return
        self.refresh()

    @property
    def report(self) -> QuizReport:
        """The report for the chosen quiz, read now."""
        return quiz_report(self._course.root, self._picker.value)

    def _show_mode(self) -> None:
        review = self._mode.value == "review"
        self._results.layout.display = "none" if review else None
        self._review.layout.display = None if review else "none"

    def refresh(self) -> None:
        """Re-read the gradebook and redraw."""
        report = self.report
        self._review.children = [QuizReviewView([] if report.empty else review_items(report))]
        if report.empty:
            self._summary.value = empty_note(NO_RESULTS)
            self._chart.layout.display = "none"
            self._details.value = ""
            return
        spread = report.distribution["percent"]
        self._summary.value = (
            f"<h2>{html.escape(report.bank.title)}</h2>"
            f"<p>{len(spread)} graded submission(s). Mean {spread.mean():.0f}%, "
            f"median {spread.median():.0f}%, lowest {spread.min():.0f}%, "
            f"highest {spread.max():.0f}%.</p><h2>Score distribution</h2>")
        self._chart.value = score_histogram_png(report.distribution)
        self._chart.tooltip = (f"Bar chart of {len(spread)} trainees' scores in 10% bands; "
                               f"mean {spread.mean():.0f}%.")
        self._chart.layout.display = None
        self._details.value = self._details_html(report)

    def _details_html(self, report: QuizReport) -> str:
        weakest = weakest_outcomes(report, self._course)
        rows = "".join(
            f"<tr><td>{html.escape(r.outcome)}</td><td>{html.escape(r.text)}</td>"
            f"<td>{r.mean_proportion:.0%}</td><td>{r.trainees_below_half}</td>"
            f"<td>{_section_links(r.sections)}</td></tr>" for r in weakest.itertuples())
        weak_table = (
            '<table><caption class="ipt-muted">Lowest mean score first</caption><thead><tr>'
            '<th scope="col">Outcome</th><th scope="col">What it asks</th>'
            '<th scope="col">Mean score</th><th scope="col">Trainees below half</th>'
            '<th scope="col">Revisit</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")
        return ("<h2>Weakest outcomes</h2>" + weak_table
                + "<h2>Per-question facility</h2>"
                + html_table(facility_table(report), "Facility: mean share of the points "
                         "(1 = everyone fully right)")
                + "<h2>Options chosen</h2>"
                + '<details class="ipt-distractors"><summary>How many trainees chose each '
                "option, question by question (trainer only: shows the key)</summary>"
                + html_table(distractor_table(report), "Options in the bank's order")
                + "</details>")


def quiz_results(root: Path | None = None) -> QuizResultsView:
    """The quiz-results dashboard."""
    wait_for_viewer(root)
    return QuizResultsView(root)
