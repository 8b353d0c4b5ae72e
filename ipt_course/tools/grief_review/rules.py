"""What the review can notice: one side missing, memories only of the death, self-blame, gaps.

Each rule is a plain look at the entries with words from data/wording.yaml, so a trainer can
explain every prompt. Prompts invite a question; they never judge a client.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ipt_course.tools.grief_review.review import ReviewDocument
from ipt_course.tools.grief_review.wording import Wording, wording

Level = Literal["ok", "note"]


@dataclass(frozen=True)
class Prompt:
    """One thing the review noticed: a key (for tests and styling), its level and its words."""

    key: str
    level: Level
    text: str


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces."""
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


def phrases_in(text: str, phrases: tuple[str, ...]) -> list[str]:
    """The phrases of ``phrases`` that occur in ``text`` as whole words."""
    plain = normalise(text)
    return [phrase for phrase in phrases
            if re.search(rf"(?<![\w'-]){re.escape(phrase)}(?![\w-])", plain)]


def side_prompt(review: ReviewDocument, words: Wording) -> Prompt:
    """Whether both sides of the relationship are on the page, or which one is missing."""
    name = review.person()
    if review.gave and review.hard:
        return Prompt("both_sides", "ok", words.prompts["both_sides"].format(name=name))
    if review.gave:
        key = "only_gave_baby" if review.baby else "only_gave"
        return Prompt(key, "note", words.prompts[key].format(name=name))
    if review.hard:
        return Prompt("only_hard", "note", words.prompts["only_hard"].format(name=name))
    return Prompt("nothing_yet", "note", words.prompts["nothing_yet"].format(name=name))


def memory_prompt(review: ReviewDocument, words: Wording) -> Prompt | None:
    """A prompt when there are no memories, or every one is about the death."""
    name = review.person()
    if not review.memories:
        return Prompt("no_memories", "note", words.prompts["no_memories"].format(name=name))
    if all(phrases_in(memory, words.words.about_the_death) for memory in review.memories):
        return Prompt("memories_about_the_death", "note",
                      words.prompts["memories_about_the_death"].format(name=name))
    return None


def as_written(text: str, phrase: str) -> str:
    """``phrase`` as ``text`` spells it (capitals and curly apostrophes kept)."""
    apostrophe = "['’‘]"
    pattern = r"\s+".join(apostrophe.join(re.escape(part) for part in word.split("'"))
                          for word in phrase.split())
    found = re.search(pattern, text, flags=re.IGNORECASE)
    return found.group(0) if found else phrase


def self_blame_prompt(review: ReviewDocument, words: Wording) -> Prompt | None:
    """A prompt when what was hard, or the story of the death, holds a phrase of self-blame."""
    found: list[str] = []
    for text in [*review.hard, review.death_story]:
        for phrase in phrases_in(text, words.words.self_blame):
            quoted = as_written(text, phrase)
            if quoted.casefold() not in {item.casefold() for item in found}:
                found.append(quoted)
    if not found:
        return None
    return Prompt("self_blame", "note",
                  words.prompts["self_blame"].format(found='", "'.join(found)))


def balance_prompt(review: ReviewDocument, words: Wording) -> Prompt | None:
    """A prompt about the balance: not placed yet, or an aim at one end of the scale."""
    if review.balance_now is None:
        return Prompt("now_unplaced", "note", words.prompts["now_unplaced"])
    if review.balance_aim is None:
        return Prompt("aim_unplaced", "note", words.prompts["aim_unplaced"])
    if abs(review.balance_aim) >= 2:
        return Prompt("aim_at_an_end", "note", words.prompts["aim_at_an_end"])
    return None


def review_prompts(review: ReviewDocument, words: Wording | None = None) -> list[Prompt]:
    """Everything the review notices, in the order of its sections."""
    words = words or wording()
    found: list[Prompt | None] = []
    if review.baby and not review.hopes.strip():
        found.append(Prompt("hopes_for_a_baby", "note", words.prompts["hopes_for_a_baby"]))
    found += [memory_prompt(review, words), side_prompt(review, words),
              self_blame_prompt(review, words)]
    if not review.death_story.strip():
        found.append(Prompt("story_missing", "note", words.prompts["story_missing"]))
    elif not review.time_after.strip():
        found.append(Prompt("time_after_missing", "note", words.prompts["time_after_missing"]))
    if not review.dates:
        found.append(Prompt("no_dates", "note", words.prompts["no_dates"]))
    found.append(balance_prompt(review, words))
    return [prompt for prompt in found if prompt is not None]
