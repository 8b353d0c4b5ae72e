"""The ``ipt-course`` command: one entry point for trainees and trainers."""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path

from ipt_course import __version__
from ipt_course.commands import free_port, root_of
from ipt_course.edition.cli import register as edition_commands
from ipt_course.grading.cli import register as grading_commands
from ipt_course.handbook.cli import register as handbook_commands
from ipt_course.hub.cli import register as hub_commands
from ipt_course.live.cli import register as live_commands
from ipt_course.quiz.cli import register as quiz_commands
from ipt_course.roleplay.cli import register as roleplay_commands


def cmd_validate(args: argparse.Namespace) -> int:
    """Check the manifest, the tree, the scenarios and the quiz banks."""
    from ipt_course.validate import validate_all

    if args.cues:
        return cue_report(root_of(args))
    problems = validate_all(root_of(args), cues=args.cue_lint)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print("The course is valid.")
    return 0


def cue_report(root: Path) -> int:
    """Print how a test-wise trainee fares on each bank, self-check file and scenario."""
    from ipt_course.course import load_course
    from ipt_course.cues.items import collections_of
    from ipt_course.cues.testwise import MARGIN, TRAINEES, play, report_lines
    from ipt_course.validate import cue_files

    course = load_course(root)
    reports = [play(collection) for path, kind in cue_files(course)
               for collection in collections_of(path, kind, course.root)]  # type: ignore[arg-type]
    print(f"How often a trainee who knows no IPT finds the best answer with each strategy, over "
          f"{TRAINEES} trainees' display orders (the bar: chance + {MARGIN * 100:.0f} points).")
    print("\n".join(report_lines(reports)))
    over = [report for report in reports if report.over]
    print(f"{len(over)} of {len(reports)} collections give the answer away." if over
          else f"No strategy beats chance + {MARGIN * 100:.0f} points in any of {len(reports)} "
          "collections.")
    return 1 if over else 0


def cmd_readmes(args: argparse.Namespace) -> int:
    """Regenerate each curriculum/dayN/README.md from the manifest."""
    from ipt_course.course import load_course
    from ipt_course.overview import write_day_readmes

    changed = write_day_readmes(load_course(root_of(args)), check=args.check)
    for path in changed:
        print(f"{'out of date' if args.check else 'wrote'}: {path}")
    if not changed:
        print("Every day README matches course.yaml.")
    return 1 if args.check and changed else 0


def cmd_start(args: argparse.Namespace) -> int:
    """Start JupyterLab at the course root with the welcome notebook open."""
    from ipt_course.course import load_course
    from ipt_course.lab import LabSettings, run_lab

    root = root_of(args)
    settings = LabSettings(root=root, welcome=load_course(root).course.welcome,
                           port=args.port or free_port(), token=secrets.token_urlsafe(24),
                           ip=args.ip, open_browser=not args.no_browser)
    if (root / "quizzes").is_dir():
        print("This is the trainer's copy of the course: it holds every answer key (quizzes/, "
              "source/) and the trainer dashboards. Trainees get the trainee edition instead: "
              "ipt-course edition trainee --out FOLDER (see README.md).", flush=True)
    return run_lab(settings)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every engine's subcommands registered."""
    parser = argparse.ArgumentParser(
        prog="ipt-course",
        description="The IPT Level A course: start it, check it, run quizzes and live days.",
    )
    parser.add_argument("--version", action="version", version=f"ipt-course {__version__}")
    parser.add_argument("--root", help="the course folder (default: found from here)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    start = commands.add_parser("start", help="open the course in JupyterLab")
    start.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    start.add_argument("--ip", default="127.0.0.1", help="address to listen on")
    start.add_argument("--no-browser", action="store_true", help="do not open a browser")
    start.set_defaults(func=cmd_start)

    validate = commands.add_parser(
        "validate", help="check course.yaml, its files, scenarios, quiz banks and self-checks",
        description="Check course.yaml, its files, scenarios, quiz banks and self-checks, "
                    "including the item-writing lint: answers that length or place gives away.")
    validate.add_argument("--no-cue-lint", dest="cue_lint", action="store_false",
                          help="leave out the item-writing lint (while content is rewritten)")
    validate.add_argument("--cues", action="store_true",
                          help="instead, print how a test-wise trainee fares on each quiz bank, "
                               "self-check file and scenario (exit code 1 if one beats chance "
                               "+ 10 points)")
    validate.set_defaults(func=cmd_validate)

    readmes = commands.add_parser("readmes", help="regenerate each day's README from course.yaml")
    readmes.add_argument("--check", action="store_true",
                         help="only list READMEs that are out of date")
    readmes.set_defaults(func=cmd_readmes)

    for register in (quiz_commands, grading_commands, roleplay_commands, live_commands,
                     edition_commands, handbook_commands, hub_commands):
        register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``ipt-course`` with ``argv`` and return its exit code."""
    from ipt_course.course import ManifestError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except (FileNotFoundError, ManifestError) as error:
        print(f"ipt-course: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
