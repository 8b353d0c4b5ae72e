"""Trainer dashboards: quiz results, the live room, cohort progress and the evaluation report.

Each dashboard has table functions (course root in, DataFrame out: unit-testable without a
browser) and a view (an ipywidgets VBox) that the thin notebooks in ``dashboards/`` show.
Trainer-only: the quiz results name correct answers and trainees.
"""

from __future__ import annotations

import html
import io
import math
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import ipywidgets as widgets
import pandas as pd
import traitlets

from ipt_course.course import Course, load_course
from ipt_course.grading.nbgrader_env import GRADEBOOK_FILE
from ipt_course.grading.quizdata import Bank, BankError, load_bank
from ipt_course.grading.reports import (
    distractor_counts,
    item_analysis,
    outcome_summary,
    score_distribution,
)
from ipt_course.live.agenda import AUTOMATIC
from ipt_course.live.attendance import attendance_matrix
from ipt_course.live.store import SESSION_OVERRIDE, Evaluation, LiveStore, Question

NO_RESULTS = ("No graded submissions yet for this quiz. Collect and autograde them "
              "(`ipt-course grade collect` then `ipt-course grade autograde`), then press Refresh.")
WEAKEST = 3
STYLE = """
.ipt-dash { font-size: 16px; color: #111; max-width: 1200px; }
.ipt-dash h1 { font-size: 26px; color: #0b3d91; margin: 0 0 4px; }
.ipt-dash h2 { font-size: 20px; color: #0b3d91; margin: 14px 0 4px; }
.ipt-dash p, .ipt-dash li { font-size: 16px; color: #111; }
.ipt-dash table { border-collapse: collapse; margin: 4px 0 10px; }
.ipt-dash th, .ipt-dash td { border-bottom: 1px solid #8a8a8a; padding: 4px 10px; text-align: left;
  color: #111; font-size: 15px; }
.ipt-dash th { background: #e4e7ec; }
.ipt-dash .ipt-key { font-weight: 700; color: #0a5c2b; }
.ipt-dash .ipt-muted { color: #333; }
.ipt-dash a { color: #0b3d91; text-decoration: underline; }
.ipt-dash .widget-label, .ipt-dash .widget-checkbox label { color: #111; font-size: 15px; }
.ipt-dash .ipt-status { color: #0a5c2b; font-weight: 600; }
.ipt-dash .ipt-empty { background: #fff8e1; border-left: 5px solid #8a5a00; padding: 8px 12px;
  color: #111; }
"""


class ChartImage(widgets.Image):
    """An Image whose tooltip becomes the picture's text alternative (its ``title``).

    ipywidgets' front end reads ``description`` when it applies a tooltip, and Image has none,
    so a tooltip on a plain Image breaks its view; an empty synced description fixes that.
    """

    description = traitlets.Unicode("").tag(sync=True)


def style_block() -> widgets.HTML:
    """The dashboards' style sheet (high contrast, large type for a shared screen)."""
    return widgets.HTML(f"<style>{STYLE}</style>")


def _root(root: Path | None) -> Course:
    return load_course(root)


