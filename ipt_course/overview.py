"""Markdown views of the manifest: each day's README and the welcome notebook's timetable."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from ipt_course.course import Course, Day, Session

GENERATED_NOTE = (
    "<!-- Generated from course.yaml by `ipt-course readmes`. Edit course.yaml, not this file. -->"
)
NOT_WRITTEN_YET = ("The notebooks for this day are being written; the timetable and outcomes "
                   "above are final.")


def notebook_title(path: Path) -> str:
    """The first Markdown heading of a notebook, or its file name when it has none."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return path.name
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = "".join(cell.get("source", []))
        for line in source.splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return path.name


def _link(course: Course, path: str, relative_to: str) -> str:
    title = notebook_title(course.root / path)
    return f"[{title}]({posixpath.relpath(path, relative_to)})"


def _session_row(course: Course, session: Session, relative_to: str) -> str:
    time = f"{session.start:%H:%M}-{session.end:%H:%M}"
    title = f"*{session.title}*" if session.kind == "break" else session.title
    outcomes = ", ".join(session.outcomes)
    files = "<br>".join(_link(course, nb, relative_to) for nb in session.notebooks)
    return f"| {time} | {title} | {outcomes} | {files} |"


def timetable(course: Course, day: Day, relative_to: str) -> str:
    """The day's sessions as a Markdown table, notebook links relative to ``relative_to``."""
    rows = [
        "| Time | Session | Outcomes | Notebooks |",
        "| --- | --- | --- | --- |",
        *(_session_row(course, session, relative_to) for session in day.sessions),
    ]
    return "\n".join(rows)


def outcomes_list(day: Day) -> str:
    """The day's learning outcomes as a Markdown list."""
    return "\n".join(f"- **{o.id}** {o.text}" for o in day.outcomes)


def day_readme(course: Course, day: Day) -> str:
    """The full README.md of ``curriculum/dayN/``."""
    folder = f"curriculum/day{day.number}"
    parts = [
        f"# Day {day.number}: {day.title}",
        GENERATED_NOTE,
        f"{day.start:%H:%M} to {day.end:%H:%M}, live on Teams."
        + (f" {day.note}" if day.note else ""),
        "## Learning outcomes",
        outcomes_list(day),
        "## Timetable",
        timetable(course, day, folder),
    ]
    if not day.notebooks:
        parts.append(NOT_WRITTEN_YET)
    if day.scenarios:
        parts += ["## Role-plays", "\n".join(
            f"- `{posixpath.relpath(sc, folder)}` (open it from its role-play notebook)"
            for sc in day.scenarios)]
    if day.quiz:
        review = ("It is reviewed in the next morning's quiz and questions slot."
                  if day.number < max(d.number for d in course.days) else
                  "It is the last day, so your trainer returns it with written feedback.")
        parts += ["## Quiz", f"Your trainer hands out the Day {day.number} quiz "
                  f"(`release/day{day.number}-quiz/`). {review}"]
    if day.live:
        live = posixpath.relpath(day.live, folder)
        parts += ["## Live page", f"The trainer shares [the Day {day.number} live page]({live}) "
                  f"on Teams with `ipt-course present day{day.number}`."]
    return "\n\n".join(parts) + "\n"


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def notebooks_ready(course: Course) -> str:
    """One sentence saying which days have notebooks so far, read from the manifest."""
    ready = [f"Day {day.number} ({_count(len(day.notebooks), 'notebook')})"
             for day in course.days if day.notebooks]
    waiting = [str(day.number) for day in course.days if not day.notebooks]
    sentence = ("Notebooks so far: " + _and_list(ready) + "." if ready
                else "No day has its notebooks yet.")
    if waiting:
        days = "Day" if len(waiting) == 1 else "Days"
        sentence += (f" {days} {_and_list(waiting)} show their timetable and outcomes; "
                     "their notebooks are being written.")
    return sentence


def course_timetable(course: Course) -> str:
    """Every day with its outcomes and sessions, links relative to ``curriculum/``."""
    parts = []
    for day in course.days:
        parts += [f"## Day {day.number}: {day.title}"]
        if day.note:
            parts.append(f"*{day.note}*")
        parts.append(timetable(course, day, "curriculum"))
        if not day.notebooks:
            parts.append(f"*{NOT_WRITTEN_YET}*")
        parts.append("<details><summary>Learning outcomes</summary>\n\n"
                     + outcomes_list(day) + "\n\n</details>")
    return "\n\n".join(parts)


def write_day_readmes(course: Course, check: bool = False) -> list[Path]:
    """Write each day's README; with ``check``, write nothing and return the stale ones."""
    changed = []
    for day in course.days:
        path = course.root / "curriculum" / f"day{day.number}" / "README.md"
        text = day_readme(course, day)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        changed.append(path)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return changed
