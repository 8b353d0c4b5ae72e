"""A countdown for exercises and breakout rooms, readable at a glance on a shared screen.

One :class:`TimerModel` can have several views: the large clock on the Timer tab and the
small one in the live page's header, which stays on screen beside a slide or a role-play.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable

import ipywidgets as widgets
import traitlets

PRESET_MINUTES = (3, 5, 10, 15, 20)
LONGEST_MINUTES = 240
LENGTH = re.compile(r"^\s*(\d{1,3})(?:\s*:\s*([0-5]?\d))?\s*$|^\s*(\d{0,3}[.,]\d+)\s*$")


def clock_text(seconds: float) -> str:
    """Seconds as M:SS (or H:MM:SS), never negative."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def parse_length(text: str) -> float:
    """A length typed by the trainer, in seconds: "7" (minutes), "2:30" or "1.5".

    Raises ValueError with a message to show when the text is not a usable length.
    """
    match = LENGTH.match(text or "")
    if not match:
        raise ValueError("Type the length in minutes (7), minutes and seconds (2:30) or "
                         "part minutes (1.5).")
    if match.group(3):
        seconds = float(match.group(3).replace(",", ".")) * 60
    else:
        seconds = int(match.group(1)) * 60 + int(match.group(2) or 0)
    if seconds <= 0:
        raise ValueError("A timer needs a length above zero.")
    if seconds > LONGEST_MINUTES * 60:
        raise ValueError(f"The longest timer is {LONGEST_MINUTES} minutes.")
    return seconds


class TimerModel(traitlets.HasTraits):
    """Countdown state; time comes from an injectable clock so the rules can be tested.

    ``shown`` is the number of seconds left as last read by :meth:`tick`; views redraw when
    it, ``running`` or ``duration`` changes.
    """

    duration = traitlets.Float(5 * 60)
    running = traitlets.Bool(False)
    remaining_at_pause = traitlets.Float(5 * 60)
    shown = traitlets.Float(5 * 60)

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        self._started_at: float | None = None

    def set_minutes(self, minutes: float) -> None:
        """Set the countdown length and reset it."""
        if minutes <= 0:
            raise ValueError("A timer needs a positive number of minutes.")
        self.set_seconds(minutes * 60)

    def set_seconds(self, seconds: float) -> None:
        """Set the countdown length in seconds and reset it."""
        if seconds <= 0:
            raise ValueError("A timer needs a length above zero.")
        self.duration = seconds
        self.reset()

    def start(self) -> None:
        """Start or resume the countdown; once time is up, start it again from the top."""
        if self.running:
            return
        if self.remaining() <= 0:
            self.remaining_at_pause = self.duration
        self._started_at = self._clock()
        self.running = True
        self.tick()

    def pause(self) -> None:
        """Hold the countdown where it is."""
        if self.running:
            self.remaining_at_pause = self.remaining()
            self.running = False
            self._started_at = None
            self.tick()

    def reset(self) -> None:
        """Back to the full duration, stopped."""
        self.running = False
        self._started_at = None
        self.remaining_at_pause = self.duration
        self.tick()

    def remaining(self) -> float:
        """Seconds left (0 when time is up)."""
        if not self.running or self._started_at is None:
            return self.remaining_at_pause
        return max(0.0, self.remaining_at_pause - (self._clock() - self._started_at))

    def tick(self) -> None:
        """Read the clock: update ``shown`` and stop the countdown at zero."""
        left = self.remaining()
        if self.running and left <= 0:
            self.remaining_at_pause = 0.0
            self.running = False
            self._started_at = None
        self.shown = left

    @property
    def finished(self) -> bool:
        """True once the countdown has reached zero."""
        return self.remaining() <= 0

    @property
    def state(self) -> str:
        """What the clock is doing, in words: Ready, Running, Paused or Time is up."""
        if self.finished:
            return "Time is up"
        if self.running:
            return "Running"
        return "Paused" if self.remaining() < self.duration else "Ready"


class Ticker:
    """Reads a model's clock twice a second while it runs, in a thread of its own."""

    def __init__(self, model: TimerModel, every: float = 0.5) -> None:
        self.model = model
        self._every = every
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        model.observe(self._on_running, names="running")

    def _on_running(self, change: dict) -> None:
        if change["new"] and (self._thread is None or not self._thread.is_alive()):
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while self.model.running and not self._stopped.wait(self._every):
            self.model.tick()

    def stop(self) -> None:
        """Stop reading the clock for good."""
        self._stopped.set()


