"""The recording checklist: consent, storage, naming, upload and deletion, each with statements to
tick and one detail to write; checked, then printed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import ipywidgets as widgets

from ipt_course.kit.plan_view import LABEL_WIDTH, PartEditor
from ipt_course.kit.plans import entry_lines
from ipt_course.kit.printable import DownloadLink, printable_page, write_page
from ipt_course.kit.render import escape, render
from ipt_course.kit.saved import Status
from ipt_course.kit.widgets import MessageBox, StatusLine, apply_theme, tidy_layout
from ipt_course.tools.recording_checklist.content import Section, checklist_content
from ipt_course.tools.recording_checklist.model import RecordingChecklistModel
from ipt_course.tools.recording_checklist.rules import SectionProgress, headline

TEMPLATES = "tools/recording_checklist/templates"
STATE_WORDS = {"done": "complete", "revisit": "to finish", "empty": "not started"}


@dataclass(frozen=True)
class PageSection:
    """One section as the printed page shows it."""

    section: Section
    lines: tuple[str, ...]
    unticked: tuple[str, ...]


class RecordingChecklistView(widgets.VBox):
    """Work through the arrangements for recording a session, section by section.

    ``boxes[item id]`` is each statement's checkbox, ``details[section id].text`` each detail box;
    ``check()`` and ``make_page()`` are the two buttons; ``message``, ``status``, ``download`` and
    ``preview`` are read.
    """

    def __init__(self, save_path: str | Path | None = "my-recording-checklist.json") -> None:
        content = checklist_content()
        self.content = content
        self.model = model = RecordingChecklistModel(save_path=save_path)
        self.client = widgets.Text(description=content.client_label, value=model.client,
                                   placeholder="e.g. Helen Ward",
                                   style={"description_width": LABEL_WIDTH})
        self.boxes: dict[str, widgets.Checkbox] = {}
        self.details: dict[str, PartEditor] = {}
        self._checked = False
        blocks: list[widgets.Widget] = [
            widgets.HTML(render(f"{TEMPLATES}/banner.html.j2", banner=content.banner)),
            self.client]
        for number, section in enumerate(content.sections, start=1):
            blocks.extend(self._section(number, section))
        check = widgets.Button(description="Check my checklist", button_style="primary",
                               icon="check")
        make_page = widgets.Button(description="Make a printable page", icon="print")
        self.message = MessageBox()
        self.download = DownloadLink()
        self.preview = widgets.HTML()
        self.status = StatusLine()
        preview = widgets.Accordion(children=[self.preview],
                                    titles=("Preview of the printable page",))
        blocks.extend([widgets.HBox([check, make_page]), self.message, self.download, preview,
                       self.status])
        super().__init__(blocks)
        self.add_class("ipt-plan")
        self.add_class("ipt-checklist")
        self.preview.add_class("ipt-plan-preview")
        apply_theme(self)
        tidy_layout(self)
        for item_id, box in self.boxes.items():
            box.value = bool(model.ticked.get(item_id, False))
            box.observe(lambda change, item_id=item_id: model.tick(item_id, change["new"]),
                        names="value")
        for part_id, editor in self.details.items():
            editor.text.value = model.entries.get(part_id, "")
            editor.text.observe(lambda change, part_id=part_id:
                                model.set_entry(part_id, change["new"]), names="value")
        self.client.observe(lambda change: setattr(model, "client", change["new"]),
                            names="value")
        check.on_click(lambda _button: self.check())
        make_page.on_click(lambda _button: self.make_page())
        model.observe(self._refresh, names=["entries", "client"])
        model.observe(lambda _change: self.status.show(model.status), names="status")
        self._refresh()
        self.status.show(model.status)

    def _section(self, number: int, section: Section) -> list[widgets.Widget]:
        heading = widgets.HTML(f"<div class='ipt-checklist-heading' role='heading' "
                               f"aria-level='3'>{number}. {escape(section.title)}</div>")
        rows: list[widgets.Widget] = [heading]
        for item in section.items:
            box = widgets.Checkbox(description=item.text, indent=False,
                                   layout=widgets.Layout(width="95%", max_width="60em"))
            self.boxes[item.id] = box
            rows.extend([box, widgets.HTML(f"<p class='ipt-checklist-why'>"
                                           f"{escape(item.why)}</p>")])
        editor = PartEditor(section.detail, section.detail.title)
        self.details[section.detail.id] = editor
        rows.append(editor)
        return rows

    def _refresh(self, _change: object = None) -> None:
        findings = self.model.findings()
        for part_id, editor in self.details.items():
            editor.show([f for f in findings if f.part == part_id], self._checked)

    def check(self) -> None:
        """Check every section, empty details included, and say what is left to do."""
        self._checked = True
        self._refresh()
        sections = self.model.progress()
        title = headline(sections)
        unfinished = [section for section in sections if section.state != "done"]
        if not unfinished:
            self.message.show("ok", title, [
                "Every statement is ticked and every detail is concrete. Before the first "
                "recording, check each answer against your service's policy with your "
                "supervisor."])
            return
        lines = [self._section_line(section) for section in unfinished]
        lines.append("A detail that needs another look says why under its box. The prompts are "
                     "simple word rules to make you think, not marks.")
        self.message.show("note", title, lines)

    @staticmethod
    def _section_line(section: SectionProgress) -> str:
        parts = [f"{section.section.title} ({STATE_WORDS[section.state]}):"]
        if section.unticked:
            parts.append(f"{len(section.unticked)} statement"
                         f"{'' if len(section.unticked) == 1 else 's'} not yet ticked")
        if any(finding.level == "empty" for finding in section.findings):
            parts.append("the detail is still empty")
        elif any(finding.blocks for finding in section.findings):
            parts.append("the detail needs another look")
        return " ".join([parts[0], "; ".join(parts[1:])]) + "."

    def page_body(self) -> str:
        """The printed page's body (HTML, every piece of trainee text escaped)."""
        sections = [PageSection(item.section,
                                tuple(entry_lines(self.model.entries.get(item.section.detail.id,
                                                                         ""))),
                                item.unticked)
                    for item in self.model.progress()]
        today = date.today()
        return render(f"{TEMPLATES}/page.html.j2", title=self.content.page_title,
                      client=self.model.client, sections=sections, ticked=self.model.ticked,
                      made=f"{today.day} {today:%B %Y}")

    def page(self) -> str:
        """The whole printable page as an HTML document."""
        return printable_page(f"{self.content.page_title}: {self.model.client or 'practice'}",
                              self.page_body(), self.content.practice_note)

    def make_page(self) -> None:
        """Write the printable page beside the saved checklist and offer it for download."""
        page = self.page()
        self.preview.value = self.page_body()
        sections = self.model.progress()
        lines = []
        if any(section.state != "done" for section in sections):
            lines.append(f"Made as it stands: {headline(sections)}.")
        path = None
        if self.model.save_path is not None:
            target = self.model.save_path.with_suffix(".html")
            try:
                path = write_page(target, page)
            except OSError as error:
                lines.append(f"It could not be saved as {target.name} "
                             f"({error.strerror or error}); use the link below instead.")
        name = path.name if path else "my-recording-checklist.html"
        if path is not None:
            lines.append(f"Saved as {path.name} beside this notebook.")
        lines.append("Open it in your browser and print it from there (Ctrl+P, or Cmd+P on a "
                     "Mac).")
        self.message.show("ok", "Your printable page is ready", lines)
        self.download.offer(name, page, f"Download {name}", "to open and print it.")
        self.status.show(Status(f"Printable page made at {datetime.now():%H:%M}.", "ok"))
