"""The contract generator: dates, wording, validation, no-overwrite saving and the widget."""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

import pytest

from ipt_course.safe_files import unique_path, write_new_file
from ipt_course.tools.contract import (
    ContractDetails,
    ContractError,
    ContractGenerator,
    ContractModel,
    Slot,
    parse_breaks,
    parse_date,
    parse_time,
    schedule,
    session_dates,
    uk_date,
    validate_contract,
    write_contract,
)
from tests.screen import control, press

GOALS = "Goals (one per line)"
BREAKS = "Planned breaks (weeks with no session)"


def details(**changes) -> ContractDetails:
    agreed = ContractDetails(
        client_name="Ruki",
        therapist_name="Sam Carter",
        sessions=16,
        start_date=date(2026, 3, 3),
        session_time="14:30",
        focus="the disagreement with Nadia about Mum's care",
        goals=["I will talk to my sister about Mum's care without shouting, by session 8"],
    )
    for key, value in changes.items():
        setattr(agreed, key, value)
    return agreed


# -- dates and times ---------------------------------------------------------------------------


def test_weekly_dates_skip_nothing():
    dates = session_dates(date(2026, 3, 3), 16)
    assert len(dates) == 16 and dates[0] == date(2026, 3, 3)
    assert all(b - a == timedelta(days=7) for a, b in pairwise(dates))
    assert dates[-1] == date(2026, 6, 16)


def test_end_date_across_the_new_year():
    assert session_dates(date(2026, 12, 22), 12)[-1] == date(2027, 3, 9)


def test_uk_date_format():
    assert uk_date(date(2026, 3, 3)) == "Tuesday 3 March 2026"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/03/2026", date(2026, 3, 3)),
        ("2026-03-03", date(2026, 3, 3)),
        ("3 March 2026", date(2026, 3, 3)),
        ("29/02/2028", date(2028, 2, 29)),
    ],
)
def test_dates_are_read_day_first(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2026", "is not a real calendar date"),
        ("03/25/2026", "day first"),
        ("next Tuesday", "is not a date"),
        ("", "please choose a date"),
    ],
)
def test_bad_dates_get_clear_messages(text, message):
    with pytest.raises(ContractError, match=message) as caught:
        parse_date(text)
    assert str(caught.value).startswith("First session:")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", "14:30"),
        ("9.05", "09:05"),
        ("2.30pm", "14:30"),
        ("9am", "09:00"),
        ("12pm", "12:00"),
    ],
)
def test_times(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "14:75", "9", "teatime", "13pm"])
def test_bad_times(text):
    with pytest.raises(ContractError, match="Use the 24-hour clock"):
        parse_time(text)


# -- validation --------------------------------------------------------------------------------


def test_all_problems_are_reported_together():
    with pytest.raises(ContractError) as caught:
        validate_contract(ContractDetails(sessions=0, start_date="31/02/2026"))
    problems = caught.value.problems
    assert "Client: please fill this in." in problems
    assert "Goals: write at least one goal, one per line." in problems
    assert any(
        p.startswith("Number of sessions: expected a whole number from 1 to 40") for p in problems
    )
    assert any("not a real calendar date" in p for p in problems)
    assert any(p.startswith("Time:") for p in problems)


@pytest.mark.parametrize("sessions", [8, 11, 17, 20])
def test_sessions_outside_12_to_16_warn(sessions):
    _start, _time, warnings = validate_contract(details(sessions=sessions))
    assert len(warnings) == 1 and "outside the usual IPT contract of 12-16" in warnings[0]


@pytest.mark.parametrize("sessions", [12, 14, 16])
def test_usual_lengths_do_not_warn(sessions):
    assert validate_contract(details(sessions=sessions))[2] == []


@pytest.mark.parametrize("sessions", [0, 41, "twelve", 12.5, True])
def test_impossible_session_counts_are_errors(sessions):
    with pytest.raises(ContractError, match="Number of sessions"):
        validate_contract(details(sessions=sessions))


# -- the document ------------------------------------------------------------------------------


def test_contract_text_has_dates_sessions_and_fixed_end():
    text = write_contract(details())
    assert text.startswith("# Our agreement for interpersonal psychotherapy (IPT)")
    assert "**16 weekly sessions**, each about 50 minutes" in text
    assert "**Every Tuesday at 14:30**, starting on **Tuesday 3 March 2026**" in text
    assert "Our last session will be on Tuesday 16 June 2026." in text
    assert "| 16 | Tuesday 16 June 2026 |" in text and "| 17 |" not in text
    assert "## Why the end date is fixed" in text and "time-limited" in text
    assert "the disagreement with Nadia about Mum's care" in text
    assert "1. I will talk to my sister" in text
    for heading in (
        "If a session is missed or cancelled",
        "Between sessions, and if things get worse",
        "At the end of therapy",
    ):
        assert f"## {heading}" in text
    for signpost in ("NHS 111", "option 2", "116 123", "999", "A&E"):
        assert signpost in text


