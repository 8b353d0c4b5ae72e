"""The timeline widget: events and mood ratings edited in tabs, the plot below."""

from __future__ import annotations

import calendar
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.render import figure_png, render
from ipt_course.kit.saved import Status, where_saved
from ipt_course.kit.widgets import ListEditor, MessageBox, Picture, StatusLine, apply_theme
from ipt_course.safe_files import write_atomic
from ipt_course.tools.timeline.drawing import timeline_alt_text, timeline_figure
from ipt_course.tools.timeline.kinds import (
    ALL_KINDS,
    GROUP_TITLES,
    event_kinds,
    perinatal_kinds,
)
from ipt_course.tools.timeline.model import (
    MonthYear,
    TimelineError,
    TimelineModel,
    load_example,
    make_event,
    make_month_year,
    make_rating,
)
from ipt_course.tools.timeline.store import TimelineStore


@dataclass(frozen=True)
class ListEdit:
    """How one list of the timeline is edited and how each edit is announced."""

    read: Callable[[], Any]
    add: Callable[[Any], None]
    update: Callable[[int | None, Any], None]
    delete: Callable[[int | None], Any]
    added: Callable[[Any], str]
    updated: Callable[[Any], str]
    deleted: Callable[[Any], str]
    clear: Callable[[], None] | None = None


MONTH_OPTIONS = [("Month…", 0), *[(calendar.month_name[n], n) for n in range(1, 13)]]


class DateFields(widgets.HBox):
    """A month dropdown and a year box."""

    def __init__(self) -> None:
        self.month = widgets.Dropdown(options=MONTH_OPTIONS, value=0, description="When",
                                      layout=widgets.Layout(width="16em"))
        self.year = widgets.Text(description="Year", placeholder="e.g. 2024",
                                 style={"description_width": "3em"},
                                 layout=widgets.Layout(width="12em"))
        super().__init__([self.month, self.year])

    def read(self) -> MonthYear:
        """The chosen month and year, validated."""
        return make_month_year(self.month.value, self.year.value)

    def show(self, when: MonthYear) -> None:
        """Fill the fields."""
        self.month.value, self.year.value = when.month, str(when.year)


