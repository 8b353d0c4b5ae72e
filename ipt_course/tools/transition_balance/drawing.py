"""The balance sheet drawn with matplotlib: the old role and the new role side by side."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle

from ipt_course.kit.render import figure_png
from ipt_course.tools.transition_balance.layout import (
    BULLET_INDENT,
    FIGURE_WIDTH,
    GAP,
    LABEL_WIDTH,
    MARGIN,
    PAD,
    SIZES,
    RowContent,
    SheetLayout,
    line_height,
    sheet_layout,
)
from ipt_course.tools.transition_balance.sheet import SIDES, Entry, wording

INK = "#1a1a1a"
ACCENT = "#1f4e79"
MUTED = "#555555"
RULE = "#c4ccd4"
HEADING_FILL = "#e8eef5"
LABEL_FILL = "#f4f6f8"
DPI = 100


@cache
def _renderer() -> RendererAgg:
    return RendererAgg(10, 10, DPI)


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in inches, as matplotlib draws it at the picture's resolution."""
    font = FontProperties(size=size, weight="bold" if bold else "normal")
    width, _height, _descent = _renderer().get_text_width_height_descent(text, font, ismath=False)
    return width / DPI


def _rows(entries: Sequence[Entry]) -> list[RowContent]:
    rows = []
    for section in wording().sections:
        cells = tuple([e.text for e in entries if e.section == section.id and e.side == side]
                      for side in SIDES)
        rows.append(RowContent(section.label, (section.old.qualifier, section.new.qualifier),
                               (cells[0], cells[1])))
    return rows


def balance_layout(client: str, old_role: str, new_role: str,
                   entries: Sequence[Entry]) -> SheetLayout:
    """Where everything goes for this sheet, measured with matplotlib's own text widths."""
    words = wording()
    title = f"{client}: {words.picture.title.lower()}" if client else words.picture.title
    headings = ((words.sides["old"].label.upper(), old_role),
                (words.sides["new"].label.upper(), new_role))
    return sheet_layout(title, words.picture.note, headings, _rows(entries),
                        words.picture.empty, text_width)


def balance_figure(client: str, old_role: str, new_role: str,
                   entries: Sequence[Entry]) -> Figure:
    """The balance sheet as a matplotlib figure: a row per section, a column per role."""
    layout = balance_layout(client, old_role, new_role, entries)
    figure = Figure(figsize=(FIGURE_WIDTH, layout.height), dpi=DPI)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, FIGURE_WIDTH)
    ax.set_ylim(layout.height, 0)
    ax.set_axis_off()

    y = MARGIN
    for line in layout.title:
        ax.text(MARGIN, y, line, va="top", fontsize=SIZES["title"], fontweight="bold", color=INK)
        y += line_height("title")
    for line in layout.note:
        ax.text(MARGIN, y, line, va="top", fontsize=SIZES["note"], color=MUTED)
        y += line_height("note")

    top, bottom = layout.heading_top, layout.height - MARGIN
    ax.add_patch(Rectangle((MARGIN, layout.rows[0].top if layout.rows else bottom),
                           LABEL_WIDTH, bottom - (layout.rows[0].top if layout.rows else bottom),
                           facecolor=LABEL_FILL, edgecolor="none"))
    divider = layout.column_left(1) - GAP / 2
    right = FIGURE_WIDTH - MARGIN
    bands = ((MARGIN + LABEL_WIDTH, divider), (divider, right))
    for index, lines in enumerate(layout.headings):
        left = layout.column_left(index)
        start, end = bands[index]
        ax.add_patch(Rectangle((start, top), end - start, layout.heading_height,
                               facecolor=HEADING_FILL, edgecolor="none"))
        ax.text(left, top + PAD, lines[0], va="top", fontsize=SIZES["column"], color=ACCENT,
                fontweight="bold")
        for number, role in enumerate(lines[1:]):
            ax.text(left, top + PAD + line_height("column") + number * line_height("role"), role,
                    va="top", fontsize=SIZES["role"], fontweight="bold", color=INK)
    for row in layout.rows:
        ax.plot([MARGIN, right], [row.top, row.top], color=RULE, linewidth=1)
        for number, label in enumerate(row.label):
            ax.text(MARGIN + PAD / 2, row.top + PAD + number * line_height("label"), label,
                    va="top", fontsize=SIZES["label"], fontweight="bold", color=ACCENT)
        for index, cell in enumerate(row.cells):
            left = layout.column_left(index)
            for number, line in enumerate(cell):
                y = row.top + PAD + number * line_height("body")
                _draw_line(ax, left, y, line.kind, line.text)
    ax.plot([MARGIN, right], [bottom, bottom], color=RULE, linewidth=1)
    ax.plot([divider, divider], [top, bottom], color=RULE, linewidth=1)
    return figure


def _draw_line(ax: Axes, left: float, y: float, kind: str, text: str) -> None:
    size = SIZES["body"]
    if kind == "qualifier":
        ax.text(left, y, text, va="top", fontsize=size, fontweight="bold", color=ACCENT)
    elif kind == "empty":
        ax.text(left, y, text, va="top", fontsize=size, style="italic", color=MUTED)
    else:
        if kind == "entry":
            ax.text(left, y, "•", va="top", fontsize=size, color=INK)
        ax.text(left + BULLET_INDENT, y, text, va="top", fontsize=size, color=INK)


def balance_png(client: str, old_role: str, new_role: str, entries: Sequence[Entry]) -> bytes:
    """The balance sheet picture as PNG bytes."""
    return figure_png(balance_figure(client, old_role, new_role, entries), dpi=DPI)


def balance_alt_text(client: str, old_role: str, new_role: str,
                     entries: Sequence[Entry]) -> str:
    """A short description of the picture for screen readers; the table lists every entry."""
    words = wording()
    counts = {side: sum(1 for e in entries if e.side == side) for side in SIDES}
    parts = []
    for side, role in (("old", old_role), ("new", new_role)):
        named = f"{words.sides[side].label} ({role})" if role else words.sides[side].label
        count = counts[side]
        parts.append(f"{named}: {count} {'entry' if count == 1 else 'entries'}")
    who = f" for {client}" if client else ""
    return (f"Transition balance sheet{who}, two columns side by side. {'; '.join(parts)}. "
            "The Table tab lists every entry.")
