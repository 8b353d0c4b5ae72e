"""Where each person sits in the closeness circle so that no two labels overlap.

Pure geometry in data units, with no matplotlib: the drawing measures each label and passes
the sizes in. adjustText was tried and rejected: it detaches labels from their markers, lets
them straddle ring edges and sit on other people's lines, which the ring rules forbid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ipt_course.tools.inventory.people import Person

RING_EDGES = (0.55, 1.95, 3.05, 4.1)
LIMIT = 4.45
MARKER_RADIUS = 0.12
LABEL_GAP = 0.03
Box = tuple[float, float, float, float]


@dataclass
class LabelSize:
    """Size of one person's label in data units: the name line and the relationship line."""

    width: float
    name_height: float
    total_height: float


def short_label(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _boxes_overlap(a: Box, b: Box, gap: float = 0.1) -> bool:
    return not (
        a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1] or b[3] + gap <= a[1]
    )


def label_box(x: float, y: float, size: LabelSize) -> Box:
    """Box (x0, y0, x1, y1) covering a marker at (x, y) and its label centred beneath it."""
    half = max(size.width / 2, MARKER_RADIUS)
    return (
        x - half,
        y - MARKER_RADIUS - LABEL_GAP - size.total_height,
        x + half,
        y + MARKER_RADIUS,
    )


def ring_edges(people: list[Person]) -> tuple[float, float, float, float]:
    """Radii of the client's disc and the three rings' outer edges.

    The rings share the space by how many people each holds, so a crowded ring is wider; the
    order (closest inside) is what carries meaning, not the exact width.
    """
    centre, outer = RING_EDGES[0], RING_EDGES[-1]
    counts = [sum(p.ring == ring for p in people) for ring in (1, 2, 3)]
    # Inner rings are shorter, so each extra person there needs more width.
    weights = [
        base * (1 + 0.25 * count / ring)
        for ring, (base, count) in enumerate(zip((1.4, 1.1, 1.05), counts, strict=True), start=1)
    ]
    widths = [(outer - centre) * w / sum(weights) for w in weights]
    narrowest = 0.6
    short = sum(max(0.0, narrowest - w) for w in widths)
    roomy = sum(w for w in widths if w > narrowest)
    widths = [narrowest if w <= narrowest else w - short * w / roomy for w in widths]
    first = centre + widths[0]
    return (centre, first, first + widths[1], outer)


def _ring_positions(
    count: int, ring: int, rotation: float, tracks: int, edges: tuple[float, ...] = RING_EDGES
) -> list[tuple[float, float]]:
    """Evenly spaced places in a ring; with 2 or 3 tracks, people take turns on each track."""
    inner, outer = edges[ring - 1], edges[ring]
    middle = (inner + outer) / 2
    offsets = {1: (0.0,), 2: (0.24, -0.24), 3: (0.3, 0.0, -0.3)}[tracks]
    # Each marker must sit wholly inside its own ring, however narrow the ring is.
    room = max(0.0, (outer - inner) / 2 - MARKER_RADIUS - 0.03)
    places = []
    for i in range(count):
        angle = math.radians(90 + rotation + 360 * i / count)
        shift = min(room, max(-room, offsets[i % tracks] * (outer - inner)))
        radius = middle + shift
        places.append((radius * math.cos(angle), radius * math.sin(angle)))
    return places


def _count_overlaps(boxes: list[Box], obstacles: list[Box]) -> int:
    clashes = sum(_boxes_overlap(a, b) for a, b in combinations(boxes, 2))
    clashes += sum(_boxes_overlap(a, o) for a in boxes for o in obstacles)
    outside = sum(b[0] < -LIMIT or b[2] > LIMIT or b[1] < -LIMIT or b[3] > LIMIT for b in boxes)
    return clashes + 10 * outside


def _segment_hits_box(x: float, y: float, box: Box, margin: float = 0.08) -> bool:
    """Whether the line from the centre (0, 0) to (x, y) passes through ``box`` plus a margin.

    Liang-Barsky clipping: find the part of the line, as t from 0 to 1, that lies inside the box.
    """
    low, high = 0.0, 1.0
    for delta, start_gap, end_gap in (
        (x, box[0] - margin, box[2] + margin),
        (y, box[1] - margin, box[3] + margin),
    ):
        if abs(delta) < 1e-12:
            if not start_gap <= 0 <= end_gap:
                return False
            continue
        t1, t2 = sorted((start_gap / delta, end_gap / delta))
        low, high = max(low, t1), min(high, t2)
        if low > high:
            return False
    return True


def _line_crossings(lines: list[tuple[float, float]], boxes: list[Box]) -> int:
    """Count (line, box) pairs where a line from the client to a marker passes through a box."""
    crossings = 0
    for x, y in lines:
        for box in boxes:
            # A box holding the line's own marker end is the person's own label: skip it.
            if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                continue
            crossings += _segment_hits_box(x, y, box)
    return crossings


