"""The interpersonal inventory and closeness circle (Day 2).

``InventoryBuilder(save_path="my-inventory.json")`` is the widget a teaching notebook shows. The
state lives in :class:`InventoryModel` (no widgets); the drawing is :func:`closeness_circle_png`.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets
import yaml
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from ipt_course.kit.render import figure_png
from ipt_course.kit.saved import read_saved_document
from ipt_course.kit.widgets import make_readable, tidy_layout
from ipt_course.safe_files import keep_aside, write_atomic, write_new_file

FILE_KIND = "ipt-interpersonal-inventory"
FILE_FORMAT = 1
MAX_PEOPLE = 30
RING_LABELS = {1: "1 - closest", 2: "2 - middle", 3: "3 - outer"}
CONTACT_OPTIONS = (
    "Daily",
    "Several times a week",
    "Weekly",
    "Monthly",
    "A few times a year",
    "No contact now",
    "Has died",
)
TEXT_FIELDS = {
    "client_expects": "Client expects of them",
    "they_expect": "They expect of the client",
    "satisfactions": "Satisfying now",
    "disappointments": "Disappointing now",
    "changes_at_onset": "Changes around onset",
    "notes": "Notes",
}
TABLE_COLUMNS = {
    "name": "Name",
    "relationship": "Relationship",
    "ring": "Ring",
    "support": "Support (0-5)",
    "conflict": "Conflict (0-5)",
    "contact": "Contact",
    **TEXT_FIELDS,
}


class InventoryError(ValueError):
    """A person's details or a saved inventory file are not valid; the message says why."""


@dataclass
class Person:
    """One important person in the client's life, as recorded in the inventory."""

    name: str
    relationship: str = ""
    ring: int = 2
    support: int = 0
    conflict: int = 0
    contact: str = ""
    client_expects: str = ""
    they_expect: str = ""
    satisfactions: str = ""
    disappointments: str = ""
    changes_at_onset: str = ""
    notes: str = ""

    def balance(self) -> str:
        """Return the support/conflict category used for colour and line style in the drawing."""
        return balance_category(self.support, self.conflict)


PERSON_KEYS = tuple(f.name for f in fields(Person))


def balance_category(support: int, conflict: int) -> str:
    """Classify a relationship: 'supportive', 'conflict', 'mixed' or 'little'.

    'little' when both scores are 0-1; 'mixed' when both are 3 or more, or equal;
    otherwise whichever score is higher wins.
    """
    if support <= 1 and conflict <= 1:
        return "little"
    if (support >= 3 and conflict >= 3) or support == conflict:
        return "mixed"
    return "supportive" if support > conflict else "conflict"


def _whole_number(value: Any, low: int, high: int, label: str) -> int:
    """Return ``value`` as an int in ``low..high`` or raise InventoryError naming ``label``."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InventoryError(
            f"{label}: expected a whole number from {low} to {high}, got {value!r}."
        )
    try:
        number = float(value)
    except ValueError:
        raise InventoryError(
            f"{label}: expected a whole number from {low} to {high}, got {value!r}."
        ) from None
    if not number.is_integer() or not low <= number <= high:
        raise InventoryError(
            f"{label}: expected a whole number from {low} to {high}, got {value!r}."
        )
    return int(number)


def validate_person(person: Person, where: str = "") -> Person:
    """Return a cleaned copy of ``person`` or raise InventoryError with a clear message.

    ``where`` prefixes messages (e.g. ``people[3]``) when checking a saved file.
    """
    prefix = f"{where}." if where else ""
    name = str(person.name or "").strip()
    if not name:
        raise InventoryError(f"{prefix}name: please enter a name or initials.")
    if len(name) > 40:
        raise InventoryError(f"{prefix}name: please keep the name to 40 characters or fewer.")
    contact = str(person.contact or "").strip()
    if contact and contact not in CONTACT_OPTIONS:
        choices = ", ".join(CONTACT_OPTIONS)
        raise InventoryError(f"{prefix}contact: expected one of {choices}, got {contact!r}.")
    cleaned = {key: str(getattr(person, key) or "").strip() for key in TEXT_FIELDS}
    return Person(
        name=name,
        relationship=str(person.relationship or "").strip(),
        ring=_whole_number(person.ring, 1, 3, f"{prefix}ring"),
        support=_whole_number(person.support, 0, 5, f"{prefix}support"),
        conflict=_whole_number(person.conflict, 0, 5, f"{prefix}conflict"),
        contact=contact,
        **cleaned,
    )


def person_from_dict(data: Any, where: str) -> Person:
    """Build a valid Person from a saved mapping; errors name the key path, e.g. people[2].ring."""
    if not isinstance(data, dict):
        raise InventoryError(f"{where}: expected a set of details for one person, got {data!r}.")
    unknown = sorted(set(data) - set(PERSON_KEYS))
    if unknown:
        raise InventoryError(f"{where}: unexpected field(s) {', '.join(map(str, unknown))}.")
    if "name" not in data:
        raise InventoryError(f"{where}.name: missing.")
    return validate_person(Person(**data), where)


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _load_yaml(name: str) -> dict[str, Any]:
    """Read one of this package's YAML data files."""
    text = resources.files("ipt_course.tools").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def inventory_guidance() -> dict[str, Any]:
    """Return the help text, the questions to ask about each person and what to listen for."""
    return _load_yaml("inventory.yaml")


