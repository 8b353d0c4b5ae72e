"""The decision aid's state: the trainee's decisions, the one on screen, saving. No widgets here.

Every change is applied to the newest saved file under the file's lock, so two kernels with the
aid open keep each other's options and decisions instead of writing over them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import traitlets

from ipt_course.kit.records import RecordsWork
from ipt_course.tools.decision_analysis.content import example
from ipt_course.tools.decision_analysis.markdown import decision_markdown, decision_title
from ipt_course.tools.decision_analysis.rules import Comparison, Review, compare, review
from ipt_course.tools.decision_analysis.schema import (
    DECISION_FIELDS,
    LIMITS,
    MAX_DECISIONS,
    MAX_OPTIONS,
    Decision,
    DecisionDocument,
    DecisionError,
    DecisionFileError,
    Option,
)

Change = Callable[[Decision], Decision]


def _with_options(decision: Decision, options: tuple[Option, ...], choice: str) -> Decision:
    return decision.model_copy(update={"options": options, "choice": choice})


class DecisionModel(RecordsWork):
    """The trainee's decision analyses and the one being worked on."""

    work_name = "decisions"
    unsaved_name = "decision analysis"
    fresh_start = "a new decision"
    records_trait = "decisions"
    record_class = Decision
    document_class = DecisionDocument
    file_error = DecisionFileError
    entry_error = DecisionError
    fields = DECISION_FIELDS
    limits = LIMITS
    most = MAX_DECISIONS
    record_word = "decision"
    export_stem = "decision-analysis"

    decisions = traitlets.List(traitlets.Instance(Decision), help="Every decision, in the order "
                               "they were started.")
    current = traitlets.Unicode("", help="The id of the decision on screen.")

    def __init__(self, save_path: str | Path | None = "my-decision-analysis.json",
                 **kwargs: Any) -> None:
        super().__init__(save_path, **kwargs)

    @property
    def decision(self) -> Decision:
        """The decision on screen."""
        return self.shown

    def to_document(self) -> DecisionDocument:
        """Every decision in its saved form."""
        return DecisionDocument(decisions=list(self.decisions))

    def title_of(self, record: Decision) -> str:
        """The decision's title as the list and exported file names show it."""
        return decision_title(record)

    # -- the decision's own boxes --------------------------------------------------------------
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
    def new_decision(self, start: Decision | None = None, done: str = "") -> Decision:
        """Start a decision (blank, or ``start``), show it and save."""
        return self.new_record(start, done)

    def start_from_example(self) -> Decision:
        """A new decision holding Nadia's decision and the names of her options, to weigh."""
        course = example()
        start = Decision(id="x", client=course.client, other=course.other,
                         decision=course.decision, example=course.id,
                         options=tuple(Option(name=o.name) for o in course.options))
        return self.new_decision(start, "Started Nadia's decision with the names of her "
                                 f"{len(course.options)} options. Now weigh each one for her "
                                 "and for Imran.")

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
