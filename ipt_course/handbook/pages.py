"""The handbook's pages: a small static site, and the same sections on one page for printing.

The site is ``index.html`` (front matter and contents), ``timetable.html``, one ``dayN.html``
per course day and ``support.html``; ``all.html`` holds every section in that order and is the
page printed to PDF. Anchors are the same on both, so a link inside the handbook is written once
and resolved to ``page.html#anchor`` on the site and ``#anchor`` on the printed page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ipt_course.course import Course
from ipt_course.handbook.content import LINK_SCHEME, DayPart, notebook_anchor
from ipt_course.overview import NOT_WRITTEN_YET, notebook_title

TEMPLATES = Path(__file__).resolve().parent / "templates"
HANDBOOK_LINK = re.compile(rf'href="{re.escape(LINK_SCHEME)}([^"#]+)"')
PRINT_PAGE = "all.html"
PDF_NAME = "ipt-level-a-handbook.pdf"


@dataclass(frozen=True)
class Section:
    """One section of the handbook: the template that draws it, its anchor and page."""

    template: str
    anchor: str
    title: str
    day: DayPart | None = None

    @property
    def page(self) -> str:
        """The site page holding this section."""
        return "index.html" if self.anchor == "front" else f"{self.anchor}.html"


def sections(course: Course, days: list[DayPart]) -> list[Section]:
    """The handbook's sections, in reading order."""
    return [
        Section("front.html.j2", "front", "Contents"),
        Section("timetable.html.j2", "timetable", "Timetable"),
        *(Section("day.html.j2", part.anchor, f"Day {part.day.number}", part) for part in days),
        Section("support.html.j2", "support", "Support"),
    ]


def anchor_pages(all_sections: list[Section]) -> dict[str, str]:
    """The site page of every anchor the handbook defines."""
    pages = {}
    for section in all_sections:
        pages[section.anchor] = section.page
        if section.day is not None:
            for suffix in ("outcomes", "slides", "references"):
                pages[f"{section.anchor}-{suffix}"] = section.page
            for notebook in section.day.notebooks:
                pages[notebook.anchor] = section.page
    return pages


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                       lstrip_blocks=True, undefined=StrictUndefined)


def render_pages(course: Course, days: list[DayPart], support_html: str) -> dict[str, str]:
    """Every page of the handbook by file name, the print page included."""
    all_sections = sections(course, days)
    pages = anchor_pages(all_sections)
    environment = _environment()
    template = environment.get_template("page.html.j2")
    context = {"course": course, "days": days, "support": Markup(support_html),
               "sections": all_sections, "pdf_name": PDF_NAME,
               "not_written": NOT_WRITTEN_YET, "anchor_of": notebook_anchor,
               "title_of": lambda path: notebook_title(course.root / path)}
    rendered = {}
    for section in all_sections:
        link = _site_link(pages, section.page)
        rendered[section.page] = template.render(
            **context, shown=[section], printing=False, current=section,
            link=link, resolve=_resolver(link))
    link = _print_link(pages)
    rendered[PRINT_PAGE] = template.render(
        **context, shown=all_sections, printing=True, current=None,
        link=link, resolve=_resolver(link))
    return rendered


def _site_link(pages: dict[str, str], here: str) -> Callable[[str], str]:
    def link(anchor: str) -> str:
        page = pages[anchor]
        if page == here:
            return f"#{anchor}"
        return page if page.removesuffix(".html") == anchor or anchor == "front" \
            else f"{page}#{anchor}"
    return link


def _print_link(pages: dict[str, str]) -> Callable[[str], str]:
    def link(anchor: str) -> str:
        if anchor not in pages:
            raise KeyError(anchor)
        return f"#{anchor}"
    return link


def _resolver(link: Callable[[str], str]) -> Callable[[str], Markup]:
    """Resolve the ``ipt-handbook:`` links in rendered notebook HTML for this page."""
    def resolve(html: str) -> Markup:
        return Markup(HANDBOOK_LINK.sub(
            lambda found: f'href="{link(notebook_anchor(found.group(1)))}"', html))
    return resolve
