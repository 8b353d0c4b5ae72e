"""The view side of several records in one saved file: choose, start, delete, export, boxes.

:class:`RecordsView` holds what the views of :class:`~ipt_course.kit.records.RecordsWork` models
share: the chooser and form filling, saving a box as it is typed in, delete with a second press,
and export. A subclass builds its widgets (``model``, ``chooser``, ``message``, ``report``,
``tabs``), shows reports in ``_show_report`` and empties its entry boxes in ``_clear_boxes``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.records import RecordsWork, tidy
from ipt_course.kit.render import box_html, escape
from ipt_course.kit.widgets import Form, MessageBox


def safety_html(words: Iterable[str], title: str, text: str) -> str:
    """The risk box shown when a record holds words that may point to risk ('' for none).

    ``text`` has a ``{words}`` slot for the words found, each in quotation marks.
    """
    found = ", ".join(f"“{word}”" for word in words)
    if not found:
        return ""
    return box_html("risk", title, f"<p>{escape(text.format(words=found))}</p>", "alert")


class RecordsView(widgets.VBox):
    """A tabbed view of one record at a time, from a file that holds several."""

    model: RecordsWork
    chooser: widgets.Dropdown
    message: MessageBox
    report: widgets.HTML
    tabs: widgets.Tab

    def __init__(self, children: list[widgets.Widget]) -> None:
        self._filling = False
        self._confirm_delete = ""
        self._report = ""
        self._shown: dict[str, tuple[str, str]] = {}
        super().__init__(children)

    # -- hooks -------------------------------------------------------------------------
    def _show_report(self, kind: str) -> None:
        raise NotImplementedError

    def _clear_boxes(self, deselect: bool = False) -> None:
        """Empty the entry boxes (and, with ``deselect``, the list's selection)."""
        raise NotImplementedError

    # -- model -> view -----------------------------------------------------------------
    def _fill(self, names: list[str], forms: Iterable[Form]) -> None:
        """List the records under ``names`` in the chooser and put the shown one in ``forms``."""
        record = self.model.shown
        self.chooser.options = list(zip(names, (r.id for r in self.model.records), strict=True))
        self.chooser.value = record.id
        for form in forms:
            form.fill({key: getattr(record, key) for key in form.controls
                       if self._changed(record.id, key, getattr(record, key))})

    def _changed(self, record: str, key: str, saved: str) -> bool:
        """Whether a box must show ``saved``: another record, or the saved text changed.

        A box whose text was refused (too long) keeps that text until the trainee shortens it.
        """
        if self._shown.get(key) == (record, saved):
            return False
        self._shown[key] = (record, saved)
        return True

    # -- view -> model -----------------------------------------------------------------
    def _on_field(self, key: str, value: Any) -> None:
        if self._filling:
            return
        record = self.model.shown
        # The box already shows this text: saving it must not write it back under the cursor.
        self._shown[key] = (record.id, tidy(value))
        if not self.model.set_field(key, value):
            self._shown[key] = (record.id, getattr(record, key))

    def _on_choose(self, change: dict[str, Any]) -> None:
        if not self._filling and change["new"]:
            self._confirm_delete = ""
            self.model.select(change["new"])
            self._clear_boxes(deselect=True)
            self.message.clear()

    def _act(self, action: Callable[[], Any], tab: int) -> None:
        self._confirm_delete = ""
        try:
            action()
        except self.model.entry_error as error:
            self.message.show("error", "Please check this", [str(error)])
            return
        self._clear_boxes()
        self.message.clear()
        self.tabs.selected_index = tab

    def _on_delete(self) -> None:
        record, word = self.model.shown, self.model.record_word
        if self._confirm_delete != record.id and not record.is_empty:
            self._confirm_delete = record.id
            self.message.show("note", f"Delete “{self.model.title_of(record)}”?", [
                f"Press “Delete this {word}” again to delete it. A copy is kept in a new "
                "file beside this notebook."])
            self.tabs.selected_index = 1
            return
        self._confirm_delete = ""
        self.model.delete_current()
        self._clear_boxes()
        self.message.clear()

    def _on_export(self) -> None:
        self._report = ""
        word = self.model.record_word
        try:
            path = self.model.export_markdown()
        except OSError as error:
            self.report.value = box_html("error", f"The {word} could not be exported",
                                         f"<p>{escape(error.strerror or error)}. Your {word} "
                                         "is still saved; try again, or check the folder.</p>")
            return
        self.report.value = box_html("ok", f"Exported as {path.name}", (
            "<p>You will find it in the same folder as this notebook. Open it in JupyterLab, "
            "or print it from there.</p>"), "status")
