"""Saving trainees' work: a crash mid-write keeps the old file; nothing is overwritten or lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ipt_course.safe_files import keep_aside, write_atomic, write_json_atomic, write_new_file


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "answers.json"
    write_json_atomic(target, {"q1": "a"})

    def power_cut(*_args: object) -> None:
        raise OSError("disk vanished")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError, match="disk vanished"):
        write_atomic(target, '{"q1": "b"}')
    assert target.read_text() == '{\n  "q1": "a"\n}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["answers.json"]


def test_new_files_are_numbered_never_overwritten(tmp_path: Path) -> None:
    first = write_new_file(tmp_path / "notes.md", "one")
    second = write_new_file(tmp_path / "notes.md", b"two")
    third = write_new_file(tmp_path / "notes.md", "three")
    assert [p.name for p in (first, second, third)] == ["notes.md", "notes-2.md", "notes-3.md"]
    assert first.read_text() == "one" and second.read_text() == "two"


def test_a_damaged_file_is_kept_aside_not_deleted(tmp_path: Path) -> None:
    damaged = tmp_path / "my-inventory.json"
    damaged.write_text("{not json")
    kept = keep_aside(damaged)
    assert not damaged.exists()
    assert kept.name.startswith("my-inventory.unreadable-") and kept.suffix == ".json"
    assert kept.read_text() == "{not json"
