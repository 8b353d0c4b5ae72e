"""The timeline drawn with matplotlib: mood against time, life events marked above it."""

from __future__ import annotations

from collections import Counter

from matplotlib.dates import DateFormatter, MonthLocator
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ipt_course.tools.timeline.kinds import ALL_KINDS, ANNIVERSARY_KINDS
from ipt_course.tools.timeline.labels import _place_labels, _shift, _x_limits
from ipt_course.tools.timeline.model import TimelineModel

# Every kind has a shape of its own, so the picture reads without colour (and in print).
KIND_COLOURS = {
    "loss": "#6a3d9a", "dispute": "#c0392b", "change": "#1a7f5a", "other": "#7f6000",
    "pregnancy": "#0072b2", "birth": "#1a7f5a", "miscarriage": "#8e2c6e",
    "ectopic": "#6a3d9a", "stillbirth": "#3b2a8c", "neonatal_death": "#a1387a",
    "tfmr": "#5b4a9e", "due_date": "#9c5a00", "loss_anniversary": "#8e2c6e",
}
KIND_MARKERS = {
    "loss": "v", "dispute": "X", "change": "D", "other": "o",
    "pregnancy": "h", "birth": "*", "miscarriage": "<", "ectopic": ">", "stillbirth": "s",
    "neonatal_death": "^", "tfmr": "d", "due_date": "P", "loss_anniversary": "p",
}


def kind_style(kind: str) -> dict[str, object]:
    """How events of ``kind`` are drawn: anniversaries are hollow shapes on dotted lines."""
    colour = KIND_COLOURS[kind]
    hollow = kind in ANNIVERSARY_KINDS
    # A star's points leave it looking smaller than the other shapes at the same size.
    size = 13 if KIND_MARKERS[kind] == "*" else 10
    return {"color": colour, "marker": KIND_MARKERS[kind], "linestyle": ":" if hollow else "--",
            "markerfacecolor": "white" if hollow else colour, "markeredgewidth": 1.8,
            "markersize": size}


FIGURE_WIDTH = 10.0


def timeline_figure(model: TimelineModel) -> Figure:
    """Mood against time with life events marked, as a matplotlib figure."""
    rows_needed = (
        max(
            [
                row
                for _side, row in _place_labels(
                    model.events, *_x_limits(model), FIGURE_WIDTH * 0.82
                )
            ],
            default=0,
        )
        + 1
    )
    fig = Figure(figsize=(FIGURE_WIDTH, 4.6 + 0.3 * max(rows_needed, 3)), layout="constrained")
    grid = fig.add_gridspec(2, 1, height_ratios=(0.38 * max(rows_needed, 3), 3))
    strip = fig.add_subplot(grid[0])
    axis = fig.add_subplot(grid[1], sharex=strip)
    fig.suptitle(model.title or "My timeline", fontsize=14, fontweight="bold")
    dates = [item.when.as_date() for item in [*model.events, *model.moods]]
    if not dates:
        strip.set_axis_off()
        axis.set_axis_off()
        axis.text(
            0.5,
            0.5,
            "Add a life event or a mood rating to start your timeline.",
            ha="center",
            va="center",
            fontsize=13,
            transform=axis.transAxes,
        )
        return fig
    if model.moods:
        axis.plot(
            [m.when.as_date() for m in model.moods],
            [m.rating for m in model.moods],
            "-o",
            color="#1f4e79",
            linewidth=2.2,
            markersize=7,
            zorder=3,
        )
    else:
        axis.text(
            0.5,
            0.5,
            "No mood ratings yet",
            ha="center",
            va="center",
            color="#555555",
            fontsize=12,
            transform=axis.transAxes,
        )
    first, last = min(dates), max(dates)
    span_months = (last.year - first.year) * 12 + last.month - first.month
    pad = max(1, span_months // 12)
    x_min, x_max = _shift(first, -pad), _shift(last, pad + 1)
    axis.set_xlim(x_min, x_max)
    placements = _place_labels(model.events, x_min, x_max, FIGURE_WIDTH * 0.82)
    rows = max([row for _side, row in placements], default=0) + 1
    for event, (side, row) in zip(model.events, placements, strict=True):
        when = event.when.as_date()
        style = kind_style(event.kind)
        colour, line = style["color"], style["linestyle"]
        level = 1 - (row + 0.5) / max(rows, 3)
        axis.axvline(when, color=colour, linestyle=line, linewidth=1.3, alpha=0.8, zorder=2)
        strip.axvline(when, color=colour, linestyle=line, linewidth=1.3, alpha=0.8)
        strip.plot([when], [level], zorder=3, **{**style, "linestyle": "none"})
        strip.annotate(
            event.label,
            (when, level),
            xytext=(7 if side == "right" else -7, 0),
            textcoords="offset points",
            va="center",
            ha="left" if side == "right" else "right",
            fontsize=9.5,
            color="#1a1a1a",
            bbox={
                "boxstyle": "round,pad=0.2",
                "facecolor": "white",
                "edgecolor": colour,
                "alpha": 0.9,
            },
        )
    strip.set_ylim(0, 1)
    strip.set_yticks([])
    strip.set_ylabel("Life events", fontsize=11)
    strip.tick_params(labelbottom=False)
    for side in ("top", "right", "left"):
        strip.spines[side].set_visible(False)
    axis.set_ylim(-0.3, 10.3)
    axis.set_yticks(range(0, 11, 2))
    axis.set_ylabel("Mood (0 lowest – 10 best)", fontsize=11)
    axis.grid(axis="y", color="#dddddd")
    axis.spines[["top", "right"]].set_visible(False)
    step = max(1, (span_months + 11) // 12)
    axis.xaxis.set_major_locator(MonthLocator(interval=step))
    axis.xaxis.set_major_formatter(DateFormatter("%b\n%Y"))
    kinds = sorted({event.kind for event in model.events}, key=list(ALL_KINDS).index)
    handles = [Line2D([], [], label=ALL_KINDS[k], **kind_style(k)) for k in kinds]
    if model.moods:
        handles.append(Line2D([], [], color="#1f4e79", marker="o", label="Mood rating"))
    axis.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        ncol=4 if len(handles) > 5 else 5,
        frameon=False,
        fontsize=10,
    )
    return fig


def timeline_alt_text(model: TimelineModel) -> str:
    """A short description of the plot for screen readers; the lists above hold the detail."""
    if model.is_empty:
        return "Empty timeline: no events or mood ratings yet."
    dates = sorted(item.when for item in [*model.events, *model.moods])
    ratings = ", ".join(f"{m.when} {m.rating}" for m in model.moods) or "none"
    counts = Counter(event.kind for event in model.events)
    kinds = "; ".join(f"{ALL_KINDS[kind]} {counts[kind]}" for kind in ALL_KINDS if counts[kind])
    by_kind = f" ({kinds})" if kinds else ""
    return (
        f"Timeline from {dates[0]} to {dates[-1]} with {len(model.events)} life events"
        f"{by_kind}, listed under Life events, and mood ratings out of 10: {ratings}."
    )
