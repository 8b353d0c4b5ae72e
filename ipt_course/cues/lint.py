"""The item-writing lint: each measurable cue to the best answer, named with file and item ids.

Rules, for the single-best-answer items of a quiz bank or a self-check file and for the
decision points of a scenario (the "best" option being the key, or a sound reply):

- **longest**: the best option is the longest (ties count) in more than a third of a file's
  items (more than 40% of a scenario's decisions), or in a share at least 15 points above
  chance, whichever is lower; the second bound keeps the lint as strict as the check run
  before each release;
- **longest of the middle** options, in file order (the release check's second strategy):
  at least 15 points above chance;
- **key position** (quiz banks and self-checks): the keys are spread over the places in the
  option list (1st, 2nd...) more unevenly than keys placed at random would be 98% of the time.
  Unevenness is Pearson's statistic (observed minus expected keys per place, squared, over
  expected), and the chance of a spread at least as uneven is computed exactly over every
  random placement (from 20,000 random placements in a file too large to count). A fixed
  share per place would flag every small file or miss a large one, and a per-place count misses
  the pattern the course had: keys always 2nd or 3rd (13 items, none 1st or 4th: a 0.4%
  chance). The message gives the counts and the expected counts;
- **sound reply first** (scenarios): listed first in the file at more than half the decisions;
- **"all of the above" / "none of the above"** (any case, and "both"/"neither" forms) in any
  option of a quiz bank or self-check file.

Display order is shuffled per trainee, so file order reaches no trainee; the position rules are
there because a habit in the file (the answer always second) usually comes with others.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any

from ipt_course.cues.items import NOUNS, Collection, CueItem, Source, collections_of
from ipt_course.problems import Problem
from ipt_course.yamlfile import YamlFileError, read_yaml

LONGEST_SHARE: dict[Source, Fraction] = {
    "quiz": Fraction(1, 3), "selfcheck": Fraction(1, 3), "scenario": Fraction(2, 5)}
RELEASE_MARGIN = Fraction(15, 100)
FIRST_SHARE = Fraction(1, 2)
POSITION_CHANCE = 0.02
EXACT_STATES = 50_000
SAMPLED_PLACEMENTS = 20_000
CATCH_ALL = re.compile(
    r"\b(?:all|none|both|neither)\s+(?:of\s+)?(?:the\s+)?(?:above|options\s+above)\b",
    re.IGNORECASE)


def longest_is_best(item: CueItem) -> bool:
    """Whether a best option is the longest option (sharing the top length counts)."""
    top = max(len(text) for text in item.texts)
    return any(len(item.texts[i]) == top for i in item.best)


def middle_longest_is_best(item: CueItem) -> bool:
    """Whether a best option is the longest of the middle options in file order.

    With two options there is no middle; as in the release check, the first one is taken.
    """
    if len(item.texts) <= 2:
        return 0 in item.best
    middle = range(1, len(item.texts) - 1)
    top = max(len(item.texts[i]) for i in middle)
    return any(i in middle and len(item.texts[i]) == top for i in item.best)


def chance(items: Iterable[CueItem]) -> Fraction:
    """The mean share of best options per item: what blind picking scores."""
    shares = [Fraction(len(item.best), len(item.texts)) for item in items]
    return sum(shares, Fraction(0)) / len(shares)


def _percent(value: Fraction | float) -> str:
    return f"{float(value):.0%}"


def _ids(items: list[CueItem]) -> str:
    return ", ".join(item.id for item in items)


def _length_problems(collection: Collection) -> list[Problem]:
    items = list(collection.items)
    total, base = len(items), chance(items)
    noun, where = NOUNS[collection.source]
    problems = []
    longest = [item for item in items if longest_is_best(item)]
    share, limit = Fraction(len(longest), total), LONGEST_SHARE[collection.source]
    if share > limit or share >= base + RELEASE_MARGIN:
        problems.append(Problem(collection.file, where, (
            f"the {_best(collection)} is the longest option in {len(longest)} of {total} "
            f"{noun}s ({_percent(share)}; at most {_percent(limit)} and under chance + 15 "
            f"points, {_percent(base + RELEASE_MARGIN)}): {_ids(longest)}. Write options of "
            "similar length so that length points to no answer")))
    middle = [item for item in items if middle_longest_is_best(item)]
    share = Fraction(len(middle), total)
    if share >= base + RELEASE_MARGIN:
        problems.append(Problem(collection.file, where, (
            f"the {_best(collection)} is the longest of the middle options (file order) in "
            f"{len(middle)} of {total} {noun}s ({_percent(share)}; chance is {_percent(base)}, "
            f"keep it under {_percent(base + RELEASE_MARGIN)}): {_ids(middle)}")))
    return problems


def _best(collection: Collection) -> str:
    return {"quiz": "key", "selfcheck": "correct option", "scenario": "sound reply"}[
        collection.source]


def _unevenness(counts: tuple[int, ...], expected: list[float]) -> float:
    """Pearson's statistic: how far the keys per place are from what random places give."""
    return sum((count - mean) ** 2 / mean for count, mean in zip(counts, expected, strict=True)
               if mean > 0)


