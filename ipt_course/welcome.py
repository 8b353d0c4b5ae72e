"""What the welcome notebook shows: the six days, their sessions and times, with links."""

from __future__ import annotations

from pathlib import Path

from IPython.display import Markdown

from ipt_course.course import load_course
from ipt_course.overview import course_timetable, notebooks_ready


def course_overview(root: Path | None = None) -> Markdown:
    """The course timetable as Markdown, read from course.yaml so it is never out of date."""
    course = load_course(root)
    intro = (f"# {course.course.title}\n\n{course.course.subtitle}\n\n{course.course.delivery}."
             f"\n\n{notebooks_ready(course)}")
    return Markdown(intro + "\n\n" + course_timetable(course))
