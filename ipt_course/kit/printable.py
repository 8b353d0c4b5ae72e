"""Printable pages: a tool's work as one self-contained HTML page the trainee prints from a browser.

The page carries its own stylesheet (nothing is fetched from anywhere) and is written beside the
notebook; a :class:`DownloadLink` offers the same page from inside the widget, so it works in
JupyterLab and Voila alike.
"""

from __future__ import annotations

import base64
from pathlib import Path

import ipywidgets as widgets

from ipt_course.kit.render import escape, render, trusted
from ipt_course.safe_files import write_atomic

PAGE_TEMPLATE = "kit/templates/printable.html.j2"
PRACTICE_FOOTER = "Course practice with a fictional client. Not a clinical record."


def printable_page(title: str, body_html: str, practice_note: str = "",
                   footer: str = PRACTICE_FOOTER) -> str:
    """A whole HTML document: ``title``, ``practice_note`` and the printed ``footer`` plain
    text (the footer without quotes or backslashes), ``body_html`` built by the caller from
    escaped parts."""
    return render(PAGE_TEMPLATE, title=title, body=trusted(body_html),
                  practice_note=practice_note, footer=footer)


def write_page(path: str | Path, page: str) -> Path:
    """Write ``page`` to ``path`` (replacing an earlier printout) and return the path."""
    return write_atomic(Path(path), page)


class DownloadLink(widgets.HTML):
    """A link that saves a file from the page itself (a data URI), with a line saying what it is."""

    def offer(self, filename: str, text: str, label: str, note: str = "",
              mime: str = "text/html") -> None:
        """Offer ``text`` as ``filename``; ``label`` is the link's words, ``note`` a line after."""
        data = base64.b64encode(text.encode("utf-8")).decode("ascii")
        after = f" {escape(note)}" if note else ""
        self.value = (f"<p class='ipt-download'><a download='{escape(filename)}' "
                      f"href='data:{escape(mime)};charset=utf-8;base64,{data}'>"
                      f"{escape(label)}</a>{after}</p>")

    def clear(self) -> None:
        """Offer nothing."""
        self.value = ""