def uneven_chance(items: list[CueItem]) -> float:
    """The probability that keys placed at random are spread at least as unevenly as these.

    Exact: the distribution of keys per place is built item by item (each key equally likely
    in any of its item's places). Beyond ``EXACT_STATES`` partial spreads, a repeatable sample
    of random placements stands in for the exact sum.
    """
    widest = max(len(item.texts) for item in items)
    expected = [sum(1 / len(item.texts) for item in items if len(item.texts) > place)
                for place in range(widest)]
    observed = tuple(sum(1 for item in items if place in item.best) for place in range(widest))
    threshold = _unevenness(observed, expected) - 1e-9
    spreads: dict[tuple[int, ...], float] = {(0,) * widest: 1.0}
    for item in items:
        size, following = len(item.texts), defaultdict(float)
        for spread, mass in spreads.items():
            for place in range(size):
                following[(*spread[:place], spread[place] + 1, *spread[place + 1:])] += (
                    mass / size)
        spreads = following
        if len(spreads) > EXACT_STATES:
            return _sampled_uneven_chance(items, expected, widest, threshold)
    return sum(mass for spread, mass in spreads.items()
               if _unevenness(spread, expected) >= threshold)


def _sampled_uneven_chance(items: list[CueItem], expected: list[float], widest: int,
                           threshold: float) -> float:
    draw = random.Random(0)
    hits = 0
    for _ in range(SAMPLED_PLACEMENTS):
        spread = [0] * widest
        for item in items:
            spread[draw.randrange(len(item.texts))] += 1
        hits += _unevenness(tuple(spread), expected) >= threshold
    return hits / SAMPLED_PLACEMENTS


def _position_problems(collection: Collection) -> list[Problem]:
    """Key places far from what random placement gives (see the module docstring)."""
    items = [item for item in collection.items if len(item.best) == 1]
    if not items:
        return []
    noun, where = NOUNS[collection.source]
    widest = max(len(item.texts) for item in items)
    counts = [sum(1 for item in items if place in item.best) for place in range(widest)]
    expected = [sum(1 / len(item.texts) for item in items if len(item.texts) > place)
                for place in range(widest)]
    probability = uneven_chance(items)
    if probability >= POSITION_CHANCE:
        return []
    return [Problem(collection.file, where, (
        f"the {_best(collection)}'s place in the option list is uneven over {len(items)} "
        f"{noun}s: {', '.join(map(str, counts))} answers in 1st to {_ordinal(widest)} place, "
        f"where random places would give about {', '.join(f'{e:.1f}' for e in expected)}; "
        f"a spread this uneven comes by chance {probability:.1%} of the time (the limit is "
        f"{POSITION_CHANCE:.0%}). Vary where the answer sits in the file"))]


def _ordinal(position: int) -> str:
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(position if position < 20 else position % 10, "th")
    return f"{position}{suffix}"


def _first_problems(collection: Collection) -> list[Problem]:
    items = list(collection.items)
    first = [item for item in items if 0 in item.best]
    if Fraction(len(first), len(items)) <= FIRST_SHARE:
        return []
    return [Problem(collection.file, "nodes", (
        f"a sound reply is listed first at {len(first)} of {len(items)} decisions (more than "
        f"half): {_ids(first)}. Vary where the sound reply sits in the file"))]


def _option_texts(data: Any, source: Source) -> Iterable[tuple[str, str]]:
    """(key path, text) of every option (and matching choice) in a bank or self-check file."""
    entries, keys = (("questions", ("options", "choices")) if source == "quiz"
                     else ("checks", ("options",)))
    listed = data.get(entries) if isinstance(data, dict) else None
    for index, entry in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(entry, dict):
            continue
        named = f" ({'question' if source == 'quiz' else 'check'} {entry.get('id')})"
        for key in keys:
            options = entry.get(key)
            for number, option in enumerate(options if isinstance(options, list) else []):
                if isinstance(option, dict) and isinstance(option.get("text"), str):
                    yield f"{entries}[{index}].{key}[{number}]{named}", option["text"]


def catch_all_problems(path: Path, name: str, source: Source) -> list[Problem]:
    """Options reading "all of the above", "none of the above" and the like."""
    if source == "scenario":
        return []
    try:
        data = read_yaml(Path(path), name)
    except YamlFileError:
        return []
    problems = []
    for where, text in _option_texts(data, source):
        match = CATCH_ALL.search(text)
        if match:
            problems.append(Problem(name, where, (
                f"{match.group(0)!r} rewards spotting a pattern rather than knowing the answer; "
                "write a plausible option of its own instead")))
    return problems


def lint_collection(collection: Collection) -> list[Problem]:
    """The cue problems of one collection's single-answer items (none for multiple answers)."""
    if collection.answers != "single" or not collection.items:
        return []
    problems = _length_problems(collection)
    if collection.source == "scenario":
        return problems + _first_problems(collection)
    return problems + _position_problems(collection)


def lint_file(path: Path, source: Source, root: Path | None = None) -> list[Problem]:
    """Every cue problem in one quiz bank, self-check file or scenario file."""
    collections = collections_of(path, source, root)
    name = Path(path).relative_to(root).as_posix() if root is not None else str(path)
    problems = [problem for collection in collections for problem in lint_collection(collection)]
    return problems + catch_all_problems(path, name, source)
