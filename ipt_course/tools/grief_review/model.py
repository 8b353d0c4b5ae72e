"""The relationship review's state and rules: no widgets here.

Every change is made to the newest saved review under the file's lock, one field or one entry
at a time, so two kernels with the same review open keep each other's work. A text too long to
save stays on screen (and out of the file) until it is shortened.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import traitlets

from ipt_course.kit.render import render
from ipt_course.kit.saved import SavedWork, Status
from ipt_course.safe_files import write_atomic
from ipt_course.tools.grief_review.drawing import balance_alt_text, balance_png
from ipt_course.tools.grief_review.review import (
    ITEM_WORDS,
    LIST_NAMES,
    MAX_ITEMS,
    TEXT_LIMITS,
    DateAhead,
    ReviewDocument,
    ReviewError,
    ReviewFileError,
    make_entry,
    too_long,
)
from ipt_course.tools.grief_review.rules import Prompt, review_prompts
from ipt_course.tools.grief_review.wording import wording

SCALAR_KEYS = (*TEXT_LIMITS, "baby", "balance_now", "balance_aim")
Edit = Callable[[ReviewDocument], ReviewDocument]


def _sorted_dates(dates: list[DateAhead]) -> list[DateAhead]:
    return sorted(dates, key=lambda item: item.date)


def _same(one: str, other: str) -> bool:
    return one.strip().casefold() == other.strip().casefold()


class GriefReviewModel(SavedWork):
    """A relationship review for grief: the person, both sides, the story, dates and balance."""

    work_name = "relationship review"
    unsaved_name = "relationship review"
    fresh_start = "a new, empty review"

    client = traitlets.Unicode("", help="The fictional client's name or initials.")
    name = traitlets.Unicode("", help="The person who died, or the baby, as the client names them.")
    relationship = traitlets.Unicode("", help="Who they were to the client.")
    baby = traitlets.Bool(False, help="True for a baby or a pregnancy (the prompts then fit).")
    hopes = traitlets.Unicode("", help="The hopes held for them, above all for a baby.")
    memories = traitlets.List(traitlets.Unicode(), help="Memories, one an entry.")
    gave = traitlets.List(traitlets.Unicode(), help="What the person gave the client.")
    hard = traitlets.List(traitlets.Unicode(), help="What was hard, including blame and guilt.")
    death_story = traitlets.Unicode("", help="The story of the death, in order.")
    time_after = traitlets.Unicode("", help="The time after the death.")
    dates = traitlets.List(traitlets.Instance(DateAhead), help="Anniversaries and dates ahead, "
                           "in date order.")
    balance_now = traitlets.Int(None, allow_none=True, min=-3, max=3, help="Where the account "
                                "sits now, from -3 (only the good side) to 3 (only the hard).")
    balance_aim = traitlets.Int(None, allow_none=True, min=-3, max=3, help="The balance worked "
                                "towards by the ending, on the same scale.")

    def __init__(self, save_path: str | Path | None = "my-relationship-review.json",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._taking = False
        # Texts too long to save, kept on screen: reloading the file must not wipe them.
        self.unsaved: dict[str, str] = {}
        self._saved_texts: dict[str, str] = {}
        document = self.open_document(save_path or None, ReviewDocument, ReviewFileError)
        if document is not None:
            self._take(document)
            self.status = Status(f"Loaded your relationship review from {self.file.path.name}.",
                                 "ok")
        self.observe(self._field_changed, names=list(SCALAR_KEYS))

    @property
    def save_path(self) -> Path | None:
        """Where the review is saved (None when saving is off)."""
        return self.file.path if self.file is not None else None

    def to_document(self) -> ReviewDocument:
        """The review in its saved form (a text too long to save keeps its saved value)."""
        values = {key: getattr(self, key) for key in (*SCALAR_KEYS, *LIST_NAMES, "dates")}
        kept = {key: self._saved_texts.get(key, "") for key in self.unsaved}
        return ReviewDocument.model_construct(**{**values, **kept})

    def _take(self, document: ReviewDocument) -> None:
        self._taking = True
        try:
            self._saved_texts = {key: getattr(document, key) for key in TEXT_LIMITS}
            for key in (*SCALAR_KEYS, *LIST_NAMES):
                if key not in self.unsaved:
                    setattr(self, key, getattr(document, key))
            self.dates = _sorted_dates(list(document.dates))
        finally:
            self._taking = False

    def _edit(self, edit: Edit, done: str = "") -> ReviewDocument:
        """Apply ``edit`` to the newest saved review, save it, and say what was ``done``."""
        return self.save_change(edit, done, self._take)

    def _field_changed(self, change: dict[str, Any]) -> None:
        if self._taking:
            return
        key, value = change["name"], change["new"]
        if key in TEXT_LIMITS:
            what, limit = TEXT_LIMITS[key]
            problem = too_long(what, value, limit)
            if problem:
                self.unsaved[key] = value
                self.status = Status(f"{problem} Your text is still in the box, but it has not "
                                     "been saved.", "error")
                return
            self.unsaved.pop(key, None)
        self._edit(lambda document: document.model_copy(update={key: value}))

    # -- the lists -----------------------------------------------------------------------
    def add_item(self, list_name: str, text: Any) -> str:
        """Add an entry to ``memories``, ``gave`` or ``hard`` and save. ReviewError if refused."""
        entry = make_entry(list_name, text)

        def add(document: ReviewDocument) -> ReviewDocument:
            items = list(getattr(document, list_name))
            if any(_same(item, entry) for item in items):
                raise ReviewError("That is already in the list.")
            if len(items) >= MAX_ITEMS:
                raise ReviewError(f"A list holds up to {MAX_ITEMS} entries.")
            return document.model_copy(update={list_name: [*items, entry]})

        self._edit(add, f"Added to {ITEM_WORDS[list_name][1]}.")
        return entry

    def update_item(self, list_name: str, old: str, text: Any) -> str:
        """Replace the entry reading ``old`` (added anew if another window removed it)."""
        entry = make_entry(list_name, text)

        def update(document: ReviewDocument) -> ReviewDocument:
            items = list(getattr(document, list_name))
            where = next((i for i, item in enumerate(items) if _same(item, old)), None)
            if where is None:
                items.append(entry)
            else:
                items[where] = entry
            return document.model_copy(update={list_name: items})

        self._edit(update, f"Changed an entry in {ITEM_WORDS[list_name][1]}.")
        return entry

    def delete_item(self, list_name: str, old: str) -> None:
        """Remove the entry reading ``old`` and save."""

        def delete(document: ReviewDocument) -> ReviewDocument:
            items = [item for item in getattr(document, list_name) if not _same(item, old)]
            return document.model_copy(update={list_name: items})

        self._edit(delete, f"Deleted an entry from {ITEM_WORDS[list_name][1]}.")

    def add_date(self, date: DateAhead) -> None:
        """Add an anniversary or date ahead and save."""

        def add(document: ReviewDocument) -> ReviewDocument:
            dates = list(document.dates)
            if any(d.date == date.date and _same(d.what, date.what) for d in dates):
                raise ReviewError(f"{date.when}: “{date.what}” is already in the list.")
            if len(dates) >= MAX_ITEMS:
                raise ReviewError(f"The list holds up to {MAX_ITEMS} dates.")
            return document.model_copy(update={"dates": _sorted_dates([*dates, date])})

        self._edit(add, f"Added the date “{date.what}” ({date.when}).")

    def update_date(self, old: DateAhead, date: DateAhead) -> None:
        """Replace ``old`` with ``date`` and save."""

        def update(document: ReviewDocument) -> ReviewDocument:
            dates = [d for d in document.dates if d != old]
            return document.model_copy(update={"dates": _sorted_dates([*dates, date])})

        self._edit(update, f"Changed the date “{date.what}”.")

    def delete_date(self, old: DateAhead) -> None:
        """Remove ``old`` and save."""
        self._edit(lambda document: document.model_copy(
            update={"dates": [d for d in document.dates if d != old]}),
            f"Deleted the date “{old.what}”.")

    # -- what the review shows -----------------------------------------------------------
    def prompts(self) -> list[Prompt]:
        """What the review notices now (see :mod:`rules`)."""
        return review_prompts(self.to_document(), wording())

    def picture_png(self) -> bytes:
        """The balance picture as PNG bytes."""
        return balance_png(self.to_document(), wording())

    def picture_alt(self) -> str:
        """The balance picture in words."""
        return balance_alt_text(self.to_document(), wording())

    def printable_html(self) -> str:
        """The whole review as a page to print from the browser, every entry escaped."""
        document = self.to_document()
        picture = base64.b64encode(self.picture_png()).decode("ascii")
        return render("tools/grief_review/templates/printable.html.j2", review=document,
                      person=document.person(), words=wording(), prompts=self.prompts(),
                      picture=picture, alt=self.picture_alt(),
                      printed=f"{datetime.now():%d %B %Y}")

    def _export(self, suffix: str, data: str | bytes, what: str, path: str | Path | None) -> Path:
        base = self.save_path or Path.cwd() / "my-relationship-review.json"
        target = Path(path) if path else base.with_suffix(suffix)
        try:
            write_atomic(target, data)
        except OSError as error:
            self.status = Status(f"{what} could not be saved to {target}: "
                                 f"{error.strerror or error}.", "error")
            raise
        self.status = Status(f"{what} saved as {target.name}, in the same folder as this "
                             f"notebook, at {datetime.now():%H:%M}.", "ok")
        return target

    def export_html(self, path: str | Path | None = None) -> Path:
        """Write the printable page (default: beside the saved review) and return its path."""
        return self._export(".html", self.printable_html(), "The printable page", path)

    def export_png(self, path: str | Path | None = None) -> Path:
        """Write the balance picture as a PNG (default: beside the saved review)."""
        return self._export(".png", self.picture_png(), "The picture", path)
