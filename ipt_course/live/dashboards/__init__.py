"""Trainer dashboards: quiz results, the quiz review, the live room, cohort progress and the
evaluation report.

Each dashboard has table functions (course root in, DataFrame out: unit-testable without a
browser) and a view (an ipywidgets VBox) that the thin notebooks in ``dashboards/`` show.
Trainer-only: the quiz results name correct answers and trainees. The quiz review is the one
page made to be shared: no names, and each answer only when the trainer reveals it.
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
from ipt_course.live.dashboards.quiz_data import (
    QuizReport,
    quiz_choices,
    quiz_report,
    quiz_results_table,
)
from ipt_course.live.dashboards.quiz_results import (
    NO_RESULTS,
    SHARE_LINK,
    WEAKEST,
    QuizResultsView,
    facility_table,
    quiz_results,
    score_histogram_png,
    section_anchor,
    share_link_html,
    weakest_outcomes,
)
from ipt_course.live.dashboards.quiz_review import (
    QuizReviewPage,
    QuizReviewView,
    quiz_review,
    requested_quiz,
    review_address,
)

__all__ = [
    "NO_RESULTS",
    "SESSION_OVERRIDE",
    "SHARE_LINK",
    "STYLE",
    "WEAKEST",
    "ChartImage",
    "CohortProgressView",
    "EvaluationReportView",
    "LiveRoomView",
    "QuizReport",
    "QuizResultsView",
    "QuizReviewPage",
    "QuizReviewView",
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
    "quiz_review",
    "requested_quiz",
    "review_address",
    "score_histogram_png",
    "section_anchor",
    "share_link_html",
    "style_block",
    "weakest_outcomes",
]
