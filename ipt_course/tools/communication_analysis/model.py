"""The worksheet's state: the trainee's worksheets, the one on screen, saving. No widgets here.

Every change is applied to the newest saved file under the file's lock, so two kernels with the
worksheet open (the notebook opened twice, or a notebook and a Voila page) keep each other's
lines and worksheets instead of writing over them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import traitlets

from ipt_course.kit.records import RecordsWork
from ipt_course.tools.communication_analysis.content import example
from ipt_course.tools.communication_analysis.markdown import UNTITLED, worksheet_markdown
from ipt_course.tools.communication_analysis.rules import Comparison, Review, compare, review
from ipt_course.tools.communication_analysis.schema import (
    LIMITS,
    MAX_LINES,
    MAX_WORKSHEETS,
    WORKSHEET_FIELDS,
    Analysis,
    Line,
    WorksheetDocument,
    WorksheetError,
    WorksheetFileError,
)

Change = Callable[[Analysis], Analysis]


class WorksheetModel(RecordsWork):
    """The trainee's communication analysis worksheets and the one being worked on."""

    work_name = "worksheets"
    unsaved_name = "worksheet"
    fresh_start = "a new worksheet"
    records_trait = "analyses"
    record_class = Analysis
    document_class = WorksheetDocument
    file_error = WorksheetFileError
    entry_error = WorksheetError
    fields = WORKSHEET_FIELDS
    limits = LIMITS
    most = MAX_WORKSHEETS
    record_word = "worksheet"
    export_stem = "communication-analysis"

    analyses = traitlets.List(traitlets.Instance(Analysis), help="Every worksheet, in the order "
                              "they were started.")
    current = traitlets.Unicode("", help="The id of the worksheet on screen.")

    def __init__(self, save_path: str | Path | None = "my-communication-analysis.json",
                 **kwargs: Any) -> None:
        super().__init__(save_path, **kwargs)

    @property
    def analysis(self) -> Analysis:
        """The worksheet on screen."""
        return self.shown

    def to_document(self) -> WorksheetDocument:
        """Every worksheet in its saved form."""
        return WorksheetDocument(analyses=list(self.analyses))

    def title_of(self, record: Analysis) -> str:
        """The worksheet's title, or the word shown for one without a title."""
        return record.title or UNTITLED

    # -- lines -------------------------------------------------------------------------------
    def add_line(self, line: Line) -> int:
        """Add ``line`` at the end of the exchange and return its number."""
        if len(self.analysis.lines) >= MAX_LINES:
            raise WorksheetError(f"A worksheet holds up to {MAX_LINES} lines. One exchange is "
                                 "usually a few lines: keep the ones that matter most.")
        number = len(self.analysis.lines) + 1
        self._change(lambda a: a.model_copy(update={"lines": (*a.lines, line)}),
                     f"Added line {number}.")
        return len(self.analysis.lines)

    def update_line(self, index: int | None, line: Line) -> None:
        """Replace the line at ``index`` (0-based)."""
        index = self._line_index(index)
        self._change(lambda a: a.model_copy(update={"lines": _replaced(a.lines, index, line)}),
                     f"Changed line {index + 1}.")

    def delete_line(self, index: int | None) -> None:
        """Remove the line at ``index``; the lines after it move up."""
        index = self._line_index(index)
        self._change(lambda a: a.model_copy(update={
            "lines": a.lines[:index] + a.lines[index + 1:]}), f"Deleted line {index + 1}.")

    def move_line(self, index: int | None, step: int) -> int:
        """Move the line at ``index`` up (-1) or down (+1); return its new index."""
        index = self._line_index(index)
        target = index + step
        if not 0 <= target < len(self.analysis.lines):
            raise WorksheetError("That line is already at the " +
                                 ("top." if step < 0 else "bottom."))

        def move(analysis: Analysis) -> Analysis:
            lines = list(analysis.lines)
            if max(index, target) < len(lines):
                lines[index], lines[target] = lines[target], lines[index]
            return analysis.model_copy(update={"lines": tuple(lines)})

        self._change(move, f"Moved line {index + 1} to line {target + 1}.")
        return target

    def _line_index(self, index: int | None) -> int:
        if index is None or not 0 <= index < len(self.analysis.lines):
            raise WorksheetError("First choose the line in the list.")
        return index

    # -- worksheets ----------------------------------------------------------------------------
    def new_worksheet(self, start: Analysis | None = None, done: str = "") -> Analysis:
        """Start a worksheet (blank, or ``start``), show it and save."""
        return self.new_record(start, done)

    def start_from_example(self) -> Analysis:
        """A new worksheet holding the scene and lines of Nadia's row, to analyse."""
        course = example()
        titles = {a.title for a in self.analyses}
        title, number = course.title, 2
        while title in titles:
            title, number = f"{course.title} ({number})", number + 1
        lines = tuple(Line(speaker=line.speaker, said=line.said, how=line.how)
                      for line in course.lines)
        start = Analysis(id="x", title=title, client=course.client, scene=course.scene,
                         lines=lines, example=course.id)
        return self.new_worksheet(start, f"Started “{title}” with the {len(lines)} lines of the "
                                  "exchange. Now write what was meant and how it landed, and "
                                  "tick the problems.")

    # -- reading it back -----------------------------------------------------------------------
    def review(self) -> Review:
        """The checklist for the worksheet on screen."""
        return review(self.analysis)

    def compare(self) -> Comparison | None:
        """The worksheet beside the notebook's analysis (None unless it began from Nadia's row)."""
        if self.analysis.example != example().id:
            return None
        return compare(self.analysis)

    def markdown(self) -> str:
        """The worksheet on screen as Markdown."""
        return worksheet_markdown(self.analysis)


def _replaced(lines: tuple[Line, ...], index: int, line: Line) -> tuple[Line, ...]:
    if index >= len(lines):
        return (*lines, line)
    return (*lines[:index], line, *lines[index + 1:])
