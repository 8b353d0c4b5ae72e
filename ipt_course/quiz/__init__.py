"""Quizzes: bank schema and scoring, answer widgets, the nbgrader generator and grading.

Notebook cells use ``from ipt_course.quiz import start_quiz, ask, check_answers``; these are
loaded on first use so that trainer-side grading never imports the widget library.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ask", "check_answers", "start_quiz"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ipt_course.quiz import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module 'ipt_course.quiz' has no attribute {name!r}")
