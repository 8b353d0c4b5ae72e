"""Several records in one saved file: a trainee's worksheets or decisions, one of them on screen.

:class:`RecordsWork` is the model side shared by tools whose file holds a list of records, each
with an ``id``: select one, start one, change one, delete one (keeping a copy beside the file),
export one as Markdown. Every change is applied to the newest saved file under the file's lock,
so two kernels with the tool open keep each other's records instead of writing over them. The
small schema helpers below are what those records' pydantic models share.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, Protocol

import traitlets
from pydantic import Field

from ipt_course.kit.saved import SavedDocument, SavedFileError, SavedWork, Status
from ipt_course.safe_files import write_new_file

RECORD_MESSAGES: dict[str, str] = {
    "string_type": "expected text.",
    "tuple_type": "expected a list.",
    "list_type": "expected a list.",
    "model_type": "expected a mapping of keys.",
    "string_pattern_mismatch": "expected an id of lower-case letters, digits and -.",
}


class Record(Protocol):
    """What :class:`RecordsWork` needs of a record: an id, emptiness, and pydantic's copy."""

    id: str

    @property
    def is_empty(self) -> bool:
        """True while nothing has been written in it."""

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Any:
        """A copy with ``update`` applied."""


def tidy(value: Any) -> str:
    """Text as saved: spaces trimmed at both ends, inner line breaks kept."""
    return str(value or "").strip()


def required(value: str) -> str:
    """Pydantic check that a text is not empty."""
    if not value.strip():
        raise ValueError("expected text, not empty.")
    return value


def limited(limits: dict[str, int], key: str) -> Any:
    """A text field defaulting to '' and holding up to ``limits[key]`` characters."""
    return Field(default="", max_length=limits[key])


def new_id() -> str:
    """A short id for a new record, unique enough within one trainee's file."""
    return secrets.token_hex(4)


def distinct_ids(word: str) -> Callable[[list[Any]], list[Any]]:
    """Pydantic check that every record in a list has an id of its own (``word``: 'worksheet')."""
    def check(records: list[Any]) -> list[Any]:
        ids = [record.id for record in records]
        if len(set(ids)) != len(ids):
            raise ValueError(f"each {word} needs an id of its own.")
        return records

    return check


def check_length(limits: dict[str, int], key: str, value: str,
                 error: type[ValueError]) -> None:
    """``error`` when ``value`` is too long for the box ``key``, naming both lengths."""
    limit = limits[key]
    if len(value) > limit:
        raise error(f"This is {len(value):,} characters long; the box holds up to {limit:,}. "
                    "Shorten it and it will be saved.")


def slug(title: str, fallback: str) -> str:
    """A file-name-safe form of a title ('Nadia's Sunday row' -> 'nadias-sunday-row')."""
    words = "".join(c if c.isalnum() else " " for c in title.lower().replace("'", "")).split()
    return "-".join(words)[:40].strip("-") or fallback


