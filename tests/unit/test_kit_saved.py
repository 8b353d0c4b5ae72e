"""The kit's saved-work file: header checks, set-aside, protection, status levels, the lock."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path
from typing import ClassVar

import pytest

from ipt_course.kit.saved import SavedDocument, SavedFileError, SavedWork, Status, WorkFile
from ipt_course.tools.inventory import InventoryModel, Person

ROUNDS = 4
EACH = 15  # two kernels fill the inventory's 30 places


class NoteDocument(SavedDocument):
    """A small document for these tests."""

    KIND: ClassVar[str] = "test-notes"
    WHAT: ClassVar[str] = "a notes file"

    notes: list[str] = []  # noqa: RUF012 - pydantic copies field defaults


class Notes(SavedWork):
    """A model with a list of notes, saved after every change."""

    work_name = "notes"
    unsaved_name = "notes"
    fresh_start = "an empty list"

    def __init__(self, path: Path | None) -> None:
        super().__init__()
        document = self.open_document(path, NoteDocument, SavedFileError)
        self.notes = document.notes if document else []

    def to_document(self) -> NoteDocument:
        return NoteDocument(notes=self.notes)


@pytest.fixture(autouse=True)
def private_runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Locks live in the Jupyter runtime folder: give each test its own."""
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))


def test_a_document_is_written_with_its_header_and_read_back(tmp_path: Path) -> None:
    file = WorkFile(tmp_path / "notes.json", NoteDocument)
    file.write(NoteDocument(notes=["one", "two"]))
    saved = json.loads((tmp_path / "notes.json").read_text(encoding="utf-8"))
    assert list(saved)[:3] == ["kind", "format", "saved_at"]
    assert (saved["kind"], saved["format"], saved["notes"]) == ("test-notes", 1, ["one", "two"])
    assert file.read().notes == ["one", "two"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.json", "runtime"]


@pytest.mark.parametrize(("text", "message"), [
    ('{"kind": "other", "format": 1}', "kind: expected 'test-notes'; this is not a notes file."),
    ('{"kind": "test-notes", "format": 2}', "format: expected 1, got 2."),
    ('{"kind": "test-notes", "format": 1, "notes": "x"}', "notes: Input should be a valid list"),
    ('{"kind": "test-notes", "format": 1, "extra": 1}', "extra: unknown key"),
    ('{"kind": "test-notes", ', "the file is not valid JSON (line 1, column 24)."),
])
def test_a_wrong_file_names_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "notes.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SavedFileError) as caught:
        WorkFile(path, NoteDocument).read()
    assert str(caught.value).startswith(message)


def test_an_unreadable_file_is_set_aside_and_work_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_bytes(b"\xff\xfe not text")
    model = Notes(path)
    kept = list(tmp_path.glob("notes.unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"\xff\xfe not text"
    assert model.status.level == "warning" and model.status.role == "alert"
    assert "the file is not text." in model.status.text and kept[0].name in model.status.text
    model.notes = ["new"]
    assert model.autosave("Added a note.")
    assert model.status == Status(model.status.text, "ok")
    assert model.status.text.startswith("Added a note. Saved to notes.json at ")
    assert kept[0].read_bytes() == b"\xff\xfe not text"


def test_a_file_that_cannot_be_opened_is_never_written_over(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.mkdir()
    model = Notes(path)
    assert "could not be opened" in model.status.text and model.status.level == "error"
    model.notes = ["new"]
    assert not model.autosave()
    assert "notes.json was not overwritten because it could not be opened" in model.status.text
    assert path.is_dir() and not list(path.iterdir())


def test_without_a_file_saving_is_off_and_says_what_was_done() -> None:
    model = Notes(None)
    assert model.autosave("Added a note.")
    assert model.status == Status("Added a note.", "ok")


def _add_people(folder: str, who: str, start: multiprocessing.synchronize.Barrier) -> None:
    """One kernel with the inventory open: wait for the other, then add its people one by one."""
    for round_number in range(ROUNDS):
        model = InventoryModel(save_path=Path(folder) / f"round-{round_number}.json")
        start.wait()
        for number in range(EACH):
            model.add(Person(name=f"{who} {number}", ring=1 + number % 3))


def test_two_kernels_saving_one_inventory_at_once_lose_nobody(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    kernels = [context.Process(target=_add_people, args=(str(tmp_path), who, start))
               for who in ("First", "Second")]
    for kernel in kernels:
        kernel.start()
    for kernel in kernels:
        kernel.join(timeout=180)
    assert [kernel.exitcode for kernel in kernels] == [0, 0]
    expected = {f"{who} {n}" for who in ("First", "Second") for n in range(EACH)}
    for round_number in range(ROUNDS):
        saved = InventoryModel(save_path=tmp_path / f"round-{round_number}.json")
        assert {p.name for p in saved.people} == expected, f"round {round_number}"
