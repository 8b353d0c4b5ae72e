"""The people of an inventory: their details, the rules they follow, the course example."""

from __future__ import annotations

from dataclasses import dataclass, fields
from importlib import resources
from typing import Any

import yaml

FILE_KIND = "ipt-interpersonal-inventory"
FILE_FORMAT = 1
MAX_PEOPLE = 30
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


@dataclass
class Person:
    """One important person in the client's life, as recorded in the inventory."""

    name: str
    relationship: str = ""
    ring: int = 2
    support: int = 0
    conflict: int = 0
    contact: str = ""
    client_expects: str = ""
    they_expect: str = ""
    satisfactions: str = ""
    disappointments: str = ""
    changes_at_onset: str = ""
    notes: str = ""

    def balance(self) -> str:
        """Return the support/conflict category used for colour and line style in the drawing."""
        return balance_category(self.support, self.conflict)


PERSON_KEYS = tuple(f.name for f in fields(Person))


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


def _whole_number(value: Any, low: int, high: int, label: str) -> int:
    """Return ``value`` as an int in ``low..high`` or raise InventoryError naming ``label``."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InventoryError(
            f"{label}: expected a whole number from {low} to {high}, got {value!r}."
        )
    try:
        number = float(value)
    except ValueError:
        raise InventoryError(
            f"{label}: expected a whole number from {low} to {high}, got {value!r}."
        ) from None
    if not number.is_integer() or not low <= number <= high:
        raise InventoryError(
            f"{label}: expected a whole number from {low} to {high}, got {value!r}."
        )
    return int(number)


def validate_person(person: Person, where: str = "") -> Person:
    """Return a cleaned copy of ``person`` or raise InventoryError with a clear message.

    ``where`` prefixes messages (e.g. ``people[3]``) when checking a saved file.
    """
    prefix = f"{where}." if where else ""
    name = str(person.name or "").strip()
    if not name:
        raise InventoryError(f"{prefix}name: please enter a name or initials.")
    if len(name) > 40:
        raise InventoryError(f"{prefix}name: please keep the name to 40 characters or fewer.")
    contact = str(person.contact or "").strip()
    if contact and contact not in CONTACT_OPTIONS:
        choices = ", ".join(CONTACT_OPTIONS)
        raise InventoryError(f"{prefix}contact: expected one of {choices}, got {contact!r}.")
    cleaned = {key: str(getattr(person, key) or "").strip() for key in TEXT_FIELDS}
    return Person(
        name=name,
        relationship=str(person.relationship or "").strip(),
        ring=_whole_number(person.ring, 1, 3, f"{prefix}ring"),
        support=_whole_number(person.support, 0, 5, f"{prefix}support"),
        conflict=_whole_number(person.conflict, 0, 5, f"{prefix}conflict"),
        contact=contact,
        **cleaned,
    )


def person_from_dict(data: Any, where: str) -> Person:
    """Build a valid Person from a saved mapping; errors name the key path, e.g. people[2].ring."""
    if not isinstance(data, dict):
        raise InventoryError(f"{where}: expected a set of details for one person, got {data!r}.")
    unknown = sorted(set(data) - set(PERSON_KEYS))
    if unknown:
        raise InventoryError(f"{where}: unexpected field(s) {', '.join(map(str, unknown))}.")
    if "name" not in data:
        raise InventoryError(f"{where}.name: missing.")
    return validate_person(Person(**data), where)


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


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
