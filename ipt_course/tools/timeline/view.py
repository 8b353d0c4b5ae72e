"""The timeline widget: events and mood ratings edited in tabs, the plot below."""

from __future__ import annotations

import calendar
import contextlib
from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.render import box_html, escape, figure_png
from ipt_course.kit.widgets import Picture, make_readable
from ipt_course.safe_files import write_atomic
from ipt_course.tools.timeline.drawing import timeline_alt_text, timeline_figure
from ipt_course.tools.timeline.model import (
    EVENT_KINDS,
    MonthYear,
    TimelineError,
    TimelineModel,
    load_example,
    make_event,
    make_month_year,
    make_rating,
)
from ipt_course.tools.timeline.store import TimelineStore

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