class TimelineView(widgets.VBox):
    """Build a timeline of life events and mood; saved beside the notebook after every change.

    With ``perinatal`` the Kind menu also offers pregnancies, births, losses and anniversaries
    (Day 4), and the course example is drawn with them. ``message`` says what just happened,
    ``status`` how saving went, ``picture`` is the plot.
    """

    def __init__(self, save_path: str | Path = "my-timeline.json",
                 perinatal: bool = False) -> None:
        self.perinatal = bool(perinatal)
        self.model = TimelineModel(
            title="My perinatal timeline" if self.perinatal else "My timeline")
        self.store = TimelineStore(save_path)
        self._confirm_example = False
        self.message = MessageBox()
        self.picture = Picture(max_width="900px")
        self.status = StatusLine()
        auto = widgets.Layout(width="auto")

        self._event_date = DateFields()
        self._event_label = widgets.Text(
            description="Label", layout=widgets.Layout(width="30em"),
            placeholder="e.g. Miscarriage at 9 weeks" if self.perinatal else "e.g. Father died")
        self._event_kind = widgets.Dropdown(
            options=[(text, key) for key, text in event_kinds(self.perinatal).items()],
            value="loss", description="Kind",
            layout=widgets.Layout(width="26em" if self.perinatal else "20em"))
        self._events = ListEditor([self._event_date, self._event_label, self._event_kind],
                                  "Events", "Add event")
        self._mood_date = DateFields()
        self._mood_rating = widgets.IntSlider(value=5, min=0, max=10, description="Mood",
                                              continuous_update=False,
                                              layout=widgets.Layout(width="30em"))
        self._moods = ListEditor(
            [self._mood_date, self._mood_rating], "Ratings", "Add rating",
            intro=widgets.HTML("<p class='ipt-tight'>Rate mood for a month from 0 (the lowest "
                               "mood imaginable) to 10 (feeling at your best).</p>"))
        self._events.on_action(self._edit_event)
        self._events.on_select(self._show_event)
        self._moods.on_action(self._edit_mood)
        self._moods.on_select(self._show_mood)

        tabs = widgets.Tab(children=[self._events, self._moods],
                           titles=("Life events", "Mood ratings"))
        export = widgets.Button(description="Export picture (PNG)", icon="download", layout=auto)
        export.on_click(lambda _b: self._on_export())
        example = widgets.Button(description="Show the course example", icon="user",
                                 layout=auto)
        example.on_click(lambda _b: self._on_example())
        header = widgets.HTML(render("tools/timeline/templates/header.html.j2",
                                     file=self.store.path.name, perinatal=self.perinatal))
        about = []
        if self.perinatal:
            about = [widgets.Accordion(
                children=[widgets.HTML(render("tools/timeline/templates/kinds.html.j2",
                                              kinds=perinatal_kinds(), groups=GROUP_TITLES))],
                titles=("About the perinatal kinds",))]
        super().__init__([header, *about, tabs, self.message, self.picture,
                          widgets.HBox([export, example]), self.status])
        self.add_class("ipt-timeline")
        if self.perinatal:
            self.add_class("ipt-perinatal")
        apply_theme(self)
        self.model.observe(self._refresh, ["events", "moods", "title"])
        messages = self.store.load_into(self.model)
        if messages:
            self.message.show("note", "Some of your saved timeline could not be loaded", messages)
        elif not self.model.is_empty:
            self.status.show(Status(f"Loaded your timeline from {self.store.path.name}.", "ok"))
        self._refresh()

    def save(self) -> bool:
        """Save now; on failure say why and return False (the entries stay on screen)."""
        try:
            self.store.save(self.model)
        except TimelineError as error:
            self.message.show("error", "Your timeline was not saved", [str(error)])
            return False
        except OSError as error:
            self.message.show("error", "Could not save your timeline", [
                f"{self.store.path}: {error.strerror or error}. Your entries are still here; "
                "try again or check the folder is writable."])
            return False
        self.status.show(Status(f"Saved to {self.store.path.name} at "
                                f"{datetime.now():%H:%M:%S}.", "ok"))
        return True

    def _offer_kinds_in_use(self) -> None:
        """Offer every kind the timeline holds, so an entry from another builder can be edited."""
        offered = event_kinds(self.perinatal)
        offered |= {event.kind: ALL_KINDS[event.kind] for event in self.model.events}
        options = [(text, key) for key, text in offered.items()]
        if options != list(self._event_kind.options):
            chosen = self._event_kind.value
            self._event_kind.options = options
            self._event_kind.value = chosen

    def _refresh(self, _change: object = None) -> None:
        self._offer_kinds_in_use()
        self._events.show_entries([event.describe() for event in self.model.events])
        self._moods.show_entries([mood.describe() for mood in self.model.moods])
        self.picture.show(self.png(), timeline_alt_text(self.model))

    def png(self) -> bytes:
        """The current timeline plot as PNG bytes."""
        return figure_png(timeline_figure(self.model))

    def _show_event(self, index: int) -> None:
        event = self.model.events[index]
        self._event_date.show(event.when)
        self._event_label.value, self._event_kind.value = event.label, event.kind

    def _show_mood(self, index: int) -> None:
        mood = self.model.moods[index]
        self._mood_date.show(mood.when)
        self._mood_rating.value = mood.rating

    def _edit_event(self, action: str, selected: int | None) -> None:
        model = self.model
        self._edit(action, selected, ListEdit(
            read=lambda: make_event(self._event_date.read(), self._event_label.value,
                                    self._event_kind.value,
                                    {key: text for text, key in self._event_kind.options}),
            add=model.add_event, update=model.update_event, delete=model.delete_event,
            added=lambda e: f"Added the event “{e.label}” ({e.when}).",
            updated=lambda e: f"Updated the event “{e.label}”.",
            deleted=lambda e: f"Deleted the event “{e.label}”.",
            clear=lambda: setattr(self._event_label, "value", "")))

    def _edit_mood(self, action: str, selected: int | None) -> None:
        model = self.model
        self._edit(action, selected, ListEdit(
            read=lambda: make_rating(self._mood_date.read(), self._mood_rating.value),
            add=model.add_mood, update=model.update_mood, delete=model.delete_mood,
            added=lambda m: f"Added mood {m.rating}/10 for {m.when}.",
            updated=lambda m: f"Updated the mood rating for {m.when}.",
            deleted=lambda m: f"Deleted the mood rating for {m.when}."))

    def _edit(self, action: str, selected: int | None, edit: ListEdit) -> None:
        """Add, update or delete one entry, say what was done, and save."""
        try:
            if action == "delete":
                done = edit.deleted(edit.delete(selected))
            else:
                entry = edit.read()
                if action == "add":
                    edit.add(entry)
                    done = edit.added(entry)
                else:
                    edit.update(selected, entry)
                    done = edit.updated(entry)
        except TimelineError as error:
            self.message.show("error", "Please check this entry", [str(error)])
            return
        if edit.clear is not None:
            edit.clear()
        self.message.show("ok", done)
        self.save()

    def _on_example(self) -> None:
        if not self.model.is_empty and not self._confirm_example:
            self._confirm_example = True
            self.message.show("note", "Replace your timeline with the course example?", [
                "Press “Show the course example” again to confirm. A copy of your own "
                "timeline will be kept in the same folder."])
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
                self.message.show("error", "The example was not loaded", [
                    f"No copy of your timeline could be made ({error.strerror or error}), so "
                    "it has been left as it is."])
                return
        load_example(self.model, self.perinatal)
        lines = ["This fictional example shows how events and mood can be set side by side."]
        if self.perinatal:
            lines[0] = ("This is Mei's Day 1 timeline (fictional) drawn with the perinatal kinds: "
                        "her miscarriage, the pregnancy after it, Isla's birth and an anniversary.")
        if kept:
            lines.append(f"Your previous timeline is kept as {kept}.")
        saved = self.save()
        if not saved:
            lines.append(f"It was not saved: {self.store.path.name} was left untouched.")
        self.message.show("ok" if saved else "note", "Loaded the course example", lines)

    def _on_export(self) -> None:
        with contextlib.suppress(OSError):
            self.export_png()

    def export_png(self, path: str | Path | None = None) -> Path:
        """Write the plot as a PNG (default: beside the save file) and return its path."""
        target = Path(path) if path else self.store.path.with_suffix(".png")
        try:
            write_atomic(target, self.png())
        except OSError as error:
            self.message.show("error", "Could not export the picture",
                              [f"{target}: {error.strerror or error}"])
            raise
        self.message.show("ok", f"Picture saved as {target.name}", [where_saved(target)])
        # The message box sits above the plot, out of sight of the export button.
        self.status.show(Status(f"Picture saved as {target.name} (same folder as this notebook) "
                                f"at {datetime.now():%H:%M:%S}.", "ok"))
        return target
