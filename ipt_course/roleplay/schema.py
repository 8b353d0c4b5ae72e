"""The role-play scenario format: pydantic models and loading; the vocabulary is in the kit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from ipt_course.kit.vocabulary import dispute_stages, phases, scenario_focuses

# Kept importable from here for the role-play modules and scenario tools that name them.
from ipt_course.kit.vocabulary import technique_label as technique_label
from ipt_course.kit.vocabulary import techniques as techniques
from ipt_course.problems import Problem, key_path, problems_from_validation_error
from ipt_course.yamlfile import YamlFileError, read_yaml

Quality = Literal["sound", "partial", "unhelpful"]
QUALITY_CREDIT: dict[str, float] = {"sound": 1.0, "partial": 0.5, "unhelpful": 0.0}
QUALITY_LABELS: dict[str, str] = {
    "sound": "Sound IPT move",
    "partial": "Partly helpful",
    "unhelpful": "Unhelpful",
}
# The allowed values come from the shared vocabulary (kit/data/ipt.yaml), not a copy of it here.
ProblemArea = Literal[tuple(scenario_focuses())]  # type: ignore[valid-type]
Phase = Literal[phases()]  # type: ignore[valid-type]
DisputeStage = Literal[dispute_stages()]  # type: ignore[valid-type]


def _not_blank(value: str) -> str:
    """Reject empty or whitespace-only text, which would show as a blank line to trainees."""
    if not value.strip():
        raise ValueError("expected some text, found an empty value")
    return value.strip()


Text = Annotated[str, AfterValidator(_not_blank)]


class _Strict(BaseModel):
    """Base for every part of the format: unknown keys are errors, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    """One therapist reply the trainee can pick at a decision point."""

    text: Text
    technique: Text
    quality: Quality
    feedback: Text
    next: Text


class Ending(_Strict):
    """How the conversation ends on this branch."""

    title: Text
    summary: Text


class Node(_Strict):
    """A client line, then either 2-4 choices (a decision point) or an ending."""

    client: Text
    direction: Text | None = None
    own_words: bool = False
    choices: list[Choice] = Field(default_factory=list)
    ending: Ending | None = None

    @property
    def is_ending(self) -> bool:
        """True when this node closes the conversation."""
        return self.ending is not None


class ClientInfo(_Strict):
    """The fictional client in the scenario."""

    name: Text
    age: int = Field(ge=0, le=120)
    situation: Text


class Reveal(_Strict):
    """Hidden information the role-play client gives when asked well."""

    when: Text
    reveal: Text


class ClientCard(_Strict):
    """What the person playing the client needs to know."""

    background: Text
    feelings: list[Text] = Field(default_factory=list)
    reveals: list[Reveal] = Field(default_factory=list)
    how_to_play: Text


class TherapistCard(_Strict):
    """What the person playing the therapist aims for."""

    goals: list[Text] = Field(min_length=1)
    openings: list[Text] = Field(default_factory=list)
    reminders: list[Text] = Field(default_factory=list)


class ObserverItem(_Strict):
    """One thing the observer watches for."""

    technique: Text
    item: Text


class Breakout(_Strict):
    """Cards for practising the scenario in threes: client, therapist and observer."""

    client_card: ClientCard
    therapist_card: TherapistCard
    observer_checklist: list[ObserverItem] = Field(min_length=1)


class Scenario(_Strict):
    """A branching role-play: client lines, therapist choices with feedback, and endings."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    title: Text
    day: int = Field(ge=1, le=6)
    session: Text
    problem_area: ProblemArea
    phase: Phase
    dispute_stage: DisputeStage | None = None
    content_note: Text | None = None
    client: ClientInfo
    outcomes: list[Text] = Field(min_length=1)
    start: Text
    nodes: dict[str, Node] = Field(min_length=1)
    breakout: Breakout | None = None

    @property
    def decision_points(self) -> int:
        """How many nodes ask the trainee to choose."""
        return sum(1 for node in self.nodes.values() if node.choices)

    @property
    def endings(self) -> list[str]:
        """Ids of the ending nodes, in file order."""
        return [node_id for node_id, node in self.nodes.items() if node.is_ending]


class ScenarioError(Exception):
    """A scenario file could not be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def _duplicate_keys(node: yaml.Node, path: tuple[str | int, ...] = ()) -> list[tuple[str, int]]:
    """Find keys given twice in one mapping; PyYAML would silently keep only the last."""
    found: list[tuple[str, int]] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                found.append((key_path((*path, key)), key_node.start_mark.line + 1))
            seen.add(key)
            found.extend(_duplicate_keys(value_node, (*path, key)))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found.extend(_duplicate_keys(item, (*path, index)))
    return found


def line_of(root: yaml.Node | None, location: tuple[str | int, ...]) -> int | None:
    """The 1-based line of the deepest YAML node that ``location`` reaches."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in location:
        pair = None
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if str(k.value) == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            pair = (node.value[part], node.value[part]) if part < len(node.value) else None
        if pair is None:
            break
        node = pair[1]
        line = pair[0].start_mark.line + 1
    return line


def read_scenario(
    path: Path, display_name: str | None = None
) -> tuple[Scenario | None, list[Problem]]:
    """Load a scenario file, returning it (or None) and every problem found while loading."""
    name = display_name or str(path)
    try:
        data = read_yaml(path, name)
    except YamlFileError as error:
        return None, [error.problem]
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    problems = [
        Problem(name, f"{where} (line {line})", "this key is given twice; keep one")
        for where, line in _duplicate_keys(root)
    ]
    if not isinstance(data, dict):
        found = "an empty file" if data is None else f"a {type(data).__name__}"
        return None, [Problem(name, "", f"expected a mapping of scenario keys, found {found}")]
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as error:
        for problem, item in zip(
            problems_from_validation_error(name, error), error.errors(), strict=True
        ):
            line = line_of(root, tuple(item["loc"]))
            where = f"{problem.where} (line {line})" if line else problem.where
            problems.append(Problem(name, where, _expected(problem.message, item)))
        return None, problems
    return (None if problems else scenario), problems


def _expected(message: str, item: Any) -> str:
    """Phrase a pydantic message as what was expected where its own wording is technical."""
    if item["type"] == "model_type":
        return f"expected a mapping of keys here (got {item['input']!r})"
    return message


def load_scenario(path: str | Path) -> Scenario:
    """Load a scenario file or raise ScenarioError listing every problem with its key path."""
    scenario, problems = read_scenario(Path(path))
    if scenario is None:
        raise ScenarioError(problems)
    return scenario
