"""The IPT timeline: life events and mood over time, to link the onset of depression to events.

The trainee's timeline is saved as JSON beside the notebook after every change (atomic write),
reloaded when the tool opens, and can be exported as a PNG. A file that cannot be read is
copied aside before anything is written, so nothing is ever lost.
"""

from __future__ import annotations

import calendar
import contextlib
import json
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets
import yaml
from matplotlib.dates import DateFormatter, MonthLocator
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ipt_course.kit.render import box_html, escape, figure_png
from ipt_course.kit.widgets import Picture, make_readable
from ipt_course.safe_files import write_atomic, write_json_atomic

EVENT_KINDS: dict[str, str] = {
    "loss": "Loss or bereavement",
    "dispute": "Dispute or conflict",
    "change": "Life change",
    "other": "Other",
}
KIND_COLOURS = {"loss": "#6a3d9a", "dispute": "#c0392b", "change": "#1a7f5a", "other": "#7f6000"}
KIND_MARKERS = {"loss": "v", "dispute": "X", "change": "D", "other": "o"}
MAX_LABEL = 60
FIGURE_WIDTH = 10.0
LABEL_CHAR_INCHES = 0.068
FIRST_YEAR = 1900
FILE_FORMAT = 1
_MONTH_NAMES = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_DATE_HINT = "enter the month and year, e.g. 03/2024, 2024-03 or March 2024"


class TimelineError(ValueError):
    """An entry that cannot be accepted; the message says what to change."""


