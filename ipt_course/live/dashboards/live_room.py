"""The live room dashboard: who is in, check-ins, questions and evaluations, live."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ipt_course.course import Course
from ipt_course.live.agenda import AUTOMATIC
from ipt_course.live.dashboards.common import course_of, html_table, style_block, wait_for_viewer
from ipt_course.live.store import SESSION_OVERRIDE, Evaluation, LiveStore, Question

HIGHLIGHT_HELP = ("The one place the highlighted session is set: the live page and the room "
                  "page show the choice made here.")
HIGHLIGHT_CLOCK = ("The live page and the room page highlight the session from the clock "
                   "(the live page within 10 seconds).")
HIGHLIGHT_CHOSEN = ("The live page and the room page highlight {} until you choose From the "
                    "clock (the live page within 10 seconds).")

# The live room --------------------------------------------------------------------------------


def day_choices(course: Course) -> list[tuple[str, int]]:
    """(label, number) for each course day."""
    return [(f"Day {day.number}: {day.title}", day.number) for day in course.days]


def evaluation_means(store: LiveStore, day: int | None = None) -> pd.DataFrame:
    """Per day: evaluations received and mean presentation and relevance ratings."""
    frame = store.table(Evaluation, day)
    columns = ["day", "responses", "presentation", "relevance"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    grouped = frame.groupby("day")
    means = pd.DataFrame({"responses": grouped["viewer"].count(),
                          "presentation": grouped["presentation"].mean().round(2),
                          "relevance": grouped["relevance"].mean().round(2)})
    return means.reset_index()[columns]


def evaluation_comments(store: LiveStore, day: int | None = None) -> pd.DataFrame:
    """Non-empty evaluation comments, oldest first."""
    frame = store.table(Evaluation, day)
    if frame.empty:
        return pd.DataFrame(columns=["day", "comment"])
    frame = frame[frame["comment"].str.strip() != ""].sort_values("created")
    return frame[["day", "comment"]].reset_index(drop=True)


def open_questions(store: LiveStore, day: int) -> pd.DataFrame:
    """The day's questions, unanswered first, oldest first."""
    frame = store.table(Question, day)
    if frame.empty:
        return pd.DataFrame(columns=["id", "text", "answered"])
    return frame.sort_values(["answered", "created"])[["id", "text", "answered"]].reset_index(
        drop=True)


def confidence_table(store: LiveStore, course: Course, day: int) -> pd.DataFrame:
    """Mean confidence at the start and end of the day per outcome, with the outcome's text."""
    summary = store.confidence_summary(day)
    texts = {o.id: o.text for o in course.day(day).outcomes}
    summary.insert(1, "text", summary["outcome"].map(texts).fillna(""))
    return summary


