"""Shared helpers for the clinical teaching tools: safe text, message boxes, figures, files."""

from __future__ import annotations

import base64
import html
import io
from datetime import datetime
from typing import Any

import ipywidgets as widgets
import mistune
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ipt_course.safe_files import keep_aside, write_json_atomic

# Raw HTML in course YAML is escaped, never passed through: the files are edited by hand.
_MARKDOWN = mistune.create_markdown(escape=True)

SIGNPOSTING_HTML = (
    "<p style='margin:0.4em 0 0 0'><b>Where to get help (UK)</b></p>"
    "<ul style='margin:0.2em 0 0 1.2em;padding:0'>"
    "<li>Your own clinical supervisor, and your service's risk policy.</li>"
    "<li>NHS 111, option 2, for urgent mental health help (England).</li>"
    "<li>In an emergency, 999 or go to A&amp;E.</li>"
    "<li>Samaritans: 116 123, free, day or night.</li>"
    "</ul>"
)

_BOX_STYLES = {
    "error": ("#fdecea", "#b71c1c"),
    "risk": ("#fdecea", "#b71c1c"),
    "note": ("#fff8e1", "#8a6d00"),
    "info": ("#e8f1fb", "#1f4e79"),
    "ok": ("#e8f5e9", "#1b5e20"),
}


def markdown_html(text: str) -> str:
    """Render Markdown from a course file as HTML, with any raw HTML in it escaped."""
    return str(_MARKDOWN(str(text))).strip()


def inline_markdown_html(text: str) -> str:
    """Render one short Markdown line without the surrounding paragraph tags."""
    rendered = markdown_html(text)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


def escape(text: object) -> str:
    """HTML-escape any value for display."""
    return html.escape(str(text), quote=True)


def box_html(kind: str, title: str, body_html: str = "", role: str | None = None) -> str:
    """Return a coloured message box; ``title`` is plain text, ``body_html`` is trusted HTML."""
    background, border = _BOX_STYLES[kind]
    role_attr = f" role='{role}'" if role else ""
    return (
        f"<div class='ipt-box ipt-box-{kind}'{role_attr} style='background:{background};"
        f"border-left:6px solid {border};padding:0.6em 0.9em;margin:0.4em 0;"
        f"color:#1a1a1a;line-height:1.45'>"
        f"<div style='font-weight:bold;color:{border}'>{escape(title)}</div>"
        f"{body_html}</div>"
    )


READABLE_CLASS = "ipt-readable"
# ipywidgets gives HTML text the line height of a one-line control (28px), which double-spaces
# every wrapped paragraph, list and table cell; tool text should read like the notebook around it.
READABLE_CSS = (
    f"<style>.{READABLE_CLASS} .widget-html-content, .{READABLE_CLASS} .widget-htmlmath-content"
    " { line-height: 1.5; white-space: normal; }</style>"
)


def make_readable(root: widgets.Box) -> None:
    """Give ``root``'s HTML text normal line spacing (a hidden style element is appended)."""
    root.add_class(READABLE_CLASS)
    style = widgets.HTML(READABLE_CSS, layout=widgets.Layout(display="none"))
    style.add_class("ipt-readable-style")
    root.children = (*root.children, style)


def figure_png(fig: Figure, dpi: int = 110) -> bytes:
    """Render a matplotlib figure to PNG bytes without pyplot, so it works in Voila too."""
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


class Picture(widgets.HTML):
    """A PNG shown as an <img> with alternative text (ipywidgets.Image cannot carry alt text).

    A data URI keeps it self-contained, so it works in JupyterLab and in Voila alike.
    """

    def __init__(self, max_width: str = "900px") -> None:
        super().__init__()
        self.max_width = max_width
        self.png = b""

    def show(self, png: bytes, alt: str) -> None:
        """Display ``png`` (empty bytes hide the picture) described by ``alt``."""
        self.png = bytes(png)
        if not self.png:
            self.value = ""
            return
        data = base64.b64encode(self.png).decode("ascii")
        self.value = (
            f"<img src='data:image/png;base64,{data}' alt='{escape(alt)}' "
            f"style='width:100%;max-width:{self.max_width};height:auto'>"
        )


class SavedWork:
    """Autosave and set-aside behaviour shared by the tools that keep a trainee's work.

    A model using it has ``save_path`` (None turns saving off), a ``save_status`` line for the
    trainee and ``to_document()``; the class attributes name the work in the messages.
    """

    work_name = "work"          # "Your saved <work_name> (file) could not be read"
    unsaved_name = "work"       # "Your <unsaved_name> could not be saved"
    fresh_start = "a new start"  # "... and <fresh_start> has been started"

    def to_document(self) -> dict[str, Any]:
        """The JSON document to save."""
        raise NotImplementedError

    def autosave(self) -> None:
        """Save to ``save_path`` atomically (if there is one); ``save_status`` says how it went."""
        if self.save_path is None:
            return
        try:
            write_json_atomic(self.save_path, self.to_document())
        except OSError as error:
            self.save_status = (f"Your {self.unsaved_name} could not be saved to "
                                f"{self.save_path}: {error}.")
            return
        self.save_status = f"Saved to {self.save_path.name} at {datetime.now():%H:%M}."

    def _set_aside(self, error: Exception) -> None:
        """Keep an unreadable save file under a new name and start afresh; never delete it."""
        assert self.save_path is not None
        name = self.save_path.name
        try:
            kept = keep_aside(self.save_path)
        except OSError as move_error:
            self.save_path = None
            self.save_status = (
                f"Your saved {self.work_name} ({name}) could not be read: {error} It could not "
                f"be moved aside either ({move_error}), so nothing will be saved until it is "
                "moved or mended. Ask your trainer for help."
            )
            return
        self.save_status = (
            f"Your saved {self.work_name} ({name}) could not be read: {error} It has been kept, "
            f"unchanged, as {kept.name}, and {self.fresh_start} has been started. Ask your "
            "trainer if you need help recovering it."
        )
