"""A countdown for exercises and breakout rooms, readable at a glance on a shared screen."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import ipywidgets as widgets
import traitlets

PRESET_MINUTES = (3, 5, 10, 15, 20)


def clock_text(seconds: float) -> str:
    """Seconds as M:SS (or H:MM:SS), never negative."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class TimerModel(traitlets.HasTraits):
    """Countdown state; time comes from an injectable clock so the rules can be tested."""

    duration = traitlets.Float(5 * 60)
    running = traitlets.Bool(False)
    remaining_at_pause = traitlets.Float(5 * 60)

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        self._started_at: float | None = None

    def set_minutes(self, minutes: float) -> None:
        """Set the countdown length and reset it."""
        if minutes <= 0:
            raise ValueError("A timer needs a positive number of minutes.")
        self.duration = minutes * 60
        self.reset()

    def start(self) -> None:
        """Start or resume the countdown."""
        if not self.running and self.remaining() > 0:
            self._started_at = self._clock()
            self.running = True

    def pause(self) -> None:
        """Hold the countdown where it is."""
        if self.running:
            self.remaining_at_pause = self.remaining()
            self.running = False
            self._started_at = None

    def reset(self) -> None:
        """Back to the full duration, stopped."""
        self.running = False
        self._started_at = None
        self.remaining_at_pause = self.duration

    def remaining(self) -> float:
        """Seconds left (0 when time is up)."""
        if not self.running or self._started_at is None:
            return self.remaining_at_pause
        return max(0.0, self.remaining_at_pause - (self._clock() - self._started_at))

    @property
    def finished(self) -> bool:
        """True once the countdown has reached zero."""
        return self.remaining() <= 0


class TimerView(widgets.VBox):
    """Big countdown, presets and start / pause / reset; it ticks once a second while running."""

    def __init__(self, model: TimerModel | None = None, label: str = "Exercise timer") -> None:
        self.model = model or TimerModel()
        self._display = widgets.HTML()
        self._display.add_class("ipt-timer-display")
        self._presets = widgets.ToggleButtons(
            options=[(f"{m} min", m) for m in PRESET_MINUTES], value=5,
            description="Length:", tooltips=[f"{m} minutes" for m in PRESET_MINUTES])
        self._start = widgets.Button(description="Start", button_style="success",
                                     tooltip="Start or resume the countdown")
        self._pause = widgets.Button(description="Pause", tooltip="Hold the countdown")
        self._reset = widgets.Button(description="Reset", tooltip="Back to the full time")
        self._presets.observe(self._choose, names="value")
        self._start.on_click(lambda _: self._run())
        self._pause.on_click(lambda _: (self.model.pause(), self.refresh()))
        self._reset.on_click(lambda _: (self.model.reset(), self.refresh()))
        self._stop = threading.Event()
        super().__init__([widgets.HTML(f"<h3>{label}</h3>"), self._display, self._presets,
                          widgets.HBox([self._start, self._pause, self._reset])])
        self.add_class("ipt-timer")
        self.refresh()

    def _choose(self, change: dict) -> None:
        self.model.set_minutes(change["new"])
        self.refresh()

    def _run(self) -> None:
        self.model.start()
        self.refresh()
        if self.model.running:
            threading.Thread(target=self._tick, daemon=True).start()

    def _tick(self) -> None:
        while self.model.running and not self._stop.is_set():
            self.refresh()
            if self.model.finished:
                self.model.pause()
                self.refresh()
                return
            time.sleep(0.5)

    def refresh(self) -> None:
        """Redraw the countdown from the model."""
        left = self.model.remaining()
        state = "Time is up" if left <= 0 else ("Running" if self.model.running else "Ready")
        css = "ipt-timer-done" if left <= 0 else ""
        self._display.value = (f'<div class="ipt-timer-clock {css}" role="timer" '
                               f'aria-label="{state}: {clock_text(left)} left">'
                               f"{clock_text(left)}</div>"
                               f'<div class="ipt-timer-state">{state}</div>')
        self._start.disabled = self.model.running or left <= 0
        self._pause.disabled = not self.model.running

    def close(self) -> None:
        """Stop ticking when the widget goes away."""
        self._stop.set()
        super().close()
