"""The course manifest (course.yaml): its model, its schema and its checks against the tree."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from ipt_course import course_root
from ipt_course.problems import Problem, problems_from_validation_error
from ipt_course.yamlfile import YamlFileError, read_yaml

MANIFEST = "course.yaml"
NOTEBOOK_NAME = re.compile(r"^(\d\d-[a-z0-9-]+|live|scenario-gallery)\.ipynb$")
TIME_TEXT = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class ManifestError(Exception):
    """course.yaml cannot be read or does not match its schema."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _clock_time(value: object) -> object:
    """Accept "HH:MM" text; explain the YAML trap where unquoted 09:15 becomes a number."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, int):
        raise ValueError(
            'write the time in quotes as "HH:MM" (unquoted, YAML reads it as a number)')
    if not isinstance(value, str) or not TIME_TEXT.match(value):
        raise ValueError(f'expected a 24-hour time in quotes as "HH:MM", got {value!r}')
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


ClockTime = Annotated[dt.time, BeforeValidator(_clock_time)]
NonEmpty = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Outcome(_Strict):
    """A learning outcome, observable and numbered within its day (``d2.lo3``)."""

    id: Annotated[str, Field(pattern=r"^d[1-6]\.lo\d+$")]
    text: NonEmpty


class Session(_Strict):
    """One timed slot of a course day."""

    id: Annotated[str, Field(pattern=r"^d[1-6]\.[sb]\d+$")]
    title: NonEmpty
    kind: Literal["teaching", "break", "quiz"] = "teaching"
    start: ClockTime
    end: ClockTime
    outcomes: list[str] = []
    notebooks: list[str] = []
    scenarios: list[str] = []

    @model_validator(mode="after")
    def _ordered_and_consistent(self) -> Session:
        if self.end <= self.start:
            raise ValueError(f"session {self.id} ends ({self.end:%H:%M}) before it starts "
                             f"({self.start:%H:%M})")
        if self.kind == "break" and (self.outcomes or self.notebooks or self.scenarios):
            raise ValueError(f"session {self.id} is a break and cannot list outcomes or files")
        return self

    @property
    def minutes(self) -> int:
        """Length of the session in minutes."""
        start = dt.datetime.combine(dt.date.min, self.start)
        return int((dt.datetime.combine(dt.date.min, self.end) - start).total_seconds() // 60)


class Day(_Strict):
    """A course day: its outcomes, its timed sessions and its files."""

    number: Annotated[int, Field(ge=1, le=6)]
    title: NonEmpty
    note: str | None = None
    outcomes: Annotated[list[Outcome], Field(min_length=1)]
    sessions: Annotated[list[Session], Field(min_length=1)]
    quiz: str | None = None
    live: str | None = None

    @property
    def notebooks(self) -> list[str]:
        """Every notebook of the day's sessions, in session order."""
        return [nb for session in self.sessions for nb in session.notebooks]

    @property
    def scenarios(self) -> list[str]:
        """Every role-play scenario of the day's sessions, in session order."""
        return [sc for session in self.sessions for sc in session.scenarios]

    @property
    def start(self) -> dt.time:
        """When the day's first session starts."""
        return min(session.start for session in self.sessions)

    @property
    def end(self) -> dt.time:
        """When the day's last session ends."""
        return max(session.end for session in self.sessions)

    @property
    def teaching_minutes(self) -> int:
        """Minutes of the day that are not breaks (used for CPD hours)."""
        return sum(s.minutes for s in self.sessions if s.kind != "break")

    def session(self, session_id: str) -> Session:
        """The session with this id; KeyError if the day has none."""
        for session in self.sessions:
            if session.id == session_id:
                return session
        raise KeyError(f"Day {self.number} has no session {session_id!r}")


