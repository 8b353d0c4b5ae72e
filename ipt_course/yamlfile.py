"""Read YAML course files with errors a clinician can act on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ipt_course.problems import Problem

# libyaml's parser reads a quiz bank about ten times faster than PyYAML's own, building the
# same Python values; PyYAML's own still reports errors, so messages stay as they were.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlFileError(Exception):
    """A YAML file could not be read; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_yaml(path: Path, display_name: str | None = None) -> Any:
    """Parse ``path`` as YAML, raising YamlFileError with the line and column of a syntax error."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlFileError(Problem(name, "", "file not found")) from None
    except UnicodeDecodeError:
        raise YamlFileError(Problem(name, "", "not UTF-8 text; save it as UTF-8")) from None
    try:
        return yaml.load(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        pass
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise YamlFileError(Problem(name, where, f"YAML syntax error: {reason}")) from None
