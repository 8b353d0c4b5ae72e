"""A matching question in the quiz review: one grid of counts, not a row per possible pair.

A matching question of five vignettes and four problem areas has twenty pairs; listed one by
one they fill three screens. The grid has a row per item and a lettered column per choice (the
side with the shorter words becomes the columns, named in a line above the grid), so the long
texts get the width of the screen, and in each cell how many matched that pair.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from ipt_course.kit.order import letters


@dataclass(frozen=True)
class MatchGrid:
    """How many matched each item with each choice; ``keys`` marks the right pairs."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    keys: tuple[tuple[bool, ...], ...]


def match_grid(question, pairs: pd.DataFrame) -> MatchGrid:
    """The grid of a matching ``question`` from its rows of the report's option counts.

    ``pairs`` has a ``choice`` of ``item->choice`` ids, a ``count`` and an ``is_key`` per pair.
    """
    items, choices = question.texts("items"), question.texts("choices")
    found = {str(row.choice): (int(row.count), bool(row.is_key)) for row in pairs.itertuples()}
    table = [[found.get(f"{item}->{choice}", (0, False)) for choice in choices] for item in items]
    rows, columns = list(items.values()), list(choices.values())
    if max(map(len, columns), default=0) > max(map(len, rows), default=0):
        rows, columns = columns, rows
        table = [list(column) for column in zip(*table, strict=True)]
    return MatchGrid(tuple(rows), tuple(columns),
                     tuple(tuple(count for count, _ in row) for row in table),
                     tuple(tuple(key for _, key in row) for row in table))


def grid_html(grid: MatchGrid, reveal: bool) -> str:
    """The grid as a table; the right pairs marked only when ``reveal`` is True."""
    names = letters(len(grid.columns))
    legend = ('<p class="ipt-review-legend">' + " ".join(
        f"<span><strong>{letter}</strong> {html.escape(text)}</span>"
        for letter, text in zip(names, grid.columns, strict=True)) + "</p>")
    head = "".join(f'<th scope="col" title="{html.escape(text)}">{name}</th>'
                   for name, text in zip(names, grid.columns, strict=True))
    body = []
    for text, counts, keys in zip(grid.rows, grid.counts, grid.keys, strict=True):
        cells = []
        for count, key in zip(counts, keys, strict=True):
            shown = reveal and key
            kind = "ipt-review-count" + (" ipt-review-none" if not count else "")
            cells.append(f'<td class="{kind}{" ipt-review-keycell" if shown else ""}">{count}'
                         + ('<strong class="ipt-review-key">\u2713</strong>' if shown else "")
                         + "</td>")
        body.append(f'<tr><th scope="row">{html.escape(text)}</th>{"".join(cells)}</tr>')
    caption = "How many matched each pair" + ("; \u2713 the answer" if reveal else "")
    return (f'{legend}<table class="ipt-review-grid"><caption>{caption}</caption>'
            f'<thead><tr><td></td>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


STYLE = """
.ipt-review .ipt-review-legend { margin: 0 0 4px; display: flex; flex-wrap: wrap;
  gap: 2px 22px; }
.ipt-review .ipt-review-grid { border-collapse: collapse; width: 100%; }
.ipt-review .ipt-review-grid caption { text-align: left; font-size: 18px; color: #333;
  caption-side: bottom; padding-top: 4px; }
.ipt-review .ipt-review-grid th, .ipt-review .ipt-review-grid td {
  border-bottom: 1px solid #999; padding: 4px 10px; line-height: 1.35; text-align: left;
  vertical-align: top; font-size: 20px; color: #111; }
.ipt-review .ipt-review-grid thead th { background: #e4e7ec; vertical-align: bottom; }
.ipt-review .ipt-review-grid tbody th { font-weight: normal; background: none; }
.ipt-review .ipt-review-grid thead th { text-align: center; }
.ipt-review .ipt-review-grid td.ipt-review-count { white-space: nowrap; width: 2.6em;
  text-align: center; font-weight: 700; }
.ipt-review .ipt-review-grid td.ipt-review-none { font-weight: normal; color: #555; }
.ipt-review .ipt-review-grid td.ipt-review-keycell { background: #e3f1e6;
  outline: 3px solid #0a5c2b; outline-offset: -3px; }
.ipt-review .ipt-review-grid .ipt-review-key { color: #0a5c2b; margin-left: 2px; }
"""
