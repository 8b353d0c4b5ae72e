"""The day's live page: agenda, slides, timer, role-plays and the room, for a shared screen.

In Voila the page fills the browser window (its template's style sheet): the header stays at
the top, the open tab takes the rest, and the slide or role-play grows or shrinks its type to
fit, never below 16 px. Presenter mode (the switch, or the P key) thins the header to one line.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from ipt_course.course import Course, Day, load_course
from ipt_course.live.agenda import AUTOMATIC, AgendaModel, AgendaView
from ipt_course.live.deck import DeckModel, DeckView, day_slides
from ipt_course.live.room_view import RoomView
from ipt_course.live.store import SESSION_OVERRIDE, LiveStore
from ipt_course.live.timer import Ticker, TimerBadge, TimerModel, TimerView
from ipt_course.yamlfile import YamlFileError, read_yaml

STYLE = (Path(__file__).with_name("live.css")).read_text(encoding="utf-8")
CARD_ROLES = (("Client card", "client"), ("Therapist card", "therapist"),
              ("Observer checklist", "observer"))
# The client's card holds what the therapist must earn with good questions: it is never drawn
# on the shared screen, only in the person's own notebook (``roleplay.cards``).
PRIVATE_ROLES = {"client"}
PRESENTING = "ipt-presenting"


def style_block() -> widgets.HTML:
    """The live page's style sheet as a widget (works in Voila and JupyterLab alike)."""
    return widgets.HTML(f"<style>{STYLE}</style>")


def roleplay_notebook(day: Day, scenario: str) -> str | None:
    """The day's notebook that opens ``scenario``'s cards, or None if none names it."""
    name = Path(scenario).name
    for session in day.sessions:
        if scenario in session.scenarios:
            for notebook in session.notebooks:
                if "roleplay" in Path(notebook).name:
                    return notebook
    return next((notebook for notebook in day.notebooks if name in notebook), None)


def private_card_note(day: Day, scenario: str, title: str) -> str:
    """What the shared screen shows in place of the client's card."""
    notebook = roleplay_notebook(day, scenario)
    where = (f"the notebook <code>{html.escape(notebook)}</code>" if notebook
             else f"the Day {day.number} role-play notebook")
    return (f'<div class="ipt-private-card"><h3>Client card: {html.escape(title)}</h3>'
            "<p>Not shown on the shared screen: what the client keeps back until asked well "
            "is for the person playing the client alone.</p>"
            f"<p>Whoever plays the client opens it in {where}: under the breakout cards, "
            "<strong>I am the client</strong>. The therapist and the observer open their own "
            "cards there too, or you show theirs here.</p></div>")


def _scenario_title(course: Course, scenario: str) -> str:
    """A scenario's title for the picker (its file name if the file cannot be read)."""
    try:
        data = read_yaml(course.root / scenario)
    except YamlFileError:
        return Path(scenario).stem
    return str(data.get("title") or Path(scenario).stem) if isinstance(data, dict) else scenario


class RolePlayPanel(widgets.VBox):
    """The day's role-plays in projector mode, with the breakout cards to hand out."""

    def __init__(self, course: Course, day: Day) -> None:
        self._day = day
        scenarios = day.scenarios
        if not scenarios:
            super().__init__([widgets.HTML(f"<p>Day {day.number} has no role-play yet.</p>")])
            return
        self._course = course
        titles = [(_scenario_title(course, s), s) for s in scenarios]
        self._picker = widgets.Dropdown(options=titles, description="Role-play:",
                                        layout=widgets.Layout(flex="1 1 60%", width="auto"))
        self._mode = widgets.Dropdown(
            options=[("Play it together", "play"), *CARD_ROLES], value="play",
            description="Show:", layout=widgets.Layout(flex="0 1 40%", width="auto"))
        self._stage = widgets.VBox()
        self._stage.add_class("ipt-roleplay-stage")
        self._picker.observe(lambda _: self._show(), names="value")
        self._mode.observe(lambda _: self._show(), names="value")
        choosers = widgets.HBox([self._picker, self._mode])
        choosers.add_class("ipt-roleplay-choosers")
        super().__init__([choosers, self._stage])
        self.add_class("ipt-roleplay-panel")
        self._show()

    def _show(self) -> None:
        from ipt_course.roleplay import breakout_card, play

        path = self._course.root / self._picker.value
        if self._mode.value == "play":
            self._stage.children = [play(path, projector=True)]
        elif self._mode.value in PRIVATE_ROLES:
            self._stage.children = [widgets.HTML(private_card_note(
                self._day, self._picker.value, self._picker.label or ""))]
        else:
            self._stage.children = [breakout_card(path, self._mode.value, projector=True)]