def example_inventory() -> tuple[str, list[Person]]:
    """Return the course vignette: the client's first name and her inventory."""
    data = _load_yaml("inventory-example.yaml")
    people = [person_from_dict(p, f"people[{i}]") for i, p in enumerate(data["people"])]
    return data["client"], people


class InventoryModel(traitlets.HasTraits):
    """The inventory's state and rules: people, saving and reloading. No widgets here."""

    people = traitlets.List()
    client_label = traitlets.Unicode("Client")
    message = traitlets.Unicode("")

    def __init__(self, save_path: str | Path | None = "my-inventory.json", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.save_path = Path(save_path) if save_path else None
        if self.save_path is not None and self.save_path.exists():
            self.reload()

    # -- editing -------------------------------------------------------------------------
    def _index_of(self, name: str) -> int | None:
        wanted = name.strip().casefold()
        for index, person in enumerate(self.people):
            if person.name.casefold() == wanted:
                return index
        return None

    def add(self, person: Person) -> Person:
        """Validate and add a person, then save. Raises InventoryError for bad details."""
        person = validate_person(person)
        if self._index_of(person.name) is not None:
            raise InventoryError(
                f"name: {person.name!r} is already in the inventory. Edit that entry, or tell "
                "the two apart, e.g. 'Sam (work)' and 'Sam (school)'."
            )
        if len(self.people) >= MAX_PEOPLE:
            raise InventoryError(f"The inventory holds up to {MAX_PEOPLE} people.")
        self.people = [*self.people, person]
        self._autosave(f"Added {person.name}.")
        return person

    def update(self, name: str, person: Person) -> Person:
        """Replace the entry called ``name`` with ``person`` (renaming allowed), then save."""
        index = self._index_of(name)
        if index is None:
            raise InventoryError(f"There is no one called {name!r} in the inventory.")
        person = validate_person(person)
        clash = self._index_of(person.name)
        if clash is not None and clash != index:
            raise InventoryError(f"name: {person.name!r} is already in the inventory.")
        people = list(self.people)
        people[index] = person
        self.people = people
        self._autosave(f"Saved the changes to {person.name}.")
        return person

    def remove(self, name: str) -> None:
        """Remove the entry called ``name``, then save."""
        index = self._index_of(name)
        if index is None:
            raise InventoryError(f"There is no one called {name!r} in the inventory.")
        removed = self.people[index]
        self.people = [p for i, p in enumerate(self.people) if i != index]
        self._autosave(f"Removed {removed.name}.")

    def set_client(self, label: str) -> None:
        """Set the name or initials shown at the centre of the circle, then save."""
        label = " ".join(str(label or "").split())
        if not label:
            self.message = (
                "Please enter the client's name or initials for the centre of the circle."
            )
            return
        if len(label) > 40:
            self.message = "Please keep the client's name to 40 characters or fewer."
            return
        if label != self.client_label:
            self.client_label = label
            self._autosave(f"The client is shown as {label}.")

    def get(self, name: str) -> Person:
        """Return the entry called ``name``."""
        index = self._index_of(name)
        if index is None:
            raise InventoryError(f"There is no one called {name!r} in the inventory.")
        return self.people[index]

    def load_example(self) -> Path | None:
        """Replace the inventory with the course vignette.

        If there was work in the inventory, the saved file is first copied to a new file beside
        it (never overwritten); that path is returned so the trainee can be told where it is.
        """
        backup = None
        if self.people and self.save_path is not None:
            backup = write_new_file(
                self.save_path.with_name(f"{self.save_path.stem}-before-example.json"),
                self.to_json(),
            )
        self.client_label, self.people = example_inventory()
        note = f" Your previous inventory was kept as {backup.name}." if backup else ""
        self._autosave("Loaded the course example." + note)
        return backup

    # -- views of the data ---------------------------------------------------------------
    def to_dataframe(self) -> pd.DataFrame:
        """Return the inventory as a table with plain column headings, one row per person."""
        rows = [asdict(p) for p in self.people]
        frame = pd.DataFrame(rows, columns=list(PERSON_KEYS))
        frame["ring"] = frame["ring"].astype("Int64")
        return frame.rename(columns=TABLE_COLUMNS)

    def closeness_circle_png(self) -> bytes:
        """Return the closeness circle drawing as PNG bytes."""
        return closeness_circle_png(self.people, self.client_label)

    def export_png(self, folder: str | Path | None = None) -> Path:
        """Write the drawing as ``closeness-circle.png`` (or ``-2``, ``-3``...) and return the path.

        The file goes beside the saved inventory (the notebook's folder) unless ``folder`` is given.
        """
        if folder is None:
            folder = self.save_path.parent if self.save_path is not None else Path.cwd()
        path = write_new_file(Path(folder) / "closeness-circle.png", self.closeness_circle_png())
        self.message = f"Saved the drawing as {path.name}."
        return path

    # -- saving and loading --------------------------------------------------------------
    def to_json(self) -> str:
        """Return the inventory in its saved form (JSON text)."""
        document = {
            "kind": FILE_KIND,
            "format": FILE_FORMAT,
            "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "client": self.client_label,
            "people": [asdict(p) for p in self.people],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    def save(self) -> Path:
        """Write the inventory to ``save_path`` atomically and return the path."""
        if self.save_path is None:
            raise InventoryError("This inventory has no file to save to.")
        write_atomic(self.save_path, self.to_json())
        return self.save_path

    def _autosave(self, what: str) -> None:
        if self.save_path is None:
            self.message = what
            return
        try:
            self.save()
        except OSError as error:
            self.message = f"{what} But it could not be saved to {self.save_path}: {error}."
            return
        self.message = f"{what} Saved to {self.save_path.name} at {datetime.now():%H:%M}."

    def reload(self) -> None:
        """Load ``save_path``. An unreadable file is renamed and kept, never deleted."""
        assert self.save_path is not None
        try:
            client, people = parse_inventory_file(self.save_path)
        except InventoryError as error:
            kept = keep_aside(self.save_path)
            self.client_label, self.people = "Client", []
            self.message = (
                f"Your saved inventory ({self.save_path.name}) could not be read: {error} "
                f"It has been kept, unchanged, as {kept.name}, and a new empty inventory has "
                "been started. Ask your trainer if you need help recovering it."
            )
            return
        self.client_label, self.people = client, people
        self.message = f"Loaded {_people(len(people))} from {self.save_path.name}."


def parse_inventory_file(path: Path) -> tuple[str, list[Person]]:
    """Read and check a saved inventory; raise InventoryError naming what is wrong and where."""
    data = read_saved_document(path, FILE_KIND, FILE_FORMAT, "an inventory file", InventoryError)
    people_data = data.get("people")
    if not isinstance(people_data, list):
        raise InventoryError("people: expected a list of people.")
    people = [person_from_dict(p, f"people[{i}]") for i, p in enumerate(people_data)]
    names = [p.name.casefold() for p in people]
    if len(set(names)) != len(names):
        raise InventoryError("people: the same name appears twice.")
    client = data.get("client", "Client")
    if not isinstance(client, str) or not client.strip():
        raise InventoryError("client: expected the client's name or initials.")
    return client.strip(), people


# -- the closeness circle drawing --------------------------------------------------------

RING_EDGES = (0.55, 1.95, 3.05, 4.1)
LIMIT = 4.45
STYLES = {
    "supportive": {"colour": "#0072B2", "marker": "o", "line": "-", "label": "Mainly supportive"},
    "mixed": {"colour": "#E69F00", "marker": "D", "line": "-.", "label": "Support and conflict"},
    "conflict": {"colour": "#D55E00", "marker": "s", "line": "--", "label": "Mainly conflict"},
    "little": {"colour": "#7F7F7F", "marker": "o", "line": ":", "label": "Little of either"},
}
MARKER_RADIUS = 0.12
LABEL_GAP = 0.03
Box = tuple[float, float, float, float]


@dataclass
class LabelSize:
    """Size of one person's label in data units: the name line and the relationship line."""

    width: float
    name_height: float
    total_height: float


def _short(text: str, limit: int) -> str:
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
    return _short(person.name, 18), _short(person.relationship, 22)


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
    figure.suptitle(f"Closeness circle: {_short(client_label, 30)}", fontsize=17, y=0.975)

    edges = ring_edges(people)
    shades = ("#E8F0F8", "#F1F5FA", "#F9FBFD")
    for ring in (3, 2, 1):
        ax.add_patch(_circle(edges[ring], face=shades[ring - 1], edge="#7C8FA3", zorder=0))
    ax.add_patch(_circle(edges[0], face="#1F3A5F", edge="#1F3A5F", zorder=3))
    ax.text(
        0,
        0,
        _short(client_label, 9),
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


# -- the widget --------------------------------------------------------------------------

NEW_PERSON = "(add a new person)"
TABLE_STYLE = (
    "<style>.ipt-table {border-collapse: collapse; font-size: 0.95em}"
    " .ipt-table th, .ipt-table td {text-align: left; vertical-align: top;"
    " padding: 4px 8px; border-bottom: 1px solid #d0d7de; line-height: 1.4}"
    " .ipt-table td {min-width: 5em} .ipt-table-scroll {overflow-x: auto; max-width: 100%}"
    # A flex item will not shrink below its content unless told to, so nothing would scroll.
    " .ipt-inventory .widget-html-content {min-width: 0}</style>"
)


class InventoryBuilder(widgets.VBox):
    """The interpersonal inventory widget: a form, the closeness circle and a table.

    Every change is saved at once to ``save_path`` (beside the notebook); the saved inventory is
    loaded again when the notebook is reopened.
    """

    def __init__(self, save_path: str | Path = "my-inventory.json") -> None:
        self.model = InventoryModel(save_path=save_path)
        guidance = inventory_guidance()
        self._pending_confirm = ""

        self._help = widgets.HTML(
            f"<p>{html.escape(guidance['help'])}</p>"
            f"<p><b>{html.escape(guidance['present_focus'])}</b></p>"
        )
        self._client = widgets.Text(
            description="Client (centre)",
            value=self.model.client_label,
            placeholder="e.g. Nadia or N.R.",
            continuous_update=False,
        )
        self._chooser = widgets.Dropdown(description="Person", options=[NEW_PERSON])
        self._name = widgets.Text(description="Name or initials", placeholder="e.g. Shirin or S.")
        self._relationship = widgets.Text(description="Relationship", placeholder="e.g. sister")
        self._ring = widgets.Dropdown(
            description="Ring",
            options=[(label, ring) for ring, label in RING_LABELS.items()],
            value=2,
        )
        self._support = widgets.IntSlider(description="Support (0-5)", min=0, max=5, value=0)
        self._conflict = widgets.IntSlider(description="Conflict (0-5)", min=0, max=5, value=0)
        self._contact = widgets.Dropdown(
            description="Contact",
            options=[("(not recorded)", ""), *[(c, c) for c in CONTACT_OPTIONS]],
        )
        self._texts = {
            key: widgets.Textarea(description=label, rows=2) for key, label in TEXT_FIELDS.items()
        }
        wide = widgets.Layout(width="95%")
        for control in (self._name, self._relationship, *self._texts.values()):
            control.layout = wide
        for control in (
            self._client,
            self._chooser,
            self._name,
            self._relationship,
            self._ring,
            self._support,
            self._conflict,
            self._contact,
            *self._texts.values(),
        ):
            control.style = {"description_width": "16em"}

        self._save_person = widgets.Button(
            description="Add person", button_style="primary", icon="plus"
        )
        self._remove_person = widgets.Button(
            description="Remove person", button_style="danger", icon="trash", disabled=True
        )
        self._clear = widgets.Button(description="Clear the form", icon="eraser")
        self._example = widgets.Button(description="Load the course example", icon="book")
        self._export = widgets.Button(description="Save the drawing as PNG", icon="image")
        self._status = widgets.HTML()
        self._prompts = widgets.HTML(self._prompts_html(guidance))
        self._image = widgets.Image(
            format="png", layout=widgets.Layout(max_width="720px", width="100%")
        )
        self._table = widgets.HTML(layout=widgets.Layout(width="100%"))

        form = widgets.VBox(
            [
                self._chooser,
                self._name,
                self._relationship,
                self._ring,
                self._support,
                self._conflict,
                self._contact,
                *self._texts.values(),
                widgets.HBox([self._save_person, self._remove_person, self._clear]),
            ]
        )
        prompts = widgets.Accordion(
            children=[self._prompts], titles=("What to ask about each person",)
        )
        tabs = widgets.Tab(
            children=[
                widgets.VBox([prompts, form]),
                widgets.VBox([self._image, self._export]),
                self._table,
            ],
            titles=("Add or edit a person", "Closeness circle", "Table"),
        )
        super().__init__(
            [self._help, self._client, tabs, widgets.HBox([self._example]), self._status]
        )
        self.add_class("ipt-inventory")
        make_readable(self)
        tidy_layout(self)

        self._chooser.observe(self._on_choose, names="value")
        self._client.observe(lambda change: self.model.set_client(change["new"]), names="value")
        self._save_person.on_click(self._on_save)
        self._remove_person.on_click(self._on_remove)
        self._clear.on_click(lambda _button: self._show_person(None))
        self._example.on_click(self._on_example)
        self._export.on_click(self._on_export)
        self.model.observe(self._refresh, names=["people", "client_label"])
        self.model.observe(self._show_message, names="message")
        self._refresh()
        self._show_message()

    @staticmethod
    def _prompts_html(guidance: dict[str, Any]) -> str:
        asks = "".join(f"<li>{html.escape(q)}</li>" for q in guidance["prompts"])
        listen = "".join(f"<li>{html.escape(q)}</li>" for q in guidance["listen_for"])
        return (
            f"<p>{html.escape(guidance['present_focus'])}</p><ul>{asks}</ul>"
            f"<p><b>Listen for:</b></p><ul>{listen}</ul>"
        )

    # -- model -> view -------------------------------------------------------------------
    def _refresh(self, _change: Any = None) -> None:
        self._client.value = self.model.client_label
        names = [p.name for p in self.model.people]
        current = self._chooser.value
        self._chooser.options = [NEW_PERSON, *names]
        self._chooser.value = current if current in names else NEW_PERSON
        self._image.value = self.model.closeness_circle_png()
        frame = self.model.to_dataframe()
        if frame.empty:
            self._table.value = "<p>No one has been added yet.</p>"
        else:
            # Nine note columns do not fit beside each other: scroll sideways, never clip.
            self._table.value = (
                TABLE_STYLE
                + "<div class='ipt-table-scroll'>"
                + frame.to_html(
                    index=False, na_rep="", classes="ipt-table", border=0, justify="left"
                )
                + "</div>"
            )

    def _show_message(self, _change: Any = None) -> None:
        self._status.value = f"<p role='status'>{html.escape(self.model.message)}</p>"

    def _show_person(self, person: Person | None) -> None:
        blank = Person(name="")
        shown = person or blank
        if person is None:
            self._chooser.value = NEW_PERSON
        self._name.value = shown.name
        self._relationship.value = shown.relationship
        self._ring.value = shown.ring
        self._support.value = shown.support
        self._conflict.value = shown.conflict
        self._contact.value = shown.contact
        for key, control in self._texts.items():
            control.value = getattr(shown, key)
        self._save_person.description = "Add person" if person is None else "Save changes"
        self._remove_person.disabled = person is None
        self._pending_confirm = ""

    def _form_person(self) -> Person:
        return Person(
            name=self._name.value,
            relationship=self._relationship.value,
            ring=self._ring.value,
            support=self._support.value,
            conflict=self._conflict.value,
            contact=self._contact.value,
            **{key: control.value for key, control in self._texts.items()},
        )

    # -- view -> model -------------------------------------------------------------------
    def _on_choose(self, change: dict[str, Any]) -> None:
        if change["new"] == NEW_PERSON:
            self._show_person(None)
        else:
            self._show_person(self.model.get(change["new"]))

    def _on_save(self, _button: Any) -> None:
        try:
            if self._chooser.value == NEW_PERSON:
                person = self.model.add(self._form_person())
                self._show_person(None)
            else:
                person = self.model.update(self._chooser.value, self._form_person())
                self._chooser.value = person.name
        except InventoryError as error:
            self.model.message = f"Not saved: {error}"

    def _on_remove(self, _button: Any) -> None:
        name = self._chooser.value
        if name == NEW_PERSON:
            return
        if self._pending_confirm != f"remove:{name}":
            self._pending_confirm = f"remove:{name}"
            self.model.message = f"Click 'Remove person' again to remove {name}."
            return
        self.model.remove(name)
        self._show_person(None)

    def _on_example(self, _button: Any) -> None:
        count = len(self.model.people)
        if count and self._pending_confirm != "example":
            self._pending_confirm = "example"
            self.model.message = (
                f"The example replaces the {_people(count)} in your inventory (a copy of your "
                "work is kept in a separate file). Click 'Load the course example' again to go on."
            )
            return
        self.model.load_example()
        self._show_person(None)

    def _on_export(self, _button: Any) -> None:
        try:
            self.model.export_png()
        except OSError as error:
            self.model.message = f"The drawing could not be saved: {error}."
