"""``ipt-course edition ...``: build the trainee edition, or check a folder meant for trainees."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ipt_course import course_root


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``edition trainee`` and ``edition check`` to the ``ipt-course`` parser."""
    edition = subparsers.add_parser(
        "edition", help="build the trainee edition (no answer keys, no trainer pages)")
    steps = edition.add_subparsers(title="edition commands", metavar="ACTION")
    edition.set_defaults(func=lambda args: _usage(edition))

    trainee = steps.add_parser(
        "trainee", help="build what a trainee receives into a new folder",
        description="Copy the curriculum, the released quizzes, the package and the trainees' "
                    "README into OUT, leave out every bank, source/, dashboards/, gradebook and "
                    "live page, then scan the result: nothing is written if a key is found.")
    trainee.add_argument("--out", type=Path, required=True,
                         help="the folder to build (new, empty, or an earlier edition)")
    trainee.add_argument("--hub", action="store_true",
                         help="for a JupyterHub: leave out the package (the hub has it) and the "
                              "quizzes (they travel through nbgrader's exchange)")
    trainee.set_defaults(func=cmd_trainee)

    check = steps.add_parser(
        "check", help="scan a folder meant for trainees for keys, explanations and trainer pages")
    check.add_argument("folder", type=Path)
    check.set_defaults(func=cmd_check)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _root(args: argparse.Namespace) -> Path:
    return course_root(Path(args.root) if getattr(args, "root", None) else None)


def cmd_trainee(args: argparse.Namespace) -> int:
    """Build the trainee edition and say what it holds."""
    from ipt_course.edition import EditionError, build_trainee_edition

    try:
        edition = build_trainee_edition(_root(args), args.out, hub=args.hub)
    except EditionError as error:
        print(f"ipt-course edition: {error}", file=sys.stderr)
        return 1
    kind = "JupyterHub" if edition.hub else "trainee's own computer"
    print(f"Wrote the trainee edition ({kind}) to {edition.folder}: {len(edition.files)} files, "
          "scanned: no answer key, explanation or trainer page.")
    for path in edition.left_out:
        print(f"  left out (trainer only): {path}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Scan a folder and list everything of the trainer's in it."""
    from ipt_course.edition import bank_secrets, scan_folder

    if not args.folder.is_dir():
        print(f"ipt-course edition: {args.folder}: no such folder", file=sys.stderr)
        return 2
    findings = scan_folder(args.folder, bank_secrets(_root(args)))
    for finding in findings:
        print(finding, file=sys.stderr)
    if findings:
        print(f"{len(findings)} finding(s): this folder must not reach trainees.", file=sys.stderr)
        return 1
    print(f"{args.folder}: no answer key, explanation or trainer page found.")
    return 0
