"""The cycle diagram drawn with matplotlib: four boxes in a loop and where IPT breaks in."""

from __future__ import annotations

import math
import textwrap
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ipt_course.tools.cycle.content import IPT_STEP, STEP_TITLES, CycleExample

_POSITIONS = ((0.0, 1.0), (1.0, 0.0), (0.0, -1.0), (-1.0, 0.0))
_COLOURS = ("#1f4e79", "#7b3f00", "#5b2c6f", "#7f1d1d")


def cycle_figure(example: CycleExample, step: int) -> Figure:
    """The cycle diagram: four boxes in a loop; the IPT move drawn where it breaks the loop."""
    fig = Figure(figsize=(9.5, 7.2))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-2.05, 2.05)
    ax.set_ylim(-1.75, 1.62)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.text(
        0,
        1.5,
        f"{example.label}: the depression–relationship cycle",
        ha="center",
        va="center",
        fontsize=14,
        fontweight="bold",
    )
    radius_x, radius_y = 1.3, 1.0
    centres = [(x * radius_x, y * radius_y) for x, y in _POSITIONS]
    for index, (x, y) in enumerate(centres):
        shown = index + 1 <= step
        colour = _COLOURS[index] if shown else "#9e9e9e"
        body = textwrap.fill(example.step_text(index + 1), 31) if shown else "?"
        ax.add_patch(
            FancyBboxPatch(
                (x - 0.68, y - 0.32),
                1.36,
                0.64,
                boxstyle="round,pad=0.03,rounding_size=0.08",
                facecolor="white" if shown else "#f2f2f2",
                edgecolor=colour,
                linewidth=2.2,
            )
        )
        ax.text(
            x,
            y + 0.22,
            f"{index + 1}. {STEP_TITLES[index]}",
            ha="center",
            va="center",
            fontsize=10.5,
            fontweight="bold",
            color=colour,
        )
        ax.text(
            x,
            y - 0.05,
            body,
            ha="center",
            va="center",
            fontsize=9.4 if shown else 16,
            color="#1a1a1a" if shown else "#9e9e9e",
            linespacing=1.25,
        )
    arrow_points = _arrow_points(centres)
    for index, (start, end) in enumerate(arrow_points):
        visible = index + 2 <= step or (index == 3 and step >= 4)
        ax.add_patch(
            FancyArrowPatch(
                start,
                end,
                connectionstyle="arc3,rad=-0.28",
                arrowstyle="-|>,head_length=8,head_width=5",
                color="#424242" if visible else "#cfcfcf",
                linewidth=2,
            )
        )
    if step >= IPT_STEP:
        _draw_break(ax, example, arrow_points)
    else:
        ax.text(
            0,
            0,
            "Round and round:\neach part keeps\nthe next going",
            ha="center",
            va="center",
            fontsize=10,
            color="#555555",
            style="italic",
        )
    return fig


def _arrow_points(
    centres: list[tuple[float, float]],
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Start and end of the arrow from each box to the next, just outside the boxes."""
    offsets = ((0.72, -0.02), (-0.05, -0.36), (-0.72, 0.02), (0.05, 0.36))
    ends = ((-0.05, 0.36), (0.72, 0.02), (0.05, -0.36), (-0.72, -0.02))
    points = []
    for index, (x, y) in enumerate(centres):
        nx, ny = centres[(index + 1) % 4]
        start = (x + offsets[index][0], y + offsets[index][1])
        end = (nx + ends[index][0], ny + ends[index][1])
        points.append((start, end))
    return points


def _draw_break(ax: Any, example: CycleExample, arrow_points: list[Any]) -> None:
    """Mark where the IPT move interrupts the loop and describe the move in the centre."""
    arrow_index = 0 if example.breaks_at == "interpersonal" else 1
    (x0, y0), (x1, y1) = arrow_points[arrow_index]
    # The arc bulges outwards, so the break mark sits beyond the chord's midpoint.
    mid_x, mid_y = (x0 + x1) / 2, (y0 + y1) / 2
    length = math.hypot(mid_x, mid_y) or 1.0
    mark_x, mark_y = mid_x + 0.2 * mid_x / length, mid_y + 0.2 * mid_y / length
    ax.plot(
        [mark_x],
        [mark_y],
        marker="X",
        markersize=26,
        color="#1b7f3a",
        markeredgecolor="white",
        markeredgewidth=2,
        zorder=5,
    )
    move = textwrap.fill(example.ipt_move, 34)
    ax.text(
        0,
        -0.02,
        f"$\\bf{{IPT\\ move}}$\n{move}",
        ha="center",
        va="center",
        fontsize=8.8,
        color="#0f3d1f",
        linespacing=1.25,
        zorder=4,
        bbox={
            "boxstyle": "round,pad=0.45",
            "facecolor": "#e8f5e9",
            "edgecolor": "#1b7f3a",
            "linewidth": 2,
        },
    )
    ax.annotate(
        "",
        xy=(mark_x, mark_y),
        xytext=(0.45 * mark_x, 0.35 * mark_y),
        arrowprops={"arrowstyle": "-|>", "color": "#1b7f3a", "linewidth": 1.8},
    )
    ax.text(
        0,
        -1.62,
        "✕ marks where this IPT move interrupts the cycle",
        ha="center",
        va="center",
        fontsize=10,
        color="#1b7f3a",
    )
