"""The inventory's state and rules: people, saving and reloading. No widgets here.

Every edit is made to the newest saved inventory under the file's lock, so two kernels with the
same inventory open (a notebook opened twice, or a notebook and a Voila page) keep each other's
people instead of overwriting them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd
import traitlets

from ipt_course.kit.saved import SavedWork, Status, where_saved
from ipt_course.safe_files import write_new_file
from ipt_course.tools.inventory.drawing import closeness_circle_png
from ipt_course.tools.inventory.people import (
    MAX_PEOPLE,
    NAME_LIMIT,
    PERSON_KEYS,
    TABLE_COLUMNS,
    InventoryDocument,
    InventoryError,
    InventoryFileError,
    Person,
    example_inventory,
    people_count,
    validate_person,
)

Edit = Callable[[InventoryDocument], InventoryDocument]


def _index_of(people: list[Person], name: str) -> int | None:
    wanted = name.strip().casefold()
    return next((i for i, person in enumerate(people) if person.name.casefold() == wanted), None)


class InventoryModel(SavedWork):
    """The inventory's state and rules: people, saving and reloading. No widgets here."""

    people = traitlets.List(traitlets.Instance(Person), help="The people in the inventory, "
                            "each checked by validate_person, in the order they were added.")
    client_label = traitlets.Unicode("Client", help="The name or initials shown at the centre "
                                     "of the closeness circle.")

    work_name = "inventory"
    unsaved_name = "inventory"
    fresh_start = "a new empty inventory"

    def __init__(self, save_path: str | Path | None = "my-inventory.json", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        document = self.open_document(save_path or None, InventoryDocument, InventoryFileError)
        if document is not None:
            self._take(document)
            self.status = Status(
                f"Loaded {people_count(len(self.people))} from {self.file.path.name}.", "ok")

    @property
    def save_path(self) -> Path | None:
        """Where the inventory is saved (None when saving is off)."""
        return self.file.path if self.file is not None else None

    @property
    def message(self) -> str:
        """The status text: what the trainee just did and how saving went."""
        return self.status.text

    def _take(self, document: InventoryDocument) -> None:
        self.client_label, self.people = document.client.strip(), document.persons()

    def to_document(self) -> InventoryDocument:
        """The inventory in its saved form."""
        return InventoryDocument.of(self.client_label, list(self.people))

    def _edit(self, edit: Edit, done: Callable[[InventoryDocument], str]) -> InventoryDocument:
        """Apply ``edit`` to the newest saved inventory, save it, and say what was ``done``."""
        return self.save_change(edit, done, self._take)

    # -- editing -------------------------------------------------------------------------
    def add(self, person: Person) -> Person:
        """Validate and add a person, then save. Raises InventoryError for bad details."""
        person = validate_person(person)

        def add(document: InventoryDocument) -> InventoryDocument:
            people = document.persons()
            if _index_of(people, person.name) is not None:
                raise InventoryError(
                    f"name: {person.name!r} is already in the inventory. Edit that entry, or "
                    "tell the two apart, e.g. 'Sam (work)' and 'Sam (school)'.")
            if len(people) >= MAX_PEOPLE:
                raise InventoryError(f"The inventory holds up to {MAX_PEOPLE} people.")
            return InventoryDocument.of(document.client, [*people, person])

        self._edit(add, lambda _document: f"Added {person.name}.")
        return person

    def update(self, name: str, person: Person) -> Person:
        """Replace the entry called ``name`` with ``person`` (renaming allowed), then save."""
        person = validate_person(person)

        def update(document: InventoryDocument) -> InventoryDocument:
            people = document.persons()
            index = _index_of(people, name)
            if index is None:
                raise InventoryError(f"There is no one called {name!r} in the inventory.")
            clash = _index_of(people, person.name)
            if clash is not None and clash != index:
                raise InventoryError(f"name: {person.name!r} is already in the inventory.")
            people[index] = person
            return InventoryDocument.of(document.client, people)

        self._edit(update, lambda _document: f"Saved the changes to {person.name}.")
        return person

    def remove(self, name: str) -> None:
        """Remove the entry called ``name``, then save."""
        removed = self.get(name)

        def remove(document: InventoryDocument) -> InventoryDocument:
            people = document.persons()
            index = _index_of(people, name)
            if index is None:
                raise InventoryError(f"There is no one called {name!r} in the inventory.")
            return InventoryDocument.of(document.client, people[:index] + people[index + 1:])

        self._edit(remove, lambda _document: f"Removed {removed.name}.")

    def set_client(self, label: str) -> None:
        """Set the name or initials shown at the centre of the circle, then save."""
        label = " ".join(str(label or "").split())
        if not label:
            self.status = Status(
                "Please enter the client's name or initials for the centre of the circle.",
                "warning")
            return
        if len(label) > NAME_LIMIT:
            self.status = Status(
                f"Please keep the client's name to {NAME_LIMIT} characters or fewer.", "warning")
            return
        if label != self.client_label:
            self._edit(lambda document: InventoryDocument(client=label, people=document.people),
                       lambda _document: f"The client is shown as {label}.")

    def get(self, name: str) -> Person:
        """Return the entry called ``name``."""
        index = _index_of(list(self.people), name)
        if index is None:
            raise InventoryError(f"There is no one called {name!r} in the inventory.")
        return self.people[index]

    def load_example(self) -> Path | None:
        """Replace the inventory with the course vignette.

        If there was work in the inventory, the saved file is first copied to a new file beside
        it (never overwritten); that path is returned so the trainee can be told where it is.
        """
        backup = None
        if self.people and self.save_path is not None:
            backup = write_new_file(
                self.save_path.with_name(f"{self.save_path.stem}-before-example.json"),
                self.to_document().dump(),
            )
        client, people = example_inventory()
        note = f" Your previous inventory was kept as {backup.name}." if backup else ""
        self._edit(lambda _document: InventoryDocument.of(client, people),
                   lambda _document: "Loaded the course example." + note)
        return backup

    # -- views of the data ---------------------------------------------------------------
    def to_dataframe(self) -> pd.DataFrame:
        """Return the inventory as a table with plain column headings, one row per person."""
        rows = [asdict(p) for p in self.people]
        frame = pd.DataFrame(rows, columns=list(PERSON_KEYS))
        frame["ring"] = frame["ring"].astype("Int64")
        return frame.rename(columns=TABLE_COLUMNS)

    def closeness_circle_png(self) -> bytes:
        """Return the closeness circle drawing as PNG bytes."""
        return closeness_circle_png(list(self.people), self.client_label)

    def export_png(self, folder: str | Path | None = None) -> Path:
        """Write the drawing as ``closeness-circle.png`` (or ``-2``, ``-3``...) and return the path.

        The file goes beside the saved inventory (the notebook's folder) unless ``folder`` is given.
        """
        if folder is None:
            folder = self.save_path.parent if self.save_path is not None else Path.cwd()
        path = write_new_file(Path(folder) / "closeness-circle.png", self.closeness_circle_png())
        self.status = Status(f"Saved the drawing as {path.name}. {where_saved(path)}", "ok")
        return path

    def to_json(self) -> str:
        """Return the inventory in its saved form (JSON text)."""
        return self.to_document().dump()