class CourseInfo(_Strict):
    """What the course is and the course-wide notebooks."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]
    title: NonEmpty
    subtitle: str = ""
    accreditation: str = ""
    delivery: str = ""
    welcome: NonEmpty
    gallery: str | None = None
    attendance_rule: str = ""


class Course(_Strict):
    """The whole manifest, plus the folder it was read from."""

    course: CourseInfo
    days: Annotated[list[Day], Field(min_length=1)]
    _root: Path = PrivateAttr(default=Path("."))

    @property
    def root(self) -> Path:
        """The course root folder (the folder holding course.yaml)."""
        return self._root

    def day(self, number: int) -> Day:
        """The day with this number; KeyError if the manifest has none."""
        for day in self.days:
            if day.number == number:
                return day
        raise KeyError(f"The course has no day {number}")

    def outcome_ids(self) -> set[str]:
        """Every learning-outcome id of the course."""
        return {outcome.id for day in self.days for outcome in day.outcomes}

    def outcome(self, outcome_id: str) -> Outcome:
        """The outcome with this id; KeyError if unknown."""
        for day in self.days:
            for outcome in day.outcomes:
                if outcome.id == outcome_id:
                    return outcome
        raise KeyError(f"Unknown learning outcome {outcome_id!r}")

    def course_notebooks(self) -> list[str]:
        """The course-wide notebooks (welcome, gallery)."""
        return [nb for nb in (self.course.welcome, self.course.gallery) if nb]

    def all_notebooks(self) -> list[str]:
        """Every notebook the manifest lists: course-wide, then each day's, then live pages."""
        listed = self.course_notebooks()
        for day in self.days:
            listed += day.notebooks + ([day.live] if day.live else [])
        return listed


def load_course(root: Path | None = None) -> Course:
    """Read and schema-check course.yaml under ``root`` (default: found from the cwd)."""
    folder = Path(root) if root is not None else course_root()
    try:
        data = read_yaml(folder / MANIFEST, MANIFEST)
    except YamlFileError as error:
        raise ManifestError([error.problem]) from None
    if not isinstance(data, dict):
        raise ManifestError([Problem(MANIFEST, "", "expected a mapping with keys course and days")])
    try:
        course = Course.model_validate(data)
    except ValidationError as error:
        raise ManifestError(problems_from_validation_error(MANIFEST, error)) from None
    course._root = folder.resolve()
    return course


def check_course(course: Course) -> list[Problem]:
    """Check the manifest's ids, times and files against each other and the tree."""
    return [
        *_check_days(course),
        *_check_ids(course),
        *_check_sessions(course),
        *_check_files(course),
        *_check_unlisted_notebooks(course),
    ]


def _check_days(course: Course) -> list[Problem]:
    numbers = [day.number for day in course.days]
    if numbers != sorted(set(numbers)):
        return [Problem(MANIFEST, "days",
                        f"day numbers must be unique and in order, got {numbers}")]
    return []


def _check_ids(course: Course) -> list[Problem]:
    problems = []
    outcome_ids = Counter(o.id for day in course.days for o in day.outcomes)
    session_ids = Counter(s.id for day in course.days for s in day.sessions)
    for kind, counts in (("outcome", outcome_ids), ("session", session_ids)):
        problems += [
            Problem(MANIFEST, "days", f"duplicate {kind} id {item!r} (used {n} times)")
            for item, n in counts.items() if n > 1
        ]
    for d, day in enumerate(course.days):
        prefix = f"d{day.number}."
        for o, outcome in enumerate(day.outcomes):
            if not outcome.id.startswith(prefix):
                problems.append(Problem(MANIFEST, f"days[{d}].outcomes[{o}].id",
                                        f"outcome {outcome.id!r} of Day {day.number} must start "
                                        f"with {prefix!r}"))
        own = {o.id for o in day.outcomes}
        taught: set[str] = set()
        for s, session in enumerate(day.sessions):
            if not session.id.startswith(prefix):
                problems.append(Problem(MANIFEST, f"days[{d}].sessions[{s}].id",
                                        f"session {session.id!r} of Day {day.number} must start "
                                        f"with {prefix!r}"))
            for outcome_id in session.outcomes:
                if outcome_id not in own:
                    problems.append(Problem(MANIFEST, f"days[{d}].sessions[{s}].outcomes",
                                            f"{outcome_id!r} is not an outcome of Day "
                                            f"{day.number}"))
            taught |= set(session.outcomes)
        problems += [
            Problem(MANIFEST, f"days[{d}].outcomes",
                    f"outcome {outcome_id!r} is not covered by any session")
            for outcome_id in sorted(own - taught)
        ]
    return problems


