"""The closeness circle drawn with matplotlib: rings, people, labels and legend."""

from __future__ import annotations

from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from ipt_course.kit.render import figure_png
from ipt_course.tools.inventory.layout import (
    LABEL_GAP,
    LIMIT,
    MARKER_RADIUS,
    Box,
    LabelSize,
    best_layout,
    layout_people,
    ring_edges,
    short_label,
)
from ipt_course.tools.inventory.people import Person

STYLES = {
    "supportive": {"colour": "#0072B2", "marker": "o", "line": "-", "label": "Mainly supportive"},
    "mixed": {"colour": "#E69F00", "marker": "D", "line": "-.", "label": "Support and conflict"},
    "conflict": {"colour": "#D55E00", "marker": "s", "line": "--", "label": "Mainly conflict"},
    "little": {"colour": "#7F7F7F", "marker": "o", "line": ":", "label": "Little of either"},
}


def _measure(ax: Any, renderer: Any, text: str, **style: Any) -> tuple[float, float]:
    """Width and height of a piece of text in data units (equal aspect: position is irrelevant)."""
    if not text:
        return 0.0, 0.0
    artist = ax.text(0, 0, text, **style)
    extent = artist.get_window_extent(renderer)
    artist.remove()
    (x0, y0), (x1, y1) = ax.transData.inverted().transform(
        [[extent.x0, extent.y0], [extent.x1, extent.y1]]
    )
    return abs(x1 - x0), abs(y1 - y0)


def _label_parts(person: Person) -> tuple[str, str]:
    return short_label(person.name, 18), short_label(person.relationship, 22)


def _label_styles(fontsize: float) -> tuple[dict[str, Any], dict[str, Any]]:
    name_style = {"fontsize": fontsize, "fontweight": "bold", "color": "#111111"}
    relation_style = {"fontsize": max(fontsize - 1.5, 7.0), "color": "#333333"}
    return name_style, relation_style


def _label_size(ax: Any, renderer: Any, person: Person, fontsize: float) -> LabelSize:
    name, relation = _label_parts(person)
    name_style, relation_style = _label_styles(fontsize)
    name_w, name_h = _measure(ax, renderer, name, **name_style)
    rel_w, rel_h = _measure(ax, renderer, relation, **relation_style)
    pad = 0.08
    return LabelSize(max(name_w, rel_w) + pad, name_h, name_h + rel_h + pad / 2)


FONT_SIZES = (7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 10.5, 11.0, 11.5)


def _largest_clear_font(
    ax: Any, renderer: Any, people: list[Person], obstacles: list[Box], edges: tuple[float, ...]
) -> float:
    """The largest label size at which no labels overlap (a binary search; 7.5 at the least)."""

    def clear(fontsize: float) -> bool:
        sizes = [_label_size(ax, renderer, p, fontsize) for p in people]
        return layout_people(people, sizes, obstacles, edges, refine=False)[1] == 0

    if not people or clear(FONT_SIZES[-1]):
        return FONT_SIZES[-1]
    low, high = 0, len(FONT_SIZES) - 2
    best = FONT_SIZES[0]
    while low <= high:
        middle = (low + high) // 2
        if clear(FONT_SIZES[middle]):
            best, low = FONT_SIZES[middle], middle + 1
        else:
            high = middle - 1
    return best


