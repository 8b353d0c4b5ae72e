"""A tool's wording and fixed content, read from its ``data/*.yaml`` and checked on the way in.

A clinician edits these files by hand, so a mistake fails with the file, the key path and what is
wrong (``safety_plan/data/steps.yaml: sections[2].title: this key is required but missing``),
never a bare traceback.
"""

from __future__ import annotations

from importlib import resources
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ipt_course.problems import problems_from_validation_error

M = TypeVar("M", bound=BaseModel)


class DataFileError(ValueError):
    """A packaged YAML file is malformed; the message names the file, the key and the problem."""


def data_name(package: str, name: str) -> str:
    """How a packaged file is named in messages: ``safety_plan/data/steps.yaml``."""
    return f"{package.removeprefix('ipt_course.').removeprefix('tools.').replace('.', '/')}" \
        f"/data/{name}"


def parse_data(text: str, where: str, model: type[M]) -> M:
    """Check YAML ``text`` against ``model``; ``where`` names the file in any message."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise DataFileError(f"{where}: {at}YAML syntax error: {reason}.") from None
    if not isinstance(data, dict):
        raise DataFileError(f"{where}: expected a mapping of keys at the top level.")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = problems_from_validation_error(where, error)
        raise DataFileError("; ".join(str(problem) for problem in problems)) from None


def load_data(package: str, name: str, model: type[M]) -> M:
    """``data/<name>`` inside ``package`` (e.g. ``ipt_course.tools.safety_plan``), checked."""
    where = data_name(package, name)
    try:
        text = resources.files(package).joinpath("data").joinpath(name).read_text("utf-8")
    except FileNotFoundError:
        raise DataFileError(f"{where}: file not found.") from None
    except UnicodeDecodeError:
        raise DataFileError(f"{where}: not UTF-8 text; save it as UTF-8.") from None
    return parse_data(text, where, model)
