"""A practice staying-well plan for the ending phase (Day 5).

``StayingWellPlan(save_path="my-staying-well-plan.json")`` (the same class as
:class:`StayingWellView`) takes the trainee through what changed and who did it (the client's
credit), the warning signs, acting the same day if suicidal thoughts return, what helps, whom to
contact and the follow-up. Simple word rules (``data/plan.yaml``) flag an empty part, a warning
sign nobody could spot ("feeling low"), credit handed to someone else, or a suicidal thought
listed as a sign to watch. The plan is saved as it is written, reloaded on a re-run, and prints
as a self-contained HTML page carrying the UK crisis lines.
"""

from ipt_course.tools.staying_well.content import (
    StayingWellContent,
    staying_well_content,
    staying_well_spec,
)
from ipt_course.tools.staying_well.model import (
    StayingWellDocument,
    StayingWellFileError,
    StayingWellModel,
)
from ipt_course.tools.staying_well.view import StayingWellView

# The name the Day 5 notebook uses.
StayingWellPlan = StayingWellView

__all__ = [
    "StayingWellContent",
    "StayingWellDocument",
    "StayingWellFileError",
    "StayingWellModel",
    "StayingWellPlan",
    "StayingWellView",
    "staying_well_content",
    "staying_well_spec",
]