@dataclass(frozen=True, order=True)
class MonthYear:
    """A month in a given year (the timeline's resolution)."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{calendar.month_abbr[self.month]} {self.year}"

    @property
    def iso(self) -> str:
        """'YYYY-MM', the form used in saved files."""
        return f"{self.year:04d}-{self.month:02d}"

    def as_date(self) -> date:
        """The middle of the month, for plotting."""
        return date(self.year, self.month, 15)


def last_allowed_year() -> int:
    """Latest year accepted: a little ahead of today, for expected events such as a due date."""
    return date.today().year + 2


def make_month_year(month: Any, year: Any) -> MonthYear:
    """Validate a month (1-12) and year, raising TimelineError with a clear message."""
    if month in (None, "", 0):
        raise TimelineError("Choose a month.")
    year_text = str(year).strip() if year is not None else ""
    if not year_text:
        raise TimelineError("Enter a year, e.g. 2024.")
    if isinstance(year, bool) or not re.fullmatch(r"\d{4}", year_text):
        raise TimelineError(f"The year must be four digits, e.g. 2024 (got {year_text!r}).")
    try:
        month_number = int(month)
    except (TypeError, ValueError):
        raise TimelineError(f"The month must be 1 to 12 (got {month!r}).") from None
    if isinstance(month, bool) or not 1 <= month_number <= 12:
        raise TimelineError(f"The month must be 1 to 12 (got {month!r}).")
    year_number = int(year_text)
    if not FIRST_YEAR <= year_number <= last_allowed_year():
        raise TimelineError(
            f"The year must be between {FIRST_YEAR} and {last_allowed_year()} (got {year_number})."
        )
    return MonthYear(year_number, month_number)


def parse_month_year(text: Any) -> MonthYear:
    """Parse '2024-03', '03/2024', '3/2024', 'Mar 2024' or 'March 2024'."""
    value = str(text).strip() if text is not None else ""
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
        return make_month_year(int(match[2]), match[1])
    if match := re.fullmatch(r"(\d{1,2})\s*/\s*(\d{4})", value):
        return make_month_year(int(match[1]), match[2])
    if match := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{4})", value):
        month = _MONTH_NAMES.get(match[1].lower())
        if month:
            return make_month_year(month, match[2])
    raise TimelineError(f"{value!r} is not a date I can read: {_DATE_HINT}.")


@dataclass(frozen=True)
class LifeEvent:
    """Something that happened: when, a short label, and its kind."""

    when: MonthYear
    label: str
    kind: str

    def describe(self) -> str:
        """One line for lists: 'Mar 2024 · Loss or bereavement · Father died'."""
        return f"{self.when} · {EVENT_KINDS[self.kind]} · {self.label}"


@dataclass(frozen=True)
class MoodRating:
    """How low or good mood was in a month, 0 (lowest) to 10 (best)."""

    when: MonthYear
    rating: int

    def describe(self) -> str:
        """One line for lists: 'Mar 2024 · mood 4/10'."""
        return f"{self.when} · mood {self.rating}/10"


def make_event(when: MonthYear, label: Any, kind: Any) -> LifeEvent:
    """Validate and build a life event."""
    text = " ".join(str(label).split()) if label is not None else ""
    if not text:
        raise TimelineError("Give the event a short label, e.g. 'Father died'.")
    if len(text) > MAX_LABEL:
        raise TimelineError(
            f"Keep the label to {MAX_LABEL} characters or fewer (it has {len(text)}); "
            "details belong in your notes."
        )
    if kind not in EVENT_KINDS:
        raise TimelineError(f"The kind must be one of {', '.join(EVENT_KINDS)} (got {kind!r}).")
    return LifeEvent(when, text, kind)


def make_rating(when: MonthYear, rating: Any) -> MoodRating:
    """Validate and build a mood rating (a whole number 0-10)."""
    if isinstance(rating, bool) or not isinstance(rating, int | float) or rating != int(rating):
        raise TimelineError(f"A mood rating must be a whole number from 0 to 10 (got {rating!r}).")
    if not 0 <= rating <= 10:
        raise TimelineError(f"A mood rating must be from 0 to 10 (got {rating!r}).")
    return MoodRating(when, int(rating))


class TimelineModel(traitlets.HasTraits):
    """The events and mood ratings of one timeline, each list kept in date order."""

    title = traitlets.Unicode("My timeline")
    events = traitlets.List()
    moods = traitlets.List()

    def add_event(self, event: LifeEvent) -> None:
        """Add an event."""
        self.events = sorted([*self.events, event], key=lambda item: item.when)

    def update_event(self, index: int, event: LifeEvent) -> None:
        """Replace the event at ``index``."""
        events = list(self.events)
        events[self._check_index(index, events, "event")] = event
        self.events = sorted(events, key=lambda item: item.when)

    def delete_event(self, index: int) -> LifeEvent:
        """Remove and return the event at ``index``."""
        events = list(self.events)
        removed = events.pop(self._check_index(index, events, "event"))
        self.events = events
        return removed

    def add_mood(self, mood: MoodRating, replacing: int | None = None) -> None:
        """Add a rating (or replace the one at ``replacing``); one rating per month."""
        moods = list(self.moods)
        if replacing is not None:
            moods.pop(self._check_index(replacing, moods, "mood rating"))
        if any(other.when == mood.when for other in moods):
            raise TimelineError(
                f"There is already a mood rating for {mood.when}: select it in the list to "
                "change it."
            )
        self.moods = sorted([*moods, mood], key=lambda item: item.when)

    def update_mood(self, index: int, mood: MoodRating) -> None:
        """Replace the rating at ``index``."""
        self.add_mood(mood, replacing=index)

    def delete_mood(self, index: int) -> MoodRating:
        """Remove and return the rating at ``index``."""
        moods = list(self.moods)
        removed = moods.pop(self._check_index(index, moods, "mood rating"))
        self.moods = moods
        return removed

    def clear(self) -> None:
        """Remove every entry."""
        self.events, self.moods = [], []

    @property
    def is_empty(self) -> bool:
        """True when there is nothing on the timeline."""
        return not self.events and not self.moods

    @staticmethod
    def _check_index(index: int, items: list[Any], what: str) -> int:
        if index is None or not 0 <= index < len(items):
            raise TimelineError(f"First select the {what} in the list.")
        return index

    def to_data(self) -> dict[str, Any]:
        """The timeline as plain data for JSON."""
        return {
            "format": FILE_FORMAT,
            "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "title": self.title,
            "events": [{"date": e.when.iso, "label": e.label, "kind": e.kind} for e in self.events],
            "moods": [{"date": m.when.iso, "rating": m.rating} for m in self.moods],
        }

    def load_data(self, data: Any, source: str) -> list[str]:
        """Replace the contents from plain data; returns a message for each entry skipped."""
        if not isinstance(data, dict):
            raise TimelineError(f"{source}: expected a mapping with 'events' and 'moods'.")
        problems: list[str] = []
        events: list[LifeEvent] = []
        moods: list[MoodRating] = []
        for key, target in (("events", events), ("moods", moods)):
            entries = data.get(key, [])
            if not isinstance(entries, list):
                problems.append(f"{source}: {key}: expected a list; it was skipped.")
                continue
            for index, entry in enumerate(entries):
                try:
                    if not isinstance(entry, dict):
                        raise TimelineError("expected a mapping")
                    when = parse_month_year(entry.get("date"))
                    if key == "events":
                        target.append(make_event(when, entry.get("label"), entry.get("kind")))
                    else:
                        target.append(make_rating(when, entry.get("rating")))
                except TimelineError as error:
                    problems.append(f"{source}: {key}[{index}]: {error} This entry was skipped.")
        months = [mood.when for mood in moods]
        duplicates = {when for when in months if months.count(when) > 1}
        if duplicates:
            problems.append(
                f"{source}: moods: more than one rating for "
                f"{', '.join(str(when) for when in sorted(duplicates))}; "
                "the first was kept."
            )
            moods = list({mood.when: mood for mood in reversed(moods)}.values())
        self.title = str(data.get("title") or "My timeline")
        self.events = sorted(events, key=lambda item: item.when)
        self.moods = sorted(moods, key=lambda item: item.when)
        return problems


def example_data() -> dict[str, Any]:
    """The course's fictional example timeline (from the package data)."""
    text = (
        resources.files("ipt_course.tools")
        .joinpath("data/timeline_example.yaml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


def load_example(model: TimelineModel) -> None:
    """Replace the model's contents with the course example."""
    problems = model.load_data(example_data(), "timeline_example.yaml")
    if problems:
        raise TimelineError("; ".join(problems))


class TimelineStore:
    """Reads and writes a timeline file, keeping a copy of any file it cannot read."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        # Set when the file on disk could be neither read nor copied: it must not be overwritten.
        self.protected_reason = ""

    def save(self, model: TimelineModel) -> None:
        """Write the timeline atomically (never over a file that could not be kept)."""
        if self.protected_reason:
            raise TimelineError(
                f"{self.path.name} was not overwritten because {self.protected_reason}."
            )
        write_json_atomic(self.path, model.to_data())

    def keep_copy(self, reason: str) -> Path:
        """Copy the current file aside (never overwritten) and return the copy's path."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = self.path.with_name(f"{self.path.stem}.{reason}-{stamp}{self.path.suffix}")
        counter = 1
        while copy.exists():
            copy = self.path.with_name(
                f"{self.path.stem}.{reason}-{stamp}-{counter}{self.path.suffix}"
            )
            counter += 1
        shutil.copy2(self.path, copy)
        return copy

    def load_into(self, model: TimelineModel) -> list[str]:
        """Load the file into ``model`` if it exists; returns messages for the trainee."""
        if not self.path.exists():
            return []
        try:
            raw = self.path.read_bytes()
        except OSError as error:
            self.protected_reason = f"it could not be opened ({error.strerror or error})"
            return [
                f"{self.path.name} could not be opened ({error.strerror or error}). It has been "
                "left untouched, and nothing will be saved over it until that is fixed."
            ]
        try:
            problems = model.load_data(json.loads(raw.decode("utf-8")), self.path.name)
        except (json.JSONDecodeError, UnicodeDecodeError, TimelineError) as error:
            model.clear()
            return [f"{self.path.name} could not be read ({error}).", self._keep("unreadable")]
        if problems:
            problems.append(self._keep("original"))
        return problems

    def _keep(self, reason: str) -> str:
        """Copy the file aside before anything is saved over it; say where it went."""
        try:
            copy = self.keep_copy(reason)
        except OSError as error:
            self.protected_reason = f"no copy of it could be made ({error.strerror or error})"
            return (
                f"No copy of {self.path.name} could be made, so it has been left untouched and "
                "nothing will be saved over it."
            )
        return f"The file as it was is kept as {copy.name}."


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
        colour = KIND_COLOURS[event.kind]
        level = 1 - (row + 0.5) / max(rows, 3)
        axis.axvline(when, color=colour, linestyle="--", linewidth=1.3, alpha=0.8, zorder=2)
        strip.axvline(when, color=colour, linestyle="--", linewidth=1.3, alpha=0.8)
        strip.plot(
            [when], [level], marker=KIND_MARKERS[event.kind], color=colour, markersize=9, zorder=3
        )
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
    kinds = sorted({event.kind for event in model.events}, key=list(EVENT_KINDS).index)
    handles = [
        Line2D(
            [],
            [],
            color=KIND_COLOURS[k],
            marker=KIND_MARKERS[k],
            linestyle="--",
            label=EVENT_KINDS[k],
        )
        for k in kinds
    ]
    if model.moods:
        handles.append(Line2D([], [], color="#1f4e79", marker="o", label="Mood rating"))
    axis.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        ncol=5,
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
    return (
        f"Timeline from {dates[0]} to {dates[-1]} with {len(model.events)} life events "
        f"(listed under Life events) and mood ratings out of 10: {ratings}."
    )


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


_MONTH_OPTIONS = [("Month…", 0), *[(calendar.month_name[n], n) for n in range(1, 13)]]


class _DateFields(widgets.HBox):
    """A month dropdown and a year box."""

    def __init__(self) -> None:
        self.month = widgets.Dropdown(
            options=_MONTH_OPTIONS, value=0, description="When", layout=widgets.Layout(width="16em")
        )
        self.year = widgets.Text(placeholder="Year, e.g. 2024", layout=widgets.Layout(width="9em"))
        super().__init__([self.month, self.year])

    def read(self) -> MonthYear:
        """The chosen month and year, validated."""
        return make_month_year(self.month.value, self.year.value)

    def show(self, when: MonthYear) -> None:
        """Fill the fields."""
        self.month.value, self.year.value = when.month, str(when.year)


class TimelineBuilder(widgets.VBox):
    """Build a timeline of life events and mood; saved beside the notebook after every change."""

    def __init__(self, save_path: str | Path = "my-timeline.json") -> None:
        self.model = TimelineModel()
        self.store = TimelineStore(save_path)
        self._confirm_example = False
        self._message = widgets.HTML()
        self._plot = Picture(max_width="900px")
        self._status = widgets.HTML()
        layout_auto = widgets.Layout(width="auto")

        self._event_date = _DateFields()
        self._event_label = widgets.Text(
            description="Label", placeholder="e.g. Father died", layout=widgets.Layout(width="30em")
        )
        self._event_kind = widgets.Dropdown(
            options=[(text, key) for key, text in EVENT_KINDS.items()],
            value="loss",
            description="Kind",
            layout=widgets.Layout(width="20em"),
        )
        self._event_list = widgets.Select(
            options=[],
            rows=6,
            description="Events",
            layout=widgets.Layout(width="95%", max_width="56em"),
        )
        self._event_list.observe(self._on_event_selected, "value")
        self._add_event = widgets.Button(
            description="Add event", button_style="primary", icon="plus", layout=layout_auto
        )
        self._update_event = widgets.Button(
            description="Save changes to selected", icon="pencil", layout=layout_auto
        )
        self._delete_event = widgets.Button(
            description="Delete selected", icon="trash", button_style="danger", layout=layout_auto
        )
        self._add_event.on_click(lambda _b: self._edit_event("add"))
        self._update_event.on_click(lambda _b: self._edit_event("update"))
        self._delete_event.on_click(lambda _b: self._edit_event("delete"))
        events_tab = widgets.VBox(
            [
                self._event_date,
                self._event_label,
                self._event_kind,
                widgets.HBox([self._add_event, self._update_event, self._delete_event]),
                self._event_list,
            ]
        )

        self._mood_date = _DateFields()
        self._mood_rating = widgets.IntSlider(
            value=5,
            min=0,
            max=10,
            description="Mood",
            continuous_update=False,
            layout=widgets.Layout(width="30em"),
        )
        self._mood_list = widgets.Select(
            options=[],
            rows=6,
            description="Ratings",
            layout=widgets.Layout(width="95%", max_width="56em"),
        )
        self._mood_list.observe(self._on_mood_selected, "value")
        self._add_mood = widgets.Button(
            description="Add rating", button_style="primary", icon="plus", layout=layout_auto
        )
        self._update_mood = widgets.Button(
            description="Save changes to selected", icon="pencil", layout=layout_auto
        )
        self._delete_mood = widgets.Button(
            description="Delete selected", icon="trash", button_style="danger", layout=layout_auto
        )
        self._add_mood.on_click(lambda _b: self._edit_mood("add"))
        self._update_mood.on_click(lambda _b: self._edit_mood("update"))
        self._delete_mood.on_click(lambda _b: self._edit_mood("delete"))
        moods_tab = widgets.VBox(
            [
                widgets.HTML(
                    "<p style='margin:0.2em 0'>Rate mood for a month from 0 (the lowest "
                    "mood imaginable) to 10 (feeling at your best).</p>"
                ),
                self._mood_date,
                self._mood_rating,
                widgets.HBox([self._add_mood, self._update_mood, self._delete_mood]),
                self._mood_list,
            ]
        )

        self._tabs = widgets.Tab(
            children=[events_tab, moods_tab], titles=("Life events", "Mood ratings")
        )
        self._export = widgets.Button(
            description="Export picture (PNG)", icon="download", layout=layout_auto
        )
        self._export.on_click(lambda _b: self._on_export())
        self._example = widgets.Button(
            description="Show the course example", icon="user", layout=layout_auto
        )
        self._example.on_click(lambda _b: self._on_example())
        header = widgets.HTML(
            "<h3 style='margin:0.2em 0'>Timeline: life events and mood</h3>"
            "<p style='margin:0.2em 0'>Add the important events (losses, disputes, life "
            "changes) and how mood was at different times. Look for where mood changes "
            "follow interpersonal events. Everything is saved automatically in "
            f"<code>{escape(self.store.path.name)}</code> beside this notebook.</p>"
        )
        super().__init__(
            [
                header,
                self._tabs,
                self._message,
                self._plot,
                widgets.HBox([self._export, self._example]),
                self._status,
            ]
        )
        self.add_class("ipt-timeline")
        make_readable(self)
        self.model.observe(self._refresh, ["events", "moods", "title"])
        messages = self.store.load_into(self.model)
        if messages:
            self._show("note", "Some of your saved timeline could not be loaded", messages)
        elif not self.model.is_empty:
            self._status.value = (
                f"<span style='color:#1b5e20'>Loaded your timeline from "
                f"{escape(self.store.path.name)}.</span>"
            )
        self._refresh()

    def _show(self, kind: str, title: str, lines: list[str] | None = None) -> None:
        body = "".join(f"<p style='margin:0.2em 0'>{escape(line)}</p>" for line in lines or [])
        role = "alert" if kind == "error" else "status"
        self._message.value = box_html(kind, title, body, role=role)

    def _save(self) -> bool:
        """Save now; on failure say why and return False (the entries stay on screen)."""
        try:
            self.store.save(self.model)
        except TimelineError as error:
            self._show("error", "Your timeline was not saved", [str(error)])
            return False
        except OSError as error:
            self._show(
                "error",
                "Could not save your timeline",
                [
                    f"{self.store.path}: {error.strerror or error}. Your entries are still "
                    "here; try again or check the folder is writable."
                ],
            )
            return False
        stamp = datetime.now().strftime("%H:%M:%S")
        self._status.value = (
            f"<span style='color:#1b5e20'>Saved to "
            f"{escape(self.store.path.name)} at {stamp}.</span>"
        )
        return True

    def _refresh(self, _change: dict[str, Any] | None = None) -> None:
        self._event_list.unobserve(self._on_event_selected, "value")
        self._mood_list.unobserve(self._on_mood_selected, "value")
        self._event_list.options = [(e.describe(), i) for i, e in enumerate(self.model.events)]
        self._event_list.value = None
        self._mood_list.options = [(m.describe(), i) for i, m in enumerate(self.model.moods)]
        self._mood_list.value = None
        self._event_list.observe(self._on_event_selected, "value")
        self._mood_list.observe(self._on_mood_selected, "value")
        self._plot.show(self.png(), timeline_alt_text(self.model))

    def png(self) -> bytes:
        """The current timeline plot as PNG bytes."""
        return figure_png(timeline_figure(self.model))

    def _on_event_selected(self, change: dict[str, Any]) -> None:
        if change["new"] is None:
            return
        event = self.model.events[change["new"]]
        self._event_date.show(event.when)
        self._event_label.value, self._event_kind.value = event.label, event.kind

    def _on_mood_selected(self, change: dict[str, Any]) -> None:
        if change["new"] is None:
            return
        mood = self.model.moods[change["new"]]
        self._mood_date.show(mood.when)
        self._mood_rating.value = mood.rating

    def _edit_event(self, action: str) -> None:
        selected = self._event_list.value
        try:
            if action == "delete":
                removed = self.model.delete_event(selected)
                done = f"Deleted the event “{removed.label}”."
            else:
                event = make_event(
                    self._event_date.read(), self._event_label.value, self._event_kind.value
                )
                if action == "add":
                    self.model.add_event(event)
                    done = f"Added the event “{event.label}” ({event.when})."
                else:
                    self.model.update_event(selected, event)
                    done = f"Updated the event “{event.label}”."
        except TimelineError as error:
            self._show("error", "Please check this entry", [str(error)])
            return
        self._event_label.value = ""
        self._show("ok", done)
        self._save()

    def _edit_mood(self, action: str) -> None:
        selected = self._mood_list.value
        try:
            if action == "delete":
                removed = self.model.delete_mood(selected)
                done = f"Deleted the mood rating for {removed.when}."
            else:
                mood = make_rating(self._mood_date.read(), self._mood_rating.value)
                if action == "add":
                    self.model.add_mood(mood)
                    done = f"Added mood {mood.rating}/10 for {mood.when}."
                else:
                    self.model.update_mood(selected, mood)
                    done = f"Updated the mood rating for {mood.when}."
        except TimelineError as error:
            self._show("error", "Please check this entry", [str(error)])
            return
        self._show("ok", done)
        self._save()

    def _on_example(self) -> None:
        if not self.model.is_empty and not self._confirm_example:
            self._confirm_example = True
            self._show(
                "note",
                "Replace your timeline with the course example?",
                [
                    "Press “Show the course example” again to confirm. A copy of your "
                    "own timeline will be kept in the same folder."
                ],
            )
            return
        self.load_example()

    def load_example(self) -> None:
        """Show the course example, keeping a copy of any timeline already saved."""
        self._confirm_example = False
        kept = ""
        if self.store.path.is_file() and not self.store.protected_reason:
            try:
                kept = self.store.keep_copy("before-example").name
            except OSError as error:
                self._show(
                    "error",
                    "The example was not loaded",
                    [f"No copy of your timeline could be made ({error.strerror or error}), "
                     "so it has been left as it is."],
                )
                return
        load_example(self.model)
        lines = ["This fictional example shows how events and mood can be set side by side."]
        if kept:
            lines.append(f"Your previous timeline is kept as {kept}.")
        saved = self._save()
        if not saved:
            lines.append(f"It was not saved: {self.store.path.name} was left untouched.")
        self._show("ok" if saved else "note", "Loaded the course example", lines)

    def _on_export(self) -> None:
        with contextlib.suppress(OSError):
            self.export_png()

    def export_png(self, path: str | Path | None = None) -> Path:
        """Write the plot as a PNG (default: beside the save file) and return its path."""
        target = Path(path) if path else self.store.path.with_suffix(".png")
        try:
            write_atomic(target, self.png())
        except OSError as error:
            self._show(
                "error", "Could not export the picture", [f"{target}: {error.strerror or error}"]
            )
            raise
        self._show(
            "ok",
            f"Picture saved as {target.name}",
            ["You will find it in the same folder as this notebook."],
        )
        # The message box sits above the plot, out of sight of the export button.
        stamp = datetime.now().strftime("%H:%M:%S")
        self._status.value = (
            f"<span style='color:#1b5e20'>Picture saved as {escape(target.name)} "
            f"(same folder as this notebook) at {stamp}.</span>"
        )
        return target
