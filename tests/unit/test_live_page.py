"""The live page's parts, driven headless: agenda, slides, timer and the page itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipt_course.course import load_course
from ipt_course.live.agenda import AgendaModel, AgendaView
from ipt_course.live.deck import DeckModel, DeckView, day_slides
from ipt_course.live.page import live_page
from ipt_course.live.store import LiveStore
from ipt_course.live.timer import TimerBadge, TimerModel, TimerView, clock_text, parse_length


@pytest.fixture
def course(repo_root: Path):
    return load_course(repo_root)


@pytest.fixture
def store(tmp_path: Path) -> LiveStore:
    return LiveStore(f"sqlite:///{tmp_path / 'live.sqlite'}")


def _at(hours: int, minutes: int):
    return lambda: dt.time(hours, minutes)


def test_the_clock_picks_the_session_and_breaks_count(course) -> None:
    day = course.day(1)
    assert AgendaModel(day, clock=_at(10, 0)).current().id == "d1.s2"
    assert AgendaModel(day, clock=_at(11, 5)).current().title == "Break"
    assert AgendaModel(day, clock=_at(8, 0)).status() == (
        "Next: Welcome, check-in and how the course works at 09:15")
    assert AgendaModel(day, clock=_at(17, 0)).status().startswith("The day's sessions are over")


def test_the_trainer_choice_beats_the_clock_and_the_page_says_so(course) -> None:
    day = course.day(2)
    trainer = {"choice": "d2.s4"}
    model = AgendaModel(day, clock=_at(9, 30), trainer_choice=lambda: trainer["choice"])
    view = AgendaView(model)
    assert model.current().id == "d2.s4"
    assert "Highlighted by the trainer in the live-room dashboard" in view._source.value
    assert not hasattr(view, "_override")
    trainer["choice"] = "no-such-session"
    view.refresh()
    assert model.current().id == "d2.s1"
    assert "Highlighted from the clock" in view._source.value


def test_agenda_view_marks_the_current_row(course) -> None:
    view = AgendaView(AgendaModel(course.day(1), clock=_at(13, 30)))
    table = view._table.value
    current_row = table.split('class="ipt-agenda-current"')[1].split("</tr>")[0]
    assert "Assessment phase - session 1" in current_row and "(now)" in current_row
    assert "Now: Assessment phase - session 1 (until 14:30)" in view._status.value


def test_slides_come_from_tagged_cells_in_timetable_order(course) -> None:
    slides = day_slides(course, course.day(1))
    assert len(slides) >= 5
    assert slides[0].notebook == course.day(1).notebooks[0]
    deck = DeckView(DeckModel(slides))
    deck._next.click()
    assert deck.model.index == 1
    assert f"Slide 2 of {len(slides)}" in deck._position.value
    deck._previous.click()
    deck._previous.click()
    assert deck.model.index == 0 and deck._previous.disabled


def test_an_empty_deck_says_what_to_do() -> None:
    deck = DeckView(DeckModel([]))
    assert "tag key-point cells" in deck._slide.value and deck._next.disabled


def test_timer_counts_down_pauses_and_stops_at_zero() -> None:
    now = {"t": 100.0}
    timer = TimerModel(clock=lambda: now["t"])
    timer.set_minutes(3)
    timer.start()
    now["t"] += 61
    assert clock_text(timer.remaining()) == "1:59"
    timer.pause()
    now["t"] += 500
    assert clock_text(timer.remaining()) == "1:59"
    timer.start()
    now["t"] += 500
    assert timer.finished and clock_text(timer.remaining()) == "0:00"
    with pytest.raises(ValueError, match="positive number of minutes"):
        timer.set_minutes(0)


def test_the_timer_takes_a_length_of_its_own_and_starts_again_after_time_is_up() -> None:
    now = {"t": 0.0}
    model = TimerModel(clock=lambda: now["t"])
    view, badge = TimerView(model), TimerBadge(model)
    assert badge.layout.display == "none"
    view._own_length.value = "2:30"
    view._set_length.click()
    assert "Length set to 2:30" in view._message.value and model.duration == 150
    assert view._presets.value is None
    view._own_length.value = "twelve"
    view._set_length.click()
    assert "Type the length in minutes" in view._message.value and model.duration == 150
    view._start.click()
    assert badge.layout.display is None and badge._toggle.description == "Pause"
    now["t"] = 200.0
    model.tick()
    assert "Time is up" in view._display.value and "0:00" in badge._clock.value
    assert not view._start.disabled and view._start.description == "Start again"
    view._start.click()
    now["t"] = 210.0
    model.tick()
    assert model.running and "2:20" in view._display.value and "2:20" in badge._clock.value
    view._reset.click()
    assert badge.layout.display == "none"
    assert parse_length("7") == 420 and parse_length("1.5") == 90
    for bad in ("0", "", "241", "-3", "5 minutes"):
        with pytest.raises(ValueError):
            parse_length(bad)


def test_every_day_has_a_live_page_built_from_the_manifest(course, store) -> None:
    for day in course.days:
        page = live_page(day.number, root=course.root, store=store)
        assert page.tabs.titles == ("Agenda", "Slides", "Timer", "Role-plays", "Room")
        assert f"Day {day.number}: " in page.children[1].children[0].value
        assert isinstance(page.tabs.children[0].children[0], AgendaView)
        page.close()


def test_tabs_are_built_when_first_opened_and_kept(course, store) -> None:
    page = live_page(1, root=course.root, store=store)
    tabs = page.tabs
    assert [len(holder.children) for holder in tabs.children] == [1, 0, 0, 0, 0]
    tabs.selected_index = 2
    timer = tabs.children[2].children[0]
    assert isinstance(timer, TimerView)
    timer._own_length.value = "7"
    tabs.selected_index = 0
    tabs.selected_index = 2
    assert tabs.children[2].children[0] is timer and timer._own_length.value == "7"
    page.close()


def test_the_presenter_switch_thins_the_page(course, store) -> None:
    page = live_page(1, root=course.root, store=store)
    assert "ipt-presenting" not in page._dom_classes
    page.presenting.value = True
    assert "ipt-presenting" in page._dom_classes
    page.presenting.value = False
    assert "ipt-presenting" not in page._dom_classes
    page.close()


def test_every_day_projects_a_slide_from_each_notebook_and_each_role_play(course) -> None:
    from ipt_course.live.page import RolePlayPanel

    checked = 0
    for day in course.days:
        projected = {slide.notebook for slide in day_slides(course, day)}
        missing = [notebook for notebook in day.notebooks if notebook not in projected]
        assert missing == [], f"Day {day.number}: no slide from {missing}"
        if day.scenarios:
            picker = RolePlayPanel(course, day).children[0].children[0]
            titles = [title for title, _ in picker.options]
            assert [scenario for _, scenario in picker.options] == list(day.scenarios)
            assert not any(title.endswith((".yaml", "-")) or "/" in title for title in titles)
            assert all(title != Path(s).stem for title, s in picker.options), titles
        checked += len(day.notebooks)
    assert checked > 20


def test_the_shared_page_never_draws_the_clients_card(course) -> None:
    import yaml

    from ipt_course.live.page import RolePlayPanel

    day = course.day(1)
    scenario = day.scenarios[0]
    data = yaml.safe_load((course.root / scenario).read_text(encoding="utf-8"))
    secrets = [reveal["reveal"] for reveal in data["breakout"]["client_card"]["reveals"]]
    panel = RolePlayPanel(course, day)
    mode = panel.children[0].children[1]
    mode.value = "client"
    shown = panel.children[1].children[0].value
    assert "Not shown on the shared screen" in shown
    assert "curriculum/day1/05-roleplay-first-sessions.ipynb" in shown
    assert secrets and not any(secret in shown for secret in secrets)
    mode.value = "therapist"
    assert "Therapist card" in _texts(panel.children[1])


def _texts(widget) -> str:
    """Every HTML value under ``widget``."""
    own = str(getattr(widget, "value", "")) if hasattr(widget, "value") else ""
    return own + "".join(_texts(child) for child in getattr(widget, "children", ()))
