"""``ipt-course present``: serve a day's live page (or the trainer dashboards) with Voila."""

from __future__ import annotations

import argparse
import secrets
import signal
import subprocess
import sys
from pathlib import Path

from ipt_course.commands import free_port, parse_day, root_of
from ipt_course.course import load_course
from ipt_course.lab import responds, wait_until_ready
from ipt_course.live.address import network_name
from ipt_course.live.server import VoilaSettings, voila_command, voila_environment

TRAINER_REFILL = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``present``, ``attendance`` and ``certificates`` to the ipt-course command."""
    from ipt_course.live.trainer_cli import register_trainer

    present = subparsers.add_parser(
        "present", help="serve a day's live page for Teams (or --trainer dashboards)",
        description="Start a hardened Voila: a token in the URL, loopback only unless "
                    "--network, no tracebacks, idle kernels culled, kernels preheated.")
    present.add_argument("day", nargs="?", help="the day to present: day1 ... day6 (or 1-6)")
    present.add_argument("--trainer", action="store_true",
                         help="serve the trainer dashboards instead (never share this URL)")
    present.add_argument("--network", action="store_true",
                         help="listen on every network address, not only this computer")
    present.add_argument("--room-url", default="",
                         help="the room page's address trainees open (for example the course "
                              "hub's room page); the live page shows it with a QR code")
    present.add_argument("--ip", default=None, help="listen on this address")
    present.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    present.add_argument("--pool", type=int, default=4,
                         help="kernels kept ready for the live page (default 4; with "
                              "--trainer, one per dashboard unless 0)")
    present.set_defaults(func=cmd_present)
    register_trainer(subparsers)


def presentation_settings(root: Path, args: argparse.Namespace, port: int) -> VoilaSettings:
    """What to serve and how, from the command line."""
    ip = args.ip or ("0.0.0.0" if args.network else "127.0.0.1")
    token = secrets.token_urlsafe(18)
    if args.trainer:
        # One kernel per dashboard, started and imported in advance; the dashboard reads its
        # data only when opened. One trainer: replace a used kernel after a few seconds.
        dashboards = root / "dashboards"
        preheat = {notebook.name: 1 for notebook in sorted(dashboards.glob("*.ipynb"))}
        return VoilaSettings(target=dashboards, port=port, ip=ip, token=token,
                             preheat=preheat if args.pool else {}, fill_delay=TRAINER_REFILL)
    day = load_course(root).day(parse_day(args.day))
    if not day.live:
        raise SystemExit(f"Day {day.number} has no live page in course.yaml")
    room_url, room_kind = room_link(args, port, token)
    return VoilaSettings(target=root / day.live, port=port, ip=ip, token=token,
                         preheat={Path(day.live).name: max(args.pool, 0)} if args.pool else {},
                         room_day=day.number, course_root=root, room_url=room_url,
                         room_kind=room_kind)


def room_link(args: argparse.Namespace, port: int, token: str) -> tuple[str, str]:
    """The room page's address for trainees, and how it was found.

    The address given with ``--room-url``; with ``--network``, this computer's network name;
    else this computer's own (loopback) address, which the live page says others cannot open.
    """
    if getattr(args, "room_url", ""):
        return args.room_url.strip(), "given"
    host = network_name() if args.network else (args.ip or "127.0.0.1")
    if host == "0.0.0.0":
        host = network_name()
    return f"http://{host}:{port}/room?token={token}", "network" if args.network else "given"


def cmd_present(args: argparse.Namespace) -> int:
    """Run Voila in the foreground until Ctrl+C."""
    root = root_of(args)
    settings = presentation_settings(root, args, args.port or free_port())
    environment = voila_environment(root / "live-data" / f"voila-{settings.port}", settings)
    host = "127.0.0.1" if settings.ip in ("0.0.0.0", "127.0.0.1") else settings.ip
    what = "trainer dashboards (do not share this address)" if args.trainer else "live page"
    base = f"http://{host}:{settings.port}"
    pages = [f"  {base}/voila/render/{nb.name}?token={settings.token}"
             for nb in sorted(settings.target.glob("*.ipynb"))] if args.trainer else []
    room = (f"For trainees (check-in, confidence, questions, evaluation; loads fast on any "
            f"device; the live page's Room tab shows it with a QR code):\n"
            f"  {settings.room_url}\n") if settings.room_day else ""
    print(f"Starting the {what}; this takes a few seconds...", flush=True)
    process = subprocess.Popen(voila_command(settings), cwd=settings.target.parent
                               if settings.target.is_file() else settings.target,
                               env=environment)
    # Stopping this command (a closed terminal, kill) stops the server too.
    signal.signal(signal.SIGTERM, lambda *_: process.terminate())
    try:
        # The address is printed only once the server answers, so it works when first opened.
        if not wait_until_ready(process, f"{base}/voila/static/", probe=responds):
            if process.poll() is None:
                process.terminate()
            print("The server did not start; the lines above say why.", file=sys.stderr)
            return process.wait() or 1
        print(f"Serving the {what}. Open:\n  {base}/?token={settings.token}\n"
              + ("".join(f"{line}\n" for line in pages)) + room
              + ("Listening on every network address: trainees on this network can open the "
                 "room page.\n" if args.network else "")
              + "Press Ctrl+C to stop.", flush=True)
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait()
        return 0

