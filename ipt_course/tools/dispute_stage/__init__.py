"""The dispute stage aid (Day 3).

``DisputeStageAid()`` (the same class as :class:`DisputeStageView`) asks about safety first (abuse
or coercive control: safety planning, the service's policy and a same-day talk with the
supervisor come before any dispute work), then four questions that place a role dispute at
renegotiation, impasse or dissolution. It suggests a stage with its reasons, the plan and the
techniques that stage calls for, and leaves the judgement to the trainee. The answers, and the
cases the trainee keeps, are saved to ``save_path`` (``my-dispute-stage.json`` by default) and
loaded again on a re-run. The wording is in ``data/staging.yaml``.
"""

from ipt_course.tools.dispute_stage.guide import (
    QUESTION_IDS,
    SAFETY_ANSWERS,
    DisputeGuideError,
    Guide,
    guide,
    parse_guide,
)
from ipt_course.tools.dispute_stage.model import (
    Case,
    DisputeStageDocument,
    DisputeStageError,
    DisputeStageFileError,
    DisputeStageModel,
)
from ipt_course.tools.dispute_stage.rules import (
    ANSWER_LABELS,
    Staging,
    judgement_note,
    stage_dispute,
    stage_labels,
)
from ipt_course.tools.dispute_stage.view import DisputeStageView, stages_table_html

# The name the Day 3 notebook uses.
DisputeStageAid = DisputeStageView

__all__ = [
    "ANSWER_LABELS",
    "QUESTION_IDS",
    "SAFETY_ANSWERS",
    "Case",
    "DisputeGuideError",
    "DisputeStageAid",
    "DisputeStageDocument",
    "DisputeStageError",
    "DisputeStageFileError",
    "DisputeStageModel",
    "DisputeStageView",
    "Guide",
    "Staging",
    "guide",
    "judgement_note",
    "parse_guide",
    "stage_dispute",
    "stage_labels",
    "stages_table_html",
]
