"""Display order: one seed per trainee, kept safely; a uniform, repeatable shuffle per item."""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ipt_course.kit.order import (
    display_order,
    letters,
    room_seed,
    seed_path,
    trainee_seed,
)

SEED_A = "0123456789abcdef0123456789abcdef"


def test_the_seed_is_made_once_and_kept_in_the_jupyter_data_folder(
        trainee_data_dir: Path) -> None:
    assert not seed_path().exists()
    seed = trainee_seed()
    assert seed_path() == trainee_data_dir / "ipt-course" / "order-seed.json"
    saved = json.loads(seed_path().read_text(encoding="utf-8"))
    assert {key: saved[key] for key in ("kind", "format", "seed")} == {
        "kind": "ipt-course-order-seed", "format": 1, "seed": seed}
    assert len(seed) == 32
    assert trainee_seed() == seed


def test_two_trainees_get_different_seeds(tmp_path: Path, monkeypatch) -> None:
    seeds = []
    for home in ("amira", "ben"):
        monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / home))
        seeds.append(trainee_seed())
    assert seeds[0] != seeds[1]
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "amira"))
    assert trainee_seed() == seeds[0]


@pytest.mark.parametrize("damage", [
    b"", b"\xff\xfe\x00 not text", b"{not json", b"[]",
    b'{"kind": "something-else", "format": 1, "seed": "0123456789abcdef0123456789abcdef"}',
    b'{"kind": "ipt-course-order-seed", "format": 1, "seed": "too short"}',
    b'{"kind": "ipt-course-order-seed", "format": 1, "seed": 42}',
])
def test_a_damaged_seed_file_is_replaced_without_a_crash(damage: bytes) -> None:
    path = seed_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    seed = trainee_seed()
    assert len(seed) == 32
    assert json.loads(path.read_text(encoding="utf-8"))["seed"] == seed
    assert trainee_seed() == seed
    assert [p.name for p in path.parent.iterdir()] == ["order-seed.json"]


def test_an_unusable_data_folder_still_gives_one_seed_per_kernel() -> None:
    # A folder where the file should be: it can be neither read nor replaced.
    seed_path().mkdir(parents=True)
    first = trainee_seed()
    assert len(first) == 32
    assert trainee_seed() == first
    assert seed_path().is_dir()


def _seed_in_a_new_process(data_dir: str, barrier, results) -> None:
    os.environ["JUPYTER_DATA_DIR"] = data_dir
    barrier.wait()
    results.put(trainee_seed())


def test_kernels_starting_at_the_same_moment_share_one_seed(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(4), context.Queue()
    workers = [context.Process(target=_seed_in_a_new_process,
                               args=(str(tmp_path / "shared"), barrier, results))
               for _ in range(4)]
    for worker in workers:
        worker.start()
    seeds = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert len(set(seeds)) == 1
    saved = json.loads((tmp_path / "shared/ipt-course/order-seed.json").read_text())
    assert saved["seed"] == seeds[0]


def test_display_order_is_a_permutation_fixed_by_seed_and_item() -> None:
    ids = ["a", "b", "c", "d"]
    order = display_order(ids, seed=SEED_A, item="day1-quiz/q01")
    assert sorted(order) == ids
    assert display_order(ids, seed=SEED_A, item="day1-quiz/q01") == order
    assert display_order(list(reversed(ids)), seed=SEED_A, item="day1-quiz/q01") == order
    others = {tuple(display_order(ids, seed=SEED_A, item=f"day1-quiz/q{n:02}"))
              for n in range(20)}
    assert len(others) > 5
    seeds = {tuple(display_order(ids, seed=f"{n:032x}", item="day1-quiz/q01"))
             for n in range(20)}
    assert len(seeds) > 5


def test_display_order_refuses_repeated_ids() -> None:
    with pytest.raises(ValueError, match="not unique"):
        display_order(["a", "a"], seed=SEED_A, item="x")


def test_display_order_does_not_change_with_python_hash_salting() -> None:
    script = ("from ipt_course.kit.order import display_order;"
              f"print(display_order(list('abcdef'), seed={SEED_A!r}, item='q'))")
    printed = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                       env={**os.environ, "PYTHONHASHSEED": salt}, check=True).stdout.strip()
        for salt in ("1", "2", "3")
    }
    assert printed == {str(display_order(list("abcdef"), seed=SEED_A, item="q"))}


def test_every_order_is_equally_likely() -> None:
    """4 options over 4,800 seeds: each of the 24 orders about 200 times (chi-square test)."""
    draws = 4_800
    counts = Counter(tuple(display_order(list("abcd"), seed=f"trainee-{n}", item="q"))
                     for n in range(draws))
    assert set(counts) == set(itertools.permutations("abcd"))
    expected = draws / 24
    chi_square = sum((seen - expected) ** 2 / expected for seen in counts.values())
    assert chi_square < 49.7   # the 0.1% point of chi-square with 23 degrees of freedom
    firsts = Counter(order[0] for order in counts.elements())
    assert all(abs(seen - draws / 4) < 0.06 * draws for seen in firsts.values())


def test_the_room_order_is_one_per_day_for_every_viewer() -> None:
    assert room_seed(3) == room_seed(3)
    assert room_seed(3) != room_seed(4)
    ids = [str(i) for i in range(4)]
    orders = {tuple(display_order(ids, seed=room_seed(d), item="s/n")) for d in range(1, 7)}
    assert len(orders) > 1


def test_letters_follow_the_position_on_screen() -> None:
    assert letters(4) == ["A", "B", "C", "D"]
    assert letters(0) == []
