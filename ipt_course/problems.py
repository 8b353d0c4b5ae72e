"""A validation problem: which file, where in it, and what is wrong."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a course file, phrased for the person who will fix it."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}" if self.where else (
            f"{self.file}: {self.message}"
        )


def key_path(location: tuple[str | int, ...]) -> str:
    """Render a pydantic error location as a key path such as ``days[0].sessions[2].start``."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(top level)"


def problems_from_validation_error(file: str, error: ValidationError) -> list[Problem]:
    """Turn a pydantic ValidationError into readable problems, one per failing key."""
    problems = []
    for item in error.errors(include_url=False):
        message = item["msg"]
        if item["type"] == "missing":
            message = "this key is required but missing"
        elif item["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            message = "unknown key (check its spelling)"
        elif "input" in item and item["type"] not in {"value_error", "assertion_error"}:
            message = f"{message} (got {item['input']!r})"
        message = message.removeprefix("Value error, ")
        problems.append(Problem(file, key_path(tuple(item["loc"])), message))
    return problems


def validate_each(model: type[M], items: list[Any], where: str,
                  error: Callable[[str], Exception]) -> list[M]:
    """Every item checked against ``model``; the first problem raised as ``error``.

    The message names the item and key, e.g. ``symptoms.yaml: symptoms[2].mood: ...`` for
    ``where`` ``symptoms.yaml: symptoms``.
    """
    checked = []
    for index, raw in enumerate(items):
        here = f"{where}[{index}]"
        if not isinstance(raw, dict):
            raise error(f"{here}: expected a mapping")
        try:
            checked.append(model.model_validate(raw))
        except ValidationError as problem:
            first = problems_from_validation_error("", problem)[0]
            key = f".{first.where}" if problem.errors()[0]["loc"] else ""
            raise error(f"{here}{key}: {first.message}") from None
    return checked
