"""The Level B tracker (Day 6): supervised practice set against Level B as the syllabus states it.

``LevelBTracker(save_path="my-level-b.json")`` (the same class as :class:`LevelBView`) holds the
set-up (start date, entry criteria and supervisor confirmed with IPT UK, how and how often
supervision meets, supervision sessions held, the recordings asked per case) and four numbered
cases (focus, where each stands, sessions contracted and held, measures, consent to recording,
recordings made and submitted, the reflective report). It shows progress against four cases and
about ten months, warns about what is missing (consent not in writing, a report due, time
running short), says throughout to confirm the current rules with IPT UK, and makes a printable
page. Cases are never named. Wording and the figures are data (``data/tracker.yaml``).
"""

from ipt_course.tools.level_b.content import Content, tracker_content
from ipt_course.tools.level_b.model import LevelBModel, TrackerError
from ipt_course.tools.level_b.record import CaseRecord, LevelBDocument, LevelBFileError
from ipt_course.tools.level_b.rules import Finding, Progress, findings, progress
from ipt_course.tools.level_b.view import LevelBView

# The name the Day 6 notebook uses.
LevelBTracker = LevelBView

__all__ = [
    "CaseRecord",
    "Content",
    "Finding",
    "LevelBDocument",
    "LevelBFileError",
    "LevelBModel",
    "LevelBTracker",
    "LevelBView",
    "Progress",
    "TrackerError",
    "findings",
    "progress",
    "tracker_content",
]
