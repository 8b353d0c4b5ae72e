"""The cohort settings (``deploy/cohort.yaml``) that the hub and the Kubernetes values share."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ipt_course.problems import problems_from_validation_error
from ipt_course.yamlfile import YamlFileError, read_yaml

UNIX_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*([KMGT]?)B?$", re.IGNORECASE)
UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}


class CohortSettingsError(ValueError):
    """The cohort settings file cannot be used; the message lists each problem."""


def unix_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a hub and system account name, or None when it can."""
    if not UNIX_NAME.match(name):
        return (f"{name!r} cannot be an account name: use lower-case letters, digits, '-' or "
                "'_', starting with a letter, up to 32 characters")
    return None


def parse_size(text: str | int) -> int:
    """``"1G"`` -> 1073741824 bytes."""
    match = SIZE.match(str(text).strip())
    if not match:
        raise ValueError(f"{text!r} is not a size such as 512M or 1G")
    return int(float(match.group(1)) * UNITS[match.group(2).upper()])


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Limits(Strict):
    memory: str = "1G"
    cpu: float = Field(1.0, gt=0, le=64)

    @field_validator("memory")
    @classmethod
    def _size(cls, value: str) -> str:
        if parse_size(value) < 256 * 1024**2:
            raise ValueError("at least 256M: JupyterLab and a kernel need about that much")
        return value

    @property
    def memory_bytes(self) -> int:
        """The memory limit in bytes."""
        return parse_size(self.memory)


class Cull(Strict):
    idle_seconds: int = Field(3600, ge=300)
    every_seconds: int = Field(300, ge=30)


class Login(Strict):
    minimum_password_length: int = Field(10, ge=8)
    allowed_failed_logins: int = Field(5, ge=1)
    seconds_before_next_try: int = Field(600, ge=0)


class Paths(Strict):
    state: Path = Path("/srv/ipt-course")
    exchange: Path = Path("/srv/nbgrader/exchange")


class CohortSettings(Strict):
    """Everything about a cohort's hub that is not the roster."""

    course_id: str
    trainers: list[str] = Field(min_length=1)
    grader_account: str = "ipt-grader"
    accounts_group: str = "ipt-course"
    trainers_group: str = "ipt-trainers"
    limits: Limits = Limits()
    cull: Cull = Cull()
    login: Login = Login()
    paths: Paths = Paths()

    @field_validator("trainers")
    @classmethod
    def _trainers(cls, names: list[str]) -> list[str]:
        for name in names:
            problem = unix_name_problem(name)
            if problem:
                raise ValueError(problem)
        return names

    @field_validator("course_id", "grader_account", "accounts_group", "trainers_group")
    @classmethod
    def _name(cls, value: str) -> str:
        problem = unix_name_problem(value)
        if problem:
            raise ValueError(problem)
        return value


def load_cohort(path: Path) -> CohortSettings:
    """Read and check ``path``; :class:`CohortSettingsError` lists every problem."""
    try:
        data = read_yaml(Path(path), str(path))
    except YamlFileError as error:
        raise CohortSettingsError(str(error)) from None
    try:
        return CohortSettings.model_validate(data or {})
    except ValidationError as error:
        problems = problems_from_validation_error(str(path), error)
        raise CohortSettingsError("\n".join(str(problem) for problem in problems)) from None
