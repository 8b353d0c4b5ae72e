"""The answerable items of a quiz bank, a self-check file or a scenario, in one shape.

Every item is a set of options in file order with the best ones marked: a quiz question's key,
a self-check's correct options, a decision point's sound replies. Each carries the item id the
widgets shuffle it under, so a simulated trainee sees exactly the order a real one would.
Files that do not load are skipped here; ``ipt-course validate`` reports why they do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ipt_course.kit.order import quiz_item, scenario_item, selfcheck_item
from ipt_course.yamlfile import YamlFileError, read_yaml

Source = Literal["quiz", "selfcheck", "scenario"]
Answers = Literal["single", "multiple"]
NOUNS: dict[Source, tuple[str, str]] = {
    "quiz": ("question", "questions"),
    "selfcheck": ("check", "checks"),
    "scenario": ("decision", "nodes"),
}


@dataclass(frozen=True)
class CueItem:
    """One question or decision: option ids and texts in file order, and the best ones."""

    id: str
    where: str
    ids: tuple[str, ...]
    texts: tuple[str, ...]
    best: frozenset[int]
    order_item: str

    @property
    def chance(self) -> float:
        """The share of options that are best: what a blind pick scores on average."""
        return len(self.best) / len(self.texts)


@dataclass(frozen=True)
class Collection:
    """The single-answer (or multiple-answer) items of one file."""

    file: str
    source: Source
    answers: Answers
    items: tuple[CueItem, ...]

    @property
    def label(self) -> str:
        """How reports name the collection: its file, and the answer kind for quizzes."""
        return self.file if self.answers == "single" else f"{self.file} (multiple answers)"


def quiz_collections(path: Path, name: str) -> list[Collection]:
    """The single and multiple-answer questions of the quiz bank at ``path``."""
    from ipt_course.quiz.bank import BankError, load_bank

    try:
        bank = load_bank(path)
    except BankError:
        return []
    found: dict[str, list[CueItem]] = {"single": [], "multiple": []}
    for index, question in enumerate(bank.questions):
        if question.type not in found:
            continue
        ids = tuple(option.id for option in question.options)
        keys = [question.answer] if question.type == "single" else list(question.answer)
        found[question.type].append(CueItem(
            id=question.id, where=f"questions[{index}]", ids=ids,
            texts=tuple(option.text for option in question.options),
            best=frozenset(ids.index(key) for key in keys),
            order_item=quiz_item(bank.id, question.id)))
    return [Collection(name, "quiz", kind, tuple(items))  # type: ignore[arg-type]
            for kind, items in found.items() if items]


def _selfcheck_item(raw: Any, index: int, stem: str) -> tuple[str, CueItem] | None:
    """One self-check as an item, or None when it has no options or is malformed."""
    if not isinstance(raw, dict) or raw.get("type") not in ("single", "multiple"):
        return None
    options = raw.get("options")
    if not isinstance(options, list) or len(options) < 2 or not all(
            isinstance(o, dict) and isinstance(o.get("text"), str)
            and isinstance(o.get("correct"), bool) and o.get("id") is not None for o in options):
        return None
    best = frozenset(i for i, option in enumerate(options) if option["correct"])
    if not best or (raw["type"] == "single" and len(best) != 1):
        return None
    check_id = str(raw.get("id"))
    return raw["type"], CueItem(
        id=check_id, where=f"checks[{index}]", ids=tuple(str(o["id"]) for o in options),
        texts=tuple(o["text"] for o in options), best=best,
        order_item=selfcheck_item(stem, check_id))


def selfcheck_collections(path: Path, name: str) -> list[Collection]:
    """The single and multiple-answer checks of the self-check file at ``path``."""
    try:
        data = read_yaml(path, name)
    except YamlFileError:
        return []
    checks = data.get("checks") if isinstance(data, dict) else None
    found: dict[str, list[CueItem]] = {"single": [], "multiple": []}
    for index, raw in enumerate(checks if isinstance(checks, list) else []):
        made = _selfcheck_item(raw, index, Path(path).stem)
        if made is not None:
            found[made[0]].append(made[1])
    return [Collection(name, "selfcheck", kind, tuple(items))  # type: ignore[arg-type]
            for kind, items in found.items() if items]


def scenario_collections(path: Path, name: str) -> list[Collection]:
    """The decision points of the scenario at ``path``, the sound replies being the best."""
    from ipt_course.roleplay.schema import read_scenario

    scenario, _ = read_scenario(Path(path), display_name=name)
    if scenario is None:
        return []
    items = []
    for node_id, node in scenario.nodes.items():
        if len(node.choices) < 2:
            continue
        best = frozenset(i for i, choice in enumerate(node.choices) if choice.quality == "sound")
        if best:
            items.append(CueItem(
                id=node_id, where=f"nodes.{node_id}",
                ids=tuple(str(i) for i in range(len(node.choices))),
                texts=tuple(choice.text for choice in node.choices), best=best,
                order_item=scenario_item(scenario.id, node_id)))
    return [Collection(name, "scenario", "single", tuple(items))] if items else []


def course_files(root: Path) -> dict[Source, list[Path]]:
    """Every quiz bank, self-check file and scenario file in the course folder ``root``."""
    return {
        "quiz": sorted(root.glob("quizzes/*.yaml")),
        "selfcheck": sorted(root.glob("curriculum/*/selfchecks/*.yaml")),
        "scenario": sorted(root.glob("curriculum/*/scenarios/*.yaml")),
    }


READERS = {"quiz": quiz_collections, "selfcheck": selfcheck_collections,
           "scenario": scenario_collections}


def collections_of(path: Path, source: Source, root: Path | None = None) -> list[Collection]:
    """The collections in one file, named by its path relative to ``root`` when given."""
    name = Path(path).relative_to(root).as_posix() if root is not None else str(path)
    return READERS[source](Path(path), name)


def course_collections(root: Path) -> list[Collection]:
    """Every collection in the course, quiz banks first, then self-checks, then scenarios."""
    return [collection for source, paths in course_files(root).items() for path in paths
            for collection in collections_of(path, source, root)]
