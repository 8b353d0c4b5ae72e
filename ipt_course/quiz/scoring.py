"""Scoring a quiz answer (the rules in the team brief, exactly) and what trainees may see.

Nothing here reads files: a scoring key embedded in a generated notebook is turned back into a
question with :func:`question_from_key`, so grading needs no bank.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ipt_course.quiz.bank import KEYS_USED, Question, QuizBank, is_number

# Absorbs binary rounding (2.3 - 2.2 > 0.1 in floats) so a tolerance means what it says.
NUMERIC_SLACK = 1e-9

# ---------------------------------------------------------------------------------------------
# What trainees may see


def public_question(question: Question) -> dict[str, Any]:
    """The parts of a question a trainee sees: no answer, explanation, tolerance or rubric."""
    data: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "points": question.points,
        "prompt": question.prompt,
    }
    for key in sorted(KEYS_USED[question.type]):
        data[key] = [{"id": o.id, "text": o.text} for o in getattr(question, key)]
    return data


def public_questions(bank: QuizBank) -> dict[str, Any]:
    """The answer-free question data shipped beside the trainee's notebook."""
    return {
        "format": 1,
        "quiz": bank.id,
        "title": bank.title,
        "questions": [public_question(q) for q in bank.questions],
    }


# ---------------------------------------------------------------------------------------------
# Scoring (the rules in the team brief, exactly)


def _texts(value: object) -> list[str] | None:
    """The strings of a list answer, or None when the answer is not a list."""
    if not isinstance(value, list | tuple):
        return None
    return [item for item in value if isinstance(item, str)]


def _fraction_single(q: Question, given: object) -> float:
    return 1.0 if isinstance(given, str) and given == q.answer else 0.0


def _fraction_multiple(q: Question, given: object) -> float:
    picks = _texts(given)
    if picks is None:
        return 0.0
    chosen, correct = set(picks), set(q.answer)
    right, wrong = len(chosen & correct), len(chosen - correct)
    return max(0.0, (right - wrong) / len(correct))


def _fraction_matching(q: Question, given: object) -> float:
    if not isinstance(given, dict):
        return 0.0
    right = sum(1 for item, choice in q.answer.items()
                if isinstance(given.get(item), str) and given[item] == choice)
    return right / len(q.answer)


def _fraction_numeric(q: Question, given: object) -> float:
    if not is_number(given):
        return 0.0
    return 1.0 if abs(given - q.answer) <= q.tolerance + NUMERIC_SLACK else 0.0


def _fraction_ordering(q: Question, given: object) -> float:
    order = given if isinstance(given, list | tuple) else None
    if order is None:
        return 0.0
    right = sum(1 for position, option_id in enumerate(q.answer)
                if position < len(order) and order[position] == option_id)
    return right / len(q.answer)


_FRACTIONS: dict[str, Callable[[Question, object], float]] = {
    "single": _fraction_single,
    "multiple": _fraction_multiple,
    "matching": _fraction_matching,
    "numeric": _fraction_numeric,
    "ordering": _fraction_ordering,
}


def round_score(value: float) -> float:
    """Round half up to 2 decimal places (0.125 -> 0.13), as a person would."""
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def score_answer(question: Question, answer: object) -> float:
    """Points earned by ``answer`` (as saved by the widgets); 0 for anything malformed.

    Reflection questions are marked by hand and always score 0 here. Never raises.
    """
    scorer = _FRACTIONS.get(question.type)
    if scorer is None or answer is None:
        return 0.0
    try:
        fraction = scorer(question, answer)
    except Exception:  # a hostile or damaged answer must never stop a grading batch
        return 0.0
    return round_score(question.points * min(1.0, max(0.0, fraction)))


def score_responses(bank: QuizBank, answers: object) -> dict[str, float]:
    """Each automatically scored question's points for a saved ``answers`` mapping."""
    given = answers if isinstance(answers, dict) else {}
    return {q.id: score_answer(q, given.get(q.id)) for q in bank.questions if q.auto_graded}


def scoring_key(question: Question) -> dict[str, Any]:
    """What grading needs to score a question (held only in hidden tests on the trainer side)."""
    return {
        "id": question.id,
        "type": question.type,
        "points": question.points,
        "answer": question.answer,
        "tolerance": question.tolerance,
    }


def question_from_key(key: dict[str, Any]) -> Question:
    """Rebuild a scorable question from ``scoring_key`` output."""
    return Question.model_validate({**key, "outcome": "key", "prompt": "key"})
