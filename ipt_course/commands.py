"""What every ``ipt-course`` subcommand shares: the course folder, usage, failing, the day."""

from __future__ import annotations

import argparse
import re
import socket
import sys
from pathlib import Path

from ipt_course import course_root

DAY = re.compile(r"^(?:day)?([1-6])$", re.IGNORECASE)


def root_of(args: argparse.Namespace) -> Path:
    """The course folder: ``--root`` if given, else found from the working directory."""
    root = getattr(args, "root", None)
    return course_root(Path(root) if root else None)


def usage(parser: argparse.ArgumentParser) -> int:
    """Print ``parser``'s help on stderr (a command was left incomplete) and return 2."""
    parser.print_help(sys.stderr)
    return 2


def fail(command: str, message: str) -> int:
    """Say what went wrong as ``ipt-course <command>: <message>`` on stderr and return 2."""
    print(f"ipt-course {command}: {message}", file=sys.stderr)
    return 2


def parse_day(text: str | None, command: str = "present") -> int:
    """``day3`` or ``3`` -> 3; SystemExit with an example of what to type otherwise."""
    match = DAY.match((text or "").strip())
    if not match:
        raise SystemExit(f"ipt-course {command}: say which day, day1 to day6 (got {text!r})")
    return int(match.group(1))


def day_or_none(text: str, command: str) -> int | None:
    """Like :func:`parse_day`, but the problem is printed and None returned."""
    try:
        return parse_day(text, command)
    except SystemExit as error:
        print(str(error), file=sys.stderr)
        return None


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody is listening on right now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]
