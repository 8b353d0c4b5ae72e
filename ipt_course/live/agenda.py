"""The day's agenda with the current session highlighted from the clock."""

from __future__ import annotations

import datetime as dt
import html
import threading
from collections.abc import Callable

import ipywidgets as widgets
import traitlets

from ipt_course.course import Day, Session

AUTOMATIC = "automatic"


def current_session(day: Day, now: dt.time) -> Session | None:
    """The session running at ``now`` (a break counts), or None before and after the day."""
    for session in day.sessions:
        if session.start <= now < session.end:
            return session
    return None


def next_session(day: Day, now: dt.time) -> Session | None:
    """The first session starting after ``now``."""
    return next((s for s in day.sessions if s.start > now), None)


class AgendaModel(traitlets.HasTraits):
    """Which session is current: the one the trainer highlights, else the clock's.

    The trainer's choice is one shared setting, set in the live-room dashboard; every live
    page and room page reads it, so no page can disagree with another.
    """

    def __init__(self, day: Day, clock: Callable[[], dt.time] | None = None,
                 trainer_choice: Callable[[], str] | None = None) -> None:
        super().__init__()
        self.day = day
        self._clock = clock or (lambda: dt.datetime.now().time())
        self._trainer_choice = trainer_choice or (lambda: AUTOMATIC)

    def chosen(self) -> Session | None:
        """The session the trainer highlights, or None when the clock decides."""
        choice = self._trainer_choice()
        if choice != AUTOMATIC and choice in {s.id for s in self.day.sessions}:
            return self.day.session(choice)
        return None

    def current(self) -> Session | None:
        """The highlighted session: the trainer's choice, else the clock's."""
        return self.chosen() or current_session(self.day, self._clock())

    def source(self) -> str:
        """Where the highlight comes from, in words for the page."""
        if self.chosen() is not None:
            return ("Highlighted by the trainer in the live-room dashboard (choose "
                    "\u201cFrom the clock\u201d there to follow the clock again).")
        return "Highlighted from the clock; the trainer can choose a session in the live-room " \
               "dashboard."

    def status(self) -> str:
        """One line for the top of the page: what is on now, or what is next."""
        session = self.current()
        if session is not None:
            return f"Now: {session.title} (until {session.end:%H:%M})"
        upcoming = next_session(self.day, self._clock())
        if upcoming is not None:
            return f"Next: {upcoming.title} at {upcoming.start:%H:%M}"
        return "The day's sessions are over. Thank you for taking part."


class AgendaView(widgets.VBox):
    """Timetable with the current session marked, saying where the highlight comes from."""

    def __init__(self, model: AgendaModel) -> None:
        self.model = model
        self._status = widgets.HTML()
        self._table = widgets.HTML()
        self._source = widgets.HTML()
        self._refresh = widgets.Button(description="Refresh",
                                       tooltip="Read the clock and the trainer's choice again")
        self._refresh.on_click(lambda _: self.refresh())
        self._stopped = threading.Event()
        super().__init__([self._status, self._table,
                          widgets.HBox([self._source, self._refresh])])
        self.add_class("ipt-agenda")
        self.refresh()

    def keep_fresh(self, seconds: float = 10) -> None:
        """Redraw every ``seconds`` so the highlight follows the clock and the trainer."""
        def tick() -> None:
            while not self._stopped.wait(seconds):
                self.refresh()

        threading.Thread(target=tick, daemon=True).start()

    def close(self) -> None:
        """Stop redrawing when the widget goes away."""
        self._stopped.set()
        super().close()

    def refresh(self) -> None:
        """Redraw the agenda from the model and the clock."""
        current = self.model.current()
        self._status.value = f'<p class="ipt-agenda-status">{html.escape(self.model.status())}</p>'
        rows = []
        for session in self.model.day.sessions:
            classes = ["ipt-agenda-break"] if session.kind == "break" else []
            marker = ""
            if current is not None and session.id == current.id:
                classes.append("ipt-agenda-current")
                marker = ' <strong class="ipt-now">(now)</strong>'
            rows.append(f'<tr class="{" ".join(classes)}"><td>{session.start:%H:%M}&ndash;'
                        f"{session.end:%H:%M}</td><td>{html.escape(session.title)}{marker}</td>"
                        "</tr>")
        self._table.value = ('<table class="ipt-agenda-table"><thead><tr><th scope="col">Time'
                             '</th><th scope="col">Session</th></tr></thead><tbody>'
                             + "".join(rows) + "</tbody></table>")
        self._source.value = f'<p class="ipt-agenda-source">{html.escape(self.model.source())}</p>'
