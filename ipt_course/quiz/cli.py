"""``ipt-course quiz build`` and ``ipt-course quiz check``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ipt_course.commands import root_of
from ipt_course.quiz.bank import BankError, load_bank
from ipt_course.quiz.generate import QuizBuildError, build_quiz, find_leaks, stale_files


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``quiz`` command and its subcommands."""
    quiz = subparsers.add_parser("quiz", help="build and check the daily quizzes")
    actions = quiz.add_subparsers(title="quiz commands", metavar="ACTION")

    build = actions.add_parser(
        "build", help="generate source/ and release/ for a quiz bank (runs nbgrader)")
    build.add_argument("day", nargs="?", help="day number, or a quiz bank file")
    build.add_argument("--all", action="store_true", help="every quiz named in course.yaml")
    build.set_defaults(func=cmd_build)

    check = actions.add_parser(
        "check", help="check the banks, that source/ is up to date and release/ leaks no answers")
    check.set_defaults(func=cmd_check)
    quiz.set_defaults(func=lambda _args: quiz.print_help() or 0)


def _banks(args: argparse.Namespace, root: Path) -> list[Path]:
    """The bank files the command applies to; ValueError with a plain message if none."""
    if args.day and not args.day.isdigit():
        return [Path(args.day).resolve()]
    from ipt_course.course import load_course

    course = load_course(root)
    if args.day:
        day = course.day(int(args.day))
        if not day.quiz:
            raise ValueError(f"Day {day.number} has no quiz in course.yaml")
        return [root / day.quiz]
    if not args.all:
        raise ValueError("name a day (for example: ipt-course quiz build 1) or use --all")
    return [root / day.quiz for day in course.days if day.quiz]


def cmd_build(args: argparse.Namespace) -> int:
    """Generate the nbgrader source and release versions of the chosen quizzes."""
    root = root_of(args)
    try:
        banks = _banks(args, root)
    except (ValueError, KeyError) as error:
        print(f"ipt-course quiz build: {str(error).strip(chr(39))}", file=sys.stderr)
        return 2
    failed = 0
    for path in banks:
        try:
            release = build_quiz(path, root)
        except BankError as error:
            print(f"{path.name} is not valid:", file=sys.stderr)
            for problem in error.problems:
                print(f"  {problem}", file=sys.stderr)
            failed += 1
            continue
        except QuizBuildError as error:
            print(str(error), file=sys.stderr)
            failed += 1
            continue
        leaks = find_leaks(release.parent)
        for leak in leaks:
            print(f"answer key in the release: {leak}", file=sys.stderr)
        failed += bool(leaks)
        print(f"built {release.relative_to(root)}")
    return 1 if failed else 0


def cmd_check(args: argparse.Namespace) -> int:
    """Report invalid banks, out-of-date source files and answer keys in release/."""
    from ipt_course.course import load_course
    from ipt_course.quiz.bank import validate_bank_file

    root = root_of(args)
    course = load_course(root)
    messages: list[str] = []
    for day in course.days:
        if not day.quiz:
            continue
        path = root / day.quiz
        problems = validate_bank_file(path, course)
        messages += [str(problem) for problem in problems]
        if problems:
            continue
        bank = load_bank(path)
        messages += [f"{stale.relative_to(root)} is out of date: run ipt-course quiz build "
                     f"{day.number}" for stale in stale_files(bank, root)]
    if (root / "release").is_dir():
        messages += find_leaks(root / "release")
    for message in messages:
        print(message, file=sys.stderr)
    if not messages:
        print("quizzes: all banks valid, source/ up to date, release/ free of answer keys")
    return 1 if messages else 0
