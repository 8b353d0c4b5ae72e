"""The IPT timeline: life events and mood over time, to link the onset of depression to events.

``TimelineBuilder(save_path="my-timeline.json")`` is the widget a teaching notebook shows (the
same class as :class:`TimelineView`). The trainee's timeline is saved as JSON beside the
notebook after every change (atomic write), reloaded when the tool opens, and can be exported as
a PNG. A file that cannot be read is set aside before anything is written, so nothing is lost.
"""

from ipt_course.tools.timeline.drawing import timeline_alt_text, timeline_figure
from ipt_course.tools.timeline.model import (
    EVENT_KINDS,
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
from ipt_course.tools.timeline.store import TimelineDocument, TimelineFileError, TimelineStore
from ipt_course.tools.timeline.view import TimelineView

# The name the Day 2 notebook uses.
TimelineBuilder = TimelineView

__all__ = [
    "EVENT_KINDS",
    "FIRST_YEAR",
    "MAX_LABEL",
    "LifeEvent",
    "MonthYear",
    "MoodRating",
    "TimelineBuilder",
    "TimelineDocument",
    "TimelineError",
    "TimelineFileError",
    "TimelineModel",
    "TimelineStore",
    "TimelineView",
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
