"""``ipt-course hub ...``: set up a cohort's JupyterHub and keep the Kubernetes values in step."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ipt_course import course_root

DEFAULT_COHORT = Path("deploy") / "cohort.yaml"
VALUES = Path("deploy") / "kubernetes" / "values.yaml"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``hub setup`` and ``hub helm-values`` to the ``ipt-course`` parser."""
    hub = subparsers.add_parser("hub", help="run the course for a cohort on JupyterHub")
    steps = hub.add_subparsers(title="hub commands", metavar="ACTION")
    hub.set_defaults(func=lambda args: _usage(hub))

    setup = steps.add_parser(
        "setup", help="prepare this machine for a cohort (as root; safe to run again)",
        description="Make the accounts from the roster, copy the course to the grader "
                    "account, build the trainee edition, write the settings every server "
                    "reads, make nbgrader's exchange and import the roster into the gradebook.")
    setup.add_argument("--roster", type=Path, required=True,
                       help="the roster CSV (id, first name, last name, email)")
    setup.add_argument("--cohort", type=Path, default=None,
                       help="cohort settings (default: deploy/cohort.yaml)")
    setup.add_argument("--state", type=Path, default=None,
                       help="where the hub keeps its files (default: paths.state)")
    setup.add_argument("--python", default=sys.executable,
                       help="the Python every server runs with (default: this one)")
    setup.add_argument("--proxy", default=shutil.which("configurable-http-proxy") or "",
                       help="configurable-http-proxy (default: the one on PATH)")
    setup.add_argument("--bind-url", default="http://:8000", help="the hub's public address")
    setup.add_argument("--public-url", default="",
                       help="the address trainees type to reach the hub, e.g. "
                            "https://ipt.example.nhs.uk/ (the live page's room link and QR code)")
    setup.add_argument("--ssl-cert", default="", help="TLS certificate (PEM)")
    setup.add_argument("--ssl-key", default="", help="TLS key (PEM)")
    setup.add_argument("--local-processes", action="store_true",
                       help="start servers as plain processes even where systemd runs")
    setup.set_defaults(func=cmd_setup)

    values = steps.add_parser(
        "helm-values", help="write deploy/kubernetes/values.yaml from the cohort settings")
    values.add_argument("--cohort", type=Path, default=None)
    values.add_argument("--check", action="store_true",
                        help="only say whether values.yaml is up to date")
    values.set_defaults(func=cmd_helm_values)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _root(args: argparse.Namespace) -> Path:
    return course_root(Path(args.root) if getattr(args, "root", None) else None)


def cmd_setup(args: argparse.Namespace) -> int:
    """Prepare the machine and print how to start the hub."""
    from ipt_course.hub.accounts import AccountError
    from ipt_course.hub.settings import CohortSettingsError
    from ipt_course.hub.setup import Machine, SetupError, setup_hub

    root = _root(args)
    if not args.proxy:
        print("ipt-course hub: configurable-http-proxy not found: install it with npm "
              "(deploy/jupyterhub/setup.sh does) or give --proxy", file=sys.stderr)
        return 2
    machine = Machine(python=args.python, proxy=args.proxy, bind_url=args.bind_url,
                      public_url=args.public_url,
                      ssl_cert=args.ssl_cert, ssl_key=args.ssl_key,
                      local_processes=args.local_processes)
    try:
        report = setup_hub(root, args.cohort or root / DEFAULT_COHORT, args.roster, machine,
                           args.state)
    except (SetupError, AccountError, CohortSettingsError, FileNotFoundError) as error:
        print(f"ipt-course hub: {error}", file=sys.stderr)
        return 1
    config = root / "deploy" / "jupyterhub" / "jupyterhub_config.py"
    print(f"The hub is set up in {report.layout.state} for {len(report.trainees)} trainee(s) "
          f"and {len(report.cohort.trainers)} trainer(s); {len(report.new_accounts)} new "
          f"account(s).\nStart it with:\n  cd {report.layout.hub} && "
          f"IPT_HUB_STATE={report.layout.state} {Path(args.python).parent / 'jupyterhub'} "
          f"-f {config}")
    return 0


def cmd_helm_values(args: argparse.Namespace) -> int:
    """Write (or check) the Zero to JupyterHub values from the cohort settings."""
    from ipt_course.hub.helm import values_text
    from ipt_course.hub.settings import CohortSettingsError, load_cohort

    root = _root(args)
    try:
        text = values_text(load_cohort(args.cohort or root / DEFAULT_COHORT))
    except CohortSettingsError as error:
        print(f"ipt-course hub: {error}", file=sys.stderr)
        return 1
    target = root / VALUES
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    if args.check:
        if current != text:
            print(f"{target} is out of date: run ipt-course hub helm-values", file=sys.stderr)
            return 1
        print(f"{target} matches the cohort settings.")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0
