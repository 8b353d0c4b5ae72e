"""What the trainer dashboards share: their high-contrast style, tables and chart images."""

from __future__ import annotations

import html
import math
import os
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import traitlets

from ipt_course.course import Course, load_course

STYLE = """
.ipt-dash { font-size: 16px; color: #111; max-width: 1200px; }
.ipt-dash h1 { font-size: 26px; color: #0b3d91; margin: 0 0 4px; }
.ipt-dash h2 { font-size: 20px; color: #0b3d91; margin: 14px 0 4px; }
.ipt-dash p, .ipt-dash li { font-size: 16px; color: #111; }
.ipt-dash table { border-collapse: collapse; margin: 4px 0 10px; }
.ipt-dash th, .ipt-dash td { border-bottom: 1px solid #8a8a8a; padding: 4px 10px; text-align: left;
  color: #111; font-size: 15px; }
.ipt-dash th { background: #e4e7ec; }
.ipt-dash .ipt-key { font-weight: 700; color: #0a5c2b; }
.ipt-dash .ipt-muted { color: #333; }
.ipt-dash a { color: #0b3d91; text-decoration: underline; }
.ipt-dash .widget-label, .ipt-dash .widget-checkbox label { color: #111; font-size: 15px; }
.ipt-dash .ipt-status { color: #0a5c2b; font-weight: 600; }
.ipt-dash p.ipt-share { display: flex; align-items: center; gap: 4px 14px; flex-wrap: wrap;
  margin: 10px 0 4px; }
.ipt-dash a.ipt-share-link { display: inline-block; padding: 8px 14px; flex: none;
  border: 2px solid #0b3d91; border-radius: 6px; background: #eef3fb; font-size: 17px;
  font-weight: 700; text-decoration: none; }
.ipt-dash a.ipt-share-link:hover, .ipt-dash a.ipt-share-link:focus-visible {
  background: #dbe6f7; outline: 3px solid #1d4ed8; }
.ipt-dash .ipt-empty { background: #fff8e1; border-left: 5px solid #8a5a00; padding: 8px 12px;
  color: #111; }
"""


class ChartImage(widgets.Image):
    """An Image whose tooltip becomes the picture's text alternative (its ``title``).

    ipywidgets' front end reads ``description`` when it applies a tooltip, and Image has none,
    so a tooltip on a plain Image breaks its view; an empty synced description fixes that.
    """

    description = traitlets.Unicode("").tag(sync=True)


def style_block() -> widgets.HTML:
    """The dashboards' style sheet (high contrast, large type for a shared screen)."""
    return widgets.HTML(f"<style>{STYLE}</style>")


def wait_for_viewer(root: Path | None = None) -> None:
    """In a kernel Voila keeps ready, do the slow imports now, then wait until the page is
    opened, so that the dashboard reads the course and gradebook as they are then.

    Elsewhere (JupyterLab, a kernel started for the request) it returns at once.
    """
    if os.environ.get("VOILA_PREHEAT") != "True":
        return
    import matplotlib.backends.backend_agg
    import matplotlib.figure  # noqa: F401
    from voila.utils import wait_for_request

    from ipt_course.grading.nbgrader_env import course_config

    course_config(course_of(root).root)  # the course's nbgrader_config.py imports nbconvert
    wait_for_request()


def course_of(root: Path | None) -> Course:
    """The course at ``root`` (found from the working directory when None)."""
    return load_course(root)


def html_table(frame: pd.DataFrame, caption: str, escape: bool = True) -> str:
    """A DataFrame as an accessible HTML table (a caption, header cells with scope)."""
    if frame.empty:
        return f'<p class="ipt-muted">{html.escape(caption)}: nothing yet.</p>'
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        cells = "".join(f"<td>{html.escape(cell_text(v)) if escape else cell_text(v)}</td>"
                        for v in values)
        rows.append(f"<tr>{cells}</tr>")
    return (f'<table><caption class="ipt-muted">{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def cell_text(value: object) -> str:
    """One value as a table shows it: '–' for nothing, yes/no, numbers without trailing zeros."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def empty_note(text: str) -> str:
    """A note that there is nothing to show yet, announced politely."""
    return f'<p class="ipt-empty" role="status">{html.escape(text)}</p>'