class LazyTabs(widgets.Tab):
    """Tabs whose content is built the first time each is opened.

    A live page is opened by a whole room at once; building only the first tab up front keeps
    each viewer's page to a few dozen widgets instead of hundreds.
    """

    def __init__(self, builders: list[tuple[str, Callable[[], widgets.Widget]]]) -> None:
        self._builders = [build for _, build in builders]
        self._built: set[int] = set()
        super().__init__(children=[widgets.VBox() for _ in builders],
                         titles=[title for title, _ in builders])
        self.observe(lambda change: self.build_tab(change["new"]), names="selected_index")
        self.build_tab(0)

    def build_tab(self, index: int | None) -> widgets.Widget | None:
        """Build tab ``index`` if it is not built yet; return its content."""
        if index is None or not 0 <= index < len(self._builders):
            return None
        holder = self.children[index]
        if index not in self._built:
            self._built.add(index)
            holder.children = [self._builders[index]()]
        return holder.children[0]


class LivePage(widgets.VBox):
    """Everything the trainer shares on Teams for one day, driven by course.yaml."""

    def __init__(self, day_number: int, root: Path | None = None,
                 store: LiveStore | None = None) -> None:
        course = load_course(root)
        day = course.day(day_number)
        shared = store or LiveStore.for_course(course.root)
        self.timer = TimerModel()
        self._ticker = Ticker(self.timer)

        def agenda() -> AgendaView:
            view = AgendaView(AgendaModel(
                day, trainer_choice=lambda: shared.setting(SESSION_OVERRIDE, AUTOMATIC)))
            view.keep_fresh()
            return view

        def slides() -> DeckView:
            deck = DeckView(DeckModel(day_slides(course, day)))
            deck.add_class("ipt-fills")
            return deck

        self.tabs = LazyTabs([
            ("Agenda", agenda),
            ("Slides", slides),
            ("Timer", lambda: TimerView(self.timer)),
            ("Role-plays", lambda: RolePlayPanel(course, day)),
            ("Room", lambda: RoomView(shared, day)),
        ])
        self.presenting = widgets.ToggleButton(
            value=False, description="Presenter mode",
            tooltip="Presenter mode: a one-line header and more room for the slide (key P)")
        self.presenting.add_class("ipt-presenter-toggle")
        self.presenting.observe(self._present, names="value")
        title = widgets.HTML(
            f'<h1 class="ipt-live-title">Day {day.number}: {html.escape(day.title)}</h1>'
            f'<p class="ipt-live-subtitle">{html.escape(course.course.title)} &middot; '
            f"{day.start:%H:%M} to {day.end:%H:%M}</p>")
        title.add_class("ipt-live-heading")
        header = widgets.HBox([title, TimerBadge(self.timer), self.presenting])
        header.add_class("ipt-live-header")
        super().__init__([style_block(), header, self.tabs])
        self.add_class("ipt-live")

    def _present(self, change: dict) -> None:
        if change["new"]:
            self.add_class(PRESENTING)
        else:
            self.remove_class(PRESENTING)

    def close(self) -> None:
        """Stop the timer's clock with the page."""
        self._ticker.stop()
        super().close()


def live_page(day_number: int, root: Path | None = None, store: LiveStore | None = None,
              ) -> LivePage:
    """Everything the trainer shares on Teams for one day, driven by course.yaml."""
    return LivePage(day_number, root, store)
