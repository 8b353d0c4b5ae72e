"""Where the course teaches and practises each part of the map, found in the course's own files.

Nothing here is written by hand: the notebooks come from ``course.yaml`` and the outcome ids in
each notebook's outcomes cell, the tools from the notebooks' code cells, the role-plays from the
scenario files (their problem area, phase, outcomes and the techniques of their sound replies)
and the quiz items from the day's bank. Only files that exist are linked, so a notebook still
being written appears on the map the day it lands.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from ipt_course.course import Course, ManifestError, load_course
from ipt_course.tools.strategy_map.schema import Strand

OUTCOME_ID = re.compile(r"\bd[1-6]\.lo\d+\b")
TOOL_IMPORT = re.compile(r"from ipt_course\.tools\.(\w+) import (\w+)")
PLAYED = re.compile(r"""play\(\s*["']([^"']+\.ya?ml)["']""")
NOT_TOOLS = {"selfcheck"}
LinkKind = Literal["notebook", "tool", "roleplay"]


@dataclass(frozen=True)
class Link:
    """One place in the course: ``path`` is relative to the course folder and exists."""

    kind: LinkKind
    label: str
    path: str
    detail: str = ""


@dataclass(frozen=True)
class QuizItems:
    """The items of one day's quiz bank that assess a strand's outcomes."""

    quiz: str
    bank: str
    item_ids: tuple[str, ...]


@dataclass(frozen=True)
class StrandLinks:
    """Everything the course offers for one strand of the map."""

    notebooks: tuple[Link, ...] = ()
    tools: tuple[Link, ...] = ()
    roleplays: tuple[Link, ...] = ()
    quiz_items: tuple[QuizItems, ...] = ()

    @property
    def links(self) -> tuple[Link, ...]:
        """Every file link, in the order shown."""
        return (*self.notebooks, *self.tools, *self.roleplays)


@dataclass(frozen=True)
class NotebookInfo:
    """A course notebook: title, declared outcomes, the tools it opens, the scenarios it plays."""

    path: str
    title: str
    outcomes: frozenset[str]
    tools: tuple[tuple[str, str], ...]
    plays: tuple[str, ...]


@dataclass(frozen=True)
class ScenarioInfo:
    """A role-play scenario and the notebook that plays it (its own file if none does)."""

    path: str
    title: str
    problem_area: str
    phase: str
    outcomes: frozenset[str]
    sound_techniques: frozenset[str]
    notebook: str = ""


@dataclass
class CourseIndex:
    """The course's notebooks, scenarios and quiz items, read once from ``root``."""

    root: Path
    notebooks: list[NotebookInfo] = field(default_factory=list)
    scenarios: list[ScenarioInfo] = field(default_factory=list)
    quiz_items: list[tuple[str, str, str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, root: Path) -> CourseIndex:
        """Read the course under ``root``; unreadable files go in ``problems``, never raised."""
        index = cls(root=Path(root).resolve())
        try:
            course = load_course(index.root)
        except ManifestError as error:
            index.problems += [str(problem) for problem in error.problems]
            return index
        index._read_notebooks(course)
        index._read_scenarios(course)
        index._read_quizzes(course)
        return index

    def _exists(self, relative: str) -> bool:
        return (self.root / relative).is_file()

    def _read_notebooks(self, course: Course) -> None:
        for day in course.days:
            for session in day.sessions:
                for path in session.notebooks:
                    if self._exists(path):
                        info = _notebook_info(self.root, path, frozenset(session.outcomes))
                        if info is None:
                            self.problems.append(f"{path}: not a readable notebook")
                        else:
                            self.notebooks.append(info)

    def _read_scenarios(self, course: Course) -> None:
        played = {scenario: nb.path for nb in self.notebooks for scenario in nb.plays}
        listed = [path for day in course.days for path in day.scenarios]
        found = [p.relative_to(self.root).as_posix()
                 for p in sorted(self.root.glob("curriculum/day*/scenarios/*.yaml"))]
        for path in dict.fromkeys([*listed, *found]):
            if not self._exists(path):
                continue
            data = _yaml_mapping(self.root / path)
            if data is None:
                self.problems.append(f"{path}: not a readable scenario")
                continue
            self.scenarios.append(_scenario_info(path, data, played.get(path, "")))

    def _read_quizzes(self, course: Course) -> None:
        for day in course.days:
            if not day.quiz or not self._exists(day.quiz):
                continue
            data = _yaml_mapping(self.root / day.quiz) or {}
            for question in data.get("questions") or []:
                if isinstance(question, dict) and question.get("id") and question.get("outcome"):
                    self.quiz_items.append((f"Day {day.number} quiz", day.quiz,
                                            str(question["id"]), str(question["outcome"])))

    def links_for(self, strand: Strand) -> StrandLinks:
        """The notebooks, tools, role-plays and quiz items that teach or assess ``strand``."""
        wanted = set(strand.outcomes)
        teaching = [nb for nb in self.notebooks if not nb.plays and nb.outcomes & wanted]
        tools = {(name, nb.path): Link("tool", name, nb.path, f"in {nb.title}")
                 for nb in teaching for module, name in nb.tools}
        roleplays = [Link("roleplay", s.title, s.notebook or s.path)
                     for s in self.scenarios
                     if strand.id in (s.problem_area, s.phase) or s.outcomes & wanted]
        return StrandLinks(
            notebooks=tuple(Link("notebook", nb.title, nb.path) for nb in teaching),
            tools=tuple(tools.values()),
            roleplays=tuple(dict.fromkeys(roleplays)),
            quiz_items=tuple(_group_items(item for item in self.quiz_items if item[3] in wanted)),
        )

    def practised(self, technique_id: str) -> tuple[Link, ...]:
        """The role-plays in which a sound reply uses ``technique_id``."""
        return tuple(Link("roleplay", s.title, s.notebook or s.path) for s in self.scenarios
                     if technique_id in s.sound_techniques)


def _group_items(items: Iterable[tuple[str, str, str, str]]) -> list[QuizItems]:
    grouped: dict[tuple[str, str], list[str]] = {}
    for quiz, bank, item_id, _outcome in items:
        grouped.setdefault((quiz, bank), []).append(item_id)
    return [QuizItems(quiz, bank, tuple(ids)) for (quiz, bank), ids in grouped.items()]


def _yaml_mapping(path: Path) -> dict[str, Any] | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return data if isinstance(data, dict) else None


def _notebook_info(root: Path, path: str, session_outcomes: frozenset[str]) -> NotebookInfo | None:
    try:
        cells = json.loads((root / path).read_text(encoding="utf-8"))["cells"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None
    markdown = ["".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown"]
    code = "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code")
    first = markdown[0] if markdown else ""
    heading = next((line[2:].strip() for line in first.splitlines() if line.startswith("# ")),
                   Path(path).stem)
    declared = frozenset(OUTCOME_ID.findall(first))
    folder = Path(path).parent
    plays = tuple((folder / scenario).as_posix() for scenario in PLAYED.findall(code))
    tools = tuple(dict.fromkeys(pair for pair in TOOL_IMPORT.findall(code)
                                if pair[0] not in NOT_TOOLS))
    return NotebookInfo(path, heading, declared or session_outcomes, tools, plays)


def _scenario_info(path: str, data: dict[str, Any], notebook: str) -> ScenarioInfo:
    sound = {choice.get("technique", "")
             for node in (data.get("nodes") or {}).values() if isinstance(node, dict)
             for choice in node.get("choices") or [] if isinstance(choice, dict)
             and choice.get("quality") == "sound"}
    outcomes = data.get("outcomes") or []
    return ScenarioInfo(
        path=path, title=str(data.get("title") or Path(path).stem),
        problem_area=str(data.get("problem_area") or ""), phase=str(data.get("phase") or ""),
        outcomes=frozenset(str(o) for o in outcomes if isinstance(o, str)),
        sound_techniques=frozenset(sound - {""}), notebook=notebook)
