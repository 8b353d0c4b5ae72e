"""Checking one treatment goal against six IPT criteria with simple word rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, StrictBool, StrictStr

from ipt_course.kit.vocabulary import problem_areas
from ipt_course.tools.goals.words import (
    ABSOLUTE_WORDS,
    ACTION_WORDS,
    CRITERIA,
    DETAIL_PATTERNS,
    FIRST_PERSON,
    FOCUS_WORDS,
    JARGON,
    JARGON_STEMS,
    LEAD_IN,
    NEGATIVE_START,
    NOT_NAMES,
    OTHERS_CHANGING,
    PEOPLE_WORDS,
    REWRITE_PATTERNS,
    SYMPTOM_WORDS,
    THIRD_PERSON,
    VAGUE_WORDS,
)


def _known_criterion(criterion: str) -> str:
    if criterion not in CRITERIA:
        raise ValueError(f"expected one of {', '.join(CRITERIA)}.")
    return criterion


def _words(goal: str) -> str:
    if not goal.strip():
        raise ValueError("expected the goal's words.")
    return goal


@dataclass
class CriterionResult:
    """The verdict on one criterion: whether it is met, why, and a rewrite pattern if not.

    The field types are also the rules a saved verdict must meet.
    """

    __pydantic_config__ = ConfigDict(extra="forbid")

    criterion: Annotated[StrictStr, AfterValidator(_known_criterion)]
    met: StrictBool
    reason: StrictStr = ""
    suggestion: StrictStr = ""

    @property
    def label(self) -> str:
        """The criterion's name as trainees read it."""
        return CRITERIA[self.criterion]


