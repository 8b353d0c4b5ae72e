"""The people of an inventory: their details, the rules they follow, the saved file, the example."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, ClassVar

import yaml
from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from ipt_course.kit.saved import SavedDocument, SavedFileError, read_json, whole_number
from ipt_course.problems import problems_from_validation_error

MAX_PEOPLE = 30
NAME_LIMIT = 40
RING_LABELS = {1: "1 - closest", 2: "2 - middle", 3: "3 - outer"}
CONTACT_OPTIONS = (
    "Daily",
    "Several times a week",
    "Weekly",
    "Monthly",
    "A few times a year",
    "No contact now",
    "Has died",
)
TEXT_FIELDS = {
    "client_expects": "Client expects of them",
    "they_expect": "They expect of the client",
    "satisfactions": "Satisfying now",
    "disappointments": "Disappointing now",
    "changes_at_onset": "Changes around onset",
    "notes": "Notes",
}
TABLE_COLUMNS = {
    "name": "Name",
    "relationship": "Relationship",
    "ring": "Ring",
    "support": "Support (0-5)",
    "conflict": "Conflict (0-5)",
    "contact": "Contact",
    **TEXT_FIELDS,
}


class InventoryError(ValueError):
    """A person's details or a saved inventory file are not valid; the message says why."""


class InventoryFileError(InventoryError, SavedFileError):
    """A saved inventory file cannot be read; the message names the key path and the problem."""


def balance_category(support: int, conflict: int) -> str:
    """Classify a relationship: 'supportive', 'conflict', 'mixed' or 'little'.

    'little' when both scores are 0-1; 'mixed' when both are 3 or more, or equal;
    otherwise whichever score is higher wins.
    """
    if support <= 1 and conflict <= 1:
        return "little"
    if (support >= 3 and conflict >= 3) or support == conflict:
        return "mixed"
    return "supportive" if support > conflict else "conflict"


def people_count(count: int) -> str:
    """'1 person' or 'N people'."""
    return "1 person" if count == 1 else f"{count} people"


def _name(value: Any) -> str:
    name = str(value or "").strip()
    if not name:
        raise ValueError("please enter a name or initials.")
    if len(name) > NAME_LIMIT:
        raise ValueError(f"please keep the name to {NAME_LIMIT} characters or fewer.")
    return name


def _contact(value: Any) -> str:
    contact = str(value or "").strip()
    if contact and contact not in CONTACT_OPTIONS:
        raise ValueError(f"expected one of {', '.join(CONTACT_OPTIONS)}, got {contact!r}.")
    return contact


Text = Annotated[str, BeforeValidator(lambda value: str(value or "").strip())]


@dataclass
class Person:
    """One important person in the client's life, as recorded in the inventory.

    Making one checks nothing; :func:`validate_person` (and reading a saved file) checks every
    rule written in the field types below.
    """

    __pydantic_config__ = ConfigDict(extra="forbid")

    name: Annotated[str, BeforeValidator(_name)]
    relationship: Text = ""
    ring: Annotated[int, whole_number(1, 3, lenient=True)] = 2
    support: Annotated[int, whole_number(0, 5, lenient=True)] = 0
    conflict: Annotated[int, whole_number(0, 5, lenient=True)] = 0
    contact: Annotated[str, BeforeValidator(_contact)] = ""
    client_expects: Text = ""
    they_expect: Text = ""
    satisfactions: Text = ""
    disappointments: Text = ""
    changes_at_onset: Text = ""
    notes: Text = ""

    def balance(self) -> str:
        """Return the support/conflict category used for colour and line style in the drawing."""
        return balance_category(self.support, self.conflict)


PERSON_KEYS = tuple(f.name for f in fields(Person))
_CHECK_PERSON = TypeAdapter(Person)


def _first_problem(error: ValidationError, where: str) -> tuple[str, str]:
    problem = problems_from_validation_error("", error)[0]
    return f"{where}.{problem.where}" if where else problem.where, problem.message


def person_from_dict(data: Any, where: str = "") -> Person:
    """A valid Person from a mapping; errors name the key path, e.g. ``people[2].ring``."""
    if not isinstance(data, dict):
        raise InventoryError(f"{where}: expected a set of details for one person, got {data!r}.")
    try:
        return _CHECK_PERSON.validate_python(data)
    except ValidationError as error:
        path, message = _first_problem(error, where)
        raise InventoryError(f"{path}: {message}") from None


def validate_person(person: Person, where: str = "") -> Person:
    """Return a cleaned copy of ``person`` or raise InventoryError with a clear message.

    ``where`` prefixes messages (e.g. ``people[3]``) when checking a saved file.
    """
    return person_from_dict(asdict(person), where)


class InventoryDocument(SavedDocument):
    """A saved inventory: the client's label for the centre of the circle, and the people."""

    KIND: ClassVar[str] = "ipt-interpersonal-inventory"
    WHAT: ClassVar[str] = "an inventory file"
    MESSAGES: ClassVar[dict[str, str]] = {
        "list_type": "expected a list of people.",
        "model_type": "expected a set of details for one person.",
    }

    client: str = "Client"
    people: list[Person] = Field(default_factory=list)

    @model_validator(mode="after")
    def _sensible(self) -> InventoryDocument:
        if not self.client.strip():
            raise ValueError("client: expected the client's name or initials.")
        names = [person.name.casefold() for person in self.people]
        if len(set(names)) != len(names):
            raise ValueError("people: the same name appears twice.")
        return self

    @classmethod
    def of(cls, client: str, people: list[Person]) -> InventoryDocument:
        """The document for ``client`` and ``people`` (already checked)."""
        return cls.model_construct(client=client, people=list(people))

    def persons(self) -> list[Person]:
        """The people, as a new list."""
        return list(self.people)


def parse_inventory_file(path: Path) -> tuple[str, list[Person]]:
    """Read and check a saved inventory; raise InventoryError naming what is wrong and where."""
    document = InventoryDocument.parse(read_json(path, InventoryFileError), InventoryFileError)
    return document.client.strip(), document.persons()


def _load_yaml(name: str) -> dict[str, Any]:
    """Read one of this package's YAML data files."""
    text = resources.files("ipt_course.tools.inventory").joinpath("data", name).read_text("utf-8")
    return yaml.safe_load(text)


def inventory_guidance() -> dict[str, Any]:
    """Return the help text, the questions to ask about each person and what to listen for."""
    return _load_yaml("guidance.yaml")


def example_inventory() -> tuple[str, list[Person]]:
    """Return the course vignette: the client's first name and her inventory."""
    data = _load_yaml("example.yaml")
    people = [person_from_dict(p, f"people[{i}]") for i, p in enumerate(data["people"])]
    return data["client"], people
