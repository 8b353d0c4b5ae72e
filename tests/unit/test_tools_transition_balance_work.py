"""Transition balance sheet: saving and reloading the sheet, and the widget driven headless."""

from __future__ import annotations

import html
import json
import re
import subprocess
from html.parser import HTMLParser

import pytest

from ipt_course.tools.transition_balance import (
    MAX_ENTRIES,
    BalanceError,
    BalanceModel,
    Entry,
    TransitionBalanceSheet,
    make_entry,
)
from tests.screen import button, control, press, select_tab, tab
from tests.unit.test_tools_transition_balance import (
    NADIA,
    NEW,
    OLD,
    ROW_LABELS,
    nadia_entries,
)


class TableCells(HTMLParser):
    """The table's cells as text: {(row heading, column index): text}."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, int], str] = {}
        self._row: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        if tag in ("td", "th"):
            self._text = []
        if tag == "li" and self._text is not None:
            self._text.append(" | ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._text is not None:
            self._row.append("".join(self._text).strip())
            self._text = None
        if tag == "tr" and self._row and self._row[0] in ROW_LABELS.values():
            for index, text in enumerate(self._row[1:]):
                self.cells[(self._row[0], index)] = text

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def table_cells(page: str) -> dict[tuple[str, int], str]:
    parser = TableCells()
    parser.feed(page)
    return parser.cells


# -- saving and reloading ------------------------------------------------------------------


def fill(model: BalanceModel, entries: list[Entry]) -> None:
    model.set_name("client", "Nadia")
    model.set_name("old_role", OLD)
    model.set_name("new_role", NEW)
    for entry in entries:
        model.add(entry)


def test_the_sheet_is_saved_as_it_changes_and_comes_back_in_order(tmp_path):
    path = tmp_path / "my-transition-balance.json"
    model = BalanceModel(save_path=path)
    assert "will be saved in my-transition-balance.json" in model.status.text
    fill(model, list(reversed(nadia_entries())))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["kind"], saved["format"], saved["old_role"]) == (
        "ipt-transition-balance", 1, OLD)
    assert saved["entries"][0] == {"side": "old", "section": "gives",
                                   "text": "Feeding him when he wants"}
    again = BalanceModel(save_path=path)
    assert (again.client, again.old_role, again.new_role) == ("Nadia", OLD, NEW)
    assert [e.section for e in again.entries] == [e.section for e in model.entries]
    assert again.status.text == ("Loaded your balance sheet (25 entries) from "
                                 "my-transition-balance.json.")


def test_entries_are_changed_deleted_and_never_doubled(tmp_path):
    model = BalanceModel(save_path=tmp_path / "b.json")
    fill(model, [make_entry("old", "gives", "Colleagues"), make_entry("old", "costs", "Marking")])
    with pytest.raises(BalanceError, match="already on the sheet"):
        model.add(make_entry("old", "gives", "Colleagues"))
    model.update(0, make_entry("old", "gives", "Colleagues who were friends"))
    with pytest.raises(BalanceError, match="already on the sheet"):
        model.update(1, make_entry("old", "gives", "Colleagues who were friends"))
    model.delete(1)
    assert [e.text for e in BalanceModel(save_path=tmp_path / "b.json").entries] == [
        "Colleagues who were friends"]
    with pytest.raises(BalanceError, match="Pick an entry"):
        model.delete(None)


def test_the_sheet_holds_a_limited_number_of_entries():
    model = BalanceModel(save_path=None)
    for number in range(MAX_ENTRIES):
        model.add(make_entry("old", "gives", f"Point {number}"))
    with pytest.raises(BalanceError, match=f"holds up to {MAX_ENTRIES} entries"):
        model.add(make_entry("old", "gives", "One more"))


def test_an_overlong_role_is_refused_with_a_message_and_the_saved_one_kept(tmp_path):
    model = BalanceModel(save_path=tmp_path / "b.json")
    model.set_name("old_role", OLD)
    assert not model.set_name("old_role", "x" * 500)
    assert model.status.level == "warning" and "60 characters or fewer" in model.status.text
    assert BalanceModel(save_path=tmp_path / "b.json").old_role == OLD


def test_two_kernels_with_one_sheet_keep_each_others_entries(tmp_path):
    path = tmp_path / "b.json"
    first, second = BalanceModel(save_path=path), BalanceModel(save_path=path)
    first.add(make_entry("old", "gives", "Colleagues"))
    second.add(make_entry("new", "gives", "Ruby's laugh"))
    first.set_name("old_role", "Head of year")
    second.update(0, make_entry("old", "gives", "Colleagues who were friends"))
    again = BalanceModel(save_path=path)
    assert [e.text for e in again.entries] == ["Colleagues who were friends", "Ruby's laugh"]
    assert again.old_role == "Head of year"


def test_a_new_sheet_keeps_a_copy_of_the_old_one(tmp_path):
    path = tmp_path / "my-transition-balance.json"
    model = BalanceModel(save_path=path)
    fill(model, nadia_entries()[:3])
    copy_path = model.new_sheet()
    assert copy_path.name == "my-transition-balance-previous.json"
    assert "kept as my-transition-balance-previous.json" in model.status.text
    assert len(json.loads(copy_path.read_text(encoding="utf-8"))["entries"]) == 3
    assert (model.entries, model.old_role) == ([], "")
    assert BalanceModel(save_path=path).entries == []


def test_a_damaged_sheet_is_set_aside_and_work_goes_on(tmp_path):
    path = tmp_path / "my-transition-balance.json"
    path.write_text('{"kind": "ipt-transition-balance", "format": 1, "entries": '
                    '[{"side": "left", "section": "gives", "text": "x"}]}', encoding="utf-8")
    model = BalanceModel(save_path=path)
    assert model.status.level == "warning"
    assert ("Your saved balance sheet (my-transition-balance.json) could not be read: "
            "entries[0].side: expected old or new.") in model.status.text
    kept = [p for p in tmp_path.iterdir() if ".unreadable-" in p.name]
    assert len(kept) == 1 and '"left"' in kept[0].read_text(encoding="utf-8")
    model.add(make_entry("old", "gives", "Colleagues"))
    assert json.loads(path.read_text(encoding="utf-8"))["entries"][0]["text"] == "Colleagues"


@pytest.mark.parametrize(("text", "message"), [
    ("\x00\x01", "not valid JSON|not text"),
    ('{"kind": "ipt-goals", "format": 1}', "kind: expected 'ipt-transition-balance'"),
    ('{"kind": "ipt-transition-balance", "format": 1, "old_role": 4}', "old_role: expected text"),
    ('{"kind": "ipt-transition-balance", "format": 1, "entries": [{"side": "old", '
     '"section": "hopes", "text": "x"}]}', r"entries\[0\].section: expected one of gives"),
    ('{"kind": "ipt-transition-balance", "format": 1, "entries": [{"side": "old", '
     '"section": "gives", "text": ""}]}', r"entries\[0\].text: expected the entry's words"),
    ('{"kind": "ipt-transition-balance", "format": 1, "entries": [' + ", ".join(
        ['{"side": "old", "section": "gives", "text": "x"}'] * 2) + "]}",
     "the same entry appears twice"),
])
def test_saved_sheets_are_checked_with_key_paths(tmp_path, text, message):
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    model = BalanceModel(save_path=path)
    assert model.status.level == "warning"
    assert re.search(message, html.unescape(model.status.text)), model.status.text


def test_the_picture_is_exported_beside_the_notebook_and_never_over_an_earlier_one(tmp_path):
    model = BalanceModel(save_path=tmp_path / "b.json")
    first = model.export_png()
    model.add(make_entry("old", "gives", "Colleagues"))
    second = model.export_png()
    assert (first.name, second.name) == ("my-transition-balance.png",
                                         "my-transition-balance-2.png")
    assert first.read_bytes() != second.read_bytes()
    assert "my-transition-balance-2.png" in model.status.text


def test_the_trainees_files_stay_out_of_the_course_repository(tmp_path, repo_root):
    model = BalanceModel(save_path=tmp_path / "my-transition-balance.json")
    model.add(make_entry("old", "gives", "Colleagues"))
    written = [model.export_png().name, model.export_png().name, model.new_sheet().name,
               model.save_path.name]
    for name in written:
        ignored = subprocess.run(["git", "check-ignore", "--no-index", "-q",
                                  f"curriculum/day3/{name}"], cwd=repo_root, check=False)
        assert ignored.returncode == 0, f"{name} would be committed"


# -- the widget, driven headless -------------------------------------------------------------


def add_on_screen(view, side: str, section: str, text: str) -> None:
    control(view, "Column").value = side
    control(view, "Row").value = section
    control(view, "Entry").value = text
    press(view, "Add to the sheet")


def test_a_trainee_rebuilds_nadias_table_through_the_form(tmp_path):
    view = TransitionBalanceSheet(save_path=tmp_path / "my-transition-balance.json")
    control(view, "Client (first name)").value = "Nadia"
    control(view, "Old role").value = OLD
    control(view, "New role").value = NEW
    for (side, section), texts in NADIA.items():
        for text in texts:
            add_on_screen(view, side, section, text)
            assert "Added to the sheet" in view.status.value
    assert control(view, "Entry").value == ""
    cells = table_cells(html.unescape(tab(view, "Table").value))
    for (side, section), texts in NADIA.items():
        cell = cells[(ROW_LABELS[section], ("old", "new").index(side))]
        assert [part.strip() for part in cell.split("|")[1:]] == texts
    assert cells[("Support", 0)].startswith("Lost:")
    assert cells[("Skills", 1)].startswith("Needed:")
    assert view.review.value == ""
    assert view.picture.value == ""
    select_tab(view, "Picture")
    assert "Nadia" in view.picture.value and "Old role (At home on leave): 11 entries" in (
        html.unescape(view.picture.value))


def test_the_form_speaks_of_the_roles_by_name_and_prompts_for_each_cell():
    view = TransitionBalanceSheet(save_path=None)
    control(view, "Old role").value = "Head of year"
    assert [label for label, _value in control(view, "Column").options] == [
        "Old role: Head of year", "New role"]
    control(view, "Column").value = "new"
    control(view, "Row").value = "support"
    assert [label for label, _value in control(view, "Row").options][3] == "Support: to build"
    assert control(view, "Row").value == "support"
    assert control(view, "Entry").placeholder == (
        "Who could be picked up again, and who could be new?")


def test_the_review_asks_about_a_one_sided_sheet_on_screen():
    view = TransitionBalanceSheet(save_path=None)
    add_on_screen(view, "old", "gives", "Knowing what to do every minute")
    add_on_screen(view, "new", "costs", "Being a beginner again")
    assert "One column is all good and the other all bad" in view.review.value
    add_on_screen(view, "old", "costs", "Late-night marking")
    add_on_screen(view, "new", "gives", "Ruby's laugh in the mornings")
    assert "all good" not in view.review.value and "No feelings yet" in view.review.value


def test_picking_an_entry_lets_it_be_changed_or_deleted():
    view = TransitionBalanceSheet(save_path=None)
    add_on_screen(view, "old", "gives", "Colleagues")
    control(view, "Entries").value = 0
    assert (control(view, "Column").value, control(view, "Row").value,
            control(view, "Entry").value) == ("old", "gives", "Colleagues")
    control(view, "Row").value = "support"
    press(view, "Save changes to selected")
    assert view.model.entries == [Entry("old", "support", "Colleagues")]
    control(view, "Entries").value = 0
    press(view, "Delete selected")
    assert view.model.entries == []


def test_problems_are_shown_not_raised_and_entries_are_escaped():
    view = TransitionBalanceSheet(save_path=None)
    add_on_screen(view, "old", "gives", "  ")
    assert "Write the entry first" in view.status.value
    add_on_screen(view, "old", "gives", "<img src=x onerror=alert(1)>")
    assert "<img src=x" not in tab(view, "Table").value
    assert "&lt;img src=x onerror=alert(1)&gt;" in tab(view, "Table").value
    press(view, "Save changes to selected")
    assert "Pick an entry from the list first" in view.status.value


def test_starting_a_new_sheet_asks_first_and_keeps_a_copy(tmp_path):
    view = TransitionBalanceSheet(save_path=tmp_path / "my-transition-balance.json")
    add_on_screen(view, "old", "gives", "Colleagues")
    press(view, "Start a new sheet")
    assert "again to go on" in view.status.value and len(view.model.entries) == 1
    press(view, "Start a new sheet")
    assert view.model.entries == [] and "my-transition-balance-previous.json" in (
        view.status.value)
    assert table_cells(html.unescape(tab(view, "Table").value))[("Gives", 0)] == "(nothing yet)"


def test_the_picture_tab_saves_a_png_beside_the_notebook(tmp_path):
    view = TransitionBalanceSheet(save_path=tmp_path / "my-transition-balance.json")
    add_on_screen(view, "new", "skills", "Asking for help")
    select_tab(view, "Picture")
    press(view, "Save the picture as PNG")
    assert (tmp_path / "my-transition-balance.png").is_file()
    assert "Saved the picture as my-transition-balance.png" in view.status.value
    assert "alt='Transition balance sheet, two columns side by side." in view.picture.value


def test_a_saved_sheet_is_on_screen_after_a_restart(tmp_path):
    path = tmp_path / "my-transition-balance.json"
    fill(BalanceModel(save_path=path), nadia_entries()[:4])
    view = TransitionBalanceSheet(save_path=path)
    assert control(view, "Old role").value == OLD
    assert len(control(view, "Entries").options) == 4
    assert "Loaded your balance sheet (4 entries)" in view.status.value
    assert button(view, "Add to the sheet").description == "Add to the sheet"


def test_the_default_file_is_beside_the_notebook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    add_on_screen(TransitionBalanceSheet(), "old", "gives", "Colleagues")
    assert (tmp_path / "my-transition-balance.json").is_file()
    assert len(TransitionBalanceSheet().model.entries) == 1
