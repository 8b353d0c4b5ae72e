"""The handbook's content, read from the course: each day's notebooks, slides and references.

Every notebook goes through the same small pipeline: code cells become static descriptions
(:mod:`ipt_course.handbook.cells`), the references section is lifted out to be gathered per
day, links to other notebooks become links inside the handbook (or plain text for a notebook
the handbook does not hold), and nbconvert's HTML exporter renders the Markdown.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import cache

import nbformat
from nbconvert import HTMLExporter

from ipt_course.course import Course, Day
from ipt_course.handbook.cells import describe_code_cell
from ipt_course.live.deck import SLIDE_TAG
from ipt_course.overview import notebook_title

LINK_SCHEME = "ipt-handbook:"
NOTEBOOK_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+?\.ipynb)(#[^)\s]*)?\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$", flags=re.MULTILINE)
CELL_ID = re.compile(r'\s+id="cell-id=[^"]*"')
REFERENCES = "references"
SUPPORT_HEADING = "looking after yourself"


@dataclass(frozen=True)
class NotebookPart:
    """One teaching notebook as the handbook prints it."""

    path: str
    anchor: str
    title: str
    html: str
    references_html: str


@dataclass(frozen=True)
class SlideGroup:
    """The slides of one notebook, rendered."""

    notebook: NotebookPart
    html: str


@dataclass
class DayPart:
    """One course day: the manifest's day, its notebooks and its slides."""

    day: Day
    notebooks: list[NotebookPart] = field(default_factory=list)
    slides: list[SlideGroup] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The day's anchor (and page name) in the handbook."""
        return f"day{self.day.number}"


def notebook_anchor(path: str) -> str:
    """A stable anchor for a notebook: ``curriculum/day3/01-x.ipynb`` -> ``day3-01-x``."""
    folder, name = posixpath.split(path)
    return f"{posixpath.basename(folder)}-{name.removesuffix('.ipynb')}"


@cache
def _exporter() -> HTMLExporter:
    # The basic template writes the cells only: no MathJax, no script and no stylesheet.
    return HTMLExporter(template_name="basic", exclude_anchor_links=True)


def cells_html(cells: list[nbformat.NotebookNode]) -> str:
    """Markdown cells rendered by nbconvert's HTML exporter, with nothing fetched to view them."""
    if not cells:
        return ""
    notebook = nbformat.v4.new_notebook(cells=cells)
    body, _ = _exporter().from_notebook_node(notebook)
    return CELL_ID.sub("", body)


def link_notebooks(markdown: str, notebook: str, included: set[str]) -> str:
    """``markdown`` with each link to a notebook pointing into the handbook.

    A notebook the handbook holds gets an ``ipt-handbook:`` link, resolved to a page and anchor
    when the page is written; one it does not hold (not listed yet) keeps its words, unlinked.
    """
    folder = posixpath.dirname(notebook)

    def replace(found: re.Match[str]) -> str:
        text, target = found.group(1), found.group(2)
        path = posixpath.normpath(posixpath.join(folder, target))
        return f"[{text}]({LINK_SCHEME}{path})" if path in included else text

    return NOTEBOOK_LINK.sub(replace, markdown)


def _first_heading(source: str) -> tuple[int, str] | None:
    found = HEADING.search(source.lstrip())
    if found and source.lstrip().startswith("#"):
        return len(found.group(1)), found.group(2).strip()
    return None


def split_references(cells: list[nbformat.NotebookNode]) -> tuple[list, list]:
    """The cells before and after the references section, and the section's own cells.

    The section starts at a Markdown cell headed "References" and runs until a cell opens with
    a heading of the same or a higher level.
    """
    body, references = [], []
    level: int | None = None
    for cell in cells:
        heading = _first_heading(cell.source) if cell.cell_type == "markdown" else None
        if heading and heading[1].lower() == REFERENCES:
            level = heading[0]
            references.append(_without_first_heading(cell))
            continue
        if level is not None and heading and heading[0] <= level:
            level = None
        (references if level is not None else body).append(cell)
    return body, references


def _without_first_heading(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    lines = cell.source.lstrip().splitlines()
    return nbformat.v4.new_markdown_cell("\n".join(lines[1:]).strip())


def static_cells(course: Course, path: str, included: set[str]) -> list[nbformat.NotebookNode]:
    """The notebook's cells as the handbook prints them: Markdown only, links rewritten."""
    notebook = nbformat.read(course.root / path, as_version=4)
    cells = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            source = cell.source
        elif cell.cell_type == "code":
            source = describe_code_cell(course, path, cell.source) or ""
            source = f'<div class="handbook-static">\n\n{source}\n\n</div>' if source else ""
        else:
            continue
        if source.strip():
            new = nbformat.v4.new_markdown_cell(link_notebooks(source, path, included))
            new.metadata["tags"] = list(cell.get("metadata", {}).get("tags", []))
            cells.append(new)
    return cells


def notebook_part(course: Course, path: str, cells: list) -> NotebookPart:
    """One notebook's text and references, rendered from its static cells."""
    body, references = split_references(cells)
    return NotebookPart(path=path, anchor=notebook_anchor(path),
                        title=notebook_title(course.root / path),
                        html=cells_html(body), references_html=cells_html(references))


def slides_html(cells: list[nbformat.NotebookNode]) -> str:
    """The cells tagged ``slide`` among a notebook's static cells, rendered."""
    return cells_html([cell for cell in cells if SLIDE_TAG in cell.metadata.get("tags", [])])


def handbook_days(course: Course) -> list[DayPart]:
    """Every day of ``course.yaml`` with its teaching notebooks and slides, in timetable order."""
    included = {path for day in course.days for path in day.notebooks}
    days = []
    for day in course.days:
        part = DayPart(day)
        for path in day.notebooks:
            cells = static_cells(course, path, included)
            notebook = notebook_part(course, path, cells)
            part.notebooks.append(notebook)
            slides = slides_html(cells)
            if slides:
                part.slides.append(SlideGroup(notebook, slides))
        days.append(part)
    return days


def support_html(course: Course) -> str:
    """The welcome notebook's "Looking after yourself" section (where to find support)."""
    from ipt_course.kit.render import signposting_html

    notebook = nbformat.read(course.root / course.course.welcome, as_version=4)
    cells = [cell for cell in notebook.cells if cell.cell_type == "markdown"
             and (_first_heading(cell.source) or (0, ""))[1].lower() == SUPPORT_HEADING]
    return cells_html([_without_first_heading(cell) for cell in cells]) or signposting_html()
