"""Display order: options and replies shuffled per trainee, the same every time for that trainee.

A test-wise trainee should gain nothing from where an answer sits, so quiz options, self-check
options and role-play replies are shown in an order drawn from two things:

- a **seed**: :func:`trainee_seed` makes one random seed per trainee, kept in the Jupyter data
  folder (``jupyter_data_dir()/ipt-course/order-seed.json``), so every notebook that trainee
  opens on that machine or hub account uses it; quizzes also save it with the answers, so a
  quiz folder keeps its order wherever it is reopened. :func:`room_seed` is the seed of
  projector mode: it depends only on the course day, so every viewer of the live page, and the
  whole room watching it, sees one and the same order that day;
- an **item id** naming the question or decision point (``day1-quiz/q04``,
  ``assessment-first-sessions/opening``), so each item has its own order.

:func:`display_order` turns them into a permutation through SHA-256 (Python's own ``hash()`` is
salted per process and would change the order at every restart). Letters (A, B, C...) are given
after the shuffle, by position on screen; answers, transcripts and grading keep using the ids.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from jupyter_core.paths import jupyter_data_dir

from ipt_course.kit.saved import SavedDocument, SavedFileError, read_json
from ipt_course.safe_files import write_atomic, write_if_absent

SEED_KIND = "ipt-course-order-seed"
SEED_FORMAT = 1
SEED_FILE = "order-seed.json"
SEED_PATTERN = re.compile(r"^[0-9a-f]{32}$")
_FALLBACK: list[str] = []


def letters(count: int) -> list[str]:
    """The letters shown before ``count`` options in display order: A, B, C..."""
    return [chr(ord("A") + position) for position in range(count)]


def display_order(ids: Sequence[str], *, seed: str, item: str) -> list[str]:
    """``ids`` in the order to show them for ``seed`` and ``item``: a uniform permutation.

    Each id is ranked by the SHA-256 digest of (seed, item, id). The digests behave as
    independent uniform draws, so every permutation is equally likely; the result depends only
    on the seed, the item and the set of ids (not on the order they are given in).
    """
    if len(set(ids)) != len(ids):
        raise ValueError(f"option ids of {item!r} are not unique: {list(ids)}")

    def rank(option_id: str) -> bytes:
        return hashlib.sha256("\x1f".join((seed, item, option_id)).encode("utf-8")).digest()

    return sorted(ids, key=rank)


def quiz_item(quiz_id: str, question_id: str, key: str = "options") -> str:
    """The item id of a quiz question's options (or its matching ``choices``)."""
    return f"{quiz_id}/{question_id}" + ("" if key == "options" else f"/{key}")


def selfcheck_item(file_stem: str, check_id: str) -> str:
    """The item id of a self-check's options (``file_stem``: the YAML file's name, no suffix)."""
    return f"selfcheck/{file_stem}/{check_id}"


def scenario_item(scenario_id: str, node_id: str) -> str:
    """The item id of the replies at one decision point of a role-play."""
    return f"{scenario_id}/{node_id}"


def room_seed(day: int) -> str:
    """The seed of projector mode on course day ``day``: one order for the whole room."""
    return f"ipt-course-room-day-{int(day)}"


def seed_path() -> Path:
    """Where this trainee's seed is kept (the Jupyter data folder of this account)."""
    return Path(jupyter_data_dir()) / "ipt-course" / SEED_FILE


class OrderSeed(SavedDocument):
    """The file holding a trainee's display-order seed."""

    KIND: ClassVar[str] = SEED_KIND
    FORMAT: ClassVar[int] = SEED_FORMAT
    WHAT: ClassVar[str] = "an order seed"

    seed: str


def _document(seed: str) -> str:
    return OrderSeed(seed=seed).dump()


def _read_seed(path: Path) -> str | None:
    """The seed in ``path``, or None when the file is missing, unreadable or damaged."""
    try:
        seed = OrderSeed.parse(read_json(path)).seed
    except (OSError, SavedFileError):
        return None
    return seed if SEED_PATTERN.match(seed) else None


def trainee_seed() -> str:
    """This trainee's display-order seed, made on first use and kept for every later notebook.

    Never raises. A damaged or unreadable seed file is replaced by a new seed (orders may then
    change; no answer or other work is touched). If the data folder cannot be written at all,
    a seed kept in memory serves this kernel, and quizzes still save it with the answers.
    """
    path = seed_path()
    seed = _read_seed(path)
    if seed is not None:
        return seed
    fresh = secrets.token_hex(16)
    try:
        if write_if_absent(path, _document(fresh)):
            return fresh
        # Another kernel made the seed since it was read (use theirs), or the file is damaged.
        # Deciding by whether the file exists would replace a seed made in between.
        return _read_seed(path) or _replace(path, fresh)
    except OSError:
        if not _FALLBACK:
            _FALLBACK.append(fresh)
        return _FALLBACK[0]


def _replace(path: Path, fresh: str) -> str:
    """Write ``fresh`` over a damaged seed file and return it."""
    write_atomic(path, _document(fresh))
    return fresh
