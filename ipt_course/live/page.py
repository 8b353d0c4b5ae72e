"""The day's live page: agenda, slides, timer, role-plays, check-in, questions, evaluation."""

from __future__ import annotations

import html
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


def live_page(day_number: int, root: Path | None = None, store: LiveStore | None = None,
              ) -> widgets.VBox:
    """Everything the trainer shares on Teams for one day, driven by course.yaml."""
    course = load_course(root)
    day = course.day(day_number)
    store = store or LiveStore.for_course(course.root)
    viewer = new_viewer_id()
    agenda = AgendaView(AgendaModel(
        day, trainer_choice=lambda: store.setting(SESSION_OVERRIDE, AUTOMATIC)))
    agenda.keep_fresh()
    tabs = [
        ("Agenda", agenda),
        ("Slides", DeckView(DeckModel(day_slides(course, day)))),
        ("Timer", TimerView()),
        ("Role-plays", RolePlayPanel(course, day)),
        ("Check-in", CheckInForm(store, day, viewer)),
        ("Confidence", ConfidenceForm(store, day, viewer)),
        ("Questions", QuestionForm(store, day, viewer)),
        ("Evaluation", EvaluationForm(store, day, viewer)),
    ]
    if store.named_attendance:
        tabs.append(("Sign in", SignInForm(store, day)))
    tab = widgets.Tab(children=[w for _, w in tabs], titles=[t for t, _ in tabs])
    header = widgets.HTML(
        f'<h1 class="ipt-live-title">Day {day.number}: {html.escape(day.title)}</h1>'
        f'<p class="ipt-live-subtitle">{html.escape(course.course.title)} &middot; '
        f"{day.start:%H:%M} to {day.end:%H:%M}</p>")
    page = widgets.VBox([style_block(), header, tab])
    page.add_class("ipt-live")
    return page
