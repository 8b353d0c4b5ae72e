"""The evaluation report dashboard: ratings, comments and confidence, with an export."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ipt_course.course import Course
from ipt_course.live.dashboards.common import course_of, html_table, style_block, wait_for_viewer
from ipt_course.live.dashboards.live_room import (
    confidence_table,
    evaluation_comments,
    evaluation_means,
)
from ipt_course.live.store import LiveStore

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
    course = course_of(root)
    store = store or LiveStore.for_course(course.root)
    checkins = pd.DataFrame([{"day": day.number, **{k: v for k, v in store.checkin_summary(
        day.number).items() if k in ("count", "mean")}} for day in course.days])
    return {"ratings": evaluation_means(store), "confidence": confidence_change(store, course),
            "comments": evaluation_comments(store),
            "checkins": checkins.rename(columns={"count": "checkins", "mean": "mean_rating"})}


def export_evaluation(root: Path | None = None, store: LiveStore | None = None) -> list[Path]:
    """Write the evaluation tables as CSV files under exports/ (git-ignored)."""
    course = course_of(root)
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
        self._course = course_of(root)
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
            "<h2>Ratings per day</h2>" + html_table(ratings, "Mean ratings out of 5")
            + "<h2>Confidence before and after, per outcome</h2>"
            + html_table(confidence, "Mean confidence at the start and end of each day")
            + "<h2>Comments</h2>" + html_table(comments, "Free comments, oldest first"))

    def export(self) -> list[Path]:
        """Write the CSV files and say where they went."""
        written = export_evaluation(self._course.root, self.store)
        names = ", ".join(path.name for path in written)
        self._status.value = (f'<p class="ipt-status" role="status">Exported to exports/: '
                              f"{html.escape(names)}</p>")
        return written


def evaluation_report(root: Path | None = None) -> EvaluationReportView:
    """The evaluation-report dashboard."""
    wait_for_viewer(root)
    return EvaluationReportView(root)
