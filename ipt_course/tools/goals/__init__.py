"""Checking treatment goals against IPT criteria (Day 2).

``GoalBuilder(save_path="my-goals.json")`` (the same class as :class:`GoalsView`) lets a
trainee write goals and see, for each, which criteria it meets. The checks are deliberately
simple word rules, kept in ``data/words.yaml`` so that a trainer can explain every verdict:
they prompt reflection and do not replace supervision. The goals kept (and the focus, people
and draft) are saved at every change and reloaded on re-run.
"""

from ipt_course.tools.goals.checks import (
    CriterionResult,
    GoalReport,
    as_written,
    capitalised_names,
    check_focus,
    check_goal,
    check_interpersonal,
    check_own_words,
    check_positive,
    check_realistic,
    check_specific,
    find_actions,
    find_patterns,
    find_words,
    names_list,
    normalise,
)
from ipt_course.tools.goals.model import (
    SAVED_SETTINGS,
    SESSION_RANGE,
    GoalModel,
    GoalsDocument,
    GoalsFileError,
    parse_goals_file,
    report_from_dict,
)
from ipt_course.tools.goals.view import GoalsView, report_html
from ipt_course.tools.goals.words import CRITERIA, HOW_CHECKED, REWRITE_PATTERNS

# The name the Day 2 notebook uses.
GoalBuilder = GoalsView

__all__ = [
    "CRITERIA",
    "HOW_CHECKED",
    "REWRITE_PATTERNS",
    "SAVED_SETTINGS",
    "SESSION_RANGE",
    "CriterionResult",
    "GoalBuilder",
    "GoalModel",
    "GoalReport",
    "GoalsDocument",
    "GoalsFileError",
    "GoalsView",
    "as_written",
    "capitalised_names",
    "check_focus",
    "check_goal",
    "check_interpersonal",
    "check_own_words",
    "check_positive",
    "check_realistic",
    "check_specific",
    "find_actions",
    "find_patterns",
    "find_words",
    "names_list",
    "normalise",
    "parse_goals_file",
    "report_from_dict",
    "report_html",
]
