"""The live page's parts, driven headless: agenda, slides, timer and the trainees' forms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipt_course.course import load_course
from ipt_course.live.agenda import AUTOMATIC, AgendaModel, AgendaView
from ipt_course.live.deck import DeckModel, DeckView, day_slides
from ipt_course.live.page import live_page
from ipt_course.live.polls import CheckInForm, ConfidenceForm, EvaluationForm, QuestionForm
from ipt_course.live.store import CheckIn, Evaluation, LiveStore, Question
from ipt_course.live.timer import TimerModel, clock_text


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


def test_the_page_override_beats_the_trainer_which_beats_the_clock(course) -> None:
    day = course.day(2)
    trainer = {"choice": "d2.s4"}
    model = AgendaModel(day, clock=_at(9, 30), trainer_choice=lambda: trainer["choice"])
    assert model.current().id == "d2.s4"
    model.override = "d2.s5"
    assert model.current().id == "d2.s5"
    model.override = AUTOMATIC
    trainer["choice"] = "no-such-session"
    assert model.current().id == "d2.s1"


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


def test_forms_store_what_is_sent_and_explain_what_is_missing(course, store) -> None:
    day = course.day(1)
    checkin = CheckInForm(store, day, "viewer-1")
    checkin._send_button.click()
    assert "Choose a rating from 1 to 5." in checkin._message.value
    checkin.rating.children[0].value = 3
    checkin.word.value = "ready"
    checkin._send_button.click()
    assert "your check-in is in" in checkin._message.value
    assert store.count(CheckIn, 1) == 1

    confidence = ConfidenceForm(store, day, "viewer-1")
    confidence.ratings["d1.lo1"].children[0].value = 2
    confidence._send_button.click()
    assert "1 rating(s) saved (7 left unrated)" in confidence._message.value

    question = QuestionForm(store, day, "viewer-1")
    question.text.value = "x" * 2500
    question._send_button.click()
    assert "keep it under 2000" in question._message.value
    assert question.text.value == "x" * 2500
    assert store.count(Question, 1) == 0

    evaluation = EvaluationForm(store, day, "viewer-1")
    evaluation.presentation.children[0].value = 5
    evaluation._send_button.click()
    assert "both ratings" in evaluation._message.value
    evaluation.relevance.children[0].value = 4
    evaluation._send_button.click()
    assert store.count(Evaluation, 1) == 1


def test_every_day_has_a_live_page_built_from_the_manifest(course, store) -> None:
    for day in course.days:
        page = live_page(day.number, root=course.root, store=store)
        tabs = page.children[2]
        assert tabs.titles[:4] == ("Agenda", "Slides", "Timer", "Role-plays")
        assert f"Day {day.number}: " in page.children[1].value
        assert isinstance(tabs.children[0].children[0], AgendaView)


def test_tabs_are_built_when_first_opened_and_kept(course, store) -> None:
    tabs = live_page(1, root=course.root, store=store).children[2]
    assert [len(holder.children) for holder in tabs.children] == [1, 0, 0, 0, 0, 0, 0, 0]
    tabs.selected_index = 4
    form = tabs.children[4].children[0]
    assert isinstance(form, CheckInForm)
    form.word.value = "typed"
    tabs.selected_index = 0
    tabs.selected_index = 4
    assert tabs.children[4].children[0] is form and form.word.value == "typed"


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
