"""Turning course text and figures into what a page shows: Markdown to HTML, boxes, PNGs."""

from __future__ import annotations

import html
import io

import mistune
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

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


def figure_png(fig: Figure, dpi: int = 110) -> bytes:
    """Render a matplotlib figure to PNG bytes without pyplot, so it works in Voila too."""
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()
