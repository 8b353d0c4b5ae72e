"""The interpersonal inventory and closeness circle: rules, files, drawing and widget."""

from __future__ import annotations

import io
import json
import math
from itertools import combinations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from ipt_course.tools.inventory import (
    NEW_PERSON,
    InventoryBuilder,
    InventoryError,
    InventoryModel,
    Person,
    balance_category,
    closeness_circle_figure,
    closeness_circle_png,
    example_inventory,
    inventory_guidance,
    ring_edges,
    validate_person,
)
from tests.screen import control, has_button, press, shown_html

NAMES = [
    "Mum",
    "Dad",
    "Nadia",
    "Imran",
    "Zain",
    "Auntie Farah",
    "Jo",
    "Choir friends",
    "D. (manager)",
    "Mrs K.",
    "Grandma",
    "Cousin Samira",
    "Dr Patel (GP)",
    "Bea",
    "Uncle T.",
]
RELATIONSHIPS = [
    "mother",
    "father",
    "younger sister",
    "husband",
    "son, 15",
    "aunt",
    "friend from work",
    "community choir",
    "line manager",
    "neighbour",
    "grandmother",
    "cousin",
    "family doctor",
    "old school friend",
    "uncle",
]


def fifteen_people(rings: list[int]) -> list[Person]:
    return [
        Person(name, relation, ring, (i * 2) % 6, (i * 3) % 6)
        for i, (name, relation, ring) in enumerate(zip(NAMES, RELATIONSHIPS, rings, strict=True))
    ]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(data)).size


# -- rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ring", 0, "ring: expected a whole number from 1 to 3"),
        ("ring", 4, "ring: expected a whole number from 1 to 3"),
        ("ring", "near", "ring: expected a whole number from 1 to 3"),
        ("support", 6, "support: expected a whole number from 0 to 5"),
        ("support", -1, "support: expected a whole number from 0 to 5"),
        ("conflict", 2.5, "conflict: expected a whole number from 0 to 5"),
        ("conflict", True, "conflict: expected a whole number from 0 to 5"),
        ("name", "   ", "name: please enter a name or initials"),
        ("contact", "hourly", "contact: expected one of"),
    ],
)
def test_bad_details_are_refused_with_a_clear_message(field, value, message):
    person = Person(name="Nadia", ring=1, support=2, conflict=4)
    setattr(person, field, value)
    with pytest.raises(InventoryError, match=message):
        validate_person(person)


def test_valid_details_are_cleaned():
    person = validate_person(
        Person(
            name="  Nadia ",
            relationship=" sister ",
            ring="1",
            support=2.0,
            conflict=5,
            contact="Weekly",
        )
    )
    assert (person.name, person.relationship, person.ring, person.support) == (
        "Nadia",
        "sister",
        1,
        2,
    )


@pytest.mark.parametrize(
    ("support", "conflict", "expected"),
    [
        (5, 0, "supportive"),
        (1, 4, "conflict"),
        (4, 4, "mixed"),
        (2, 2, "mixed"),
        (0, 1, "little"),
        (3, 5, "mixed"),
        (2, 1, "supportive"),
    ],
)
def test_balance_category(support, conflict, expected):
    assert balance_category(support, conflict) == expected


def test_duplicate_names_are_refused(tmp_path):
    model = InventoryModel(save_path=tmp_path / "inv.json")
    model.add(Person(name="Nadia", ring=1))
    with pytest.raises(InventoryError, match="already in the inventory"):
        model.add(Person(name="nadia", ring=2))
    assert len(model.people) == 1


# -- saving and loading --------------------------------------------------------------------


