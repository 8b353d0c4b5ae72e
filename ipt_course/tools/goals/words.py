"""The word lists and patterns the goal checks use, read from data/words.yaml."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import yaml


def _load() -> dict[str, Any]:
    text = resources.files("ipt_course.tools.goals").joinpath("data", "words.yaml").read_text(
        "utf-8")
    return yaml.safe_load(text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


_WORDS = _load()
_PATTERNS = _WORDS["patterns"]

CRITERIA: dict[str, str] = dict(_WORDS["criteria"])
HOW_CHECKED: dict[str, str] = {key: _one_line(text) for key, text in
                               _WORDS["how_checked"].items()}
REWRITE_PATTERNS: dict[str, Any] = {
    key: ({area: _one_line(text) for area, text in value.items()} if isinstance(value, dict)
          else _one_line(value))
    for key, value in _WORDS["rewrite_patterns"].items()
}
PEOPLE_WORDS = tuple(_WORDS["people_words"])
ACTION_WORDS = tuple(_WORDS["action_words"])
SYMPTOM_WORDS = tuple(_WORDS["symptom_words"])
VAGUE_WORDS = tuple(_WORDS["vague_words"])
ABSOLUTE_WORDS = tuple(_WORDS["absolute_words"])
JARGON = tuple(_WORDS["jargon"])
NEGATIVE_START = tuple(_WORDS["negative_start"])
NOT_NAMES = frozenset(_WORDS["not_names"])
FOCUS_WORDS = {area: tuple(words) for area, words in _WORDS["focus_words"].items()}
DETAIL_PATTERNS = tuple(_PATTERNS["detail"])
OTHERS_CHANGING = tuple(_PATTERNS["others_changing"])
JARGON_STEMS = tuple(_PATTERNS["jargon_stems"])
THIRD_PERSON = tuple(_PATTERNS["third_person"])
FIRST_PERSON = _PATTERNS["first_person"]
LEAD_IN = re.compile(_PATTERNS["lead_in"])
