"""Import the trainee roster (a CSV export) into the nbgrader gradebook.

Accepted columns, matched without regard to case, spaces, underscores or hyphens:
``id`` (also ``trainee id``, ``student id``), ``first name``, ``last name`` and ``email``.
Every row is checked first; each bad row is reported with its line number and nothing bad is
imported. Good rows are imported even when other rows are bad, and the report says so.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ipt_course.grading.nbgrader_env import gradebook

TRAINEE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[A-Za-z]{2,}$")
COLUMN_ALIASES = {
    "id": "id", "traineeid": "id", "studentid": "id",
    "firstname": "first_name", "forename": "first_name", "givenname": "first_name",
    "lastname": "last_name", "surname": "last_name", "familyname": "last_name",
    "email": "email", "emailaddress": "email",
}
REQUIRED_COLUMNS = ("id", "first_name", "last_name", "email")


@dataclass(frozen=True)
class Trainee:
    """One roster row that passed every check."""

    id: str
    first_name: str
    last_name: str
    email: str
    line: int


@dataclass(frozen=True)
class BadRow:
    """A roster row that was not imported, and why."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class RosterCheck:
    """The outcome of reading a roster file: rows to import and rows refused."""

    file: Path
    trainees: list[Trainee] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)


class RosterError(ValueError):
    """The roster file as a whole cannot be read (missing, not CSV, missing columns)."""


def normalise_header(name: str) -> str:
    """``' First Name '`` -> ``firstname``: the key used to match column aliases."""
    return re.sub(r"[\s_\-]+", "", name.strip().lower())


def trainee_id_problem(value: str) -> str | None:
    """Why ``value`` cannot be a trainee id, or None when it can."""
    if not value:
        return "missing id"
    if not TRAINEE_ID.match(value):
        return (f"bad id {value!r}: use letters, digits, '.', '_' or '-' (up to 64), "
                "starting with a letter or digit")
    return None


def read_roster(path: Path) -> RosterCheck:
    """Read and check every row of the roster CSV at ``path``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise RosterError(f"{path}: no such file") from error
    except UnicodeDecodeError as error:
        raise RosterError(f"{path}: not UTF-8 text; save the roster as 'CSV UTF-8'") from error
    reader = csv.reader(text.splitlines(keepends=True))
    header = next(reader, None)
    if not header:
        raise RosterError(f"{path}: the file is empty; expected a header row "
                          "with id, first name, last name, email")
    columns = _map_columns(path, header)
    check = RosterCheck(file=path)
    first_line: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        values = {key: (row[index].strip() if index < len(row) else "")
                  for key, index in columns.items()}
        problems = _row_problems(values, first_line)
        if problems:
            check.bad_rows.append(BadRow(line, "; ".join(problems)))
            continue
        first_line[values["id"].lower()] = line
        check.trainees.append(Trainee(values["id"], values["first_name"], values["last_name"],
                                      values["email"], line))
    return check


def import_roster(root: Path, check: RosterCheck) -> int:
    """Create or update every good trainee in the course gradebook; return how many."""
    with gradebook(root) as book:
        for trainee in check.trainees:
            book.update_or_create_student(
                trainee.id, first_name=trainee.first_name or None,
                last_name=trainee.last_name or None, email=trainee.email or None)
    return len(check.trainees)


def roster_ids(root: Path) -> set[str]:
    """Ids of every trainee in the course gradebook."""
    with gradebook(root) as book:
        return {student.id for student in book.students}


def _map_columns(path: Path, header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = COLUMN_ALIASES.get(normalise_header(name))
        if key and key not in columns:
            columns[key] = index
    missing = [key.replace("_", " ") for key in REQUIRED_COLUMNS if key not in columns]
    if missing:
        raise RosterError(
            f"{path}: line 1: missing column(s) {', '.join(missing)}; "
            f"expected id, first name, last name, email (found: {', '.join(header)})")
    return columns


def _row_problems(values: dict[str, str], first_line: dict[str, int]) -> list[str]:
    problems = []
    id_problem = trainee_id_problem(values["id"])
    if id_problem:
        problems.append(id_problem)
    elif values["id"].lower() in first_line:
        problems.append(f"duplicate id {values['id']!r} (first on line "
                        f"{first_line[values['id'].lower()]}); not imported")
    if values["email"] and not EMAIL.match(values["email"]):
        problems.append(f"bad email {values['email']!r}")
    if not values["email"]:
        problems.append("missing email")
    return problems