def _table(frame: pd.DataFrame, caption: str, escape: bool = True) -> str:
    """A DataFrame as an accessible HTML table (a caption, header cells with scope)."""
    if frame.empty:
        return f'<p class="ipt-muted">{html.escape(caption)}: nothing yet.</p>'
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        cells = "".join(f"<td>{html.escape(_cell(v)) if escape else _cell(v)}</td>"
                        for v in values)
        rows.append(f"<tr>{cells}</tr>")
    return (f'<table><caption class="ipt-muted">{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def _empty_note(text: str) -> str:
    return f'<p class="ipt-empty" role="status">{html.escape(text)}</p>'


# Quiz results ---------------------------------------------------------------------------------


def quiz_choices(root: Path | None = None) -> list[tuple[str, str]]:
    """(title, quiz id) for every day with a quiz bank in course.yaml, in day order."""
    course = _root(root)
    choices = []
    for day in course.days:
        if day.quiz:
            try:
                bank = load_bank(course.root / day.quiz)
            except BankError:
                continue
            choices.append((bank.title or bank.id, bank.id))
    return choices


def _bank(course: Course, quiz_id: str) -> Bank:
    for day in course.days:
        if day.quiz:
            bank = load_bank(course.root / day.quiz)
            if bank.id == quiz_id:
                return bank
    raise BankError(f"course.yaml lists no quiz bank with id {quiz_id!r}")


def quiz_results_table(root: Path, quiz_id: str, bank: Bank) -> pd.DataFrame:
    """The grading long table for one quiz, empty (no gradebook file made) when none exists."""
    if not (root / GRADEBOOK_FILE).is_file():
        from ipt_course.grading.results import RESULT_COLUMNS

        return pd.DataFrame(columns=RESULT_COLUMNS)
    from ipt_course.grading.results import load_results

    return load_results(root, quiz_id, bank)


@dataclass
class QuizReport:
    """The tables behind the quiz-results dashboard."""

    bank: Bank
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
    course = _root(root)
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
            if question.outcome == row.outcome and reference.get("notebook"):
                place = (reference["notebook"], reference.get("section", ""))
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


def facility_table(report: QuizReport) -> pd.DataFrame:
    """Per question: outcome, facility (mean share of the points), share fully right."""
    columns = ["number", "question", "type", "outcome", "facility", "share_correct",
               "answered", "discrimination"]
    return report.items[columns].rename(columns={
        "number": "No.", "question": "Question", "type": "Type", "outcome": "Outcome",
        "facility": "Facility", "share_correct": "Fully right", "answered": "Answered",
        "discrimination": "Discrimination"})


class QuizResultsView(widgets.VBox):
    """Pick a quiz; see its score spread, item facility, weakest outcomes and distractors."""

    def __init__(self, root: Path | None = None) -> None:
        self._course = _root(root)
        choices = quiz_choices(self._course.root)
        self._picker = widgets.Dropdown(options=choices, description="Quiz:",
                                        style={"description_width": "initial"},
                                        layout={"width": "520px"})
        self._refresh = widgets.Button(description="Refresh", tooltip="Read the gradebook again")
        self._summary = widgets.HTML()
        self._chart = ChartImage(format="png", layout={"max_width": "760px"})
        self._details = widgets.HTML()
        self._picker.observe(lambda _: self.refresh(), names="value")
        self._refresh.on_click(lambda _: self.refresh())
        super().__init__([style_block(), widgets.HTML("<h1>Quiz results</h1>"),
                          widgets.HBox([self._picker, self._refresh]), self._summary,
                          self._chart, self._details])
        self.add_class("ipt-dash")
        if not choices:
            self._summary.value = _empty_note("course.yaml lists no quiz yet.")
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
        if report.empty:
            self._summary.value = _empty_note(NO_RESULTS)
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
        distractors = report.distractors.copy()
        distractors["is_key"] = distractors["is_key"].map({True: "key", False: ""})
        distractors = distractors.rename(columns={
            "question": "Question", "choice": "Choice", "text": "Text", "is_key": "Key",
            "count": "Chosen by"})
        return ("<h2>Weakest outcomes</h2>" + weak_table
                + "<h2>Per-question facility</h2>"
                + _table(facility_table(report), "Facility: mean share of the points "
                         "(1 = everyone fully right)")
                + "<h2>Distractors chosen</h2>"
                + _table(distractors, "How many trainees chose each option (trainer only: "
                         "shows the key)"))


def quiz_results(root: Path | None = None) -> QuizResultsView:
    """The quiz-results dashboard."""
    return QuizResultsView(root)


# The live room --------------------------------------------------------------------------------


def day_choices(course: Course) -> list[tuple[str, int]]:
    """(label, number) for each course day."""
    return [(f"Day {day.number}: {day.title}", day.number) for day in course.days]


def evaluation_means(store: LiveStore, day: int | None = None) -> pd.DataFrame:
    """Per day: evaluations received and mean presentation and relevance ratings."""
    frame = store.table(Evaluation, day)
    columns = ["day", "responses", "presentation", "relevance"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    grouped = frame.groupby("day")
    means = pd.DataFrame({"responses": grouped["viewer"].count(),
                          "presentation": grouped["presentation"].mean().round(2),
                          "relevance": grouped["relevance"].mean().round(2)})
    return means.reset_index()[columns]


def evaluation_comments(store: LiveStore, day: int | None = None) -> pd.DataFrame:
    """Non-empty evaluation comments, oldest first."""
    frame = store.table(Evaluation, day)
    if frame.empty:
        return pd.DataFrame(columns=["day", "comment"])
    frame = frame[frame["comment"].str.strip() != ""].sort_values("created")
    return frame[["day", "comment"]].reset_index(drop=True)


def open_questions(store: LiveStore, day: int) -> pd.DataFrame:
    """The day's questions, unanswered first, oldest first."""
    frame = store.table(Question, day)
    if frame.empty:
        return pd.DataFrame(columns=["id", "text", "answered"])
    return frame.sort_values(["answered", "created"])[["id", "text", "answered"]].reset_index(
        drop=True)


def confidence_table(store: LiveStore, course: Course, day: int) -> pd.DataFrame:
    """Mean confidence at the start and end of the day per outcome, with the outcome's text."""
    summary = store.confidence_summary(day)
    texts = {o.id: o.text for o in course.day(day).outcomes}
    summary.insert(1, "text", summary["outcome"].map(texts).fillna(""))
    return summary


class LiveRoomView(widgets.VBox):
    """The live aggregate of one day for the trainer, with the room's shared switches."""

    def __init__(self, root: Path | None = None, store: LiveStore | None = None,
                 day: int | None = None) -> None:
        self._course = _root(root)
        self.store = store or LiveStore.for_course(self._course.root)
        days = day_choices(self._course)
        self._day = widgets.Dropdown(options=days, value=day or days[0][1], description="Day:",
                                     style={"description_width": "initial"},
                                     layout={"width": "620px"})
        self._refresh = widgets.Button(description="Refresh", button_style="primary",
                                       tooltip="Read the room's answers again")
        self._named = widgets.Checkbox(value=self.store.named_attendance, indent=False,
                                       description="Named attendance (trainees sign in by name)",
                                       layout={"width": "auto"})
        options, value = self._highlight_options(self.day)
        self._highlight = widgets.Dropdown(options=options, value=value,
                                           description="Highlight on the live page:",
                                           style={"description_width": "initial"},
                                           layout={"width": "620px"})
        self._checkins = widgets.HTML()
        self._confidence = widgets.HTML()
        self._questions = widgets.VBox()
        self._evaluations = widgets.HTML()
        self._status = widgets.HTML()
        self._day.observe(lambda _: self._day_changed(), names="value")
        self._highlight.observe(self._set_highlight, names="value")
        self._refresh.on_click(lambda _: self.refresh())
        self._named.observe(self._set_named, names="value")
        super().__init__([
            style_block(), widgets.HTML("<h1>The live room</h1>"),
            widgets.HBox([self._day, self._refresh]), self._status,
            widgets.HTML("<h2>Room settings</h2>"), self._named, self._highlight,
            widgets.HTML("<h2>Check-in</h2>"), self._checkins,
            widgets.HTML("<h2>Confidence in the day's outcomes</h2>"), self._confidence,
            widgets.HTML("<h2>Questions</h2>"), self._questions,
            widgets.HTML("<h2>Evaluation</h2>"), self._evaluations])
        self.add_class("ipt-dash")
        self.refresh()

    @property
    def day(self) -> int:
        """The day shown."""
        return int(self._day.value)

    def _highlight_options(self, day: int) -> tuple[list[tuple[str, str]], str]:
        sessions = self._course.day(day).sessions
        current = self.store.setting(SESSION_OVERRIDE, AUTOMATIC)
        value = current if current in {s.id for s in sessions} else AUTOMATIC
        return [("From the clock", AUTOMATIC)] + [
            (f"{s.start:%H:%M} {s.title}", s.id) for s in sessions], value

    def _day_changed(self) -> None:
        self._highlight.unobserve(self._set_highlight, names="value")
        options, value = self._highlight_options(self.day)
        with self._highlight.hold_trait_notifications():
            self._highlight.options = options
            self._highlight.value = value
        self._highlight.observe(self._set_highlight, names="value")
        self.refresh()

    def _set_named(self, change: dict) -> None:
        self.store.set_setting("named_attendance", "on" if change["new"] else "off")
        self._say("Named attendance is on: the live page asks for names from the next page load."
                  if change["new"] else "Named attendance is off: the live page is anonymous.")

    def _set_highlight(self, change: dict) -> None:
        self.store.set_setting(SESSION_OVERRIDE, change["new"] or AUTOMATIC)
        self._say("The live page highlights the session from the clock."
                  if change["new"] == AUTOMATIC else "The live page highlights the session "
                  "chosen here (from its next refresh).")

    def _say(self, text: str) -> None:
        self._status.value = f'<p class="ipt-status" role="status">{html.escape(text)}</p>'

    def refresh(self) -> None:
        """Re-read every table of the chosen day."""
        day = self.day
        checkins = self.store.checkin_summary(day)
        if checkins["count"]:
            words = ", ".join(f"{html.escape(w)} ({n})" if n > 1 else html.escape(w)
                              for w, n in checkins["words"].items())
            spread = ", ".join(f"{n} &times; {r}" for r, n in checkins["ratings"].items() if n)
            self._checkins.value = (f"<p><strong>{checkins['count']}</strong> check-in(s), "
                                    f"mean rating {checkins['mean']} (1 low, 5 great): "
                                    f"{spread}.</p><p>Words: {words}</p>")
        else:
            self._checkins.value = '<p class="ipt-muted">No check-ins yet.</p>'
        confidence = confidence_table(self.store, self._course, day).rename(columns={
            "outcome": "Outcome", "text": "Outcome text", "start": "Start", "end": "End",
            "change": "Change", "responses": "Viewers"})
        self._confidence.value = _table(confidence, "Mean confidence, 1 to 5")
        self._questions.children = self._question_rows(day)
        means = evaluation_means(self.store, day)
        comments = evaluation_comments(self.store, day)
        if means.empty:
            self._evaluations.value = '<p class="ipt-muted">No evaluations yet.</p>'
        else:
            row = means.iloc[0]
            listed = "".join(f"<li>{html.escape(c)}</li>" for c in comments["comment"])
            self._evaluations.value = (
                f"<p>{int(row['responses'])} evaluation(s): presentation "
                f"{row['presentation']:.2f}, relevance {row['relevance']:.2f} (out of 5).</p>"
                + (f"<ul>{listed}</ul>" if listed else ""))
        self._say(f"Day {day}: read at {pd.Timestamp.now():%H:%M:%S}.")

    def _question_rows(self, day: int) -> list[widgets.Widget]:
        questions = open_questions(self.store, day)
        if questions.empty:
            return [widgets.HTML('<p class="ipt-muted">No questions yet.</p>')]
        rows: list[widgets.Widget] = []
        for question in questions.itertuples():
            text = widgets.HTML(f"<p>{'(answered) ' if question.answered else ''}"
                                f"{html.escape(question.text)}</p>",
                                layout={"width": "760px"})
            if question.answered:
                rows.append(text)
                continue
            button = widgets.Button(description="Mark answered",
                                    tooltip=f"Mark answered: {question.text[:60]}")
            button.on_click(lambda _, qid=int(question.id): self._answer(qid))
            rows.append(widgets.HBox([text, button]))
        return rows

    def _answer(self, question_id: int) -> None:
        self.store.mark_answered(question_id)
        self.refresh()


def live_room(root: Path | None = None, store: LiveStore | None = None) -> LiveRoomView:
    """The live-room dashboard."""
    return LiveRoomView(root, store)


# Cohort progress ------------------------------------------------------------------------------


def quiz_percentages(root: Path, course: Course) -> pd.DataFrame:
    """Per trainee, per day with a quiz: the quiz score in percent (NaN: no submission)."""
    if not (root / GRADEBOOK_FILE).is_file():
        return pd.DataFrame(columns=["trainee"])
    from ipt_course.grading.results import course_totals

    totals = course_totals(root)
    maxima = totals.attrs.get("max_scores", {})
    frame = totals[["trainee"]].copy()
    for day in course.days:
        if not day.quiz:
            continue
        bank = load_bank(course.root / day.quiz)
        maximum = maxima.get(bank.id) or bank.max_score
        scores = totals[bank.id] if bank.id in totals else pd.Series(math.nan, totals.index)
        frame[f"Day {day.number} quiz %"] = (100 * scores.astype(float) / maximum).round(1)
    return frame


def cohort_progress_table(root: Path | None = None,
                          store: LiveStore | None = None) -> pd.DataFrame:
    """Per trainee and day: present or not, and the quiz score where the day has one."""
    course = _root(root)
    store = store or LiveStore.for_course(course.root)
    present = attendance_matrix(course.root, store, course)
    scores = quiz_percentages(course.root, course)
    table = present.merge(scores, on="trainee", how="outer") if len(scores.columns) > 1 \
        else present
    table["name"] = table["name"].fillna(table["trainee"])
    ordered = ["trainee", "name"]
    for day in course.days:
        ordered.append(f"Day {day.number}")
        if f"Day {day.number} quiz %" in table:
            ordered.append(f"Day {day.number} quiz %")
    table = table[ordered]
    for day in course.days:
        table[f"Day {day.number}"] = table[f"Day {day.number}"].map(
            lambda present: "present" if present is True else "absent")
    return table.sort_values("trainee", ignore_index=True)


class CohortProgressView(widgets.VBox):
    """Every trainee's attendance and quiz score, day by day."""

    def __init__(self, root: Path | None = None, store: LiveStore | None = None) -> None:
        self._course = _root(root)
        self.store = store or LiveStore.for_course(self._course.root)
        self._table = widgets.HTML()
        self._refresh = widgets.Button(description="Refresh", button_style="primary",
                                       tooltip="Read attendance and the gradebook again")
        self._refresh.on_click(lambda _: self.refresh())
        super().__init__([style_block(), widgets.HTML("<h1>Cohort progress</h1>"),
                          self._refresh, self._table])
        self.add_class("ipt-dash")
        self.refresh()

    def refresh(self) -> None:
        """Re-read attendance and scores."""
        table = cohort_progress_table(self._course.root, self.store)
        if table.empty:
            self._table.value = _empty_note(
                "No trainees yet: import the roster (`ipt-course grade roster`) or mark "
                "attendance (`ipt-course attendance mark`).")
            return
        self._table.value = _table(table.rename(columns={"trainee": "Trainee id",
                                                         "name": "Name"}),
                                   f"{len(table)} trainee(s); quiz scores in percent")


def cohort_progress(root: Path | None = None) -> CohortProgressView:
    """The cohort-progress dashboard."""
    return CohortProgressView(root)


# Evaluation report ----------------------------------------------------------------------------


def confidence_change(store: LiveStore, course: Course) -> pd.DataFrame:
    """Before/after confidence per outcome across every day, in course order."""
    frames = [confidence_table(store, course, day.number).assign(day=day.number)
              for day in course.days]
    frames = [frame for frame in frames if not frame.empty]
    columns = ["day", "outcome", "text", "start", "end", "change", "responses"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def evaluation_tables(root: Path | None = None,
                      store: LiveStore | None = None) -> dict[str, pd.DataFrame]:
    """The course evaluation: means per day, confidence change per outcome, comments."""
    course = _root(root)
    store = store or LiveStore.for_course(course.root)
    checkins = pd.DataFrame([{"day": day.number, **{k: v for k, v in store.checkin_summary(
        day.number).items() if k in ("count", "mean")}} for day in course.days])
    return {"ratings": evaluation_means(store), "confidence": confidence_change(store, course),
            "comments": evaluation_comments(store),
            "checkins": checkins.rename(columns={"count": "checkins", "mean": "mean_rating"})}


def export_evaluation(root: Path | None = None, store: LiveStore | None = None) -> list[Path]:
    """Write the evaluation tables as CSV files under exports/ (git-ignored)."""
    course = _root(root)
    folder = course.root / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in evaluation_tables(course.root, store).items():
        path = folder / f"evaluation-{name}.csv"
        table.to_csv(path, index=False)
        written.append(path)
    return written


class EvaluationReportView(widgets.VBox):
    """The course evaluation report, with an export to CSV."""

    def __init__(self, root: Path | None = None, store: LiveStore | None = None) -> None:
        self._course = _root(root)
        self.store = store or LiveStore.for_course(self._course.root)
        self._report = widgets.HTML()
        self._status = widgets.HTML()
        self._refresh = widgets.Button(description="Refresh", tooltip="Read the answers again")
        self._export = widgets.Button(description="Export to CSV", button_style="primary",
                                      tooltip="Write the tables to exports/")
        self._refresh.on_click(lambda _: self.refresh())
        self._export.on_click(lambda _: self.export())
        super().__init__([style_block(), widgets.HTML("<h1>Course evaluation</h1>"),
                          widgets.HBox([self._refresh, self._export]), self._status,
                          self._report])
        self.add_class("ipt-dash")
        self.refresh()

    def refresh(self) -> None:
        """Re-read the evaluations and confidence ratings."""
        tables = evaluation_tables(self._course.root, self.store)
        ratings = tables["ratings"].rename(columns={
            "day": "Day", "responses": "Evaluations", "presentation": "Presentation (1-5)",
            "relevance": "Relevance (1-5)"})
        confidence = tables["confidence"].rename(columns={
            "day": "Day", "outcome": "Outcome", "text": "Outcome text", "start": "Before",
            "end": "After", "change": "Change", "responses": "Viewers"})
        comments = tables["comments"].rename(columns={"day": "Day", "comment": "Comment"})
        self._report.value = (
            "<h2>Ratings per day</h2>" + _table(ratings, "Mean ratings out of 5")
            + "<h2>Confidence before and after, per outcome</h2>"
            + _table(confidence, "Mean confidence at the start and end of each day")
            + "<h2>Comments</h2>" + _table(comments, "Free comments, oldest first"))

    def export(self) -> list[Path]:
        """Write the CSV files and say where they went."""
        written = export_evaluation(self._course.root, self.store)
        names = ", ".join(path.name for path in written)
        self._status.value = (f'<p class="ipt-status" role="status">Exported to exports/: '
                              f"{html.escape(names)}</p>")
        return written


def evaluation_report(root: Path | None = None) -> EvaluationReportView:
    """The evaluation-report dashboard."""
    return EvaluationReportView(root)