def test_save_and_reload_round_trip(tmp_path):
    path = tmp_path / "my-inventory.json"
    model = InventoryModel(save_path=path)
    model.add(
        Person(
            name="Nadia",
            relationship="sister",
            ring=1,
            support=1,
            conflict=5,
            contact="Weekly",
            client_expects="Share visits to Mum",
            changes_at_onset="Rows since Mum's stroke",
        )
    )
    model.add(Person(name="Jo", relationship="friend", ring=2, support=4))
    model.update("Jo", Person(name="Jo", relationship="friend from work", ring=2, support=5))

    reopened = InventoryModel(save_path=path)
    assert reopened.people == model.people
    assert reopened.people[0].changes_at_onset == "Rows since Mum's stroke"
    assert "Loaded 2 people" in reopened.message
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["kind"] == "ipt-interpersonal-inventory" and saved["format"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["my-inventory.json"]  # no temp files left


def test_remove_is_saved(tmp_path):
    path = tmp_path / "inv.json"
    model = InventoryModel(save_path=path)
    model.add(Person(name="A"))
    model.add(Person(name="B"))
    model.remove("A")
    assert [p.name for p in InventoryModel(save_path=path).people] == ["B"]


def test_corrupt_file_is_kept_and_reported(tmp_path):
    path = tmp_path / "my-inventory.json"
    path.write_text('{"kind": "ipt-interpersonal-inventory", "people": [', encoding="utf-8")
    original = path.read_bytes()

    model = InventoryModel(save_path=path)

    assert model.people == []
    kept = [p for p in tmp_path.iterdir() if p.name != "my-inventory.json"]
    assert len(kept) == 1 and kept[0].read_bytes() == original
    assert kept[0].name.startswith("my-inventory.unreadable-")
    assert "could not be read" in model.message and kept[0].name in model.message
    model.add(Person(name="New"))  # the trainee can carry on; the kept copy is untouched
    assert kept[0].read_bytes() == original


def test_invalid_entry_in_file_names_the_key_path(tmp_path):
    path = tmp_path / "my-inventory.json"
    document = {
        "kind": "ipt-interpersonal-inventory",
        "format": 1,
        "client": "R",
        "people": [{"name": "A", "ring": 1}, {"name": "B", "ring": 7}],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    model = InventoryModel(save_path=path)
    assert "people[1].ring: expected a whole number from 1 to 3, got 7" in model.message
    assert any(p.name.startswith("my-inventory.unreadable-") for p in tmp_path.iterdir())


def test_load_example_keeps_a_copy_of_earlier_work(tmp_path):
    path = tmp_path / "my-inventory.json"
    model = InventoryModel(save_path=path)
    model.add(Person(name="Trainee's own entry"))
    backup = model.load_example()
    assert backup is not None and backup.exists()
    assert "Trainee's own entry" in backup.read_text(encoding="utf-8")
    assert model.client_label == "Nadia" and len(model.people) == 8
    assert backup.name in model.message


def test_dataframe_has_plain_headings(tmp_path):
    model = InventoryModel(save_path=None)
    assert list(model.to_dataframe().columns)[:5] == [
        "Name",
        "Relationship",
        "Ring",
        "Support (0-5)",
        "Conflict (0-5)",
    ]
    model.add(Person(name="Nadia", ring=1, conflict=5))
    frame = model.to_dataframe()
    assert frame.loc[0, "Name"] == "Nadia" and frame.loc[0, "Conflict (0-5)"] == 5


def test_example_and_guidance_content():
    client, people = example_inventory()
    assert client == "Nadia" and {p.ring for p in people} == {1, 2, 3}
    imran = next(p for p in people if p.name == "Imran")
    assert imran.balance() == "conflict" and "night shifts" in imran.changes_at_onset
    guidance = inventory_guidance()
    assert "Dietz, Weinberg and Mufson, 2018" in guidance["help"]
    assert "present" in guidance["present_focus"]
    assert len(guidance["prompts"]) >= 5


# -- the drawing ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 15])
def test_drawing_is_a_png_of_sensible_size(count):
    people = fifteen_people([1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3])[:count]
    width, height = png_size(closeness_circle_png(people, "Ruki"))
    assert 700 <= width <= 1200 and 700 <= height <= 1200


def _text_boxes(people: list[Person]):
    figure = closeness_circle_figure(people, "Ruki")
    renderer = FigureCanvasAgg(figure).get_renderer()
    ax = figure.axes[0]
    return figure, [
        (t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if t.get_text().strip()
    ]


@pytest.mark.parametrize(
    "rings",
    [
        [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3],
        [1] * 15,
        [3] * 15,
        [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3],
        [2] * 10 + [3] * 5,
    ],
)
def test_fifteen_labels_do_not_overlap(rings):
    people = fifteen_people(rings)
    figure, boxes = _text_boxes(people)
    shown = [text for text, _box in boxes]
    for person in people:
        assert person.name in shown
    for (text_a, a), (text_b, b) in combinations(boxes, 2):
        assert not a.overlaps(b), f"{text_a!r} overlaps {text_b!r}"
    width, height = figure.bbox.width, figure.bbox.height
    for text, box in boxes:
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, text


@pytest.mark.parametrize(
    "rings",
    [[1] * 15, [3] * 15, [1, 2, 3] * 5, [2] * 14 + [1], [1, 3] * 7 + [2]],
)
def test_every_marker_sits_inside_its_own_ring(rings):
    people = fifteen_people(rings)
    edges = ring_edges(people)
    figure = closeness_circle_figure(people, "Ruki")
    markers = [line for line in figure.axes[0].lines if len(line.get_xdata()) == 1]
    assert len(markers) == len(people)
    for person, marker in zip(people, markers, strict=True):
        distance = math.hypot(marker.get_xdata()[0], marker.get_ydata()[0])
        assert edges[person.ring - 1] + 0.1 < distance < edges[person.ring] - 0.1, person.name


def test_labels_stay_readable_for_the_example():
    client, people = example_inventory()
    figure = closeness_circle_figure(people, client)
    sizes = {t.get_fontsize() for t in figure.axes[0].texts if t.get_text() == "Imran"}
    assert sizes and min(sizes) >= 10


def test_legend_explains_support_and_conflict():
    figure = closeness_circle_figure([Person(name="A")], "Ruki")
    labels = [t.get_text() for t in figure.legends[0].get_texts()]
    assert labels == [
        "Mainly supportive",
        "Support and conflict",
        "Mainly conflict",
        "Little of either",
    ]


def test_export_png_never_overwrites(tmp_path):
    model = InventoryModel(save_path=tmp_path / "my-inventory.json")
    model.add(Person(name="Nadia", ring=1))
    first = model.export_png()
    first_bytes = first.read_bytes()
    model.add(Person(name="Jo", ring=2))
    second = model.export_png()
    assert (first.name, second.name) == ("closeness-circle.png", "closeness-circle-2.png")
    assert first.read_bytes() == first_bytes and second.read_bytes() != first_bytes
    assert "closeness-circle-2.png" in model.message
    # Where the picture is, and how to get it out of JupyterLab.
    assert f"in the folder {tmp_path.name}" in model.message
    assert "right-click it and choose Download" in model.message


# -- the widget, driven headless ------------------------------------------------------------


@pytest.fixture
def builder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return InventoryBuilder()


def test_adding_a_person_through_the_form(builder, tmp_path):
    control(builder, "Name or initials").value = "Nadia"
    control(builder, "Relationship").value = "younger sister"
    control(builder, "Ring").value = 1
    control(builder, "Support (0-5)").value = 1
    control(builder, "Conflict (0-5)").value = 5
    control(builder, "Contact").value = "Weekly"
    control(builder, "Disappointing now").value = "Rows about care home fees"
    press(builder, "Add person")

    assert builder.model.people == [
        Person(
            name="Nadia",
            relationship="younger sister",
            ring=1,
            support=1,
            conflict=5,
            contact="Weekly",
            disappointments="Rows about care home fees",
        )
    ]
    assert "Added Nadia" in builder.status.value
    assert "Rows about care home fees" in builder.table.value
    assert png_size(builder.picture.png)[0] > 0
    assert (tmp_path / "my-inventory.json").exists()
    assert control(builder, "Name or initials").value == ""  # the form is ready for the next person


def test_editing_and_removing_through_the_form(builder):
    control(builder, "Name or initials").value = "Jo"
    press(builder, "Add person")
    control(builder, "Person").value = "Jo"
    assert has_button(builder, "Save changes")
    control(builder, "Support (0-5)").value = 4
    control(builder, "Ring").value = 3
    press(builder, "Save changes")
    assert builder.model.get("Jo").support == 4 and builder.model.get("Jo").ring == 3

    press(builder, "Remove person")
    assert len(builder.model.people) == 1 and "again" in builder.status.value
    press(builder, "Remove person")
    assert builder.model.people == []


def test_client_name_is_saved_and_drawn(builder, tmp_path):
    control(builder, "Client (centre)").value = "N.R."
    assert builder.model.client_label == "N.R."
    again = InventoryModel(save_path=tmp_path / "my-inventory.json")
    assert again.client_label == "N.R."
    control(builder, "Client (centre)").value = "  "
    assert builder.model.client_label == "N.R." and "Please enter" in builder.status.value
    figure = closeness_circle_figure([], builder.model.client_label)
    assert "Closeness circle: N.R." in figure.get_suptitle()


def test_form_errors_are_shown_not_raised(builder):
    press(builder, "Add person")
    assert "Not saved: name: please enter a name or initials" in builder.status.value
    assert builder.model.people == []


def test_widget_reloads_saved_work_and_shows_help(builder, tmp_path):
    control(builder, "Name or initials").value = "Mum"
    press(builder, "Add person")
    again = InventoryBuilder(save_path=tmp_path / "my-inventory.json")
    assert [p.name for p in again.model.people] == ["Mum"]
    assert control(again, "Person").options == (NEW_PERSON, "Mum")
    assert "Dietz, Weinberg and Mufson, 2018" in shown_html(again)
    assert "present" in shown_html(again)


def test_example_button_asks_before_replacing(builder, tmp_path):
    control(builder, "Name or initials").value = "Mine"
    press(builder, "Add person")
    press(builder, "Load the course example")
    assert [p.name for p in builder.model.people] == ["Mine"]
    assert "Click 'Load the course example' again" in builder.model.message
    press(builder, "Load the course example")
    assert "Rokeya" in builder.table.value and "Has died" in builder.table.value
    assert (tmp_path / "my-inventory-before-example.json").exists()


def test_export_button_writes_png_beside_the_notebook(builder, tmp_path):
    press(builder, "Save the drawing as PNG")
    assert (tmp_path / "closeness-circle.png").read_bytes()[:4] == b"\x89PNG"
    assert "closeness-circle.png" in builder.status.value


def test_save_failure_is_reported_not_raised(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    model = InventoryModel(save_path=blocker / "inv.json")
    model.add(Person(name="A"))
    assert [p.name for p in model.people] == ["A"]
    assert "could not be saved" in model.message
