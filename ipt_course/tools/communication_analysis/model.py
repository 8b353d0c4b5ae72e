"""The worksheet's state: the trainee's worksheets, the one on screen, saving. No widgets here.

Every change is applied to the newest saved file under the file's lock, so two kernels with the
worksheet open (the notebook opened twice, or a notebook and a Voila page) keep each other's
lines and worksheets instead of writing over them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import traitlets

from ipt_course.kit.saved import SavedWork, Status
from ipt_course.safe_files import write_new_file
from ipt_course.tools.communication_analysis.content import example
from ipt_course.tools.communication_analysis.markdown import UNTITLED, worksheet_markdown
from ipt_course.tools.communication_analysis.rules import Comparison, Review, compare, review
from ipt_course.tools.communication_analysis.schema import (
    MAX_LINES,
    MAX_WORKSHEETS,
    WORKSHEET_FIELDS,
    Analysis,
    Line,
    WorksheetDocument,
    WorksheetError,
    WorksheetFileError,
    check_length,
    new_id,
    tidy,
)

Change = Callable[[Analysis], Analysis]


def slug(title: str) -> str:
    """A file-name-safe form of a title ('Nadia's Sunday row' -> 'nadias-sunday-row')."""
    words = "".join(c if c.isalnum() else " " for c in title.lower().replace("'", "")).split()
    return "-".join(words)[:40].strip("-") or "worksheet"


def _worksheets(count: int) -> str:
    return "1 worksheet" if count == 1 else f"{count} worksheets"


class WorksheetModel(SavedWork):
    """The trainee's communication analysis worksheets and the one being worked on."""

    work_name = "worksheets"
    unsaved_name = "worksheet"
    fresh_start = "a new worksheet"

    analyses = traitlets.List(traitlets.Instance(Analysis), help="Every worksheet, in the order "
                              "they were started.")
    current = traitlets.Unicode("", help="The id of the worksheet on screen.")

    def __init__(self, save_path: str | Path | None = "my-communication-analysis.json",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        document = self.open_document(save_path or None, WorksheetDocument, WorksheetFileError)
        if document is not None and document.analyses:
            self.analyses = list(document.analyses)
            self.status = Status(f"Loaded {_worksheets(len(self.analyses))} from "
                                 f"{self.file.path.name}.", "ok")
        else:
            # A blank worksheet to write in; it is saved with the first thing written.
            self.analyses = [Analysis(id=new_id())]
        self.current = self.analyses[-1].id

    @property
    def save_path(self) -> Path | None:
        """Where the worksheets are saved (None when saving is off)."""
        return self.file.path if self.file is not None else None

    @property
    def analysis(self) -> Analysis:
        """The worksheet on screen."""
        return next((a for a in self.analyses if a.id == self.current), self.analyses[-1])

    def to_document(self) -> WorksheetDocument:
        """Every worksheet in its saved form."""
        return WorksheetDocument(analyses=list(self.analyses))

    # -- saving every change ---------------------------------------------------------------
    def _save(self, change: Callable[[WorksheetDocument], WorksheetDocument], done: str) -> None:
        """Apply ``change`` to the newest saved worksheets, save, and say what was ``done``."""
        held = self.to_document()
        saved = None
        if self.file is not None and not self.file.protected:
            try:
                saved = self.file.update(lambda on_disk: change(on_disk or held), held)
            except OSError:
                saved = None
        document = saved or change(held)
        self.analyses = list(document.analyses) or [Analysis(id=new_id())]
        if all(a.id != self.current for a in self.analyses):
            self.current = self.analyses[-1].id
        if saved is None:
            self.autosave(done)
        else:
            lead = f"{done} " if done else ""
            self.status = Status(f"{lead}Saved to {self.file.path.name} at "
                                 f"{datetime.now():%H:%M}.", "ok")

    def _change(self, change: Change, done: str = "") -> Analysis:
        """Change the worksheet on screen as the newest saved copy holds it, then save."""
        ours = self.analysis

        def apply(document: WorksheetDocument) -> WorksheetDocument:
            analyses = list(document.analyses)
            at = next((i for i, a in enumerate(analyses) if a.id == ours.id), None)
            # Deleted in another window meanwhile: it comes back rather than losing this edit.
            if at is None:
                return document.model_copy(update={"analyses": [*analyses, change(ours)]})
            analyses[at] = change(analyses[at])
            return document.model_copy(update={"analyses": analyses})

        self._save(apply, done)
        return self.analysis

    # -- the worksheet's own boxes -------------------------------------------------------------
    def set_field(self, key: str, value: Any) -> bool:
        """Save one box of the worksheet (title, client, scene...); False if it was refused."""
        if key not in WORKSHEET_FIELDS:
            raise KeyError(key)
        text = tidy(value)
        try:
            check_length(key, text)
        except WorksheetError as error:
            self.status = Status(f"Not saved: {error}", "warning")
            return False
        if getattr(self.analysis, key) != text:
            self._change(lambda a: a.model_copy(update={key: text}))
        return True

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
    def select(self, worksheet_id: str) -> None:
        """Show the worksheet with this id."""
        if all(a.id != worksheet_id for a in self.analyses):
            raise WorksheetError("There is no such worksheet.")
        self.current = worksheet_id

    def new_worksheet(self, start: Analysis | None = None, done: str = "") -> Analysis:
        """Start a worksheet (blank, or ``start``), show it and save."""
        if len(self.analyses) >= MAX_WORKSHEETS:
            raise WorksheetError(f"The file holds up to {MAX_WORKSHEETS} worksheets: delete one "
                                 "you no longer need first.")
        fresh = (start.model_copy(update={"id": new_id()}) if start is not None
                 else Analysis(id=new_id()))

        def add(document: WorksheetDocument) -> WorksheetDocument:
            # A worksheet with nothing written in it is dropped rather than left lying about.
            kept = [a for a in document.analyses if not a.is_empty]
            return document.model_copy(update={"analyses": [*kept, fresh]})

        self._save(add, done or "Started a new worksheet.")
        self.current = fresh.id
        return fresh

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

    def delete_current(self) -> Path | None:
        """Delete the worksheet on screen, first keeping a copy of it in a new file beside."""
        doomed = self.analysis
        copy = None
        if not doomed.is_empty and self.save_path is not None:
            try:
                copy = write_new_file(
                    self.save_path.with_name(f"{self.save_path.stem}-deleted.json"),
                    WorksheetDocument(analyses=[doomed]).dump())
            except OSError as error:
                self.status = Status(f"The worksheet was not deleted: no copy of it could be "
                                     f"kept ({error}).", "error")
                return None
        note = f" A copy is kept in {copy.name}." if copy else ""
        self._save(lambda d: d.model_copy(update={
            "analyses": [a for a in d.analyses if a.id != doomed.id]}),
            f"Deleted “{doomed.title or UNTITLED}”.{note}")
        return copy

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

    def export_markdown(self, folder: str | Path | None = None) -> Path:
        """Write the worksheet as Markdown beside the saved file (never over another file)."""
        if folder is None:
            folder = self.save_path.parent if self.save_path is not None else Path.cwd()
        stem = self.save_path.stem if self.save_path is not None else "communication-analysis"
        name = f"{stem}-{slug(self.analysis.title or UNTITLED)}.md"
        path = write_new_file(Path(folder) / name, self.markdown())
        self.status = Status(f"Exported as {path.name}, in the same folder as this notebook.",
                             "ok")
        return path


def _replaced(lines: tuple[Line, ...], index: int, line: Line) -> tuple[Line, ...]:
    if index >= len(lines):
        return (*lines, line)
    return (*lines[:index], line, *lines[index + 1:])