def test_recording_and_supervision_sections_follow_the_choices():
    neither = write_contract(details(recording=False, supervision=False))
    assert "## Recording and supervision" not in neither
    recorded = write_contract(details(recording=True, supervision=False))
    assert "audio recorded" in recorded and "Client's consent to recording" in recorded
    supervised = write_contract(details(recording=False, supervision=True))
    assert "supervisor" in supervised and "audio recorded" not in supervised


def test_trainee_wording_replaces_defaults():
    text = write_contract(details(missed_sessions="Ring the clinic on 01234 567890."))
    assert "Ring the clinic on 01234 567890." in text


def test_invalid_details_raise():
    with pytest.raises(ContractError, match="Client: please fill this in"):
        write_contract(details(client_name=" "))


# -- saving ------------------------------------------------------------------------------------


def test_save_never_overwrites(tmp_path):
    existing = tmp_path / "my-contract.md"
    existing.write_text("An earlier contract", encoding="utf-8")
    model = ContractModel(save_path=existing)
    model.details = details()
    first = model.save()
    second = model.save()
    assert existing.read_text(encoding="utf-8") == "An earlier contract"
    assert (first.name, second.name) == ("my-contract-2.md", "my-contract-3.md")
    assert "Tuesday 16 June 2026" in first.read_text(encoding="utf-8")
    assert "my-contract.md already existed" in model.message


def test_save_with_problems_writes_nothing(tmp_path):
    model = ContractModel(save_path=tmp_path / "my-contract.md")
    assert model.save() is None
    assert list(tmp_path.iterdir()) == []
    assert model.message.startswith("Not ready yet:")


def test_unique_path_and_write_new_file(tmp_path):
    target = tmp_path / "a.md"
    assert unique_path(target) == target
    assert write_new_file(target, "one") == target
    assert write_new_file(target, b"two") == tmp_path / "a-2.md"
    assert target.read_text() == "one" and (tmp_path / "a-2.md").read_text() == "two"


# -- the widget --------------------------------------------------------------------------------


def test_contract_widget_end_to_end(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    widget = ContractGenerator()
    assert "First session: please choose a date" in widget.end_date.value

    control(widget, "First session").value = date(2026, 3, 3)
    assert "16 weekly sessions on Tuesdays" in widget.end_date.value
    assert "the last is on Tuesday 16 June 2026" in widget.end_date.value
    control(widget, "Number of sessions").value = 12
    assert "the last is on Tuesday 19 May 2026" in widget.end_date.value

    press(widget, "Save the contract")
    assert "Not ready yet" in widget.status.value and not (tmp_path / "my-contract.md").exists()

    control(widget, "Client").value = "Ruki"
    control(widget, "Therapist").value = "Sam Carter"
    control(widget, "Time (24-hour)").value = "2.30pm"
    control(widget, "Agreed focus").value = "the disagreement with Nadia about Mum's care"
    control(widget, GOALS).value = "I will talk to my sister about Mum's care by session 8\n\n"
    control(widget, "Sessions recorded (with consent)").value = True
    press(widget, "Preview the contract")
    assert "<table>" in widget.preview.value and "Tuesday 19 May 2026" in widget.preview.value
    assert "Every Tuesday at 14:30" in widget.preview.value
    assert widget.model.details.goals == ["I will talk to my sister about Mum's care by session 8"]

    press(widget, "Save the contract")
    saved = (tmp_path / "my-contract.md").read_text(encoding="utf-8")
    assert "audio recorded" in saved and "**12 weekly sessions**" in saved
    assert "Saved as my-contract.md" in widget.status.value


def test_contract_widget_shows_session_warning(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    widget = ContractGenerator()
    control(widget, "Client").value = "Ruki"
    control(widget, "Therapist").value = "Sam"
    control(widget, "First session").value = date(2026, 3, 3)
    control(widget, "Time (24-hour)").value = "10:00"
    control(widget, "Agreed focus").value = "grief"
    control(widget, GOALS).value = "I will visit Dad's grave with my brother by session 6"
    control(widget, "Number of sessions").value = 8
    press(widget, "Preview the contract")
    assert "outside the usual IPT contract" in widget.status.value
    assert "Contract ready" in widget.status.value


# -- planned breaks ----------------------------------------------------------------------------


def winter(**changes) -> ContractDetails:
    """14 weekly sessions on Mondays from 5 January 2026."""
    return details(sessions=14, start_date=date(2026, 1, 5), **changes)


def test_without_breaks_fourteen_mondays_end_on_6_april():
    assert session_dates(date(2026, 1, 5), 14)[-1] == date(2026, 4, 6)


def test_one_week_break_in_february_moves_the_end_by_a_week():
    breaks = parse_breaks(["18/02/2026: therapist's leave"])
    dates = session_dates(date(2026, 1, 5), 14, breaks)
    assert len(dates) == 14
    assert date(2026, 2, 16) not in dates
    assert dates[5:7] == [date(2026, 2, 9), date(2026, 2, 23)]
    assert dates[-1] == date(2026, 4, 13)


def test_a_range_skips_every_week_it_touches():
    breaks = parse_breaks(["16/02/2026 to 27/02/2026", date(2026, 4, 6)])
    slots = schedule(date(2026, 1, 5), 14, breaks)
    skipped = [s.day for s in slots if s.number is None]
    assert skipped == [date(2026, 2, 16), date(2026, 2, 23), date(2026, 4, 6)]
    assert slots[-1] == Slot(date(2026, 4, 27), 14)


def test_contract_lists_breaks_and_says_the_end_date_includes_them():
    text = write_contract(winter(breaks=["16/02/2026: my annual leave"]))
    assert "Our last session will be on Monday 13 April 2026." in text
    assert "| 6 | Monday 9 February 2026 |" in text
    assert (
        "| No session | Week of Monday 16 February 2026: planned break (my annual leave) |"
        in text
    )
    assert "| 7 | Monday 23 February 2026 |" in text and "| 14 | Monday 13 April 2026 |" in text
    assert "| 15 |" not in text
    assert "the week of Monday 16 February 2026 (my annual leave)" in text
    assert "already includes this week, and it stays fixed" in text
    assert "already allow for the planned breaks" in text and "stays fixed" in text


def test_contract_without_breaks_says_nothing_about_them():
    text = write_contract(winter())
    assert "Our last session will be on Monday 6 April 2026." in text
    assert "planned break" not in text.lower()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("29/12/2025", "is not after the week of the first session"),
        ("07/01/2026", "is not after the week of the first session"),
        ("20/04/2026", "is after the last session (Monday 13 April 2026)"),
        ("27/04/2026 to 08/05/2026", "is after the last session"),
        ("31/02/2026", "Planned breaks: '31/02/2026' is not a real calendar date"),
        ("next week", "Planned breaks: 'next week' is not a date"),
        ("20/02/2026 to 16/02/2026", "ends before it starts"),
    ],
)
def test_breaks_must_fall_inside_the_contract(entry, message):
    extra = [] if "after the last" not in message else ["16/02/2026"]
    with pytest.raises(ContractError, match=re.escape(message)):
        validate_contract(winter(breaks=[*extra, entry]))


