"""The day's live page: agenda, slides, timer, role-plays, check-in, questions, evaluation."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from ipt_course.course import Course, Day, load_course
from ipt_course.live.agenda import AUTOMATIC, AgendaModel, AgendaView
from ipt_course.live.deck import DeckModel, DeckView, day_slides
from ipt_course.live.polls import (
    CheckInForm,
    ConfidenceForm,
    EvaluationForm,
    QuestionForm,
    SignInForm,
)
from ipt_course.live.store import SESSION_OVERRIDE, LiveStore, new_viewer_id
from ipt_course.live.timer import TimerView
from ipt_course.yamlfile import YamlFileError, read_yaml

STYLE = (Path(__file__).with_name("live.css")).read_text(encoding="utf-8")
CARD_ROLES = (("Client card", "client"), ("Therapist card", "therapist"),
              ("Observer checklist", "observer"))


def style_block() -> widgets.HTML:
    """The live page's style sheet as a widget (works in Voila and JupyterLab alike)."""
    return widgets.HTML(f"<style>{STYLE}</style>")


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
        scenarios = day.scenarios
        if not scenarios:
            super().__init__([widgets.HTML(f"<p>Day {day.number} has no role-play yet.</p>")])
            return
        self._course = course
        titles = [(_scenario_title(course, s), s) for s in scenarios]
        self._picker = widgets.Dropdown(options=titles, description="Role-play:",
                                        layout=widgets.Layout(width="95%"))
        self._mode = widgets.ToggleButtons(
            options=[("Play it together", "play"), *CARD_ROLES], value="play",
            description="Show:", style={"description_width": "initial", "button_width": "180px"})
        self._stage = widgets.VBox()
        self._picker.observe(lambda _: self._show(), names="value")
        self._mode.observe(lambda _: self._show(), names="value")
        super().__init__([widgets.HBox([self._picker]), self._mode, self._stage])
        self._show()

    def _show(self) -> None:
        from ipt_course.roleplay import breakout_card, play

        path = self._course.root / self._picker.value
        if self._mode.value == "play":
            self._stage.children = [play(path, projector=True)]
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


def live_page(day_number: int, root: Path | None = None, store: LiveStore | None = None,
              ) -> widgets.VBox:
    """Everything the trainer shares on Teams for one day, driven by course.yaml."""
    course = load_course(root)
    day = course.day(day_number)
    shared = store or LiveStore.for_course(course.root)
    viewer = new_viewer_id()

    def agenda() -> AgendaView:
        view = AgendaView(AgendaModel(
            day, trainer_choice=lambda: shared.setting(SESSION_OVERRIDE, AUTOMATIC)))
        view.keep_fresh()
        return view

    builders: list[tuple[str, Callable[[], widgets.Widget]]] = [
        ("Agenda", agenda),
        ("Slides", lambda: DeckView(DeckModel(day_slides(course, day)))),
        ("Timer", TimerView),
        ("Role-plays", lambda: RolePlayPanel(course, day)),
        ("Check-in", lambda: CheckInForm(shared, day, viewer)),
        ("Confidence", lambda: ConfidenceForm(shared, day, viewer)),
        ("Questions", lambda: QuestionForm(shared, day, viewer)),
        ("Evaluation", lambda: EvaluationForm(shared, day, viewer)),
    ]
    if shared.named_attendance:
        builders.append(("Sign in", lambda: SignInForm(shared, day)))
    header = widgets.HTML(
        f'<h1 class="ipt-live-title">Day {day.number}: {html.escape(day.title)}</h1>'
        f'<p class="ipt-live-subtitle">{html.escape(course.course.title)} &middot; '
        f"{day.start:%H:%M} to {day.end:%H:%M}</p>")
    page = widgets.VBox([style_block(), header, LazyTabs(builders)])
    page.add_class("ipt-live")
    return page
