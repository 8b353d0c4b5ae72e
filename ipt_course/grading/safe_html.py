"""Trainee-written text made safe for the trainer's and the trainee's browsers.

Reflections are Markdown, and Markdown lets raw HTML through. Formgrader shows a submission
inside the trainer's logged-in JupyterLab, so a ``<script>`` or an ``onerror`` there could
use the trainer's server. Every Markdown cell that nbconvert renders for nbgrader (formgrader
and feedback) goes through :func:`markdown2html`: the Markdown is rendered as nbconvert
renders it, then cleaned by bleach to a short list of text-formatting tags. Anything else is
shown as text, so the trainer still sees what was written; links keep only web and mail
addresses; images keep only pictures embedded in the notebook, so no page fetches anything
from another machine.

The course's ``nbgrader_config.py`` installs this with :func:`configure_exporters`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import bleach
from jinja2 import pass_context
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEXT_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p",
    "pre", "s", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
})
LINK_SCHEMES = ("http://", "https://", "mailto:", "#")
EMBEDDED_PICTURE = "data:image/"


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    """Keep formatting attributes; links to the web or mail only; embedded pictures only."""
    if name in {"title", "alt"}:
        return True
    if name == "class":
        return tag in {"code", "div", "pre", "span"}
    if name in {"align", "colspan", "rowspan"}:
        return tag in {"td", "th"}
    if tag == "a" and name == "href":
        return value.strip().lower().startswith(LINK_SCHEMES)
    if tag == "img" and name == "src":
        return value.strip().lower().startswith(EMBEDDED_PICTURE)
    return False


def clean(html: str) -> str:
    """``html`` with every tag, attribute and address not on the lists shown as text or removed."""
    return bleach.clean(html, tags=TEXT_TAGS, attributes=_allowed_attribute,
                        protocols={"http", "https", "mailto", "data"}, strip=False,
                        strip_comments=True)


def markdown_to_safe_html(source: str, attachments: dict | None = None) -> str:
    """Markdown rendered as nbconvert renders it (attachments embedded), then cleaned."""
    renderer = IPythonRenderer(escape=False, attachments=attachments or {}, embed_images=False,
                               exclude_anchor_links=True)
    return clean(MarkdownWithMath(renderer=renderer).render(str(source or "")))


@pass_context
def markdown2html(context: Any, source: str) -> str:
    """nbconvert's ``markdown2html`` filter, cleaned: a drop-in for its templates."""
    cell = context.get("cell") or {}
    attachments = cell.get("attachments", {}) if hasattr(cell, "get") else {}
    return markdown_to_safe_html(source, attachments)


def template_basedirs() -> list[str]:
    """The course's template overrides first, then nbgrader's formgrade and feedback templates."""
    import nbgrader.server_extensions.formgrader as formgrader

    return [str(TEMPLATES), str(Path(formgrader.__file__).resolve().parent / "templates")]


def configure_exporters(config: Any) -> None:
    """Make every nbconvert HTML page nbgrader writes safe to open (formgrader and feedback).

    Markdown cells are cleaned (nbgrader's own templates ignore nbconvert's ``sanitize_html``
    for Markdown cells); outputs are cleaned by ``sanitize_html``; and the templates' MathJax
    loader, which would fetch a script from a public CDN, is replaced by one that loads nothing.
    """
    config.HTMLExporter.sanitize_html = True
    config.HTMLExporter.filters = {"markdown2html": f"{__name__}.markdown2html"}
    config.HTMLExporter.extra_template_basedirs = template_basedirs()
