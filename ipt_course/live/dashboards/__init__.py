"""Trainer dashboards: quiz results, the live room, cohort progress and the evaluation report.

Each dashboard has table functions (course root in, DataFrame out: unit-testable without a
browser) and a view (an ipywidgets VBox) that the thin notebooks in ``dashboards/`` show.
Trainer-only: the quiz results name correct answers and trainees.
"""

from ipt_course.live.dashboards.cohort import (
    CohortProgressView,
    cohort_progress,
    cohort_progress_table,
    quiz_percentages,
)
from ipt_course.live.dashboards.common import (
    STYLE,
    ChartImage,
    style_block,
)
from ipt_course.live.dashboards.evaluation import (
    EvaluationReportView,
    confidence_change,
    evaluation_report,
    evaluation_tables,
    export_evaluation,
)
from ipt_course.live.dashboards.live_room import (
    SESSION_OVERRIDE,
    LiveRoomView,
    confidence_table,
    day_choices,
    evaluation_comments,
    evaluation_means,
    live_room,
    open_questions,
)
from ipt_course.live.dashboards.quiz_results import (
    NO_RESULTS,
    WEAKEST,
    QuizReport,
    QuizResultsView,
    facility_table,
    quiz_choices,
    quiz_report,
    quiz_results,
    quiz_results_table,
    score_histogram_png,
    section_anchor,
    weakest_outcomes,
)

__all__ = [
    "NO_RESULTS",
    "SESSION_OVERRIDE",
    "STYLE",
    "WEAKEST",
    "ChartImage",
    "CohortProgressView",
    "EvaluationReportView",
    "LiveRoomView",
    "QuizReport",
    "QuizResultsView",
    "cohort_progress",
    "cohort_progress_table",
    "confidence_change",
    "confidence_table",
    "day_choices",
    "evaluation_comments",
    "evaluation_means",
    "evaluation_report",
    "evaluation_tables",
    "export_evaluation",
    "facility_table",
    "live_room",
    "open_questions",
    "quiz_choices",
    "quiz_percentages",
    "quiz_report",
    "quiz_results",
    "quiz_results_table",
    "score_histogram_png",
    "section_anchor",
    "style_block",
    "weakest_outcomes",
]
