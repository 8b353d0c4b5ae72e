"""The room page: what a trainee sees and sends from their own device."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

from ipt_course.course import load_course
from ipt_course.live.room import (
    Notice,
    RoomState,
    given_back,
    is_viewer_id,
    render_room,
    submit,
)
from ipt_course.live.store import (
    SESSION_OVERRIDE,
    Attendance,
    CheckIn,
    Confidence,
    Evaluation,
    LiveStore,
    Question,
    new_viewer_id,
)
from tests.conftest import REPO

COURSE = load_course(REPO)
DAY1 = COURSE.day(1)


@pytest.fixture
def store(tmp_path: Path) -> LiveStore:
    return LiveStore(f"sqlite:///{tmp_path / 'live.sqlite'}")


def page(store: LiveStore, state: RoomState | None = None, at: str = "10:00") -> str:
    clock = dt.time.fromisoformat(at)
    return render_room(COURSE, DAY1, store, base_url="/base/", xsrf_field='<input name="_xsrf">',
                       state=state, clock=lambda: clock)


def test_the_page_has_the_day_its_forms_and_no_script(store: LiveStore) -> None:
    text = page(store)
    assert f"Day 1: {html.escape(DAY1.title, quote=False)}" in text
    for form in ("checkin", "confidence", "question", "evaluation"):
        assert f'action="/base/room/{form}#{form}"' in text
    assert text.count('<input name="_xsrf">') == 4
    assert "<script" not in text and "http://" not in text and "https://" not in text
    assert 'id="signin"' not in text, "no sign-in unless the trainer turns it on"
    for outcome in DAY1.outcomes:
        assert text.count(f'name="rating-{outcome.id}"') == 5
        assert html.escape(outcome.text) in text


def test_the_agenda_marks_the_session_running_now(store: LiveStore) -> None:
    running = next(s for s in DAY1.sessions if s.kind != "break")
    text = page(store, at=f"{running.start:%H:%M}")
    assert f"Now: {html.escape(running.title)}" in text
    assert text.count("(now)") == 1
    assert f'class=" current"><td>{running.start:%H:%M}' in text


def test_the_trainer_s_session_choice_wins_over_the_clock(store: LiveStore) -> None:
    chosen = DAY1.sessions[-1]
    store.set_setting(SESSION_OVERRIDE, chosen.id)
    assert f"Now: {html.escape(chosen.title)}" in page(store, at="09:20")


def test_sign_in_appears_when_named_attendance_is_on(store: LiveStore) -> None:
    store.set_setting("named_attendance", "on")
    text = page(store)
    assert 'id="signin"' in text and 'action="/base/room/signin#signin"' in text


def test_a_check_in_is_stored_and_thanked(store: LiveStore) -> None:
    viewer = new_viewer_id()
    notice = submit("checkin", store, DAY1, viewer, {"rating": "4", "word": "curious"})
    assert notice == Notice("checkin", "Thank you, your check-in is in.")
    row = store.table(CheckIn, 1).iloc[0]
    assert (row["viewer"], row["rating"], row["word"]) == (viewer, 4, "curious")


@pytest.mark.parametrize(("fields", "message"), [
    ({"word": "curious"}, "Choose a rating from 1 to 5."),
    ({"rating": "7", "word": "curious"}, "Choose a rating from 1 to 5."),
    ({"rating": "x", "word": "curious"}, "Choose a rating from 1 to 5."),
    ({"rating": "3", "word": ""}, "Please write one word before sending."),
])
def test_a_check_in_with_a_problem_says_what_to_change_and_stores_nothing(
        store: LiveStore, fields: dict, message: str) -> None:
    notice = submit("checkin", store, DAY1, new_viewer_id(), fields)
    assert not notice.ok and notice.form == "checkin" and message in notice.text
    assert store.count(CheckIn, 1) == 0


def test_confidence_counts_what_was_rated_and_can_be_changed(store: LiveStore) -> None:
    viewer = new_viewer_id()
    first, second = DAY1.outcomes[0].id, DAY1.outcomes[1].id
    notice = submit("confidence", store, DAY1, viewer,
                    {"moment": "end", f"rating-{first}": "2", f"rating-{second}": "5",
                     "rating-d9.lo9": "5"})
    left = len(DAY1.outcomes) - 2
    assert notice.text == (f"Thank you, 2 rating(s) for the end of the day saved "
                           f"({left} left unrated).")
    submit("confidence", store, DAY1, viewer, {"moment": "end", f"rating-{first}": "3"})
    rows = store.table(Confidence, 1).set_index("outcome")
    assert len(rows) == 2 and set(rows["moment"]) == {"end"}
    assert rows.loc[first, "rating"] == 3 and rows.loc[second, "rating"] == 5


def test_confidence_with_nothing_rated_is_refused(store: LiveStore) -> None:
    notice = submit("confidence", store, DAY1, new_viewer_id(), {"moment": "start"})
    assert notice == Notice("confidence", "Rate at least one outcome before sending.", ok=False)
    assert store.count(Confidence, 1) == 0


def test_a_huge_question_is_refused_and_the_page_gives_the_text_back(store: LiveStore) -> None:
    pasted = "<b>why</b> " * 400
    notice = submit("question", store, DAY1, new_viewer_id(), {"text": pasted})
    assert not notice.ok and "keep it under 2000" in notice.text
    assert store.count(Question, 1) == 0
    text = page(store, RoomState(notice=notice, values={"text": pasted}))
    assert html.escape(pasted) in text and "<b>why</b>" not in text
    assert 'role="alert"' in text and "keep it under 2000" in text


def test_an_evaluation_needs_both_ratings(store: LiveStore) -> None:
    viewer = new_viewer_id()
    refused = submit("evaluation", store, DAY1, viewer, {"presentation": "5", "comment": "ok"})
    assert not refused.ok and "relevance rating" in refused.text
    kept = page(store, RoomState(notice=refused, values={"presentation": "5", "comment": "ok"}))
    assert 'name="presentation" value="5" checked' in kept
    accepted = submit("evaluation", store, DAY1, viewer,
                      {"presentation": "5", "relevance": "4", "comment": "Clear."})
    assert accepted.ok
    assert store.table(Evaluation, 1)[["presentation", "relevance"]].values.tolist() == [[5, 4]]


def test_sign_in_works_only_when_the_trainer_turned_it_on(store: LiveStore) -> None:
    refused = submit("signin", store, DAY1, new_viewer_id(), {"name": "A Trainee"})
    assert not refused.ok and store.count(Attendance, 1) == 0
    store.set_setting("named_attendance", "on")
    assert submit("signin", store, DAY1, new_viewer_id(), {"name": "A Trainee"}).ok
    assert store.table(Attendance, 1)["trainee"].tolist() == ["A Trainee"]


def test_an_unknown_form_is_not_guessed_at(store: LiveStore) -> None:
    with pytest.raises(KeyError):
        submit("gradebook", store, DAY1, new_viewer_id(), {})


def test_only_ids_this_page_hands_out_are_accepted_as_viewers() -> None:
    assert is_viewer_id(new_viewer_id())
    for bad in (None, "", "trainee-1", "x" * 36, new_viewer_id().upper() + "'"):
        assert not is_viewer_id(bad)


def test_present_serves_the_day_s_room_and_never_one_beside_the_dashboards() -> None:
    import argparse

    from ipt_course.live.cli import presentation_settings
    from ipt_course.live.server import voila_command, voila_config

    def settings(**given):
        args = argparse.Namespace(**{"trainer": False, "day": None, "network": False,
                                     "ip": None, "pool": 0, **given})
        return presentation_settings(REPO, args, 8123)

    day2 = settings(day="day2")
    assert voila_config(day2)["CourseVoila"] == {"room_day": 2, "course_root": str(REPO)}
    assert "ipt_course.live.voila_app" in voila_command(day2)
    assert "CourseVoila" not in voila_config(settings(trainer=True))


def test_a_refused_form_gives_back_only_its_own_fields_and_nothing_huge(
        store: LiveStore) -> None:
    pasted = "x" * 9000
    notice = submit("question", store, DAY1, new_viewer_id(), {"text": pasted, "word": "hi"})
    assert not notice.ok and "9,000 characters, far more than this box takes" in notice.text
    assert store.count(Question, 1) == 0
    assert given_back("question", {"text": pasted, "word": "hi", "rating-d1.lo1": "3"}) == {}
    assert given_back("question", {"text": "y" * 3000}) == {"text": "y" * 3000}
    assert given_back("confidence", {"rating-d1.lo1": "3", "moment": "x" * 500}) == {
        "rating-d1.lo1": "3"}
    text = page(store, RoomState(notice=notice, values=given_back("question", {"text": pasted})))
    assert pasted not in text and 'role="alert"' in text
