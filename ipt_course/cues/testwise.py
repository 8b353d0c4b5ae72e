"""The test-wise trainee: blind strategies played over many trainees' real display orders.

A trainee who knows no IPT but knows how tests are written tries three strategies on every
item, each over ``TRAINEES`` simulated trainees, whose seeds give the orders the widgets would
show them (the real ``display_order`` with the widgets' own item ids):

- **longest**: pick the longest option (among equals, the one shown first);
- **longest of the middle**: pick the longest option that is neither first nor last on screen
  (with two options, the first shown);
- **first**: pick the option shown first.

An item scores 1 when the pick is a best option (the key, a correct self-check option, a sound
reply). Chance is each item's share of best options (1 in 4 for a four-option question; for a
decision point, the share of its replies that are sound), averaged over the collection.

Multiple-answer items tick half the options, rounded up: the longest half, or the first half
on screen (there is no middle strategy for them). They are scored with the quiz's partial
credit ((right ticks - wrong ticks) / number of correct options, not below 0), and chance is the
mean score of ticking that many options at random.

A collection passes when every strategy scores no better than chance + ``MARGIN``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

from ipt_course.cues.items import Collection, CueItem
from ipt_course.kit.order import display_order

TRAINEES = 300
MARGIN = 0.10
STRATEGIES = ("longest", "longest of the middle", "first")


def trainee_seeds(count: int = TRAINEES) -> list[str]:
    """The seeds of the simulated trainees (fixed, so every run gives the same figures)."""
    return [f"test-wise-trainee-{number}" for number in range(count)]


def shown(item: CueItem, seed: str) -> list[int]:
    """The item's option indices (file order) in the order a trainee with ``seed`` sees them."""
    order = display_order(list(item.ids), seed=seed, item=item.order_item)
    return [item.ids.index(option_id) for option_id in order]


def _longest(item: CueItem, among: list[int]) -> int:
    return max(among, key=lambda index: len(item.texts[index]))   # first of equals wins


def pick_longest(item: CueItem, screen: list[int]) -> int:
    """The longest option, the first shown among equals."""
    return _longest(item, screen)


def pick_middle(item: CueItem, screen: list[int]) -> int:
    """The longest option neither first nor last on screen (two options: the first shown)."""
    return _longest(item, screen[1:-1] or screen[:1])


def pick_first(item: CueItem, screen: list[int]) -> int:
    """The option shown first."""
    return screen[0]


SINGLE_PICKS: dict[str, Callable[[CueItem, list[int]], int]] = {
    "longest": pick_longest, "longest of the middle": pick_middle, "first": pick_first}


def partial_credit(ticked: set[int], correct: frozenset[int]) -> float:
    """The quiz's score for a multiple-answer item, as a fraction of its points."""
    right, wrong = len(ticked & correct), len(ticked - correct)
    return max(0.0, (right - wrong) / len(correct))


def half(item: CueItem) -> int:
    """How many options the multiple-answer strategies tick: half, rounded up."""
    return math.ceil(len(item.texts) / 2)


def tick_longest(item: CueItem, screen: list[int]) -> set[int]:
    """The longest half of the options (the first shown among equals)."""
    ranked = sorted(screen, key=lambda index: -len(item.texts[index]))   # stable: screen order
    return set(ranked[: half(item)])


def tick_first(item: CueItem, screen: list[int]) -> set[int]:
    """The first half of the options on screen."""
    return set(screen[: half(item)])


MULTIPLE_TICKS: dict[str, Callable[[CueItem, list[int]], set[int]]] = {
    "longest": tick_longest, "first": tick_first}


def multiple_chance(item: CueItem) -> float:
    """The mean partial credit of ticking ``half(item)`` options at random."""
    picks = list(itertools.combinations(range(len(item.texts)), half(item)))
    return sum(partial_credit(set(pick), item.best) for pick in picks) / len(picks)


@dataclass(frozen=True)
class CueReport:
    """How one collection fares: items, chance and each strategy's rate (0 to 1)."""

    collection: Collection
    chance: float
    rates: dict[str, float]

    @property
    def items(self) -> int:
        """How many items were played."""
        return len(self.collection.items)

    @property
    def over(self) -> list[str]:
        """The strategies that beat chance + MARGIN."""
        return [name for name, rate in self.rates.items() if rate > self.chance + MARGIN]


def play(collection: Collection, seeds: list[str] | None = None) -> CueReport:
    """Play every strategy on every item of ``collection`` for every simulated trainee."""
    seeds = seeds if seeds is not None else trainee_seeds()
    items = collection.items
    screens = [[shown(item, seed) for seed in seeds] for item in items]
    plays = len(items) * len(seeds)
    rates: dict[str, float] = {}
    if collection.answers == "single":
        chance = sum(item.chance for item in items) / len(items)
        for name, pick in SINGLE_PICKS.items():
            wins = sum(pick(item, screen) in item.best
                       for item, item_screens in zip(items, screens, strict=True)
                       for screen in item_screens)
            rates[name] = wins / plays
    else:
        chance = sum(multiple_chance(item) for item in items) / len(items)
        for name, tick in MULTIPLE_TICKS.items():
            credit = sum(partial_credit(tick(item, screen), item.best)
                         for item, item_screens in zip(items, screens, strict=True)
                         for screen in item_screens)
            rates[name] = credit / plays
    return CueReport(collection, chance, rates)


def report_lines(reports: list[CueReport]) -> list[str]:
    """The reports as a table a content author can read, one line per collection."""
    width = max([len(r.collection.label) for r in reports] + [10])
    head = f"{'collection':<{width}}  {'n':>3}  {'chance':>6}  " + "  ".join(
        f"{name:>7}" for name in STRATEGIES) + "  verdict"
    lines = [head]
    for report in reports:
        cells = "  ".join(f"{report.rates[name]:>{max(7, len(name))}.0%}" if name in report.rates
                          else f"{'-':>{max(7, len(name))}}" for name in STRATEGIES)
        verdict = "ok" if not report.over else (
            f"over chance + {MARGIN * 100:.0f}: " + ", ".join(report.over))
        lines.append(f"{report.collection.label:<{width}}  {report.items:>3}  "
                     f"{report.chance:>6.0%}  {cells}  {verdict}")
    return lines
