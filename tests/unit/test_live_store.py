"""The live-day store: what viewers send is kept, bad entries are explained, nothing is lost."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from ipt_course.live.store import (
    Attendance,
    CheckIn,
    LiveInputError,
    LiveStore,
    Question,
    new_viewer_id,
)


@pytest.fixture
def store(tmp_path: Path) -> LiveStore:
    return LiveStore(f"sqlite:///{tmp_path / 'live.sqlite'}")


def test_check_ins_are_summarised_for_the_trainer(store: LiveStore) -> None:
    for rating, word in [(4, "Hopeful"), (2, "tired"), (4, "hopeful")]:
        store.check_in(1, new_viewer_id(), rating, word)
    summary = store.checkin_summary(1)
    assert summary["count"] == 3
    assert summary["mean"] == 3.33
    assert summary["ratings"] == {1: 0, 2: 1, 3: 0, 4: 2, 5: 0}
    assert summary["words"] == {"hopeful": 2, "tired": 1}
    assert store.checkin_summary(2)["count"] == 0


@pytest.mark.parametrize(("rating", "word", "message"), [
    (0, "ok", "Choose a rating from 1 to 5."),
    (6, "ok", "Choose a rating from 1 to 5."),
    (3, "   ", "Please write one word before sending."),
    (3, "a whole long sentence here", "Just one word"),
    (3, "x" * 41, "keep it under 40"),
])
def test_bad_check_ins_are_explained(store: LiveStore, rating: int, word: str,
                                     message: str) -> None:
    with pytest.raises(LiveInputError, match=message):
        store.check_in(1, "v", rating, word)
    assert store.count(CheckIn, 1) == 0


def test_confidence_is_updated_not_duplicated_and_shows_the_change(store: LiveStore) -> None:
    a, b = new_viewer_id(), new_viewer_id()
    store.rate_confidence(1, a, "start", {"d1.lo1": 2, "d1.lo2": 1})
    store.rate_confidence(1, a, "start", {"d1.lo1": 3})
    store.rate_confidence(1, b, "start", {"d1.lo1": 1})
    store.rate_confidence(1, a, "end", {"d1.lo1": 5, "d1.lo2": 4})
    summary = store.confidence_summary(1).set_index("outcome")
    assert summary.loc["d1.lo1", "start"] == 2.0
    assert summary.loc["d1.lo1", "end"] == 5.0
    assert summary.loc["d1.lo1", "change"] == 3.0
    assert summary.loc["d1.lo1", "responses"] == 2
    assert summary.loc["d1.lo2", "change"] == 3.0


def test_a_huge_question_is_refused_with_a_reason(store: LiveStore) -> None:
    with pytest.raises(LiveInputError, match="characters long; please keep it under 2000"):
        store.ask(1, "v", "why? " * 4000)
    store.ask(1, "v", "How do I end with a client who wants more sessions?")
    assert store.table(Question, 1)["text"].tolist() == [
        "How do I end with a client who wants more sessions?"]


def test_attendance_sign_in_is_idempotent_and_named_attendance_defaults_off(
        store: LiveStore) -> None:
    assert store.named_attendance is False
    store.set_setting("named_attendance", "on")
    assert store.named_attendance is True
    store.sign_in(2, "Trainee One")
    store.sign_in(2, "Trainee One")
    assert store.count(Attendance, 2) == 1


def _submit(url: str, barrier, index: int) -> None:
    shared = LiveStore(url)
    barrier.wait()
    shared.check_in(3, f"viewer-{index}", index % 5 + 1, f"word{index}")


def test_25_viewers_checking_in_at_the_same_moment_lose_no_vote(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    LiveStore(url)
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(25)
    processes = [context.Process(target=_submit, args=(url, barrier, i)) for i in range(25)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    assert [p.exitcode for p in processes] == [0] * 25
    summary = LiveStore(url).checkin_summary(3)
    assert summary["count"] == 25
    assert sum(summary["ratings"].values()) == 25
    assert len(summary["words"]) == 25


def _open_store(url: str, barrier) -> None:
    barrier.wait()
    LiveStore(url).check_in(1, new_viewer_id(), 3, "here")


def test_servers_and_kernels_opening_a_new_database_at_once_all_start(tmp_path: Path) -> None:
    # A live day starts the trainee server, the trainer server and a pool of kernels together;
    # each opens the store, and whichever comes first to a new database creates its tables.
    context = multiprocessing.get_context("fork")
    for day in range(5):  # the race is a matter of timing: run it on several new databases
        url = f"sqlite:///{tmp_path / f'live-{day}.sqlite'}"
        barrier = context.Barrier(16)
        processes = [context.Process(target=_open_store, args=(url, barrier))
                     for _ in range(16)]
        for process in processes:
            process.start()
        for process in processes:
            process.join(120)
        assert [p.exitcode for p in processes] == [0] * 16
        assert LiveStore(url).checkin_summary(1)["count"] == 16
