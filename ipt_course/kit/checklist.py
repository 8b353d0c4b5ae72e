"""A tool's checklist of plain word rules: the checks, the review, and matching words in text.

The rules live in each tool's wording file so a trainer can explain every prompt; these are the
pieces the tools share: how a text is normalised before matching, whole-word cue matching,
pattern matching, and the checklist a trainee sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


def normalise(text: str, quotes: bool = False) -> str:
    """Lower case, straight apostrophes (and, with ``quotes``, straight quotes), single spaces."""
    text = str(text or "").replace("’", "'").replace("‘", "'")
    if quotes:
        text = text.replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


def find_cues(text: str, cues: Iterable[str], quotes: bool = False) -> list[str]:
    """The words or phrases of ``cues`` found in ``text`` (normalised) as whole words."""
    plain = normalise(text, quotes)
    return [cue for cue in cues if re.search(rf"(?<![\w']){re.escape(cue)}(?![\w'])", plain)]


def matches(text: str, patterns: Iterable[str], quotes: bool = False) -> list[str]:
    """The parts of ``text`` (normalised) that any of ``patterns`` matches."""
    plain = normalise(text, quotes)
    return [found.group(0) for pattern in patterns for found in re.finditer(pattern, plain)]


@dataclass(frozen=True)
class Check:
    """One step of the checklist: done or not, what to do, and any further notes."""

    step: str
    title: str
    done: bool
    text: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Review:
    """The checklist for one record, and the safety prompt if any words call for it."""

    checks: tuple[Check, ...]
    safety_words: tuple[str, ...] = ()

    @property
    def done(self) -> int:
        """How many steps are done."""
        return sum(check.done for check in self.checks)
