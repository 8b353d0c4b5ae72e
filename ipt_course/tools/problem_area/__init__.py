"""The problem-area decision aid (Day 2).

``ProblemAreaAid()`` (the same class as :class:`ProblemAreaView`) asks four questions drawn
from the inventory and timeline, suggests a problem area with reasons, and checks the trainee's
choice against IPT's rules (one focus, at most two; sensitivities only when there is no acute
life event). The questions are in ``data/questions.yaml``.
"""

from ipt_course.tools.problem_area.model import ProblemAreaModel
from ipt_course.tools.problem_area.rules import (
    ACUTE_AREAS,
    ACUTE_QUESTIONS,
    ANSWER_LABELS,
    PROBLEM_AREAS,
    QUESTION_BY_ID,
    QUESTIONS,
    Advice,
    Check,
    Question,
    Suggestion,
    check_choice,
    suggest_problem_areas,
)
from ipt_course.tools.problem_area.view import CHECK_MARKS, ProblemAreaView

# The name the Day 2 notebook uses.
ProblemAreaAid = ProblemAreaView

__all__ = [
    "ACUTE_AREAS",
    "ACUTE_QUESTIONS",
    "ANSWER_LABELS",
    "CHECK_MARKS",
    "PROBLEM_AREAS",
    "QUESTIONS",
    "QUESTION_BY_ID",
    "Advice",
    "Check",
    "ProblemAreaAid",
    "ProblemAreaModel",
    "ProblemAreaView",
    "Question",
    "Suggestion",
    "check_choice",
    "suggest_problem_areas",
]
