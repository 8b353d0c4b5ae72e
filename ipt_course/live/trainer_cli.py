"""``ipt-course attendance ...`` and ``ipt-course certificates``: registers and CPD certificates."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from ipt_course.commands import day_or_none, root_of, usage
from ipt_course.course import Course, load_course
from ipt_course.live.attendance import (
    MarkResult,
    attendance_matrix,
    display_names,
    import_register,
    mark_present,
    unmark,
)
from ipt_course.live.attendance import (
    register as day_register,
)
from ipt_course.live.store import LiveStore


def register_trainer(subparsers: argparse._SubParsersAction) -> None:
    """Add ``attendance`` (mark, unmark, import, show) and ``certificates`` to the command."""
    attendance = subparsers.add_parser(
        "attendance", help="the attendance register: mark, unmark, import or show it",
        description="Attendance per day, kept in the live-day database (git-ignored).")
    actions = attendance.add_subparsers(title="actions", metavar="ACTION")
    attendance.set_defaults(func=lambda _args: usage(attendance))

    mark = actions.add_parser("mark", help="mark roster trainees present on a day")
    mark.add_argument("day", help="day1 ... day6 (or 1-6)")
    mark.add_argument("trainees", nargs="+", metavar="TRAINEE_ID", help="roster ids")
    mark.add_argument("--date", type=_date, help="the day's date, YYYY-MM-DD (default: today)")
    mark.set_defaults(func=cmd_mark)

    take_off = actions.add_parser("unmark", help="take trainees marked by mistake off a day")
    take_off.add_argument("day", help="day1 ... day6 (or 1-6)")
    take_off.add_argument("trainees", nargs="+", metavar="TRAINEE",
                          help="roster ids, or names as signed in on the live page")
    take_off.set_defaults(func=cmd_unmark)

    load = actions.add_parser("import", help="mark everyone in a CSV (an 'id' column) present")
    load.add_argument("day", help="day1 ... day6 (or 1-6)")
    load.add_argument("file", type=Path, help="CSV file with an 'id' column")
    load.add_argument("--date", type=_date, help="the day's date, YYYY-MM-DD (default: today)")
    load.set_defaults(func=cmd_import)

    show = actions.add_parser("show", help="print the register (one day, or every day)")
    show.add_argument("day", nargs="?", help="day1 ... day6 (default: a table of every day)")
    show.set_defaults(func=cmd_show)

    certificates = subparsers.add_parser(
        "certificates", help="one PDF certificate of attendance per trainee who qualifies",
        description="Writes certificates for trainees who meet course.attendance_rule and "
                    "says why anyone else gets none.")
    certificates.add_argument("--out", type=Path, default=None,
                              help="folder for the PDFs (default: certificates/)")
    certificates.add_argument("--issued", type=_date, default=None,
                              help="issue date printed on the certificates (default: today)")
    certificates.set_defaults(func=cmd_certificates)


register = register_trainer


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from error


def _report(result: MarkResult, day: int, done: str = "marked present",
            not_done: str = "not marked") -> int:
    for problem in result.problems:
        print(f"{not_done}: {problem}", file=sys.stderr)
    print(f"Day {day}: {len(result.marked)} trainee(s) {done}"
          + (f": {', '.join(result.marked)}" if result.marked else "."))
    return 1 if result.problems else 0


def _known(root: Path) -> set[str] | None:
    names = display_names(root)
    return set(names) if names else None


def _on_day(args: argparse.Namespace, act: Callable[[LiveStore, Course, int, Path], MarkResult],
            **words: str) -> int:
    """Run ``act`` on the day named in ``args`` and report it (2 when the day is not clear)."""
    day = day_or_none(args.day, "attendance")
    if day is None:
        return 2
    root = root_of(args)
    return _report(act(LiveStore.for_course(root), load_course(root), day, root), day, **words)


def cmd_mark(args: argparse.Namespace) -> int:
    """Mark roster trainees present."""
    return _on_day(args, lambda store, course, day, root: mark_present(
        store, course, day, args.trainees, _known(root), args.date))


def cmd_unmark(args: argparse.Namespace) -> int:
    """Take trainees marked by mistake off a day's register."""
    return _on_day(args, lambda store, course, day, _root: unmark(store, course, day,
                                                                   args.trainees),
                   done="taken off the register", not_done="not taken off")


def cmd_import(args: argparse.Namespace) -> int:
    """Mark everyone in a register CSV present."""
    return _on_day(args, lambda store, course, day, root: import_register(
        store, course, day, args.file, _known(root), args.date))


def cmd_show(args: argparse.Namespace) -> int:
    """Print one day's register or the whole course's."""
    root = root_of(args)
    store = LiveStore.for_course(root)
    if args.day:
        day = day_or_none(args.day, "attendance")
        if day is None:
            return 2
        frame = day_register(store, day)
        if frame.empty:
            print(f"Day {day}: nobody marked present yet.")
            return 0
        names = display_names(root)
        frame.insert(1, "name", frame["trainee"].map(names).fillna(frame["trainee"]))
        print(f"Day {day}: {len(frame)} present\n{frame.to_string(index=False)}")
        return 0
    matrix = attendance_matrix(root, store, load_course(root))
    if matrix.empty:
        print("Nobody on the roster or in the register yet.")
        return 0
    shown = matrix.replace({True: "yes", False: "-"})
    print(shown.to_string(index=False))
    return 0


def cmd_certificates(args: argparse.Namespace) -> int:
    """Write certificates and list the refusals with their reasons."""
    from ipt_course.live.certificates import make_certificates

    root = root_of(args)
    out = args.out or root / "certificates"
    written, refused = make_certificates(root, out, issued=args.issued)
    for refusal in refused:
        print(f"no certificate for {refusal.name} ({refusal.trainee}): {refusal.reason}",
              file=sys.stderr)
    print(f"{len(written)} certificate(s) written to {out}"
          + (f"; {len(refused)} trainee(s) refused (reasons above)." if refused else "."))
    return 0
