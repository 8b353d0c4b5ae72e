"""The inventory's state and rules: people, saving and reloading. No widgets here."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import traitlets

from ipt_course.kit.saved import read_saved_document
from ipt_course.safe_files import keep_aside, write_atomic, write_new_file
from ipt_course.tools.inventory.drawing import closeness_circle_png
from ipt_course.tools.inventory.people import (
    FILE_FORMAT,
    FILE_KIND,
    MAX_PEOPLE,
    PERSON_KEYS,
    TABLE_COLUMNS,
    InventoryError,
    Person,
    _people,
    example_inventory,
    person_from_dict,
    validate_person,
)


class InventoryModel(traitlets.HasTraits):
    """The inventory's state and rules: people, saving and reloading. No widgets here."""

    people = traitlets.List()
    client_label = traitlets.Unicode("Client")
    message = traitlets.Unicode("")

    def __init__(self, save_path: str | Path | None = "my-inventory.json", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.save_path = Path(save_path) if save_path else None
        if self.save_path is not None and self.save_path.exists():
            self.reload()

    # -- editing -------------------------------------------------------------------------
    def _index_of(self, name: str) -> int | None:
        wanted = name.strip().casefold()
        for index, person in enumerate(self.people):
            if person.name.casefold() == wanted:
                return index
        return None

    def add(self, person: Person) -> Person:
        """Validate and add a person, then save. Raises InventoryError for bad details."""
        person = validate_person(person)
        if self._index_of(person.name) is not None:
            raise InventoryError(
                f"name: {person.name!r} is already in the inventory. Edit that entry, or tell "
                "the two apart, e.g. 'Sam (work)' and 'Sam (school)'."
            )
        if len(self.people) >= MAX_PEOPLE:
            raise InventoryError(f"The inventory holds up to {MAX_PEOPLE} people.")
        self.people = [*self.people, person]
        self._autosave(f"Added {person.name}.")
        return person

    def update(self, name: str, person: Person) -> Person:
        """Replace the entry called ``name`` with ``person`` (renaming allowed), then save."""
        index = self._index_of(name)
        if index is None:
            raise InventoryError(f"There is no one called {name!r} in the inventory.")
        person = validate_person(person)
        clash = self._index_of(person.name)
        if clash is not None and clash != index:
            raise InventoryError(f"name: {person.name!r} is already in the inventory.")
        people = list(self.people)
        people[index] = person
        self.people = people
        self._autosave(f"Saved the changes to {person.name}.")
        return person

    def remove(self, name: str) -> None:
        """Remove the entry called ``name``, then save."""
        index = self._index_of(name)
        if index is None:
            raise InventoryError(f"There is no one called {name!r} in the inventory.")
        removed = self.people[index]
        self.people = [p for i, p in enumerate(self.people) if i != index]
        self._autosave(f"Removed {removed.name}.")

    def set_client(self, label: str) -> None:
        """Set the name or initials shown at the centre of the circle, then save."""
        label = " ".join(str(label or "").split())
        if not label:
            self.message = (
                "Please enter the client's name or initials for the centre of the circle."
            )
            return
        if len(label) > 40:
            self.message = "Please keep the client's name to 40 characters or fewer."
            return
        if label != self.client_label:
            self.client_label = label
            self._autosave(f"The client is shown as {label}.")

    def get(self, name: str) -> Person:
        """Return the entry called ``name``."""
        index = self._index_of(name)
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
                self.to_json(),
            )
        self.client_label, self.people = example_inventory()
        note = f" Your previous inventory was kept as {backup.name}." if backup else ""
        self._autosave("Loaded the course example." + note)
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
        return closeness_circle_png(self.people, self.client_label)

    def export_png(self, folder: str | Path | None = None) -> Path:
        """Write the drawing as ``closeness-circle.png`` (or ``-2``, ``-3``...) and return the path.

        The file goes beside the saved inventory (the notebook's folder) unless ``folder`` is given.
        """
        if folder is None:
            folder = self.save_path.parent if self.save_path is not None else Path.cwd()
        path = write_new_file(Path(folder) / "closeness-circle.png", self.closeness_circle_png())
        self.message = f"Saved the drawing as {path.name}."
        return path

    # -- saving and loading --------------------------------------------------------------
    def to_json(self) -> str:
        """Return the inventory in its saved form (JSON text)."""
        document = {
            "kind": FILE_KIND,
            "format": FILE_FORMAT,
            "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "client": self.client_label,
            "people": [asdict(p) for p in self.people],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    def save(self) -> Path:
        """Write the inventory to ``save_path`` atomically and return the path."""
        if self.save_path is None:
            raise InventoryError("This inventory has no file to save to.")
        write_atomic(self.save_path, self.to_json())
        return self.save_path

    def _autosave(self, what: str) -> None:
        if self.save_path is None:
            self.message = what
            return
        try:
            self.save()
        except OSError as error:
            self.message = f"{what} But it could not be saved to {self.save_path}: {error}."
            return
        self.message = f"{what} Saved to {self.save_path.name} at {datetime.now():%H:%M}."

    def reload(self) -> None:
        """Load ``save_path``. An unreadable file is renamed and kept, never deleted."""
        assert self.save_path is not None
        try:
            client, people = parse_inventory_file(self.save_path)
        except InventoryError as error:
            kept = keep_aside(self.save_path)
            self.client_label, self.people = "Client", []
            self.message = (
                f"Your saved inventory ({self.save_path.name}) could not be read: {error} "
                f"It has been kept, unchanged, as {kept.name}, and a new empty inventory has "
                "been started. Ask your trainer if you need help recovering it."
            )
            return
        self.client_label, self.people = client, people
        self.message = f"Loaded {_people(len(people))} from {self.save_path.name}."


def parse_inventory_file(path: Path) -> tuple[str, list[Person]]:
    """Read and check a saved inventory; raise InventoryError naming what is wrong and where."""
    data = read_saved_document(path, FILE_KIND, FILE_FORMAT, "an inventory file", InventoryError)
    people_data = data.get("people")
    if not isinstance(people_data, list):
        raise InventoryError("people: expected a list of people.")
    people = [person_from_dict(p, f"people[{i}]") for i, p in enumerate(people_data)]
    names = [p.name.casefold() for p in people]
    if len(set(names)) != len(names):
        raise InventoryError("people: the same name appears twice.")
    client = data.get("client", "Client")
    if not isinstance(client, str) or not client.strip():
        raise InventoryError("client: expected the client's name or initials.")
    return client.strip(), people