@dataclass
class GoalReport:
    """All the criteria checked for one goal (the field types are the rules a saved one meets)."""

    __pydantic_config__ = ConfigDict(extra="forbid")

    goal: Annotated[StrictStr, AfterValidator(_words)]
    results: list[CriterionResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when every criterion is met."""
        return all(r.met for r in self.results)

    def unmet(self) -> list[CriterionResult]:
        """The criteria that are not met yet."""
        return [r for r in self.results if not r.met]


def normalise(text: str) -> str:
    """Lower-case, straighten curly apostrophes and collapse spaces."""
    text = str(text or "").replace("’", "'").replace("‘", "'").lower()
    return " ".join(text.split())


def find_words(text: str, words: tuple[str, ...]) -> list[str]:
    """Return the words or phrases of ``words`` that occur in ``text`` as whole words."""
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


def find_actions(text: str) -> list[str]:
    """Return the action words in ``text``, allowing everyday endings (asks, asked, asking)."""
    found = []
    for word in ACTION_WORDS:
        stem = word[:-1] if word.endswith("e") else word
        if re.search(
            rf"(?<![\w-])(?:{re.escape(word)}|{re.escape(stem)}(?:es|ed|ing|s|d))(?![\w-])", text
        ):
            found.append(word)
    return found


def find_patterns(text: str, patterns: tuple[str, ...]) -> list[str]:
    """Return the pieces of ``text`` matched by any of ``patterns``."""
    found = []
    for pattern in patterns:
        found.extend(m.group(0) for m in re.finditer(pattern, text))
    return found


def _quote(items: list[str]) -> str:
    return ", ".join(f"'{item}'" for item in dict.fromkeys(items))


def names_list(people: str | list[str] | tuple[str, ...]) -> list[str]:
    """Split the people involved into names: 'Nadia (sister), Mum' -> nadia, sister, mum."""
    if isinstance(people, str):
        people = re.split(r"[,;\n()]+| and ", people)
    return [normalise(p) for p in people if normalise(p)]




def capitalised_names(goal: str) -> list[str]:
    """Capitalised words after the first word (e.g. 'Jo', 'Mum's'), taken to be people's names."""
    words = re.findall(r"[A-Z][\w'’.-]*", goal.strip())
    first = goal.strip().split(" ", 1)[0]
    names = []
    for word in words:
        name = re.sub(r"['’]s$", "", word).rstrip(".").lower()
        if word != first and name and name not in NOT_NAMES and name[:-1] not in NOT_NAMES:
            names.append(name)
    return names


def check_focus(text: str, focus: str, names: list[str]) -> CriterionResult:
    """Met when the goal mentions a person involved in the focus or a word tied to the area."""
    pattern = REWRITE_PATTERNS["focus"].get(focus, REWRITE_PATTERNS["focus"][""])
    if focus not in FOCUS_WORDS:
        return CriterionResult("focus", False, "No agreed focus has been chosen yet.", pattern)
    found = find_words(text, tuple(names)) + find_words(text, FOCUS_WORDS[focus])
    area = problem_areas()[focus].lower()
    if found:
        return CriterionResult("focus", True, f"Linked to the {area} through {_quote(found)}.")
    others = find_words(text, PEOPLE_WORDS)
    hint = ""
    if others:
        hint = (
            f" It names {_quote(others)}: if that is who the {area} involves, add them under "
            "'People involved'."
        )
    return CriterionResult(
        "focus",
        False,
        f"Nothing in the goal ties it to the {area}: no person involved in it and none of the "
        f"words that go with it.{hint}",
        pattern,
    )


def check_interpersonal(text: str, names: list[str]) -> CriterionResult:
    """Met when the goal names a person or group (a word such as 'sister', or a name).

    ``names`` are the people involved plus capitalised names found in the goal.
    """
    people = find_words(text, tuple(names)) + find_words(text, PEOPLE_WORDS)
    if people:
        return CriterionResult("interpersonal", True, f"Names people: {_quote(people)}.")
    symptoms = find_words(text, SYMPTOM_WORDS)
    reason = "No person or group is named."
    if symptoms:
        reason = f"This is a symptom goal ({_quote(symptoms)}); no person or group is named."
    return CriterionResult("interpersonal", False, reason, REWRITE_PATTERNS["interpersonal"])


def check_specific(text: str) -> CriterionResult:
    """Met when the goal has an observable action and a concrete detail (when, how often, what)."""
    actions = find_actions(text)
    details = find_patterns(text, DETAIL_PATTERNS)
    if actions and details:
        return CriterionResult(
            "specific", True, f"Action {_quote(actions)} with detail {_quote(details)}."
        )
    missing = []
    if not actions:
        missing.append("an action someone could see or hear (talk, ask, invite, visit...)")
    if not details:
        missing.append("a detail of what about, when or how often (e.g. 'by session 8')")
    vague = find_words(text, VAGUE_WORDS)
    vague_note = f" Vague words: {_quote(vague)}." if vague else ""
    return CriterionResult(
        "specific",
        False,
        "Missing " + " and ".join(missing) + "." + vague_note,
        REWRITE_PATTERNS["specific"],
    )


def check_realistic(text: str, sessions: int) -> CriterionResult:
    """Not met for all-or-nothing words, a session beyond the contract, or changing others."""
    problems = []
    absolutes = find_words(text, ABSOLUTE_WORDS)
    if absolutes:
        problems.append(f"all-or-nothing words ({_quote(absolutes)})")
    late = [int(n) for n in re.findall(r"(?:session|week) (\d+)", text) if int(n) > sessions]
    if late:
        problems.append(f"a session beyond the {sessions} agreed (session {max(late)})")
    others = find_patterns(text, OTHERS_CHANGING)
    if others:
        problems.append(f"it depends on someone else changing ({_quote(others)})")
    suggestion = REWRITE_PATTERNS["realistic"].format(sessions=sessions)
    if problems:
        return CriterionResult(
            "realistic", False, "Check: " + "; ".join(problems) + ".", suggestion
        )
    return CriterionResult(
        "realistic",
        True,
        f"No all-or-nothing words, nothing beyond session {sessions}, and it is in the "
        "client's own hands.",
    )


def check_own_words(text: str) -> CriterionResult:
    """Met when written in the first person without IPT jargon or talk of 'the client'."""
    jargon = find_words(text, JARGON) + find_patterns(text, JARGON_STEMS)
    third = find_patterns(text, THIRD_PERSON)
    first = re.search(FIRST_PERSON, text)
    problems = []
    if jargon:
        problems.append(f"IPT terms the client would not use ({_quote(jargon)})")
    if third:
        problems.append(f"written about the client ({_quote(third)})")
    if not first:
        problems.append("not in the first person (no 'I' or 'my')")
    if problems:
        return CriterionResult(
            "own_words", False, "Check: " + "; ".join(problems) + ".", REWRITE_PATTERNS["own_words"]
        )
    return CriterionResult("own_words", True, "First person and everyday words.")


def check_positive(text: str) -> CriterionResult:
    """Not met when the goal is about stopping or avoiding rather than doing.

    'without ...' describes how something is done, so it is allowed ('talk ... without shouting').
    """
    core = LEAD_IN.sub("", text).strip()
    negative_start = next(
        (w for w in NEGATIVE_START if re.match(rf"{re.escape(w)}(?![\w-])", core)), ""
    )
    stopping = [
        w
        for w in find_words(text, ("stop", "quit", "avoid", "no longer", "never"))
        if not re.search(rf"without {w}", text)
    ]
    if negative_start or stopping:
        words = _quote([negative_start, *stopping] if negative_start else stopping)
        return CriterionResult(
            "positive",
            False,
            f"Framed as something to stop or avoid ({words}).",
            REWRITE_PATTERNS["positive"],
        )
    return CriterionResult("positive", True, "Says what the client will do.")


def as_written(reason: str, goal: str) -> str:
    """Quote words in ``reason`` as the goal spells them ('Imran', not the matched 'imran')."""
    original = goal.replace("’", "'").replace("‘", "'")

    def restore(match: re.Match[str]) -> str:
        found = re.search(
            rf"(?<![\w-]){re.escape(match.group(1))}(?![\w-])", original, flags=re.IGNORECASE
        )
        return f"'{found.group(0)}'" if found else match.group(0)

    return re.sub(r"'([^'\n]+)'", restore, reason)


def check_goal(
    goal: str, focus: str, people: str | list[str] = "", sessions: int = 16
) -> GoalReport:
    """Check one goal against the six criteria; ``focus`` is a problem area id (or '')."""
    text = normalise(goal)
    if not text:
        raise ValueError("Write a goal first.")
    names = names_list(people)
    results = [
        check_focus(text, focus, names),
        check_interpersonal(text, names + capitalised_names(goal)),
        check_specific(text),
        check_realistic(text, sessions),
        check_own_words(text),
        check_positive(text),
    ]
    return GoalReport(
        goal.strip(), [replace(r, reason=as_written(r.reason, goal)) for r in results]
    )
