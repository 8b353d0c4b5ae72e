"""Validate the whole course: the manifest, the tree, scenarios, quiz banks and self-checks."""

from __future__ import annotations

from pathlib import Path

from ipt_course.course import Course, ManifestError, check_course, load_course
from ipt_course.problems import Problem


def validate_scenarios(course: Course) -> list[Problem]:
    """Every scenario the manifest lists, checked by the role-play engine."""
    from ipt_course.roleplay.validation import validate_scenario_file as check

    problems: list[Problem] = []
    for day in course.days:
        for scenario in day.scenarios:
            path = course.root / scenario
            if path.is_file():
                problems += check(path, course.outcome_ids())
    return problems


def validate_quizzes(course: Course) -> list[Problem]:
    """Every quiz bank the manifest lists, checked by the quiz engine."""
    from ipt_course.quiz.bank import validate_bank_file as check

    problems: list[Problem] = []
    for day in course.days:
        if day.quiz and (course.root / day.quiz).is_file():
            problems += check(course.root / day.quiz, course)
    return problems


def validate_selfchecks(course: Course) -> list[Problem]:
    """Every self-check file beside the day notebooks, checked by the self-check tool."""
    from ipt_course.tools.selfcheck import validate_selfcheck_file as check

    problems: list[Problem] = []
    for path in sorted((course.root / "curriculum").glob("day*/selfchecks/*.yaml")):
        problems += check(path, course.outcome_ids())
    return problems


def cue_files(course: Course) -> list[tuple[Path, str]]:
    """(file, kind) of every quiz bank, self-check file and scenario the course uses."""
    files = [(course.root / day.quiz, "quiz") for day in course.days if day.quiz]
    files += [(path, "selfcheck")
              for path in sorted((course.root / "curriculum").glob("day*/selfchecks/*.yaml"))]
    files += [(course.root / scenario, "scenario") for day in course.days
              for scenario in day.scenarios]
    return [(path, kind) for path, kind in files if path.is_file()]


def validate_cues(course: Course) -> list[Problem]:
    """Answers a test-wise trainee could find without knowing IPT (``ipt_course.cues.lint``)."""
    from ipt_course.cues.lint import lint_file

    return [problem for path, kind in cue_files(course)
            for problem in lint_file(path, kind, course.root)]  # type: ignore[arg-type]


def validate_all(root: Path | None = None, cues: bool = True) -> list[Problem]:
    """Every problem in the course under ``root``; an empty list means the course is valid.

    ``cues=False`` leaves out the item-writing lint (answers given away by length or place).
    """
    try:
        course = load_course(root)
    except ManifestError as error:
        return error.problems
    return [*check_course(course), *validate_scenarios(course), *validate_quizzes(course),
            *validate_selfchecks(course), *(validate_cues(course) if cues else [])]
