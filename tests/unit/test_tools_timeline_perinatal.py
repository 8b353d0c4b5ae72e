"""The perinatal timeline (Day 4): its kinds and shapes, old files, the Day 1 tool unchanged."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ipt_course.tools.timeline import (
    ALL_KINDS,
    EVENT_KINDS,
    PERINATAL_KINDS,
    KindsDataError,
    TimelineBuilder,
    example_data,
    parse_perinatal_kinds,
    perinatal_kinds,
    timeline_alt_text,
    timeline_figure,
)
from ipt_course.tools.timeline.drawing import KIND_MARKERS, kind_style
from tests.screen import control, has_button, press, shown_html, tab, walk

REPO = Path(__file__).resolve().parents[2]
SAVED = Path(__file__).parent / "fixtures" / "saved"
LOSSES = ("Miscarriage", "Ectopic pregnancy", "Stillbirth", "Neonatal death",
          "Termination for medical reasons")


def kind_labels(builder: TimelineBuilder) -> list[str]:
    return [label for label, _key in control(builder, "Kind").options]


def add_event(builder: TimelineBuilder, month: int, year: str, label: str, kind: str) -> None:
    events = tab(builder, "Life events")
    control(events, "When").value = month
    control(events, "Year").value = year
    control(builder, "Label").value = label
    control(builder, "Kind").value = kind
    press(builder, "Add event")


def legend_of(builder: TimelineBuilder) -> dict[str, object]:
    """The legend entries of the drawn timeline: label -> the handle drawn beside it."""
    legend = timeline_figure(builder.model).axes[1].get_legend()
    return {text.get_text(): handle for text, handle in
            zip(legend.get_texts(), legend.legend_handles, strict=True)}


def test_the_perinatal_kinds_load_and_each_is_drawn_with_its_own_shape() -> None:
    kinds = perinatal_kinds()
    labels = [kind.label for kind in kinds]
    assert {"Pregnancy", "Birth", "Due date", "Anniversary of a loss", *LOSSES} == set(labels)
    assert {kind.group for kind in kinds} == {"pregnancy", "loss", "anniversary"}
    assert all(kind.hint for kind in kinds)
    markers = [KIND_MARKERS[key] for key in ALL_KINDS]
    assert len(set(markers)) == len(ALL_KINDS), "two kinds share a shape"
    assert kind_style("due_date")["markerfacecolor"] == "white"
    assert kind_style("due_date")["linestyle"] == ":"
    assert kind_style("stillbirth")["markerfacecolor"] != "white"


def test_the_uk_definitions_shown_are_the_reference_packs() -> None:
    hints = {kind.id: kind.hint for kind in perinatal_kinds()}
    assert "before 24 weeks" in hints["miscarriage"]
    assert "24 weeks of pregnancy or later" in hints["stillbirth"]
    assert "within 28 days" in hints["neonatal_death"]


@pytest.mark.parametrize(("change", "message"), [
    (lambda kinds: kinds[1].pop("label"), "perinatal_kinds.yaml: kinds[1].label: this key is "
                                          "required but missing"),
    (lambda kinds: kinds[0].update(group="sorrow"), "kinds[0].group"),
    (lambda kinds: kinds[2].update(id="loss"), "already one of the Day 1 kinds"),
    (lambda kinds: kinds[3].update(id=kinds[2]["id"]), "kinds[3].id: 'miscarriage' is listed "
                                                       "twice"),
    (lambda kinds: kinds[0].update(hint="   "), "kinds[0].hint: expected non-empty text"),
])
def test_a_broken_kinds_file_names_the_entry_and_key(change, message: str) -> None:
    kinds = [kind.model_dump() for kind in perinatal_kinds()]
    change(kinds)
    with pytest.raises(KindsDataError, match=re.escape(message)):
        parse_perinatal_kinds({"kinds": kinds})


def test_the_day_1_builder_is_unchanged(tmp_path: Path) -> None:
    builder = TimelineBuilder(save_path=tmp_path / "my-timeline.json")
    assert kind_labels(builder) == list(EVENT_KINDS.values())
    assert "Perinatal" not in shown_html(builder)
    assert not any(getattr(w, "titles", None) == ("About the perinatal kinds",)
                   for w in walk(builder))
    assert builder.model.title == "My timeline"


def test_the_perinatal_builder_offers_pregnancies_losses_births_and_anniversaries(
        tmp_path: Path) -> None:
    builder = TimelineBuilder(save_path=tmp_path / "my-perinatal-timeline.json", perinatal=True)
    assert kind_labels(builder) == [*EVENT_KINDS.values(), *PERINATAL_KINDS.values()]
    assert "Perinatal timeline" in shown_html(builder)
    about = tab(builder, "About the perinatal kinds").value
    assert "Stillbirth" in about and "before 24 weeks" in about


def test_bethans_timeline_is_saved_reloaded_and_drawn_with_its_kinds(tmp_path: Path) -> None:
    path = tmp_path / "my-perinatal-timeline.json"
    builder = TimelineBuilder(save_path=path, perinatal=True)
    add_event(builder, 6, "2024", "Miscarriage at 9 weeks (month to ask)", "miscarriage")
    add_event(builder, 7, "2026", "Osian stillborn at 37 weeks", "stillbirth")
    assert "Added the event “Osian stillborn at 37 weeks” (Jul 2026)" in builder.message.value
    add_event(builder, 8, "2026", "Osian's due date", "due_date")
    add_event(builder, 7, "2027", "First anniversary of Osian's death", "loss_anniversary")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["kind"] == "ipt-timeline"
    assert [e["kind"] for e in saved["events"]] == [
        "miscarriage", "stillbirth", "due_date", "loss_anniversary"]

    again = TimelineBuilder(save_path=path, perinatal=True)
    assert [label for label, _index in control(again, "Events").options] == [
        "Jun 2024 · Miscarriage · Miscarriage at 9 weeks (month to ask)",
        "Jul 2026 · Stillbirth · Osian stillborn at 37 weeks",
        "Aug 2026 · Due date · Osian's due date",
        "Jul 2027 · Anniversary of a loss · First anniversary of Osian's death",
    ]
    legend = legend_of(again)
    assert list(legend) == ["Miscarriage", "Stillbirth", "Due date", "Anniversary of a loss"]
    shapes = [handle.get_marker() for handle in legend.values()]
    assert len(set(shapes)) == 4
    assert legend["Due date"].get_markerfacecolor() == "white"
    assert "Stillbirth 1" in timeline_alt_text(again.model)


@pytest.mark.parametrize("name", ["timeline-format1-no-kind.json", "timeline-format1.json"])
def test_old_timeline_files_open_in_the_perinatal_builder(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    shutil.copyfile(SAVED / name, path)
    builder = TimelineBuilder(save_path=path, perinatal=True)
    assert builder.model.title == "Nadia's timeline"
    assert [e.describe() for e in builder.model.events] == [
        "Feb 2024 · Life change · Baby born",
        "Apr 2024 · Dispute or conflict · Rokeya moved in",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    add_event(builder, 7, "2024", "Anniversary of her mother's death", "loss_anniversary")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["kind"] == "ipt-timeline" and len(saved["events"]) == 3


def test_a_perinatal_file_opened_in_the_day_1_builder_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "my-timeline.json"
    perinatal = TimelineBuilder(save_path=path, perinatal=True)
    add_event(perinatal, 7, "2026", "Osian stillborn at 37 weeks", "stillbirth")
    day1 = TimelineBuilder(save_path=path)
    assert [e.kind for e in day1.model.events] == ["stillbirth"]
    assert "Stillbirth" in kind_labels(day1)
    control(day1, "Events").value = 0
    assert control(day1, "Kind").value == "stillbirth"
    control(day1, "Label").value = "Osian stillborn"
    press(tab(day1, "Life events"), "Save changes to selected")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["events"] == [{"date": "2026-07", "label": "Osian stillborn",
                                "kind": "stillbirth"}]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-timeline.json"]


def test_the_perinatal_example_is_meis_timeline_with_the_new_kinds(tmp_path: Path) -> None:
    builder = TimelineBuilder(save_path=tmp_path / "my-perinatal-timeline.json", perinatal=True)
    assert has_button(builder, "Show the course example")
    press(builder, "Show the course example")
    assert "Mei" in builder.model.title
    kinds = {event.kind for event in builder.model.events}
    assert {"miscarriage", "pregnancy", "birth", "loss_anniversary"} <= kinds
    day1 = example_data()
    assert [m.when.iso for m in builder.model.moods] == [m["date"] for m in day1["moods"]]


def _day1_table() -> list[tuple[str, str, int]]:
    """Mei's timeline as the Day 1 notebook teaches it: (YYYY-MM, kind, mood) per row."""
    notebook = json.loads((REPO / "curriculum/day1/04-assessment-session-2.ipynb").read_text(
        encoding="utf-8"))
    text = next("".join(cell["source"]) for cell in notebook["cells"]
                if "### Mei's timeline" in "".join(cell["source"]))
    rows = re.findall(r"^\| (\d\d)/(\d{4}) \| .+? \| (\w+) \| (\d+) \|$", text, re.MULTILINE)
    return [(f"{year}-{month}", kind, int(mood)) for month, year, kind, mood in rows]


def test_the_day_1_example_is_mei_as_the_day_1_notebook_tells_it() -> None:
    data = example_data()
    text = json.dumps(data)
    assert "Mei" in data["title"]
    assert not re.search(r"Amara|Lagos|Kemi", text)
    table = _day1_table()
    assert len(table) == 13
    assert sorted((e["date"], e["kind"]) for e in data["events"]) == sorted(
        (date, kind) for date, kind, _mood in table)
    moods = {m["date"]: m["rating"] for m in data["moods"]}
    assert set(moods) == {date for date, _kind, _mood in table}
    for date, _kind, mood in table:
        assert moods[date] <= mood, f"{date}: the example's mood is not one the notebook gives"
