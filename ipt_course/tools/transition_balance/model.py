"""The balance sheet's state: the roles, the entries, saving and the picture. No widgets.

Every change is made to the newest saved sheet under its lock, so two kernels with the sheet
open (a notebook opened twice, or a notebook and a Voila page) keep each other's entries.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, ClassVar

import traitlets
from pydantic import AfterValidator, Field, StrictStr, model_validator

from ipt_course.kit.saved import SavedDocument, SavedFileError, SavedWork, Status
from ipt_course.safe_files import write_new_file
from ipt_course.tools.transition_balance.drawing import balance_png
from ipt_course.tools.transition_balance.sheet import (
    MAX_ENTRIES,
    NAME_LIMIT,
    ROLE_LIMIT,
    BalanceError,
    Entry,
    in_sheet_order,
    review_sheet,
)


@lru_cache(maxsize=4)
def _png(client: str, old_role: str, new_role: str, entries: tuple[Entry, ...]) -> bytes:
    return balance_png(client, old_role, new_role, entries)


NAMES = {"client": ("the client's name", NAME_LIMIT), "old_role": ("the old role", ROLE_LIMIT),
         "new_role": ("the new role", ROLE_LIMIT)}


class BalanceFileError(SavedFileError):
    """A saved balance sheet cannot be read; the message names the key path and the problem."""


def _at_most(limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(f"expected at most {limit} characters, got {len(value)}.")
        return value

    return check


class BalanceDocument(SavedDocument):
    """A saved balance sheet: the client, the two roles and the entries."""

    KIND: ClassVar[str] = "ipt-transition-balance"
    WHAT: ClassVar[str] = "a transition balance sheet"
    MESSAGES: ClassVar[dict[str, str]] = {
        "string_type": "expected text.",
        "list_type": "expected a list of entries.",
        "literal_error": "expected old or new.",
        "dataclass_type": "expected one entry with its side, section and text.",
        "unexpected_keyword_argument": "not a field of an entry.",
    }

    client: Annotated[StrictStr, AfterValidator(_at_most(NAME_LIMIT))] = ""
    old_role: Annotated[StrictStr, AfterValidator(_at_most(ROLE_LIMIT))] = ""
    new_role: Annotated[StrictStr, AfterValidator(_at_most(ROLE_LIMIT))] = ""
    entries: list[Entry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _sensible(self) -> BalanceDocument:
        if len(self.entries) > MAX_ENTRIES:
            raise ValueError(f"entries: expected at most {MAX_ENTRIES}, got {len(self.entries)}.")
        if len(set(self.entries)) != len(self.entries):
            raise ValueError("entries: the same entry appears twice.")
        return self

    def with_entries(self, entries: list[Entry]) -> BalanceDocument:
        """This sheet with ``entries`` (in sheet order) instead of its own."""
        return self.model_copy(update={"entries": in_sheet_order(entries)})


Edit = Callable[[BalanceDocument], BalanceDocument]


class BalanceModel(SavedWork):
    """The roles, the entries in sheet order, and what the aid asks about them."""

    work_name = "balance sheet"
    unsaved_name = "balance sheet"
    fresh_start = "a new empty sheet"

    client = traitlets.Unicode("", help="The client's first name (a fictional client).")
    old_role = traitlets.Unicode("", help="The old role, in the client's words.")
    new_role = traitlets.Unicode("", help="The new role, in the client's words.")
    entries = traitlets.List(traitlets.Instance(Entry), help="The entries, by row, then column.")
    review = traitlets.List(traitlets.Unicode(), help="What the aid asks about the sheet now.")

    def __init__(self, save_path: str | Path | None = "my-transition-balance.json",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        document = self.open_document(save_path or None, BalanceDocument, BalanceFileError)
        if document is not None:
            self._take(document)
            count = len(self.entries)
            self.status = Status(f"Loaded your balance sheet ({count} "
                                 f"{'entry' if count == 1 else 'entries'}) from "
                                 f"{self.file.path.name}.", "ok")
        self._review()
        self.observe(self._review, names=["old_role", "new_role", "entries"])

    @property
    def save_path(self) -> Path | None:
        """Where the sheet is saved (None when saving is off)."""
        return self.file.path if self.file is not None else None

    def _review(self, _change: Any = None) -> None:
        self.review = review_sheet(self.old_role, self.new_role, list(self.entries))

    # -- editing -------------------------------------------------------------------------
    def set_name(self, key: str, value: str) -> bool:
        """Set the client's name or a role (``key`` in NAMES) and save; False if refused."""
        what, limit = NAMES[key]
        text = " ".join(str(value or "").split())
        if len(text) > limit:
            self.status = Status(f"Keep {what} to {limit} characters or fewer (it has "
                                 f"{len(text)}); it was not saved, and what you typed is still "
                                 "there to shorten.", "warning")
            return False
        if text != getattr(self, key):
            self._save(lambda document: document.model_copy(update={key: text}), "")
        return True

    def add(self, entry: Entry) -> Entry:
        """Put a checked entry on the sheet and save. Raises BalanceError if it cannot go on."""

        def add(document: BalanceDocument) -> BalanceDocument:
            if entry in document.entries:
                raise BalanceError("That entry is already on the sheet.")
            if len(document.entries) >= MAX_ENTRIES:
                raise BalanceError(f"The sheet holds up to {MAX_ENTRIES} entries: merge or "
                                   "delete some first.")
            return document.with_entries([*document.entries, entry])

        self._save(add, f"Added to the sheet: “{entry.text}”.")
        return entry

    def update(self, index: int | None, entry: Entry) -> Entry:
        """Replace the entry at ``index`` (as listed) with ``entry`` and save."""
        old = self._at(index)

        def change(document: BalanceDocument) -> BalanceDocument:
            entries = list(document.entries)
            if entry != old and entry in entries:
                raise BalanceError("That entry is already on the sheet.")
            # Another kernel may have changed or deleted it since: then it goes on as new.
            where = entries.index(old) if old in entries else len(entries)
            return document.with_entries([*entries[:where], entry, *entries[where + 1:]])

        self._save(change, f"Saved the changes: “{entry.text}”.")
        return entry

    def delete(self, index: int | None) -> Entry:
        """Take the entry at ``index`` (as listed) off the sheet and save."""
        old = self._at(index)
        self._save(lambda document: document.with_entries(
            [e for e in document.entries if e != old]), f"Deleted: “{old.text}”.")
        return old

    def _at(self, index: int | None) -> Entry:
        if index is None or not 0 <= index < len(self.entries):
            raise BalanceError("Pick an entry from the list first.")
        return self.entries[index]

    def new_sheet(self) -> Path | None:
        """Start an empty sheet; the sheet so far is first copied to a new file beside it.

        Returns the copy's path (None when there was nothing to keep or saving is off).
        """
        copy = None
        if self.save_path is not None and (self.entries or self.old_role or self.new_role):
            copy = write_new_file(
                self.save_path.with_name(f"{self.save_path.stem}-previous.json"),
                self.to_document().dump())
        kept = f" The sheet so far is kept as {copy.name}." if copy else ""
        self._save(lambda _document: BalanceDocument(), "Started a new, empty sheet." + kept)
        return copy

    # -- saving and the picture ----------------------------------------------------------
    def to_document(self) -> BalanceDocument:
        """The sheet in its saved form."""
        return BalanceDocument.model_construct(client=self.client, old_role=self.old_role,
                                               new_role=self.new_role,
                                               entries=list(self.entries))

    def _take(self, document: BalanceDocument) -> None:
        with self.hold_trait_notifications():
            self.client, self.old_role = document.client, document.old_role
            self.new_role, self.entries = document.new_role, list(document.entries)

    def _save(self, edit: Edit, done: str) -> None:
        """Apply ``edit`` to the newest saved sheet, save it, and say what was ``done``.

        An error from ``edit`` (BalanceError) leaves the sheet and the file as they were.
        """
        self.save_change(edit, done, self._take)

    def png(self) -> bytes:
        """The picture of the sheet as PNG bytes (drawn again only when the sheet changed)."""
        return _png(self.client, self.old_role, self.new_role, tuple(self.entries))

    def export_png(self, folder: str | Path | None = None) -> Path:
        """Write the picture as ``my-transition-balance.png`` (or ``-2``, ``-3``); return its path.

        It goes beside the saved sheet (the notebook's folder) unless ``folder`` is given; an
        earlier picture is never overwritten. The ``my-`` name keeps it, like the sheet, out of
        the course's git repository.
        """
        if folder is None:
            folder = self.save_path.parent if self.save_path is not None else Path.cwd()
        path = write_new_file(Path(folder) / "my-transition-balance.png", self.png())
        self.status = Status(f"Saved the picture as {path.name}, in the same folder as this "
                             "notebook.", "ok")
        return path
