"""The ``ipt-course`` command: one entry point for trainees and trainers."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from ipt_course import __version__, course_root

COMMAND_MODULES = (
    "ipt_course.quiz.cli",
    "ipt_course.grading.cli",
    "ipt_course.roleplay.cli",
    "ipt_course.live.cli",
    "ipt_course.edition.cli",
    "ipt_course.hub.cli",
)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody is listening on right now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _root(args: argparse.Namespace) -> Path:
    return course_root(Path(args.root) if args.root else None)


def cmd_validate(args: argparse.Namespace) -> int:
    """Check the manifest, the tree, the scenarios and the quiz banks."""
    from ipt_course.validate import validate_all

    problems = validate_all(_root(args))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print("The course is valid.")
    return 0


def cmd_readmes(args: argparse.Namespace) -> int:
    """Regenerate each curriculum/dayN/README.md from the manifest."""
    from ipt_course.course import load_course
    from ipt_course.overview import write_day_readmes

    changed = write_day_readmes(load_course(_root(args)), check=args.check)
    for path in changed:
        print(f"{'out of date' if args.check else 'wrote'}: {path}")
    if not changed:
        print("Every day README matches course.yaml.")
    return 1 if args.check and changed else 0


def cmd_start(args: argparse.Namespace) -> int:
    """Start JupyterLab at the course root with the welcome notebook open."""
    from ipt_course.course import load_course

    root = _root(args)
    welcome = load_course(root).course.welcome
    port = args.port or free_port()
    token = secrets.token_urlsafe(24)
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or "jupyter"
    command = [
        jupyter, "lab", welcome,
        f"--ServerApp.root_dir={root}", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.ip={args.ip}",
        # Course defaults for JupyterLab (no news pop-ups over a notebook shared on Teams).
        f"--LabApp.app_settings_dir={root / 'jupyter-config' / 'lab-settings'}",
        # Opening a notebook should not mark it as changed.
        "--ServerApp.contents_manager_class=ipt_course.contents.CourseContentsManager",
    ]
    if args.no_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines often run as root
    if (root / "quizzes").is_dir():
        print("This is the trainer's copy of the course: it holds every answer key (quizzes/, "
              "source/) and the trainer dashboards. Trainees get the trainee edition instead: "
              "ipt-course edition trainee --out FOLDER (see README.md).", flush=True)
    print(f"The course is starting. Open this address in your browser:\n"
          f"  http://{args.ip}:{port}/lab/tree/{welcome}?token={token}\n"
          "Press Ctrl+C twice in this window to stop.", flush=True)
    try:
        return subprocess.call(command, cwd=root, env={**os.environ, "IPT_COURSE_ROOT": str(root)})
    except KeyboardInterrupt:
        return 0


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
        "validate", help="check course.yaml, its files, scenarios, quiz banks and self-checks")
    validate.set_defaults(func=cmd_validate)

    readmes = commands.add_parser("readmes", help="regenerate each day's README from course.yaml")
    readmes.add_argument("--check", action="store_true",
                         help="only list READMEs that are out of date")
    readmes.set_defaults(func=cmd_readmes)

    for module_name in COMMAND_MODULES:
        if importlib.util.find_spec(module_name) is not None:
            importlib.import_module(module_name).register(commands)
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
