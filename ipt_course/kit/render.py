"""Turning course text, tables and figures into what a page shows, with escaping by default.

One Markdown renderer and one Jinja2 environment (autoescape on) serve every tool. Anything
typed by a trainee or read from a hand-edited YAML file is escaped; the two places where HTML
is let through are named for it: :func:`trusted_markdown_html` (the course's own notebooks) and
:func:`trusted` (HTML this package has just built from escaped parts).
"""

from __future__ import annotations

import html
import io
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import mistune
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

PACKAGE = Path(__file__).resolve().parent.parent
_MARKDOWN = mistune.create_markdown(escape=True, plugins=["table"])
# Slides come from the course's own teaching notebooks, where raw HTML (e.g. <details>) is part
# of the lesson; YAML and trainee text never go through this renderer.
_TRUSTED_MARKDOWN = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])


def markdown_html(text: object) -> str:
    """Render Markdown from a course file or a trainee as HTML, with any raw HTML escaped."""
    return str(_MARKDOWN(str(text))).strip()


def inline_markdown_html(text: object) -> str:
    """Render one short Markdown line without the surrounding paragraph tags."""
    rendered = markdown_html(text)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])|&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*\d*)([-+=.)])", flags=re.MULTILINE)


def markdown_literal(text: object, one_line: bool = False) -> str:
    """Trainee text placed in a Markdown file so that it reads as typed, never as formatting.

    Characters Markdown would act on are backslash-escaped (``*``, ``_``, ``|``, ``<``, ``#``, a
    list marker at the start of a line...); ``one_line`` joins the lines, as a table cell needs.
    """
    value = str(text).strip()
    if one_line:
        value = " ".join(value.split())
    value = _MARKDOWN_SPECIAL.sub(lambda found: "\\" + found.group(0), value)
    return _LINE_START.sub(lambda found: found.group(1) + "\\" + found.group(2), value)


def trusted_markdown_html(text: str) -> str:
    """Render Markdown from the course's own notebooks, keeping the raw HTML they contain."""
    return str(_TRUSTED_MARKDOWN(text))


def escape(text: object) -> str:
    """HTML-escape any value for display."""
    return html.escape(str(text), quote=True)


def trusted(fragment: str) -> Markup:
    """Mark HTML that this package built from escaped parts, so a template inserts it as is."""
    return Markup(fragment)


@cache
def environment() -> Environment:
    """The Jinja2 environment every template renders in: autoescape on, unknown names fail."""
    # Every value is escaped the one way the tools' own code escapes it (html.escape), so a
    # page reads the same whichever part of the package wrote it.
    env = Environment(loader=FileSystemLoader(PACKAGE), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, undefined=StrictUndefined, keep_trailing_newline=False,
                      finalize=lambda value: value if isinstance(value, Markup | int | float)
                      else Markup(escape(value)))
    env.filters["markdown"] = lambda text: Markup(markdown_html(text))
    env.filters["inline_markdown"] = lambda text: Markup(inline_markdown_html(text))
    return env


def render(template: str, **context: Any) -> str:
    """Render ``template`` (a path inside the package, e.g. ``kit/templates/box.html.j2``)."""
    return environment().get_template(template).render(**context).strip()


def box_html(kind: str, title: str, body_html: str = "", role: str | None = None) -> str:
    """A coloured message box; ``title`` is plain text, ``body_html`` HTML built by the caller."""
    return render("kit/templates/box.html.j2", kind=kind, title=title,
                  body=trusted(body_html), role=role)


def signposting_html() -> str:
    """Where to get help in the UK, for any tool that touches risk."""
    return render("kit/templates/signposting.html.j2")


def table_html(frame: pd.DataFrame, caption: str = "", classes: str = "ipt-table") -> str:
    """A table of ``frame`` (no index column), every cell escaped, empty cells shown as blank."""
    styler = frame.style.hide(axis="index").format(escape="html", na_rep="")
    if caption:
        styler = styler.set_caption(escape(caption))
    # Without styles pandas writes no <style> block and no ids, and drops the table's attributes.
    bare = styler.to_html(exclude_styles=True).strip()
    return bare.replace("<table>", f'<table class="{escape(classes)}">', 1)


def figure_png(fig: Figure, dpi: int = 110) -> bytes:
    """Render a matplotlib figure to PNG bytes without pyplot, so it works in Voila too."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()