def closeness_circle_figure(people: list[Person], client_label: str = "Client") -> Figure:
    """Draw the closeness circle: the client at the centre, each person in their ring.

    Colour, marker shape and line style all show support versus conflict (so the drawing also
    reads in greyscale); line thickness shows how strong the stronger of the two is.
    """
    figure = Figure(figsize=(8.4, 9.6))
    ax = figure.add_axes((0.01, 0.125, 0.98, 0.83))
    ax.set_xlim(-LIMIT, LIMIT)
    ax.set_ylim(-LIMIT, LIMIT)
    ax.set_aspect("equal")
    ax.axis("off")
    figure.suptitle(f"Closeness circle: {short_label(client_label, 30)}", fontsize=17, y=0.975)

    edges = ring_edges(people)
    shades = ("#E8F0F8", "#F1F5FA", "#F9FBFD")
    for ring in (3, 2, 1):
        ax.add_patch(_circle(edges[ring], face=shades[ring - 1], edge="#7C8FA3", zorder=0))
    ax.add_patch(_circle(edges[0], face="#1F3A5F", edge="#1F3A5F", zorder=3))
    ax.text(
        0,
        0,
        short_label(client_label, 9),
        ha="center",
        va="center",
        color="white",
        fontsize=12,
        fontweight="bold",
        zorder=4,
    )

    obstacles: list[Box] = [(-0.6, -0.6, 0.6, 0.6)]
    for ring in (1, 2, 3):
        y = -edges[ring] + 0.05
        ax.text(
            0,
            y,
            f"Ring {ring}",
            ha="center",
            va="bottom",
            fontsize=9,
            color="#44546A",
            style="italic",
            zorder=2,
        )
        obstacles.append((-0.3, y, 0.3, y + 0.2))

    renderer = FigureCanvasAgg(figure).get_renderer()
    fontsize = _largest_clear_font(ax, renderer, people, obstacles, edges)
    sizes = [_label_size(ax, renderer, p, fontsize) for p in people]
    positions = best_layout(people, sizes, obstacles, edges) if people else []

    name_style, relation_style = _label_styles(fontsize)
    for person, (x, y) in zip(people, positions, strict=True):
        _draw_person(ax, person, x, y, name_style, relation_style)

    if not people:
        ax.text(
            0,
            -0.72,
            "No one added yet.\nAdd people with the form.",
            ha="center",
            va="top",
            fontsize=12,
            color="#44546A",
        )
    _draw_legend(figure)
    return figure


def _draw_person(
    ax: Any,
    person: Person,
    x: float,
    y: float,
    name_style: dict[str, Any],
    relation_style: dict[str, Any],
) -> None:
    style = STYLES[person.balance()]
    strength = max(person.support, person.conflict)
    ax.plot(
        [0, x],
        [0, y],
        linestyle=style["line"],
        color=style["colour"],
        linewidth=0.8 + 0.5 * strength,
        alpha=0.75,
        zorder=1,
    )
    hollow = person.balance() == "little"
    ax.plot(
        [x],
        [y],
        marker=style["marker"],
        markersize=13,
        markerfacecolor="white" if hollow else style["colour"],
        markeredgecolor=style["colour"],
        markeredgewidth=2,
        zorder=5,
    )
    name, relation = _label_parts(person)
    box = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8}
    top = y - MARKER_RADIUS - LABEL_GAP
    name_artist = ax.text(x, top, name, ha="center", va="top", zorder=6, bbox=box, **name_style)
    if relation:
        ax.annotate(
            relation,
            xy=(0.5, 0),
            xycoords=name_artist,
            xytext=(0, -1),
            textcoords="offset points",
            ha="center",
            va="top",
            zorder=6,
            bbox=box,
            **relation_style,
        )


def _draw_legend(figure: Figure) -> None:
    handles = [
        Line2D(
            [0],
            [0],
            color=s["colour"],
            linestyle=s["line"],
            linewidth=2.5,
            marker=s["marker"],
            markersize=10,
            markerfacecolor="white" if key == "little" else s["colour"],
            markeredgecolor=s["colour"],
            markeredgewidth=2,
            label=s["label"],
        )
        for key, s in STYLES.items()
    ]
    figure.legend(
        handles=handles,
        loc="lower center",
        ncol=2,
        fontsize=12,
        frameon=False,
        bbox_to_anchor=(0.5, 0.04),
        handlelength=3.2,
    )
    figure.text(
        0.5,
        0.015,
        "Ring 1 = closest, ring 3 = outer. Thicker line = stronger support or conflict.",
        ha="center",
        fontsize=11,
        color="#333333",
    )


def _circle(radius: float, face: str, edge: str, zorder: int) -> Circle:
    return Circle((0, 0), radius, facecolor=face, edgecolor=edge, linewidth=1.4, zorder=zorder)


def closeness_circle_png(people: list[Person], client_label: str = "Client") -> bytes:
    """Return the closeness circle as PNG bytes (840 x 960 pixels)."""
    return figure_png(closeness_circle_figure(people, client_label))