class LiveRoomView(widgets.VBox):
    """The live aggregate of one day for the trainer, with the room's shared switches."""

    def __init__(self, root: Path | None = None, store: LiveStore | None = None,
                 day: int | None = None) -> None:
        self._course = course_of(root)
        self.store = store or LiveStore.for_course(self._course.root)
        days = day_choices(self._course)
        self._day = widgets.Dropdown(options=days, value=day or days[0][1], description="Day:",
                                     style={"description_width": "initial"},
                                     layout={"width": "620px"})
        self._refresh = widgets.Button(description="Refresh", button_style="primary",
                                       tooltip="Read the room's answers again")
        self._named = widgets.Checkbox(value=self.store.named_attendance, indent=False,
                                       description="Named attendance (trainees sign in by name)",
                                       layout={"width": "auto"})
        options, value = self._highlight_options(self.day)
        self._highlight = widgets.Dropdown(options=options, value=value,
                                           description="Highlight on the live page:",
                                           style={"description_width": "initial"},
                                           layout={"width": "620px"})
        self._checkins = widgets.HTML()
        self._confidence = widgets.HTML()
        self._questions = widgets.VBox()
        self._evaluations = widgets.HTML()
        self._status = widgets.HTML()
        self._day.observe(lambda _: self._day_changed(), names="value")
        self._highlight.observe(self._set_highlight, names="value")
        self._refresh.on_click(lambda _: self.refresh())
        self._named.observe(self._set_named, names="value")
        super().__init__([
            style_block(), widgets.HTML("<h1>The live room</h1>"),
            widgets.HBox([self._day, self._refresh]), self._status,
            widgets.HTML("<h2>Room settings</h2>"), self._named, self._highlight,
            widgets.HTML(f'<p class="ipt-muted">{html.escape(HIGHLIGHT_HELP)}</p>'),
            widgets.HTML("<h2>Check-in</h2>"), self._checkins,
            widgets.HTML("<h2>Confidence in the day's outcomes</h2>"), self._confidence,
            widgets.HTML("<h2>Questions</h2>"), self._questions,
            widgets.HTML("<h2>Evaluation</h2>"), self._evaluations])
        self.add_class("ipt-dash")
        self.refresh()

    @property
    def day(self) -> int:
        """The day shown."""
        return int(self._day.value)

    def _highlight_options(self, day: int) -> tuple[list[tuple[str, str]], str]:
        sessions = self._course.day(day).sessions
        current = self.store.setting(SESSION_OVERRIDE, AUTOMATIC)
        value = current if current in {s.id for s in sessions} else AUTOMATIC
        return [("From the clock", AUTOMATIC)] + [
            (f"{s.start:%H:%M} {s.title}", s.id) for s in sessions], value

    def _day_changed(self) -> None:
        self.refresh()

    def _sync_highlight(self) -> None:
        """Show the shared highlight setting as it is now, without writing it back."""
        self._highlight.unobserve(self._set_highlight, names="value")
        options, value = self._highlight_options(self.day)
        if list(self._highlight.options) != options:
            self._highlight.options = options
        self._highlight.value = value
        self._highlight.observe(self._set_highlight, names="value")

    def _set_named(self, change: dict) -> None:
        self.store.set_setting("named_attendance", "on" if change["new"] else "off")
        self._say("Named attendance is on: the room page asks trainees for their names."
                  if change["new"] else "Named attendance is off: the room page is anonymous.")

    def _set_highlight(self, change: dict) -> None:
        choice = change["new"] or AUTOMATIC
        self.store.set_setting(SESSION_OVERRIDE, choice)
        label = dict((value, text) for text, value in self._highlight.options).get(choice, "")
        self._say(HIGHLIGHT_CLOCK if choice == AUTOMATIC else HIGHLIGHT_CHOSEN.format(label))

    def _say(self, text: str) -> None:
        self._status.value = f'<p class="ipt-status" role="status">{html.escape(text)}</p>'

    def refresh(self) -> None:
        """Re-read every table of the chosen day."""
        day = self.day
        self._sync_highlight()
        checkins = self.store.checkin_summary(day)
        if checkins["count"]:
            words = ", ".join(f"{html.escape(w)} ({n})" if n > 1 else html.escape(w)
                              for w, n in checkins["words"].items())
            spread = ", ".join(f"{n} &times; {r}" for r, n in checkins["ratings"].items() if n)
            self._checkins.value = (f"<p><strong>{checkins['count']}</strong> check-in(s), "
                                    f"mean rating {checkins['mean']} (1 low, 5 great): "
                                    f"{spread}.</p><p>Words: {words}</p>")
        else:
            self._checkins.value = '<p class="ipt-muted">No check-ins yet.</p>'
        confidence = confidence_table(self.store, self._course, day).rename(columns={
            "outcome": "Outcome", "text": "Outcome text", "start": "Start", "end": "End",
            "change": "Change", "responses": "Viewers"})
        self._confidence.value = html_table(confidence, "Mean confidence, 1 to 5")
        self._questions.children = self._question_rows(day)
        means = evaluation_means(self.store, day)
        comments = evaluation_comments(self.store, day)
        if means.empty:
            self._evaluations.value = '<p class="ipt-muted">No evaluations yet.</p>'
        else:
            row = means.iloc[0]
            listed = "".join(f"<li>{html.escape(c)}</li>" for c in comments["comment"])
            self._evaluations.value = (
                f"<p>{int(row['responses'])} evaluation(s): presentation "
                f"{row['presentation']:.2f}, relevance {row['relevance']:.2f} (out of 5).</p>"
                + (f"<ul>{listed}</ul>" if listed else ""))
        self._say(f"Day {day}: read at {pd.Timestamp.now():%H:%M:%S}.")

    def _question_rows(self, day: int) -> list[widgets.Widget]:
        questions = open_questions(self.store, day)
        if questions.empty:
            return [widgets.HTML('<p class="ipt-muted">No questions yet.</p>')]
        rows: list[widgets.Widget] = []
        for question in questions.itertuples():
            text = widgets.HTML(f"<p>{'(answered) ' if question.answered else ''}"
                                f"{html.escape(question.text)}</p>",
                                layout={"width": "760px"})
            if question.answered:
                rows.append(text)
                continue
            button = widgets.Button(description="Mark answered",
                                    tooltip=f"Mark answered: {question.text[:60]}")
            button.on_click(lambda _, qid=int(question.id): self._answer(qid))
            rows.append(widgets.HBox([text, button]))
        return rows

    def _answer(self, question_id: int) -> None:
        self.store.mark_answered(question_id)
        self.refresh()


def live_room(root: Path | None = None, store: LiveStore | None = None) -> LiveRoomView:
    """The live-room dashboard."""
    wait_for_viewer(root)
    return LiveRoomView(root, store)
