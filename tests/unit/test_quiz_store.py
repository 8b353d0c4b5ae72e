"""The responses file: atomic saves, and damaged files kept rather than lost."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from ipt_course.quiz import store as store_module
from ipt_course.quiz.store import (
    MAX_RESPONSES_BYTES,
    ResponsesError,
    ResponseStore,
    parse_responses,
    responses_path,
)


def test_save_and_reload(tmp_path: Path) -> None:
    path = responses_path(tmp_path, "day1-quiz")
    assert path.name == "day1-quiz.responses.json"
    store = ResponseStore.open(path, "day1-quiz")
    assert store.answers == {} and store.notice is None
    store.set("q01", "b")
    store.set("q02", ["a", "c"])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["quiz"] == "day1-quiz"
    assert data["format"] == 1
    assert data["saved_at"].endswith("+00:00")
    assert data["answers"] == {"q01": "b", "q02": ["a", "c"]}
    assert ResponseStore.open(path, "day1-quiz").answers == data["answers"]


def test_setting_none_forgets_an_answer(tmp_path: Path) -> None:
    store = ResponseStore.open(tmp_path / "x.responses.json", "x")
    store.set("q01", "b")
    store.set("q01", None)
    assert parse_responses(store.path, "x") == {}


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_crash_mid_write_keeps_the_old_file(tmp_path: Path, monkeypatch, failing) -> None:
    store = ResponseStore.open(tmp_path / "x.responses.json", "x")
    store.set("q01", "b")
    before = store.path.read_bytes()

    def crash(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, failing, crash)
    with pytest.raises(OSError):
        store.set("q02", ["a"])
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".x.responses.json.lock",
                                                         "x.responses.json"]


def test_corrupt_file_is_kept_and_the_trainee_told(tmp_path: Path) -> None:
    path = tmp_path / "x.responses.json"
    path.write_text('{"quiz": "x", "format": 1, "answers": {"q01": "b"', encoding="utf-8")
    store = ResponseStore.open(path, "x")
    assert store.answers == {}
    kept = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8").startswith('{"quiz": "x"')
    assert kept[0].name in store.notice and "nothing has been deleted" in store.notice
    assert not path.exists()
    store.set("q01", "a")
    assert parse_responses(path, "x") == {"q01": "a"}


def test_two_corrupt_files_in_the_same_second_are_both_kept(tmp_path: Path) -> None:
    path = tmp_path / "x.responses.json"
    for text in ("[1]", "[2]"):
        path.write_text(text, encoding="utf-8")
        ResponseStore.open(path, "x")
    kept = sorted(p.read_text() for p in tmp_path.iterdir() if ".corrupt-" in p.name)
    assert kept == ["[1]", "[2]"]


@pytest.mark.parametrize(("content", "code"), [
    (None, "missing"),
    (b"\xff\xfe not text", "not_json"),
    (b"{not json", "not_json"),
    (b"[]", "wrong_shape"),
    (b'{"quiz": "x", "format": 1, "answers": []}', "wrong_shape"),
    (b'{"quiz": "x", "format": 2, "answers": {}}', "wrong_shape"),
    (b'{"quiz": "y", "format": 1, "answers": {}}', "wrong_quiz"),
    (b"[" * 100_000, "not_json"),
    (b'{"quiz": "x", "format": 1, "answers": {"q": ' + b"9" * 5000 + b"}}", "not_json"),
])
def test_unusable_files_are_named_by_code(tmp_path: Path, content, code) -> None:
    path = tmp_path / "x.responses.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ResponsesError) as raised:
        parse_responses(path, "x")
    assert raised.value.code == code


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "x.responses.json"
    with path.open("wb") as stream:
        stream.truncate(MAX_RESPONSES_BYTES + 1)
    with pytest.raises(ResponsesError) as raised:
        parse_responses(path, "x")
    assert raised.value.code == "too_large"


def test_written_file_is_complete_json_with_sorted_keys(tmp_path: Path) -> None:
    store = ResponseStore.open(tmp_path / "x.responses.json", "x")
    store.set("q02", {"v2": "b", "v1": "a"})
    text = store.path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    assert text.index('"answers"') < text.index('"format"') < text.index('"quiz"')
    assert os.stat(store.path).st_size == len(text.encode())


def test_a_corrupt_file_that_cannot_be_set_aside_is_never_overwritten(
        tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "x.responses.json"
    path.write_text("{broken", encoding="utf-8")

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store_module.os, "replace", refuse)
    store = ResponseStore.open(path, "x")
    monkeypatch.undo()
    assert "nothing will be saved" in store.notice
    with pytest.raises(OSError):
        store.set("q01", "a")
    assert path.read_text(encoding="utf-8") == "{broken"


def test_two_stores_on_one_file_do_not_undo_each_other(tmp_path: Path) -> None:
    """Two Voila tabs, or a re-run first cell, each hold a store for the same file."""
    path = tmp_path / "x.responses.json"
    first = ResponseStore.open(path, "x")
    second = ResponseStore.open(path, "x")
    first.set("q01", "a")
    second.set("q02", ["b"])
    first.set("q03", 4)
    assert parse_responses(path, "x") == {"q01": "a", "q02": ["b"], "q03": 4}
    second.set("q01", None)
    assert parse_responses(path, "x") == {"q02": ["b"], "q03": 4}


def test_a_responses_file_saved_with_a_byte_order_mark_is_read(tmp_path) -> None:
    from ipt_course.quiz.store import parse_responses

    path = tmp_path / "quiz.responses.json"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"quiz": "quiz", "format": 1, "answers": {"q01": "b"}}')
    assert parse_responses(path, "quiz") == {"q01": "b"}


WRITERS, ANSWERS_EACH = 4, 40


def _kernel_saving_answers(path: str, writer: int, barrier) -> None:
    """One kernel: opens the quiz, then saves its own answers as fast as it can."""
    store = ResponseStore.open(Path(path), "x")
    barrier.wait()
    for number in range(ANSWERS_EACH):
        store.set(f"w{writer}_q{number:02}", [writer, number])
        store.set("shared", writer)


def test_kernels_saving_at_the_same_moment_lose_nothing(tmp_path: Path) -> None:
    """Real processes (a notebook tab and a Voila tab, say) answering into one file at once."""
    path = tmp_path / "x.responses.json"
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WRITERS)
    kernels = [context.Process(target=_kernel_saving_answers, args=(str(path), writer, barrier))
               for writer in range(WRITERS)]
    for kernel in kernels:
        kernel.start()
    for kernel in kernels:
        kernel.join(timeout=300)
    assert [kernel.exitcode for kernel in kernels] == [0] * WRITERS
    answers = parse_responses(path, "x")
    expected = {f"w{writer}_q{number:02}": [writer, number]
                for writer in range(WRITERS) for number in range(ANSWERS_EACH)}
    assert {qid: value for qid, value in answers.items() if qid != "shared"} == expected
    assert answers["shared"] in range(WRITERS)
    assert not [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name or ".tmp" in p.name]
