"""Rows for the event labels and the plotted date range: pure arithmetic on dates."""

from __future__ import annotations

from datetime import date

from ipt_course.tools.timeline.model import LifeEvent, TimelineModel

LABEL_CHAR_INCHES = 0.068


def _x_limits(model: TimelineModel) -> tuple[date, date]:
    """The plotted date range: every entry, with a margin either side."""
    dates = [item.when.as_date() for item in [*model.events, *model.moods]] or [date.today()]
    first, last = min(dates), max(dates)
    span_months = (last.year - first.year) * 12 + last.month - first.month
    pad = max(1, span_months // 12)
    return _shift(first, -pad), _shift(last, pad + 1)


def _place_labels(
    events: list[LifeEvent], x_min: date, x_max: date, axis_inches: float
) -> list[tuple[str, int]]:
    """Side ('right'/'left') and row for each event label so that labels do not overlap."""
    span = max((x_max - x_min).days, 1)
    per_inch = span / axis_inches
    occupied: list[list[tuple[float, float]]] = []
    placements = []
    for event in events:
        x = (event.when.as_date() - x_min).days
        width = (len(event.label) * LABEL_CHAR_INCHES + 0.35) * per_inch
        side = "right" if x + width <= span else "left"
        start, end = (x, x + width) if side == "right" else (x - width, x)
        row = 0
        while row < len(occupied) and any(start < e and s < end for s, e in occupied[row]):
            row += 1
        if row == len(occupied):
            occupied.append([])
        occupied[row].append((start, end))
        placements.append((side, row))
    return placements


def _shift(day: date, months: int) -> date:
    """The first of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