class RecordsWork(SavedWork):
    """The records in one saved file and the one on screen, saved after every change.

    A subclass declares its records' list trait and names it in ``records_trait``, and sets the
    record and document classes, the errors, the limits and the words used in messages
    (``record_word`` 'worksheet'; ``work_name`` 'worksheets').
    """

    records_trait: ClassVar[str] = "records"
    record_class: ClassVar[type[Any]]
    document_class: ClassVar[type[SavedDocument]]
    file_error: ClassVar[type[SavedFileError]]
    entry_error: ClassVar[type[ValueError]]
    fields: ClassVar[tuple[str, ...]] = ()
    limits: ClassVar[dict[str, int]] = {}
    most: ClassVar[int] = 30
    record_word: ClassVar[str] = "record"
    export_stem: ClassVar[str] = "records"

    current = traitlets.Unicode("", help="The id of the record on screen.")

    def __init__(self, save_path: str | Path | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        document = self.open_document(save_path or None, self.document_class, self.file_error)
        saved = list(getattr(document, self.records_trait)) if document is not None else []
        if saved:
            self.records = saved
            self.status = Status(f"Loaded {self._count(len(saved))} from "
                                 f"{self.file.path.name}.", "ok")
        else:
            # A blank record to write in; it is saved with the first thing written.
            self.records = [self.record_class(id=new_id())]
        self.current = self.records[-1].id

    @property
    def records(self) -> list[Any]:
        """Every record, in the order they were started."""
        return getattr(self, self.records_trait)

    @records.setter
    def records(self, records: list[Any]) -> None:
        setattr(self, self.records_trait, records)

    @property
    def save_path(self) -> Path | None:
        """Where the records are saved (None when saving is off)."""
        return self.file.path if self.file is not None else None

    @property
    def shown(self) -> Any:
        """The record on screen."""
        return next((r for r in self.records if r.id == self.current), self.records[-1])

    def to_document(self) -> SavedDocument:
        """Every record in its saved form."""
        return self.document_class(**{self.records_trait: list(self.records)})

    def title_of(self, record: Any) -> str:
        """The record's title as messages and exported file names show it."""
        raise NotImplementedError

    def markdown(self) -> str:
        """The record on screen as Markdown."""
        raise NotImplementedError

    def _count(self, count: int) -> str:
        return f"1 {self.record_word}" if count == 1 else f"{count} {self.work_name}"

    # -- saving every change ---------------------------------------------------------------
    def _save(self, change: Callable[[Any], Any], done: str) -> None:
        """Apply ``change`` to the newest saved records, save, and say what was ``done``."""
        self.save_change(change, done, self._take)

    def _take(self, document: Any) -> None:
        self.records = list(getattr(document, self.records_trait)) or [
            self.record_class(id=new_id())]
        if all(r.id != self.current for r in self.records):
            self.current = self.records[-1].id

    def _change(self, change: Callable[[Any], Any], done: str = "") -> Any:
        """Change the record on screen as the newest saved copy holds it, then save."""
        ours, key = self.shown, self.records_trait

        def apply(document: Any) -> Any:
            records = list(getattr(document, key))
            at = next((i for i, r in enumerate(records) if r.id == ours.id), None)
            # Deleted in another window meanwhile: it comes back rather than losing this edit.
            if at is None:
                return document.model_copy(update={key: [*records, change(ours)]})
            records[at] = change(records[at])
            return document.model_copy(update={key: records})

        self._save(apply, done)
        return self.shown

    # -- the record's own boxes ------------------------------------------------------------
    def set_field(self, key: str, value: Any) -> bool:
        """Save one box of the record on screen; False if it was refused."""
        if key not in self.fields:
            raise KeyError(key)
        text = tidy(value)
        try:
            check_length(self.limits, key, text, self.entry_error)
        except self.entry_error as error:
            self.status = Status(f"Not saved: {error}", "warning")
            return False
        if getattr(self.shown, key) != text:
            self._change(lambda r: r.model_copy(update={key: text}))
        return True

    # -- records ---------------------------------------------------------------------------
    def select(self, record_id: str) -> None:
        """Show the record with this id."""
        if all(r.id != record_id for r in self.records):
            raise self.entry_error(f"There is no such {self.record_word}.")
        self.current = record_id

    def new_record(self, start: Any | None = None, done: str = "") -> Any:
        """Start a record (blank, or ``start``), show it and save."""
        if len(self.records) >= self.most:
            raise self.entry_error(f"The file holds up to {self.most} {self.work_name}: delete "
                                   "one you no longer need first.")
        fresh = (start.model_copy(update={"id": new_id()}) if start is not None
                 else self.record_class(id=new_id()))
        key = self.records_trait

        def add(document: Any) -> Any:
            # A record with nothing written in it is dropped rather than left lying about.
            kept = [r for r in getattr(document, key) if not r.is_empty]
            return document.model_copy(update={key: [*kept, fresh]})

        self._save(add, done or f"Started a new {self.record_word}.")
        self.current = fresh.id
        return fresh

    def delete_current(self) -> Path | None:
        """Delete the record on screen, first keeping a copy of it in a new file beside."""
        doomed, key = self.shown, self.records_trait
        copy = None
        if not doomed.is_empty and self.save_path is not None:
            try:
                copy = write_new_file(
                    self.save_path.with_name(f"{self.save_path.stem}-deleted.json"),
                    self.document_class(**{key: [doomed]}).dump())
            except OSError as error:
                self.status = Status(f"The {self.record_word} was not deleted: no copy of it "
                                     f"could be kept ({error}).", "error")
                return None
        note = f" A copy is kept in {copy.name}." if copy else ""
        self._save(lambda d: d.model_copy(update={
            key: [r for r in getattr(d, key) if r.id != doomed.id]}),
            f"Deleted “{self.title_of(doomed)}”.{note}")
        return copy

    def export_markdown(self, folder: str | Path | None = None) -> Path:
        """Write the record on screen as Markdown beside the saved file (never over another)."""
        if folder is None:
            folder = self.save_path.parent if self.save_path is not None else Path.cwd()
        stem = self.save_path.stem if self.save_path is not None else self.export_stem
        name = f"{stem}-{slug(self.title_of(self.shown), self.record_word)}.md"
        path = write_new_file(Path(folder) / name, self.markdown())
        self.status = Status(f"Exported as {path.name}, in the same folder as this notebook.",
                             "ok")
        return path
