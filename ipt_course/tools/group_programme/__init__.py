"""This service's 12-week perinatal group, and the weekly measures of a fictional group (Day 5).

``GroupProgrammePlanner()`` (the same class as :class:`GroupProgrammeView`) lays out this
service's model from ``data/programme.yaml``: two one-to-one screening sessions, group sessions 3
to 10 with their themes, the ending at 11 and 12, and the one-to-one review, dated for the
Thursday group and set beside the published group models (``data/published.yaml``).

``GroupMeasuresTracker()`` (the same class as :class:`GroupMeasuresView`) charts the Thursday
group's weekly PHQ-9 and GAD-7 totals per member (``data/thursday_group.yaml``, all fictional),
with the item-9 flags as the facilitators review them in each session's first 30 minutes, and
says that a score never replaces a risk conversation. Neither tool saves anything.
"""

from ipt_course.tools.group_programme.drawing import measures_figure, programme_figure
from ipt_course.tools.group_programme.layout import bands, grid_shape, strip_cells
from ipt_course.tools.group_programme.model import PlannerModel, TrackerModel
from ipt_course.tools.group_programme.planner_view import GroupProgrammeView
from ipt_course.tools.group_programme.programme import (
    Programme,
    programme,
    published_models,
    session_dates,
    weeks,
)
from ipt_course.tools.group_programme.scores import (
    Group,
    flags,
    review,
    thursday_group,
    tracker_wording,
)
from ipt_course.tools.group_programme.tracker_view import GroupMeasuresView

# The names the Day 5 notebook uses.
GroupProgrammePlanner = GroupProgrammeView
GroupMeasuresTracker = GroupMeasuresView

__all__ = [
    "Group",
    "GroupMeasuresTracker",
    "GroupMeasuresView",
    "GroupProgrammePlanner",
    "GroupProgrammeView",
    "PlannerModel",
    "Programme",
    "TrackerModel",
    "bands",
    "flags",
    "grid_shape",
    "measures_figure",
    "programme",
    "programme_figure",
    "published_models",
    "review",
    "session_dates",
    "strip_cells",
    "thursday_group",
    "tracker_wording",
    "weeks",
]