def _check_sessions(course: Course) -> list[Problem]:
    problems = []
    for d, day in enumerate(course.days):
        ordered = sorted(enumerate(day.sessions), key=lambda pair: pair[1].start)
        if [i for i, _ in ordered] != list(range(len(day.sessions))):
            problems.append(Problem(MANIFEST, f"days[{d}].sessions",
                                    "sessions must be listed in time order"))
        for (_, first), (j, second) in pairwise(ordered):
            if second.start < first.end:
                problems.append(Problem(
                    MANIFEST, f"days[{d}].sessions[{j}]",
                    f"session {second.id} ({second.start:%H:%M}-{second.end:%H:%M}) overlaps "
                    f"{first.id} ({first.start:%H:%M}-{first.end:%H:%M})"))
    return problems


def _listed_files(course: Course) -> list[tuple[str, str, str]]:
    """(key path, path, expected kind) for every file the manifest names."""
    files = [("course.welcome", course.course.welcome, "notebook")]
    if course.course.gallery:
        files.append(("course.gallery", course.course.gallery, "notebook"))
    for d, day in enumerate(course.days):
        for s, session in enumerate(day.sessions):
            where = f"days[{d}].sessions[{s}]"
            files += [(f"{where}.notebooks[{i}]", nb, "notebook")
                      for i, nb in enumerate(session.notebooks)]
            files += [(f"{where}.scenarios[{i}]", sc, "scenario")
                      for i, sc in enumerate(session.scenarios)]
        if day.quiz:
            files.append((f"days[{d}].quiz", day.quiz, "quiz"))
        if day.live:
            files.append((f"days[{d}].live", day.live, "notebook"))
    return files


def _check_files(course: Course) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    rules = {
        "notebook": ("curriculum/", ".ipynb"),
        "scenario": ("curriculum/", ".yaml"),
        "quiz": ("quizzes/", ".yaml"),
    }
    for where, path, kind in _listed_files(course):
        folder, suffix = rules[kind]
        if not (path.startswith(folder) and path.endswith(suffix)) or ".." in Path(path).parts:
            problems.append(Problem(
                MANIFEST, where, f"a {kind} must be a {suffix} file under {folder}, got {path!r}"))
            continue
        if not (course.root / path).is_file():
            problems.append(Problem(MANIFEST, where, f"listed file does not exist: {path}"))
        if kind == "notebook" and not NOTEBOOK_NAME.match(Path(path).name):
            problems.append(Problem(MANIFEST, where,
                                    f"notebook name {Path(path).name!r} should be NN-slug.ipynb "
                                    "(lower case, hyphens, no spaces)"))
        if path in seen:
            problems.append(Problem(MANIFEST, where, f"{path} is already listed at {seen[path]}"))
        seen.setdefault(path, where)
    return problems


def _check_unlisted_notebooks(course: Course) -> list[Problem]:
    listed = set(course.all_notebooks())
    curriculum = course.root / "curriculum"
    found = sorted(
        p.relative_to(course.root).as_posix()
        for p in curriculum.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    ) if curriculum.is_dir() else []
    return [
        Problem(MANIFEST, "days",
                f"notebook {path} is in curriculum/ but not listed in the manifest")
        for path in found if path not in listed
    ]
