"""Where everything on the balance sheet picture goes: wrapped lines and row heights, in inches.

Pure arithmetic: text widths come from a ``measure`` function (the drawing passes one that asks
matplotlib; :func:`estimate_width` serves tests and anything without a renderer). The picture
is a page whose y axis runs downwards from the top edge.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

FIGURE_WIDTH = 10.0
MARGIN = 0.3
LABEL_WIDTH = 1.3
GAP = 0.15
COLUMN_WIDTH = (FIGURE_WIDTH - 2 * MARGIN - LABEL_WIDTH - 2 * GAP) / 2
PAD = 0.12
# Text stops short of the column's edge: rendering at another resolution may add a little.
TEXT_WIDTH = COLUMN_WIDTH - PAD
BULLET_INDENT = 0.2
SIZES = {"title": 16.0, "note": 12.0, "column": 12.0, "role": 13.0, "label": 12.5, "body": 12.0}
SPACING = 1.4

Measure = Callable[[str, float, bool], float]
LineKind = Literal["qualifier", "entry", "more", "empty"]


def estimate_width(text: str, size: float, bold: bool = False) -> float:
    """A generous guess at the width of ``text`` in inches (wide letters, bold a little wider)."""
    return len(text) * size * (0.66 if bold else 0.6) / 72


def line_height(kind: str) -> float:
    """The height of one line of text of ``kind`` (a key of SIZES), in inches."""
    return SIZES[kind] * SPACING / 72


def wrap(text: str, width: float, size: float, measure: Measure, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` inches; a word too long is split."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if measure(trial, size, bold) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = ""
        for character in word:
            if current and measure(current + character, size, bold) > width:
                lines.append(current)
                current = ""
            current += character
    if current:
        lines.append(current)
    return lines


@dataclass(frozen=True)
class Line:
    """One line of a cell: a qualifier ('To build'), an entry's first line or its rest, or the
    words shown in an empty cell."""

    text: str
    kind: LineKind


@dataclass(frozen=True)
class Row:
    """One row of the sheet: its label lines, its top edge and height, and its two cells."""

    label: tuple[str, ...]
    top: float
    height: float
    cells: tuple[tuple[Line, ...], tuple[Line, ...]]


@dataclass(frozen=True)
class SheetLayout:
    """The whole picture: title, note, column headings, rows and the page height."""

    title: tuple[str, ...]
    note: tuple[str, ...]
    headings: tuple[tuple[str, ...], tuple[str, ...]]
    heading_top: float
    heading_height: float
    rows: tuple[Row, ...]
    height: float

    @staticmethod
    def column_left(index: int) -> float:
        """The left edge of the old-role (0) or new-role (1) column."""
        return MARGIN + LABEL_WIDTH + GAP + index * (COLUMN_WIDTH + GAP)


@dataclass(frozen=True)
class RowContent:
    """What one row holds: its label, and for each column a qualifier and the entries."""

    label: str
    qualifiers: tuple[str, str]
    entries: tuple[Sequence[str], Sequence[str]]


def _cell(qualifier: str, entries: Sequence[str], empty: str,
          measure: Measure) -> tuple[Line, ...]:
    size = SIZES["body"]
    lines = [Line(qualifier, "qualifier")] if qualifier else []
    if not entries:
        return (*lines, *(Line(text, "empty") for text in
                          wrap(empty, TEXT_WIDTH, size, measure)))
    for entry in entries:
        wrapped = wrap(entry, TEXT_WIDTH - BULLET_INDENT, size, measure)
        lines += [Line(text, "entry" if i == 0 else "more") for i, text in enumerate(wrapped)]
    return tuple(lines)


def sheet_layout(title: str, note: str, headings: tuple[tuple[str, str], tuple[str, str]],
                 rows: Sequence[RowContent], empty: str,
                 measure: Measure = estimate_width) -> SheetLayout:
    """Lay out the picture: ``headings`` are (column label, role name) for old and new."""
    page = FIGURE_WIDTH - 2 * MARGIN
    title_lines = tuple(wrap(title, page, SIZES["title"], measure, bold=True))
    note_lines = tuple(wrap(note, page, SIZES["note"], measure))
    top = (MARGIN + len(title_lines) * line_height("title") + len(note_lines) * line_height("note")
           + PAD)
    heading_lines = tuple(
        (column, *wrap(role, TEXT_WIDTH, SIZES["role"], measure, bold=True))
        for column, role in headings)
    heading_height = (2 * PAD + line_height("column")
                      + max(len(lines) - 1 for lines in heading_lines) * line_height("role"))
    y = top + heading_height
    laid: list[Row] = []
    for row in rows:
        label = tuple(wrap(row.label, LABEL_WIDTH - PAD, SIZES["label"], measure, bold=True))
        cells = (_cell(row.qualifiers[0], row.entries[0], empty, measure),
                 _cell(row.qualifiers[1], row.entries[1], empty, measure))
        height = 2 * PAD + max(len(label) * line_height("label"),
                               *(len(cell) * line_height("body") for cell in cells))
        laid.append(Row(label, y, height, cells))
        y += height
    return SheetLayout(title_lines, note_lines, (heading_lines[0], heading_lines[1]), top,
                       heading_height, tuple(laid), y + MARGIN)
