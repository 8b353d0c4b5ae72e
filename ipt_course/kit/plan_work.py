"""A written plan as saved work: the client's name and each part's text, saved as it changes.

Each kind of plan subclasses :class:`PlanDocument` (its file) and :class:`PlanWork` (its model)
and names its :class:`~ipt_course.kit.plans.PlanSpec`. Saving merges part by part under the
kit's lock: when two kernels have the same plan open, each one's latest edits to a part are kept
and neither wipes out what the other wrote in a different part.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import traitlets
from pydantic import Field, StrictStr, field_validator

from ipt_course.kit.plans import Finding, PlanSpec, PlanSummary, check_plan, summarise
from ipt_course.kit.saved import SavedDocument, SavedFileError, SavedWork, Status


class PlanDocument(SavedDocument):
    """A saved plan: the (fictional) client's name and the text of each part, by part id."""

    PARTS: ClassVar[tuple[str, ...]] = ()
    MESSAGES: ClassVar[dict[str, str]] = {
        "string_type": "expected text.",
        "dict_type": "expected each part's id with its text.",
    }

    client: StrictStr = ""
    entries: dict[str, StrictStr] = Field(default_factory=dict)

    @field_validator("entries")
    @classmethod
    def _known_parts(cls, entries: dict[str, str]) -> dict[str, str]:
        unknown = [part for part in entries if part not in cls.PARTS]
        if unknown:
            raise ValueError(f"unknown part {unknown[0]!r}; expected one of "
                             f"{', '.join(cls.PARTS)}.")
        return entries


class PlanWork(SavedWork):
    """A plan being written: ``client`` and ``entries`` (part id -> text), saved as they change.

    Subclasses set ``spec``, ``document``, ``error`` and any ``extra_fields`` (traits saved
    beside the entries, with the same names in the document).
    """

    client = traitlets.Unicode("", help="The fictional client the practice plan is for.")
    entries = traitlets.Dict(value_trait=traitlets.Unicode(),
                             help="Each part's text by part id, one item per line.")

    spec: ClassVar[PlanSpec]
    document: ClassVar[type[PlanDocument]]
    error: ClassVar[type[SavedFileError]] = SavedFileError
    extra_fields: ClassVar[tuple[str, ...]] = ()
    default_client: ClassVar[str] = ""
    fresh_start = "a new, empty plan"
    as_you_go = "as you write"

    def __init__(self, save_path: str | Path | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._unsaved: set[str] = set()
        self.client = self.default_client
        self.entries = dict.fromkeys(self.spec.ids, "")
        saved = self.open_document(save_path or None, self.document, self.error)
        if saved is not None:
            self.client = saved.client
            self.entries = {part: saved.entries.get(part, "") for part in self.spec.ids}
            for name in self.extra_fields:
                setattr(self, name, getattr(saved, name))
            self.status = Status(f"Loaded your {self.work_name} from {self.file.path.name}.",
                                 "ok")
        self.observe(self._changed, names=["client", "entries", *self.extra_fields])

    @property
    def save_path(self) -> Path | None:
        """Where the plan is saved (None when saving is off)."""
        return self.file.path if self.file is not None else None

    def set_entry(self, part: str, text: str) -> None:
        """Replace the text of ``part`` (a part id of the spec)."""
        if part not in self.spec.ids:
            raise KeyError(f"no part {part!r}; expected one of {', '.join(self.spec.ids)}")
        self.entries = {**self.entries, part: str(text)}

    def findings(self) -> list[Finding]:
        """What to look at again, part by part."""
        return check_plan(self.spec, self.entries)

    def summary(self) -> PlanSummary:
        """Parts ready, to look at again and empty."""
        return summarise(self.spec, self.findings())

    def to_document(self) -> PlanDocument:
        """The plan in its saved form."""
        return self.document(client=self.client, entries=dict(self.entries),
                             **{name: getattr(self, name) for name in self.extra_fields})

    @staticmethod
    def changed_keys(change: dict[str, Any], prefix: str) -> set[str]:
        """The keys a change to a dict trait altered, each as ``prefix`` + key."""
        old, new = change["old"] or {}, change["new"] or {}
        return {f"{prefix}{key}" for key in set(old) | set(new) if old.get(key) != new.get(key)}

    def _changed(self, change: dict[str, Any]) -> None:
        if change["name"] == "entries":
            self._unsaved |= self.changed_keys(change, "entries.")
        else:
            self._unsaved.add(change["name"])
        self.autosave()

    def _merged(self, on_disk: PlanDocument | None, changed: set[str]) -> PlanDocument:
        """The newest saved plan with this kernel's unsaved changes laid over it."""
        mine = self.to_document()
        if on_disk is None:
            return mine
        entries = dict(on_disk.entries)
        fields = {name: getattr(on_disk, name) for name in ("client", *self.extra_fields)}
        for key in changed:
            if key.startswith("entries."):
                part = key.removeprefix("entries.")
                entries[part] = mine.entries.get(part, "")
            else:
                fields[key] = getattr(mine, key)
        return self.document(entries=entries, **fields)

    def autosave(self, done: str = "") -> bool:
        """Save now, merging with what another kernel may have saved since; say how it went."""
        if self.file is None or self.file.protected:
            return super().autosave(done)
        changed = set(self._unsaved)
        try:
            self.file.update(lambda on_disk: self._merged(on_disk, changed), self.to_document())
        except OSError:
            # The plain save says what went wrong in the kit's words, and keeps the entries.
            return super().autosave(done)
        self._unsaved -= changed
        lead = f"{done} " if done else ""
        self.status = Status(f"{lead}Saved to {self.file.path.name} at {datetime.now():%H:%M}.",
                             "ok")
        return True
