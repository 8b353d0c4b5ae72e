"""Where things go in the two pictures: the twelve weeks as a strip, the members as a grid of
small charts. Pure arithmetic, no matplotlib, so it is tested on its own."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from ipt_course.tools.group_programme.programme import REVIEW, Week

CELL = 1.0
GAP = 0.12
REVIEW_GAP = 0.6


@dataclass(frozen=True)
class Cell:
    """One week's box in the strip: its left edge, width and the week it shows."""

    x: float
    width: float
    week: Week

    @property
    def centre(self) -> float:
        """The middle of the box."""
        return self.x + self.width / 2


@dataclass(frozen=True)
class Band:
    """A run of weeks that share a block (e.g. group sessions 3 to 10), with its title's span."""

    start: float
    end: float
    title: str
    format: str


def strip_cells(weeks: list[Week]) -> list[Cell]:
    """A box for each week, side by side, the review set apart after a wider gap."""
    cells, x = [], 0.0
    for week in weeks:
        if week.session == REVIEW:
            x += REVIEW_GAP
        cells.append(Cell(x, CELL - GAP, week))
        x += CELL
    return cells


def bands(cells: list[Cell], titles: dict[str, str]) -> list[Band]:
    """Consecutive boxes of the same format grouped under that format's title."""
    grouped: list[Band] = []
    for cell in cells:
        kind = cell.week.block.format
        if grouped and grouped[-1].format == kind:
            last = grouped[-1]
            grouped[-1] = Band(last.start, cell.x + cell.width, last.title, kind)
        else:
            grouped.append(Band(cell.x, cell.x + cell.width, titles[kind], kind))
    return grouped


def strip_width(cells: list[Cell]) -> float:
    """From the first box's left edge to the last box's right edge."""
    return cells[-1].x + cells[-1].width - cells[0].x


def grid_shape(panels: int, columns: int = 4) -> tuple[int, int]:
    """Rows and columns for ``panels`` small charts, at most ``columns`` across."""
    if panels < 1:
        raise ValueError("at least one panel is needed")
    across = min(panels, columns)
    return ceil(panels / across), across


def panel_positions(panels: int, columns: int = 4) -> list[tuple[int, int]]:
    """(row, column) for each chart, filling rows left to right."""
    _rows, across = grid_shape(panels, columns)
    return [(index // across, index % across) for index in range(panels)]
