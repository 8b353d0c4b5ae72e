"""``ipt-course handbook --out DIR``: the trainee's handbook as a static site and a PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ipt_course.commands import root_of


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``handbook`` to the ``ipt-course`` parser."""
    handbook = subparsers.add_parser(
        "handbook", help="build the trainees' handbook (a static HTML site and one PDF)",
        description="Build the course handbook from course.yaml: the timetable, each day's "
                    "outcomes, teaching text, slides and references, and where to find support, "
                    "as DIR/html/index.html and DIR/ipt-level-a-handbook.pdf. Nothing is fetched "
                    "from the internet; the result is scanned for answer keys before it is "
                    "written.")
    handbook.add_argument("--out", type=Path, required=True,
                          help="the folder to build (new, empty, or an earlier handbook)")
    handbook.add_argument("--no-pdf", dest="pdf", action="store_false",
                          help="build the HTML site only (no Chromium needed)")
    handbook.set_defaults(func=cmd_handbook)


def cmd_handbook(args: argparse.Namespace) -> int:
    """Build the handbook and say where it is."""
    from ipt_course.handbook import HandbookError, build_handbook

    try:
        handbook = build_handbook(root_of(args), args.out, pdf=args.pdf)
    except HandbookError as error:
        print(f"ipt-course handbook: {error}", file=sys.stderr)
        return 1
    print(f"Wrote the handbook ({len(handbook.notebooks)} notebooks), scanned: no answer key, "
          f"explanation or trainer page.\n  site: {handbook.index}")
    if args.pdf:
        print(f"  PDF:  {handbook.pdf}")
    return 0