def test_a_break_on_the_last_week_moves_the_end_instead():
    dates = session_dates(date(2026, 1, 5), 14, parse_breaks(["06/04/2026: Easter Monday"]))
    assert dates[-2:] == [date(2026, 3, 30), date(2026, 4, 13)]


def test_the_same_week_twice_is_reported_with_line_numbers():
    with pytest.raises(ContractError, match=r"week of Monday 16 February 2026 is listed twice "
                       r"\(lines 1 and 2\)"):
        parse_breaks(["16/02/2026", "19/02/2026: half-term"])


def test_long_breaks_warn():
    _start, _time, warnings = validate_contract(winter(breaks=["02/02/2026 to 20/02/2026"]))
    assert any("3 weeks of planned breaks" in w for w in warnings)


def test_contract_widget_with_a_break(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    widget = ContractGenerator(save_path="my-contract.md")
    control(widget, "First session").value = date(2026, 1, 5)
    control(widget, "Number of sessions").value = 14
    assert "the last is on Monday 6 April 2026" in widget.end_date.value
    control(widget, BREAKS).value = "16/02/2026: my annual leave\n"
    assert widget.model.details.breaks == ["16/02/2026: my annual leave"]
    assert "with 1 week of planned break: the last is on Monday 13 April 2026" in (
        widget.end_date.value
    )
    control(widget, BREAKS).value = "27/04/2026"
    assert "is after the last session (Monday 6 April 2026)" in widget.end_date.value

    control(widget, "Client").value = "Ruki"
    control(widget, "Therapist").value = "Sam Carter"
    control(widget, "Time (24-hour)").value = "10:00"
    control(widget, "Agreed focus").value = "the disagreement with Nadia about Mum's care"
    control(widget, GOALS).value = "I will talk to my sister about Mum's care by session 8"
    press(widget, "Save the contract")
    assert "Not ready yet" in widget.status.value and "after the last session" in (
        widget.status.value
    )
    assert not (tmp_path / "my-contract.md").exists()

    control(widget, BREAKS).value = "16/02/2026: my annual leave"
    press(widget, "Save the contract")
    saved = (tmp_path / "my-contract.md").read_text(encoding="utf-8")
    assert "Our last session will be on Monday 13 April 2026." in saved
    assert "Week of Monday 16 February 2026: planned break (my annual leave)" in saved
    assert "Week of Monday 16 February 2026" in widget.preview.value
