"""Timeline: validation, save/reload round trip, corrupted files kept, the view and the plot."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ipt_course.tools.timeline import (
    MonthYear,
    TimelineBuilder,
    TimelineError,
    TimelineModel,
    TimelineStore,
    make_event,
    make_month_year,
    make_rating,
    parse_month_year,
)
from tests.screen import control, press, select_tab, tab

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03", MonthYear(2024, 3)), ("03/2024", MonthYear(2024, 3)),
    ("3/2024", MonthYear(2024, 3)), ("Mar 2024", MonthYear(2024, 3)),
    ("march 2024", MonthYear(2024, 3)), ("Sept 2023", None),
])
def test_parse_month_year(text: str, expected: MonthYear | None) -> None:
    if expected is None:
        with pytest.raises(TimelineError, match="not a date I can read"):
            parse_month_year(text)
    else:
        assert parse_month_year(text) == expected


@pytest.mark.parametrize(("month", "year", "message"), [
    (None, "2024", "Choose a month"),
    (0, "2024", "Choose a month"),
    (3, "", "Enter a year"),
    (3, "24", "four digits"),
    (3, "twenty", "four digits"),
    (13, "2024", "month must be 1 to 12"),
    (3, "1850", "between 1900 and"),
    (3, str(date.today().year + 3), "between 1900 and"),
])
def test_bad_dates_give_clear_messages(month: object, year: str, message: str) -> None:
    with pytest.raises(TimelineError, match=message):
        make_month_year(month, year)


def test_label_and_rating_validation() -> None:
    when = MonthYear(2024, 3)
    with pytest.raises(TimelineError, match="short label"):
        make_event(when, "   ", "loss")
    with pytest.raises(TimelineError, match="60 characters or fewer"):
        make_event(when, "x" * 61, "loss")
    with pytest.raises(TimelineError, match="kind must be one of loss, dispute, change, other"):
        make_event(when, "Moved house", "holiday")
    for bad in (-1, 11):
        with pytest.raises(TimelineError, match="from 0 to 10"):
            make_rating(when, bad)
    with pytest.raises(TimelineError, match="whole number"):
        make_rating(when, 4.5)
    assert make_event(when, "  Father   died ", "loss").label == "Father died"


def test_one_mood_rating_per_month() -> None:
    model = TimelineModel()
    model.add_mood(make_rating(MonthYear(2024, 3), 4))
    with pytest.raises(TimelineError, match="already a mood rating for Mar 2024"):
        model.add_mood(make_rating(MonthYear(2024, 3), 6))
    model.update_mood(0, make_rating(MonthYear(2024, 3), 6))
    assert [m.rating for m in model.moods] == [6]


def test_save_and_reload_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "my-timeline.json"
    model = TimelineModel(title="Practice")
    model.add_event(make_event(MonthYear(2024, 7), "Baby born", "change"))
    model.add_event(make_event(MonthYear(2024, 3), "Father died", "loss"))
    model.add_mood(make_rating(MonthYear(2024, 4), 3))
    TimelineStore(path).save(model)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["events"][0] == {"date": "2024-03", "label": "Father died", "kind": "loss"}
    assert saved["format"] == 1
    reloaded = TimelineModel()
    assert TimelineStore(path).load_into(reloaded) == []
    assert reloaded.events == model.events
    assert reloaded.moods == model.moods
    assert reloaded.title == "Practice"
    assert not list(tmp_path.glob(".*.tmp"))


def test_view_adds_edits_deletes_and_autosaves(tmp_path: Path) -> None:
    path = tmp_path / "my-timeline.json"
    builder = TimelineBuilder(save_path=path)
    control(tab(builder, "Life events"), "When").value = 3
    control(tab(builder, "Life events"), "Year").value = "2024"
    control(builder, "Label").value = "Father died"
    control(builder, "Kind").value = "loss"
    press(builder, "Add event")
    assert "Added the event “Father died” (Mar 2024)" in builder.message.value
    assert json.loads(path.read_text())["events"][0]["label"] == "Father died"
    first = control(builder, "Events").options[0][0]
    assert first == "Mar 2024 · Loss or bereavement · Father died"

    control(builder, "Events").value = 0
    assert control(builder, "Label").value == "Father died"
    control(builder, "Label").value = "Father died suddenly"
    press(tab(builder, "Life events"), "Save changes to selected")
    assert json.loads(path.read_text())["events"][0]["label"] == "Father died suddenly"

    select_tab(builder, "Mood ratings")
    control(tab(builder, "Mood ratings"), "When").value = 4
    control(tab(builder, "Mood ratings"), "Year").value = "2024"
    control(builder, "Mood").value = 3
    press(builder, "Add rating")
    assert json.loads(path.read_text())["moods"] == [{"date": "2024-04", "rating": 3}]

    control(builder, "Events").value = 0
    press(tab(builder, "Life events"), "Delete selected")
    assert "Deleted the event" in builder.message.value
    assert json.loads(path.read_text())["events"] == []

    again = TimelineBuilder(save_path=path)
    assert [m.rating for m in again.model.moods] == [3]
    assert "Loaded your timeline" in again.status.value


def test_view_shows_validation_errors_and_saves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "my-timeline.json"
    builder = TimelineBuilder(save_path=path)
    control(tab(builder, "Life events"), "When").value = 3
    control(tab(builder, "Life events"), "Year").value = "20x4"
    control(builder, "Label").value = "Moved"
    press(builder, "Add event")
    assert "Please check this entry" in builder.message.value
    assert "four digits" in builder.message.value
    control(tab(builder, "Life events"), "Year").value = "2024"
    control(builder, "Label").value = ""
    press(builder, "Add event")
    assert "short label" in builder.message.value
    press(tab(builder, "Life events"), "Delete selected")
    assert "Select a event" not in builder.message.value
    assert "First select the event in the list." in builder.message.value
    assert not path.exists()


def test_corrupted_file_is_kept_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "my-timeline.json"
    path.write_text('{"events": [ {"date": "2024-03", ', encoding="utf-8")
    builder = TimelineBuilder(save_path=path)
    copies = list(tmp_path.glob("my-timeline.unreadable-*.json"))
    assert len(copies) == 1
    assert copies[0].read_text(encoding="utf-8") == '{"events": [ {"date": "2024-03", '
    assert "could not be read" in builder.message.value
    assert copies[0].name in builder.message.value
    assert builder.model.is_empty


def test_partly_bad_file_keeps_good_entries_and_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "my-timeline.json"
    original = json.dumps({"events": [
        {"date": "2024-03", "label": "Father died", "kind": "loss"},
        {"date": "March", "label": "Bad date", "kind": "loss"},
    ], "moods": [{"date": "2024-04", "rating": 14}]})
    path.write_text(original, encoding="utf-8")
    builder = TimelineBuilder(save_path=path)
    assert [e.label for e in builder.model.events] == ["Father died"]
    assert builder.model.moods == []
    shown = builder.message.value
    assert "events[1]" in shown and "not a date I can read" in shown
    assert "moods[0]" in shown and "from 0 to 10" in shown
    copies = list(tmp_path.glob("my-timeline.original-*.json"))
    assert [c.read_text(encoding="utf-8") for c in copies] == [original]


def test_example_asks_before_replacing_and_keeps_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "my-timeline.json"
    builder = TimelineBuilder(save_path=path)
    builder.model.add_event(make_event(MonthYear(2023, 1), "Own event", "other"))
    builder.store.save(builder.model)
    press(builder, "Show the course example")
    assert "Replace your timeline" in builder.message.value
    assert [e.label for e in builder.model.events] == ["Own event"]
    press(builder, "Show the course example")
    assert "Loaded the course example" in builder.message.value
    assert len(builder.model.events) >= 5 and len(builder.model.moods) >= 5
    kinds = {event.kind for event in builder.model.events}
    assert {"loss", "dispute", "change"} <= kinds
    kept = list(tmp_path.glob("my-timeline.before-example-*.json"))
    assert len(kept) == 1 and "Own event" in kept[0].read_text(encoding="utf-8")


def test_plot_and_png_export(tmp_path: Path) -> None:
    builder = TimelineBuilder(save_path=tmp_path / "my-timeline.json")
    assert builder.picture.png.startswith(PNG_SIGNATURE)
    builder.load_example()
    press(builder, "Export picture (PNG)")
    exported = tmp_path / "my-timeline.png"
    assert exported.read_bytes().startswith(PNG_SIGNATURE)
    assert "Picture saved as my-timeline.png" in builder.message.value


def test_unopenable_save_path_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "my-timeline.json"
    path.mkdir()
    builder = TimelineBuilder(save_path=path)
    assert "could not be opened" in builder.message.value
    control(tab(builder, "Life events"), "When").value = 5
    control(tab(builder, "Life events"), "Year").value = "2024"
    control(builder, "Label").value = "Moved house"
    press(builder, "Add event")
    assert "Your timeline was not saved" in builder.message.value
    assert "was not overwritten" in builder.message.value
    assert path.is_dir()
    assert [e.label for e in builder.model.events] == ["Moved house"]


def test_corrupted_file_that_cannot_be_copied_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "my-timeline.json"
    path.write_text("not json", encoding="utf-8")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("ipt_course.kit.saved.keep_aside", refuse)
    builder = TimelineBuilder(save_path=path)
    assert "No copy of my-timeline.json could be made" in builder.message.value
    builder.model.add_event(make_event(MonthYear(2024, 1), "New job", "change"))
    builder.save()
    assert path.read_text(encoding="utf-8") == "not json"
    assert "was not overwritten" in builder.message.value


def test_example_over_an_unopenable_file_is_shown_but_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "my-timeline.json"
    path.mkdir()
    builder = TimelineBuilder(save_path=path)
    press(builder, "Show the course example")
    assert "Loaded the course example" in builder.message.value
    assert "It was not saved" in builder.message.value
    assert len(builder.model.events) > 5
    assert path.is_dir()
