"""The quiz results dashboard: scores, items, distractors and the weakest outcomes."""

from __future__ import annotations

import html
import io
from pathlib import Path
from urllib.parse import quote

import ipywidgets as widgets
import pandas as pd

from ipt_course.course import Course
from ipt_course.kit.order import letters
from ipt_course.live.dashboards.common import (
    ChartImage,
    course_of,
    empty_note,
    html_table,
    style_block,
    wait_for_viewer,
)
from ipt_course.live.dashboards.quiz_data import (
    QuizReport,
    quiz_choices,
    quiz_report,
)
from ipt_course.live.dashboards.quiz_review import review_address

NO_RESULTS = ("No graded submissions yet for this quiz. Collect and autograde them "
              "(`ipt-course grade collect` then `ipt-course grade autograde`), then press Refresh.")
WEAKEST = 3
SHARE_LINK = "Open the anonymous review to share (new tab)"


def share_link_html(quiz_id: str) -> str:
    """A link that opens the anonymous review of ``quiz_id`` in a new tab, and what it is for.

    The address is relative, so it stays under Voila's base URL (a hub's user prefix too).
    """
    return (f'<p class="ipt-share"><a class="ipt-share-link" '
            f'href="{html.escape(review_address(quiz_id))}" target="_blank" rel="noopener">'
            f"{SHARE_LINK}</a> <span class=\"ipt-muted\">Share that tab on Teams, never this "
            "one: it shows one question at a time, no names, and the answer only when you "
            "reveal it.</span></p>")


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
        self._share = widgets.HTML()
        self._picker.observe(lambda _: self.refresh(), names="value")
        self._refresh.on_click(lambda _: self.refresh())
        super().__init__([style_block(), widgets.HTML("<h1>Quiz results</h1>"),
                          widgets.HBox([self._picker, self._refresh]), self._share,
                          self._summary, self._chart, self._details])
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

    def refresh(self) -> None:
        """Re-read the gradebook and redraw."""
        report = self.report
        self._share.value = share_link_html(self._picker.value)
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
