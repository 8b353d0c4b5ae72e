"""The cohort progress dashboard: attendance and quiz scores, trainee by trainee."""

from __future__ import annotations

import math
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ipt_course.course import Course
from ipt_course.grading.nbgrader_env import GRADEBOOK_FILE
from ipt_course.live.attendance import attendance_matrix
from ipt_course.live.dashboards.common import (
    course_of,
    empty_note,
    html_table,
    style_block,
    wait_for_viewer,
)
from ipt_course.live.store import LiveStore
from ipt_course.quiz.bank import load_bank

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
        maximum = maxima.get(bank.id) or bank.total_points
        scores = totals[bank.id] if bank.id in totals else pd.Series(math.nan, totals.index)
        frame[f"Day {day.number} quiz %"] = (100 * scores.astype(float) / maximum).round(1)
    return frame


def cohort_progress_table(root: Path | None = None,
                          store: LiveStore | None = None) -> pd.DataFrame:
    """Per trainee and day: present or not, and the quiz score where the day has one."""
    course = course_of(root)
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
        self._course = course_of(root)
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
            self._table.value = empty_note(
                "No trainees yet: import the roster (`ipt-course grade roster`) or mark "
                "attendance (`ipt-course attendance mark`).")
            return
        self._table.value = html_table(table.rename(columns={"trainee": "Trainee id",
                                                         "name": "Name"}),
                                   f"{len(table)} trainee(s); quiz scores in percent")


def cohort_progress(root: Path | None = None) -> CohortProgressView:
    """The cohort-progress dashboard."""
    wait_for_viewer(root)
    return CohortProgressView(root)