def _clock_html(model: TimerModel, css: str) -> str:
    left = model.remaining()
    done = " ipt-timer-done" if left <= 0 else ""
    return (f'<div class="{css}{done}" role="timer" aria-label="{model.state}: '
            f'{clock_text(left)} left">{clock_text(left)}</div>')


class TimerView(widgets.VBox):
    """Big countdown, presets, a length of the trainer's own and start / pause / reset."""

    def __init__(self, model: TimerModel | None = None, label: str = "Exercise timer") -> None:
        self.model = model or TimerModel()
        self._ticker = None if model is not None else Ticker(self.model)
        self._display = widgets.HTML()
        self._display.add_class("ipt-timer-display")
        preset = round(self.model.duration / 60)
        self._presets = widgets.ToggleButtons(
            options=[(f"{m} min", m) for m in PRESET_MINUTES],
            value=preset if preset in PRESET_MINUTES and preset * 60 == self.model.duration
            else None,
            description="Length:", tooltips=[f"{m} minutes" for m in PRESET_MINUTES])
        self._own_length = widgets.Text(placeholder="e.g. 7 or 2:30", description="Other length:",
                                        style={"description_width": "initial"},
                                        layout={"width": "20em"})
        self._set_length = widgets.Button(description="Set", tooltip="Use the length typed")
        self._message = widgets.HTML()
        self._start = widgets.Button(description="Start", button_style="success",
                                     tooltip="Start or resume the countdown")
        self._pause = widgets.Button(description="Pause", tooltip="Hold the countdown")
        self._reset = widgets.Button(description="Reset", tooltip="Back to the full time")
        self._presets.observe(self._choose, names="value")
        self._set_length.on_click(lambda _: self.set_length(self._own_length.value))
        self._own_length.observe(lambda change: change["new"].strip() and self.set_length(
            change["new"]), names="value")
        self._start.on_click(lambda _: self.model.start())
        self._pause.on_click(lambda _: self.model.pause())
        self._reset.on_click(lambda _: self.model.reset())
        self.model.observe(lambda _: self.refresh(), names=["shown", "running", "duration"])
        super().__init__([widgets.HTML(f"<h3>{label}</h3>"), self._display,
                          widgets.HBox([self._start, self._pause, self._reset]), self._presets,
                          widgets.HBox([self._own_length, self._set_length]), self._message])
        self.add_class("ipt-timer")
        self.refresh()

    def _choose(self, change: dict) -> None:
        if change["new"] is not None:
            self.model.set_minutes(change["new"])
            self._message.value = ""

    def set_length(self, text: str) -> None:
        """Use a length the trainer typed; say what to type when it cannot be read."""
        try:
            seconds = parse_length(text)
        except ValueError as problem:
            self._message.value = f'<p class="ipt-problem" role="alert">{problem}</p>'
            return
        self.model.set_seconds(seconds)
        minutes = seconds / 60
        self._presets.value = int(minutes) if minutes in PRESET_MINUTES else None
        self._message.value = (f'<p class="ipt-ok" role="status">Length set to '
                               f"{clock_text(seconds)}.</p>")

    def refresh(self) -> None:
        """Redraw the countdown from the model."""
        self._display.value = (_clock_html(self.model, "ipt-timer-clock")
                               + f'<div class="ipt-timer-state">{self.model.state}</div>')
        self._start.description = "Start again" if self.model.finished else "Start"
        self._start.disabled = self.model.running
        self._pause.disabled = not self.model.running

    def close(self) -> None:
        """Stop ticking when the widget goes away."""
        if self._ticker is not None:
            self._ticker.stop()
        super().close()


class TimerBadge(widgets.HBox):
    """The same countdown, small, for the page header: the clock and one start/pause button.

    It shows once the timer has been started and stays until the timer is reset.
    """

    def __init__(self, model: TimerModel) -> None:
        self.model = model
        self._clock = widgets.HTML()
        self._toggle = widgets.Button(description="Start", tooltip="Start or pause the timer")
        self._toggle.add_class("ipt-timer-badge-button")
        self._toggle.on_click(lambda _: self.model.pause() if self.model.running
                              else self.model.start())
        model.observe(lambda _: self.refresh(), names=["shown", "running", "duration"])
        super().__init__([self._clock, self._toggle])
        self.add_class("ipt-timer-badge")
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the model; hidden while the timer sits untouched at its full length."""
        model = self.model
        self.layout.display = "none" if model.state == "Ready" else None
        self._clock.value = _clock_html(model, "ipt-timer-small")
        self._toggle.description = ("Pause" if model.running
                                    else "Start again" if model.finished else "Resume")
