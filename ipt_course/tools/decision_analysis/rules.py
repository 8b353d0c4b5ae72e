"""The decision aid's rules: building an option, the checklist, safety words, the comparison.

They are plain word rules kept in data/wording.yaml, so a trainer can explain every prompt.
They prompt reflection; the decision and the choice are the client's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ipt_course.kit.checklist import Check, Review, find_cues, matches, normalise
from ipt_course.tools.decision_analysis.content import Example, Wording, example, wording
from ipt_course.tools.decision_analysis.schema import (
    OPTION_FIELDS,
    Decision,
    DecisionError,
    Option,
    check_length,
    tidy,
)

OPTION_LABELS = {"name": "Option", "for_client": "For the client",
                 "for_other": "For the other person"}
NOT_NAMES = frozenset({"i", "i'll", "i'd", "i'm", "monday", "tuesday", "wednesday", "thursday",
                       "friday", "saturday", "sunday", "january", "february", "march", "april",
                       "may", "june", "july", "august", "september", "october", "november",
                       "december", "nhs", "ok"})


def make_option(values: dict[str, Any]) -> Option:
    """An option from the boxes' values; DecisionError says what is missing or too long."""
    texts = {key: tidy(values.get(key, "")) for key in OPTION_FIELDS}
    if not texts["name"]:
        raise DecisionError("Name the option in a few words, e.g. 'Go back in April'.")
    for key, text in texts.items():
        try:
            check_length(key, text)
        except DecisionError as error:
            raise DecisionError(f"{OPTION_LABELS[key]}: {error}") from None
    return Option(**texts)


def is_doing_nothing(option: Option, text: Wording | None = None) -> bool:
    """Whether the option is to do nothing, wait or put the decision off."""
    return bool(find_cues(option.name, (text or wording()).patterns.do_nothing))


def names_someone(step: str, text: Wording | None = None) -> bool:
    """Whether a step names a person: a capitalised name after the first word, or 'manager'."""
    words = re.findall(r"[A-Z][\w'’-]*", step)
    first = step.strip().split(" ", 1)[0] if step.strip() else ""
    named = [w for w in words if w != first
             and re.sub(r"['’]s$", "", w).lower() not in NOT_NAMES]
    return bool(named or find_cues(step, (text or wording()).patterns.people))


def _names(decision: Decision) -> dict[str, str]:
    return {"client": decision.client or "the client",
            "other": decision.other or "the other person"}


def _options_check(decision: Decision, text: Wording) -> Check:
    checks, options = text.checks, decision.options
    if not options:
        return Check("options", text.steps.options, False, checks.options_todo)
    if len(options) == 1:
        return Check("options", text.steps.options, False,
                     checks.options_one.format(option=options[0].name))
    names = ", ".join(option.name for option in options)
    notes = () if any(is_doing_nothing(o, text) for o in options) else (
        checks.options_no_nothing,)
    return Check("options", text.steps.options, True,
                 checks.options_done.format(count=len(options), names=names), notes)


def _consequences_check(decision: Decision, text: Wording) -> Check:
    checks, names = text.checks, _names(decision)
    if not decision.options:
        return Check("consequences", text.steps.consequences, False,
                     checks.consequences_todo.format(**names))
    missing = []
    for option in decision.options:
        whom = [names["client"]] if not option.for_client else []
        whom += [names["other"]] if not option.for_other else []
        if whom:
            missing.append(checks.consequences_missing.format(option=option.name,
                                                              whom=", and for ".join(whom)))
    notes = [] if decision.matters else [checks.consequences_matters.format(**names)]
    for where, phrases in preference_phrases(decision, text):
        notes.append(checks.preference.format(
            where=where, phrases=", ".join(f"'{p}'" for p in phrases)))
    if missing:
        return Check("consequences", text.steps.consequences, False, " ".join(missing),
                     tuple(notes))
    return Check("consequences", text.steps.consequences, True, checks.consequences_done,
                 tuple(notes))


def preference_phrases(decision: Decision,
                       text: Wording | None = None) -> list[tuple[str, list[str]]]:
    """Where the notes read like the therapist's recommendation, and the phrases that do."""
    patterns = (text or wording()).patterns.preference
    places = [(f"The consequences of '{o.name}'", f"{o.for_client} {o.for_other}")
              for o in decision.options]
    places.append(("What matters most", decision.matters))
    found = [(where, list(dict.fromkeys(matches(words, patterns)))) for where, words in places]
    return [(where, phrases) for where, phrases in found if phrases]


def _step_check(decision: Decision, text: Wording) -> Check:
    checks, names = text.checks, _names(decision)
    step = decision.first_step
    if not step:
        return Check("first_step", text.steps.first_step, False, checks.step_todo.format(**names))
    gaps = []
    if len(step.split()) < 4:
        gaps.append(checks.step_too_short.format(**names))
    if not names_someone(step, text):
        gaps.append(checks.step_no_who)
    if not matches(step, text.patterns.when):
        gaps.append(checks.step_no_when)
    notes = () if decision.rehearsed else (checks.step_rehearse.format(**names),)
    if gaps:
        return Check("first_step", text.steps.first_step, False, " ".join(gaps), notes)
    return Check("first_step", text.steps.first_step, True, checks.step_done, notes)


def review(decision: Decision, text: Wording | None = None) -> Review:
    """The checklist of the six steps for ``decision``, and any safety words found in it."""
    text = text or wording()
    checks, steps, names = text.checks, text.steps, _names(decision)
    items = (
        Check("decision", steps.decision, bool(decision.decision),
              checks.decision_done if decision.decision else checks.decision_todo),
        _options_check(decision, text),
        _consequences_check(decision, text),
        Check("choice", steps.choice, bool(decision.choice),
              checks.choice_done.format(choice=decision.choice, **names) if decision.choice
              else checks.choice_todo.format(**names)),
        _step_check(decision, text),
        Check("review", steps.review, bool(decision.review_question),
              checks.review_done if decision.review_question else checks.review_todo),
    )
    return Review(items, tuple(safety_words(decision, text)))


def safety_words(decision: Decision, text: Wording | None = None) -> list[str]:
    """Words anywhere in the decision that may point to risk, abuse or control."""
    text = text or wording()
    parts = [decision.decision, decision.matters, decision.first_step, decision.review_notes]
    parts += [f"{o.name} {o.for_client} {o.for_other}" for o in decision.options]
    return list(dict.fromkeys(find_cues(" \n ".join(parts), text.safety.cues)))


@dataclass(frozen=True)
class OptionComparison:
    """One option of the worked example beside the trainee's entry for it."""

    name: str
    worked: Option
    yours: Option | None


@dataclass(frozen=True)
class Comparison:
    """The trainee's decision set beside the course's worked example of it."""

    options: tuple[OptionComparison, ...]
    extra_options: tuple[str, ...]
    worked: Example
    yours: Decision


def compare(decision: Decision, course: Example | None = None) -> Comparison:
    """Match the example's options to the trainee's by name, and keep both versions of each."""
    course = course or example()
    by_name = {normalise(option.name): option for option in decision.options}
    rows = tuple(OptionComparison(
        option.name, Option(name=option.name, for_client=option.for_client,
                            for_other=option.for_other), by_name.get(normalise(option.name)))
        for option in course.options)
    known = {normalise(option.name) for option in course.options}
    extra = tuple(o.name for o in decision.options if normalise(o.name) not in known)
    return Comparison(rows, extra, course, decision)
