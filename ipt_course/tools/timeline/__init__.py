"""The IPT timeline: life events and mood over time, to link the onset of depression to events.

``TimelineBuilder(save_path="my-timeline.json")`` is the widget a teaching notebook shows (the
same class as :class:`TimelineView`). The trainee's timeline is saved as JSON beside the
notebook after every change (atomic write), reloaded when the tool opens, and can be exported as
a PNG. A file that cannot be read is set aside before anything is written, so nothing is lost.
``TimelineBuilder(save_path="my-perinatal-timeline.json", perinatal=True)`` (Day 4) also offers
pregnancies, births, losses and anniversaries, each drawn with its own shape.
"""

from ipt_course.tools.timeline.drawing import timeline_alt_text, timeline_figure
from ipt_course.tools.timeline.kinds import (
    ALL_KINDS,
    EVENT_KINDS,
    PERINATAL_KINDS,
    KindsDataError,
    PerinatalKind,
    event_kinds,
    parse_perinatal_kinds,
    perinatal_kinds,
)
from ipt_course.tools.timeline.model import (
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

# The name the notebooks use (Day 1, and Day 4 with perinatal=True).
TimelineBuilder = TimelineView

__all__ = [
    "ALL_KINDS",
    "EVENT_KINDS",
    "FIRST_YEAR",
    "MAX_LABEL",
    "PERINATAL_KINDS",
    "KindsDataError",
    "LifeEvent",
    "MonthYear",
    "MoodRating",
    "PerinatalKind",
    "TimelineBuilder",
    "TimelineDocument",
    "TimelineError",
    "TimelineFileError",
    "TimelineModel",
    "TimelineStore",
    "TimelineView",
    "event_kinds",
    "example_data",
    "last_allowed_year",
    "load_example",
    "make_event",
    "make_month_year",
    "make_rating",
    "parse_month_year",
    "parse_perinatal_kinds",
    "perinatal_kinds",
    "timeline_alt_text",
    "timeline_figure",
]
