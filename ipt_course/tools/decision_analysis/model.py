"""The decision aid's state: the trainee's decisions, the one on screen, saving. No widgets here.

Every change is applied to the newest saved file under the file's lock, so two kernels with the
aid open keep each other's options and decisions instead of writing over them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import traitlets

from ipt_course.kit.saved import SavedWork, Status
from ipt_course.safe_files import write_new_file
from ipt_course.tools.decision_analysis.content import example
from ipt_course.tools.decision_analysis.markdown import decision_markdown, decision_title
from ipt_course.tools.decision_analysis.rules import Comparison, Review, compare, review
from ipt_course.tools.decision_analysis.schema import (
    DECISION_FIELDS,
    MAX_DECISIONS,
    MAX_OPTIONS,
    Decision,
    DecisionDocument,
    DecisionError,
    DecisionFileError,
    Option,
    check_length,
    new_id,
    tidy,
)

Change = Callable[[Decision], Decision]


def slug(title: str) -> str:
    """A file-name-safe form of a title ('Nadia: Go back in April' -> 'nadia-go-back-in-april')."""
    words = "".join(c if c.isalnum() else " " for c in title.lower().replace("'", "")).split()
    return "-".join(words)[:40].strip("-") or "decision"


def _decisions(count: int) -> str:
    return "1 decision" if count == 1 else f"{count} decisions"


def _with_options(decision: Decision, options: tuple[Option, ...], choice: str) -> Decision:
    return decision.model_copy(update={"options": options, "choice": choice})


class DecisionModel(SavedWork):
    """The trainee's decision analyses and the one being worked on."""

    work_name = "decisions"
    unsaved_name = "decision analysis"
    fresh_start = "a new decision"

    decisions = traitlets.List(traitlets.Instance(Decision), help="Every decision, in the order "
                               "they were started.")
    current = traitlets.Unicode("", help="The id of the decision on screen.")

    def __init__(self, save_path: str | Path | None = "my-decision-analysis.json",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        document = self.open_document(save_path or None, DecisionDocument, DecisionFileError)
        if document is not None and document.decisions:
            self.decisions = list(document.decisions)
            self.status = Status(f"Loaded {_decisions(len(self.decisions))} from "
                                 f"{self.file.path.name}.", "ok")
        else:
            # A blank decision to write in; it is saved with the first thing written.
            self.decisions = [Decision(id=new_id())]
        self.current = self.decisions[-1].id

    @property
    def save_path(self) -> Path | None:
        """Where the decisions are saved (None when saving is off)."""
        return self.file.path if self.file is not None else None

    @property
    def decision(self) -> Decision:
        """The decision on screen."""
        return next((d for d in self.decisions if d.id == self.current), self.decisions[-1])

    def to_document(self) -> DecisionDocument:
        """Every decision in its saved form."""
        return DecisionDocument(decisions=list(self.decisions))

    # -- saving every change ---------------------------------------------------------------
    def _save(self, change: Callable[[DecisionDocument], DecisionDocument], done: str) -> None:
        """Apply ``change`` to the newest saved decisions, save, and say what was ``done``."""
        held = self.to_document()
        saved = None
        if self.file is not None and not self.file.protected:
            try:
                saved = self.file.update(lambda on_disk: change(on_disk or held), held)
            except OSError:
                saved = None
        document = saved or change(held)
        self.decisions = list(document.decisions) or [Decision(id=new_id())]
        if all(d.id != self.current for d in self.decisions):
            self.current = self.decisions[-1].id
        if saved is None:
            self.autosave(done)
        else:
            lead = f"{done} " if done else ""
            self.status = Status(f"{lead}Saved to {self.file.path.name} at "
                                 f"{datetime.now():%H:%M}.", "ok")

    def _change(self, change: Change, done: str = "") -> Decision:
        """Change the decision on screen as the newest saved copy holds it, then save."""
        ours = self.decision

        def apply(document: DecisionDocument) -> DecisionDocument:
            decisions = list(document.decisions)
            at = next((i for i, d in enumerate(decisions) if d.id == ours.id), None)
            # Deleted in another window meanwhile: it comes back rather than losing this edit.
            if at is None:
                return document.model_copy(update={"decisions": [*decisions, change(ours)]})
            decisions[at] = change(decisions[at])
            return document.model_copy(update={"decisions": decisions})

        self._save(apply, done)
        return self.decision

    # -- the decision's own boxes --------------------------------------------------------------
    def set_field(self, key: str, value: Any) -> bool:
        """Save one box (client, other, decision, matters...); False if it was refused."""
        if key not in DECISION_FIELDS:
            raise KeyError(key)
        text = tidy(value)
        try:
            check_length(key, text)
        except DecisionError as error:
            self.status = Status(f"Not saved: {error}", "warning")
            return False
        if getattr(self.decision, key) != text:
            self._change(lambda d: d.model_copy(update={key: text}))
        return True

    def choose(self, name: str) -> None:
        """Record the client's choice: the name of one of the options, or '' for none yet."""
        if name and name not in [option.name for option in self.decision.options]:
            raise DecisionError(f"{name!r} is not one of the options.")
        if name != self.decision.choice:
            self._change(lambda d: d.model_copy(update={"choice": name if any(
                o.name == name for o in d.options) else ""}),
                f"{self.decision.client or 'The client'} chose: {name}." if name
                else "No choice recorded yet.")

    def set_rehearsed(self, rehearsed: bool) -> None:
        """Record whether the first step was rehearsed in the session."""
        if bool(rehearsed) != self.decision.rehearsed:
            self._change(lambda d: d.model_copy(update={"rehearsed": bool(rehearsed)}))

    # -- options -----------------------------------------------------------------------------
    def add_option(self, option: Option) -> str:
        """Add ``option`` after the others; return what was done, in words."""
        options = self.decision.options
        if len(options) >= MAX_OPTIONS:
            raise DecisionError(f"The aid holds up to {MAX_OPTIONS} options. Two to four are "
                                "usually enough to weigh in a session.")
        self._clash(option.name)
        done = f"Added the option “{option.name}”."
        self._change(lambda d: _with_options(d, (*d.options, option), d.choice), done)
        return done

    def update_option(self, index: int | None, option: Option) -> str:
        """Replace the option at ``index`` (a chosen one stays chosen when renamed); say so."""
        index = self._option_index(index)
        old = self.decision.options[index]
        self._clash(option.name, index)

        def update(decision: Decision) -> Decision:
            options = list(decision.options)
            at = next((i for i, o in enumerate(options) if o.name == old.name), None)
            if at is None:
                options.append(option)
            else:
                options[at] = option
            choice = option.name if decision.choice == old.name else decision.choice
            return _with_options(decision, tuple(options), choice)

        done = f"Changed the option “{option.name}”."
        self._change(update, done)
        return done

    def delete_option(self, index: int | None) -> str:
        """Remove the option at ``index`` (if it was the choice, none is left); say so."""
        old = self.decision.options[self._option_index(index)]

        def delete(decision: Decision) -> Decision:
            options = tuple(o for o in decision.options if o.name != old.name)
            return _with_options(decision, options,
                                 "" if decision.choice == old.name else decision.choice)

        done = f"Deleted the option “{old.name}”."
        self._change(delete, done)
        return done

    def _option_index(self, index: int | None) -> int:
        if index is None or not 0 <= index < len(self.decision.options):
            raise DecisionError("First choose the option in the list.")
        return index

    def _clash(self, name: str, index: int | None = None) -> None:
        for at, option in enumerate(self.decision.options):
            if at != index and option.name.casefold() == name.casefold():
                raise DecisionError(f"There is already an option called “{option.name}”: "
                                    "choose it in the list to change it.")

    # -- decisions ---------------------------------------------------------------------------
    def select(self, decision_id: str) -> None:
        """Show the decision with this id."""
        if all(d.id != decision_id for d in self.decisions):
            raise DecisionError("There is no such decision.")
        self.current = decision_id

    def new_decision(self, start: Decision | None = None, done: str = "") -> Decision:
        """Start a decision (blank, or ``start``), show it and save."""
        if len(self.decisions) >= MAX_DECISIONS:
            raise DecisionError(f"The file holds up to {MAX_DECISIONS} decisions: delete one "
                                "you no longer need first.")
        fresh = (start.model_copy(update={"id": new_id()}) if start is not None
                 else Decision(id=new_id()))

        def add(document: DecisionDocument) -> DecisionDocument:
            # A decision with nothing written in it is dropped rather than left lying about.
            kept = [d for d in document.decisions if not d.is_empty]
            return document.model_copy(update={"decisions": [*kept, fresh]})

        self._save(add, done or "Started a new decision.")
        self.current = fresh.id
        return fresh

    def start_from_example(self) -> Decision:
        """A new decision holding Nadia's decision and the names of her options, to weigh."""
        course = example()
        start = Decision(id="x", client=course.client, other=course.other,
                         decision=course.decision, example=course.id,
                         options=tuple(Option(name=o.name) for o in course.options))
        return self.new_decision(start, "Started Nadia's decision with the names of her "
                                 f"{len(course.options)} options. Now weigh each one for her "
                                 "and for Imran.")

    def delete_current(self) -> Path | None:
        """Delete the decision on screen, first keeping a copy of it in a new file beside."""
        doomed = self.decision
        copy = None
        if not doomed.is_empty and self.save_path is not None:
            try:
                copy = write_new_file(
                    self.save_path.with_name(f"{self.save_path.stem}-deleted.json"),
                    DecisionDocument(decisions=[doomed]).dump())
            except OSError as error:
                self.status = Status(f"The decision was not deleted: no copy of it could be "
                                     f"kept ({error}).", "error")
                return None
        note = f" A copy is kept in {copy.name}." if copy else ""
        self._save(lambda d: d.model_copy(update={
            "decisions": [x for x in d.decisions if x.id != doomed.id]}),
            f"Deleted “{decision_title(doomed)}”.{note}")
        return copy

    # -- reading it back -----------------------------------------------------------------------
    def review(self) -> Review:
        """The checklist for the decision on screen."""
        return review(self.decision)

    def compare(self) -> Comparison | None:
        """The decision beside the notebook's worked version (None unless it began from it)."""
        if self.decision.example != example().id:
            return None
        return compare(self.decision)

    def markdown(self) -> str:
        """The decision on screen as Markdown."""
        return decision_markdown(self.decision)

    def export_markdown(self, folder: str | Path | None = None) -> Path:
        """Write the decision as Markdown beside the saved file (never over another file)."""
        if folder is None:
            folder = self.save_path.parent if self.save_path is not None else Path.cwd()
        stem = self.save_path.stem if self.save_path is not None else "decision-analysis"
        name = f"{stem}-{slug(decision_title(self.decision))}.md"
        path = write_new_file(Path(folder) / name, self.markdown())
        self.status = Status(f"Exported as {path.name}, in the same folder as this notebook.",
                             "ok")
        return path
