"""System accounts for the cohort: one per trainee and trainer, plus the grader account.

Every person runs as their own account with a private home folder (mode 700), so nobody can
read another's work, and no trainee can read the course folder, the gradebook or the keys,
which belong to the grader account. Accounts are made with Debian's ``useradd`` and belong to
the cohort's group; set-up never takes over an account outside that group.
"""

from __future__ import annotations

import grp
import pwd
import shutil
import subprocess
from pathlib import Path

from ipt_course.hub.settings import unix_name_problem

COMMENT = "IPT course account"
SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"


class AccountError(RuntimeError):
    """An account cannot be made or used; the message says which and why."""


def roster_accounts(roster_csv: Path) -> list[str]:
    """The trainee account names in a roster CSV (the ``ipt-course grade roster`` format)."""
    from ipt_course.grading.roster import RosterError, read_roster

    try:
        check = read_roster(Path(roster_csv))
    except RosterError as error:
        raise AccountError(str(error)) from None
    problems = [f"{roster_csv}: {bad}" for bad in check.bad_rows]
    problems += [f"{roster_csv}: line {t.line}: {unix_name_problem(t.id)}"
                 for t in check.trainees if unix_name_problem(t.id)]
    if problems:
        raise AccountError("\n".join(problems))
    return [trainee.id for trainee in check.trainees]


def _run(command: list[str]) -> None:
    program = shutil.which(command[0], path=SYSTEM_PATH) or command[0]
    result = subprocess.run([program, *command[1:]], capture_output=True, text=True, check=False)
    if result.returncode:
        raise AccountError(f"{' '.join(command)}: {result.stderr.strip() or result.returncode}")


def ensure_group(group: str) -> None:
    """Create the cohort's system group if it is missing."""
    try:
        grp.getgrnam(group)
    except KeyError:
        _run(["groupadd", "--system", group])


def is_course_account(name: str, group: str) -> bool:
    """Whether ``name`` exists and belongs to the cohort's group."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return False
    members = grp.getgrnam(group)
    return name in members.gr_mem or entry.pw_gid == members.gr_gid


def ensure_account(name: str, group: str, *, home: Path | None = None,
                   system: bool = False) -> bool:
    """Make account ``name`` in ``group`` with a private home; True if it was new."""
    problem = unix_name_problem(name)
    if problem:
        raise AccountError(problem)
    try:
        pwd.getpwnam(name)
    except KeyError:
        command = ["useradd", "--create-home", "--shell", "/bin/bash", "--groups", group,
                   "--comment", COMMENT]
        if home is not None:
            command += ["--home-dir", str(home)]
        if system:
            command.append("--system")
        _run([*command, name])
        Path(pwd.getpwnam(name).pw_dir).chmod(0o700)
        return True
    if not is_course_account(name, group):
        raise AccountError(f"{name}: a system account of that name already exists and is not "
                           f"in the course group {group}; give this person another id")
    Path(pwd.getpwnam(name).pw_dir).chmod(0o700)
    return False


def add_to_group(name: str, group: str) -> None:
    """Add account ``name`` to ``group`` (nothing to do if it is a member already)."""
    if name not in grp.getgrnam(group).gr_mem:
        _run(["usermod", "--append", "--groups", group, name])


def remove_account(name: str, group: str) -> None:
    """Remove a course account and its home folder (never an account outside the group)."""
    if is_course_account(name, group):
        _run(["userdel", "--remove", name])