def _arrangement_score(
    places: list[tuple[float, float]],
    boxes_of: list[LabelSize],
    fixed_boxes: list[Box],
    fixed_lines: list[tuple[float, float]],
    obstacles: list[Box],
    limit: int | None = None,
) -> int:
    """Lower is better: 100 per overlapping label, 1 per line through someone else's label.

    Line crossings are slow to count, so they are skipped once overlaps alone exceed ``limit``.
    """
    boxes = [label_box(x, y, size) for (x, y), size in zip(places, boxes_of, strict=True)]
    score = 100 * _count_overlaps(boxes, obstacles + fixed_boxes)
    if limit is not None and score > limit:
        return score
    return (
        score + _line_crossings(places, fixed_boxes + boxes) + _line_crossings(fixed_lines, boxes)
    )


def _nudge(
    places: list[tuple[float, float]], score: int, scorer: Any
) -> tuple[list[tuple[float, float]], int]:
    """Turn people a little along their track where that clears a line or a label."""
    places = list(places)
    for _round in range(2):
        for j, (x, y) in enumerate(places):
            if score == 0:
                return places, score
            radius, angle = math.hypot(x, y), math.atan2(y, x)
            for delta in (step * sign for step in range(4, 44, 4) for sign in (-1, 1)):
                turned = angle + math.radians(delta)
                candidate = (radius * math.cos(turned), radius * math.sin(turned))
                trial = [*places[:j], candidate, *places[j + 1 :]]
                trial_score = scorer(trial)
                if trial_score < score:
                    places, score = trial, trial_score
    return places, score


def layout_people(
    people: list[Person],
    sizes: list[LabelSize],
    obstacles: list[Box],
    edges: tuple[float, ...] = RING_EDGES,
    refine: bool = True,
    seed: int = 0,
) -> tuple[list[tuple[float, float]], int]:
    """Place each person in their ring so that labels do not overlap.

    Angles within a ring carry no meaning, so each ring in turn (1, then 2, then 3) is rotated,
    on one, two or three tracks, to the arrangement with the fewest overlapping labels and then
    the fewest lines running through someone else's marker or label; then single people are
    nudged along their track to clear what is left. Returns positions (in the order of
    ``people``) and the number of label overlaps left (0 when every label is clear).
    """
    positions: dict[int, tuple[float, float]] = {}
    placed: list[Box] = []
    lines: list[tuple[float, float]] = []
    for ring in (1, 2, 3):
        members = [i for i, p in enumerate(people) if p.ring == ring]
        if not members:
            continue
        member_sizes = [sizes[i] for i in members]

        def scorer(
            places: list[tuple[float, float]], limit: int | None = None, sizes_=member_sizes
        ) -> int:
            return _arrangement_score(places, sizes_, placed, lines, obstacles, limit)

        best: tuple[int, list[tuple[float, float]]] | None = None
        for tracks in (1, 2, 3):
            for k in range(36):
                rotation = 360 / len(members) * k / 36 + 11 * ring + 23 * seed
                places = _ring_positions(len(members), ring, rotation, tracks, edges)
                score = scorer(places, best[0] if best else None)
                if best is None or score < best[0]:
                    best = (score, places)
                if score == 0:
                    break
            if best is not None and best[0] < 100:
                break
        assert best is not None
        chosen = _nudge(best[1], best[0], scorer)[0] if refine else best[1]
        for (x, y), i in zip(chosen, members, strict=True):
            positions[i] = (x, y)
            placed.append(label_box(x, y, sizes[i]))
            lines.append((x, y))
    final = [positions[i] for i in range(len(people))]
    if refine:
        # A last pass over everyone: an inner person may be the one to move aside for a line.
        def everyone(places: list[tuple[float, float]], limit: int | None = None) -> int:
            return _arrangement_score(places, sizes, [], [], obstacles, limit)

        final = _nudge(final, everyone(final), everyone)[0]
    boxes = [label_box(x, y, sizes[i]) for i, (x, y) in enumerate(final)]
    return final, _count_overlaps(boxes, obstacles)


def best_layout(
    people: list[Person], sizes: list[LabelSize], obstacles: list[Box], edges: tuple[float, ...]
) -> list[tuple[float, float]]:
    """Try a few starting turns of the rings; keep the layout with fewest overlaps, then lines.

    A local search can get stuck with a line through someone's marker; a different start often
    avoids it, and four starts stay fast enough to redraw after every change.
    """
    best: tuple[tuple[int, int], list[tuple[float, float]]] | None = None
    for seed in range(4):
        places, overlaps = layout_people(people, sizes, obstacles, edges, seed=seed)
        boxes = [label_box(x, y, size) for (x, y), size in zip(places, sizes, strict=True)]
        score = (overlaps, _line_crossings(places, boxes))
        if best is None or score < best[0]:
            best = (score, places)
        if score == (0, 0):
            break
    assert best is not None
    return best[1]
