"""Building blocks for a tool's wording files: checked text, word cues, patterns, YAML reading.

Each tool keeps its own error class, so a message names the tool's file, the key and what is
wrong (``wording.yaml: checks.choice_done: expected text, not empty``) for a clinician editing
the wording to put right without reading Python.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError

from ipt_course.problems import problems_from_validation_error
from ipt_course.yamlfile import YamlFileError, read_yaml

M = TypeVar("M", bound=BaseModel)


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected text, not empty")
    return " ".join(value.split())


def _pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"not a valid pattern ({error})") from None
    return value


Text = Annotated[str, BeforeValidator(_text)]
"""Text that is not empty, its runs of spaces and line breaks made single spaces."""
Cue = Annotated[Text, AfterValidator(str.lower)]
"""A word or phrase looked for in what a trainee writes, in lower case."""
Pattern = Annotated[Text, AfterValidator(_pattern)]
"""A regular expression looked for in what a trainee writes."""


class Strict(BaseModel):
    """A frozen content model that refuses keys it does not know."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Safety(Strict):
    """The safety prompt and the words that raise it."""

    title: Text
    text: Text
    cues: tuple[Cue, ...]


def validated(model: type[M], data: Any, source: str, error: type[ValueError]) -> M:
    """``data`` checked against ``model``; ``error`` names ``source``, the key and the fault."""
    try:
        return model.model_validate(data)
    except ValidationError as problem:
        raise error(str(problems_from_validation_error(source, problem)[0])) from None


def parse(model: type[M], data: Any, source: str, error: type[ValueError]) -> M:
    """Like :func:`validated`, first refusing data that is not a mapping of keys."""
    if not isinstance(data, dict):
        raise error(f"{source}: expected a mapping of keys at the top level")
    return validated(model, data, source, error)


def yaml_data(text: str, name: str, error: type[ValueError]) -> Any:
    """``text`` parsed as YAML; ``error`` gives ``name`` and the line of a syntax error."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise error(f"{name}: {where}YAML syntax error: "
                    f"{getattr(problem, 'problem', None) or problem}") from None


def read_data(package: str, name: str, error: type[ValueError]) -> Any:
    """The YAML in ``data/<name>`` of ``package``."""
    return yaml_data(resources.files(package).joinpath("data", name)
                     .read_text(encoding="utf-8"), name, error)


class ContentReader:
    """:func:`parse`, :func:`read_data` and :func:`yaml_data` for one tool's package and error.

    A tool's content module binds its own: ``parse = ContentReader(PACKAGE, ContentError).parse``.
    """

    def __init__(self, package: str, error: type[ValueError]) -> None:
        self.package, self.error = package, error

    def parse(self, model: type[M], data: Any, source: str) -> M:
        """``data`` checked against ``model``; the error names ``source``, the key and the fault."""
        return parse(model, data, source, self.error)

    def read_data(self, name: str) -> Any:
        """The YAML in the packaged ``data/<name>``."""
        return read_data(self.package, name, self.error)

    def yaml_data(self, text: str, name: str) -> Any:
        """``text`` parsed as YAML; the error gives ``name`` and the line of a syntax error."""
        return yaml_data(text, name, self.error)


def read_yaml_data(package: str, name: str, error: type[ValueError]) -> Any:
    """The YAML in ``data/<name>`` of ``package``, read by the course's YAML file reader.

    Its problems (missing file, not UTF-8, syntax) come back as ``error`` with the same words.
    """
    path = Path(str(resources.files(package).joinpath("data", name)))
    try:
        return read_yaml(path, name)
    except YamlFileError as problem:
        raise error(str(problem)) from None
