"""The IPT timeline: life events and mood over time, to link the onset of depression to events.

The trainee's timeline is saved as JSON beside the notebook after every change (atomic write),
reloaded when the tool opens, and can be exported as a PNG. A file that cannot be read is
copied aside before anything is written, so nothing is ever lost.
"""

from ipt_course.tools.timeline.drawing import (
    FIGURE_WIDTH,
    KIND_COLOURS,
    KIND_MARKERS,
    timeline_alt_text,
    timeline_figure,
)
from ipt_course.tools.timeline.labels import (
    LABEL_CHAR_INCHES,
)
from ipt_course.tools.timeline.model import (
    EVENT_KINDS,
    FILE_FORMAT,
    FIRST_YEAR,
    MAX_LABEL,
    LifeEvent,
    MonthYear,
    MoodRating,
    TimelineError,
    TimelineModel,
    example_data,
    last_allowed_year,
    load_example,
    make_event,
    make_month_year,
    make_rating,
    parse_month_year,
)
from ipt_course.tools.timeline.store import (
    TimelineStore,
)
from ipt_course.tools.timeline.view import (
    TimelineBuilder,
)

__all__ = [
    "EVENT_KINDS",
    "FIGURE_WIDTH",
    "FILE_FORMAT",
    "FIRST_YEAR",
    "KIND_COLOURS",
    "KIND_MARKERS",
    "LABEL_CHAR_INCHES",
    "MAX_LABEL",
    "LifeEvent",
    "MonthYear",
    "MoodRating",
    "TimelineBuilder",
    "TimelineError",
    "TimelineModel",
    "TimelineStore",
    "example_data",
    "last_allowed_year",
    "load_example",
    "make_event",
    "make_month_year",
    "make_rating",
    "parse_month_year",
    "timeline_alt_text",
    "timeline_figure",
]
