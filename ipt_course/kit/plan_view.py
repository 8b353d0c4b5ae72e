"""The widget every written plan shares: a banner, the client's name, one box per part with its
prompt and what to look at again, a check of the whole plan, and a printable page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.plan_work import PlanWork
from ipt_course.kit.plans import Finding, PartSpec, PlanSpec, entry_lines
from ipt_course.kit.printable import DownloadLink, printable_page, write_page
from ipt_course.kit.render import render
from ipt_course.kit.saved import Status
from ipt_course.kit.widgets import MessageBox, StatusLine, apply_theme, tidy_layout

LABEL_WIDTH = "12em"


@dataclass(frozen=True)
class PagePart:
    """One part as the printed page shows it: its spec, its number (None if unnumbered), lines."""

    part: PartSpec
    number: int | None
    lines: tuple[str, ...]


def part_numbers(spec: PlanSpec) -> list[int | None]:
    """Each part's number, counting only the numbered parts (None for the others)."""
    numbers: list[int | None] = []
    count = 0
    for part in spec.parts:
        count += part.numbered
        numbers.append(count if part.numbered else None)
    return numbers


class PartEditor(widgets.VBox):
    """One part of a plan: its prompt, a box for its lines, and what to look at again."""

    def __init__(self, part: PartSpec, lead: str) -> None:
        self.part = part
        self.prompt = widgets.HTML(render("kit/templates/plan_prompt.html.j2", lead=lead,
                                          prompt=part.prompt))
        self.text = widgets.Textarea(description=part.title, placeholder=part.placeholder,
                                     rows=3, style={"description_width": LABEL_WIDTH},
                                     layout=widgets.Layout(width="95%", max_width="60em"))
        self.feedback = widgets.HTML()
        super().__init__([self.prompt, self.text, self.feedback])
        self.add_class("ipt-plan-part")

    def show(self, findings: Sequence[Finding], with_empty: bool) -> None:
        """Show ``findings`` for this part; an empty part is mentioned only when ``with_empty``."""
        if not with_empty and not entry_lines(self.text.value):
            findings = ()
        self.feedback.value = render("kit/templates/plan_findings.html.j2", findings=findings)


class PlanView(widgets.VBox):
    """A plan's editor on a :class:`PlanWork` model.

    Subclasses give ``banner_html``, the page's ``page_title`` and ``practice_note``, and may put
    extra widgets after a part (``after_part``) or extra HTML into the printed page
    (``page_body``). ``parts[id].text`` is each part's box; ``message``, ``status``, ``download``
    and ``preview`` are read.
    """

    part_word = "Step"
    client_label = "Fictional client"
    page_title = "Plan"
    practice_note = ""
    body_template = ""

    def __init__(self, model: PlanWork) -> None:
        self.model = model
        self.client = widgets.Text(description=self.client_label, value=model.client,
                                   placeholder="e.g. Nadia",
                                   style={"description_width": LABEL_WIDTH})
        self.parts = {part.id: PartEditor(part, self._lead(number, part))
                      for part, number in zip(model.spec.parts, part_numbers(model.spec),
                                              strict=True)}
        self._checked = False
        check = widgets.Button(description="Check my plan", button_style="primary",
                               icon="check")
        make_page = widgets.Button(description="Make a printable page", icon="print")
        self.message = MessageBox()
        self.download = DownloadLink()
        self.preview = widgets.HTML()
        self.status = StatusLine()
        preview = widgets.Accordion(children=[self.preview],
                                    titles=("Preview of the printable page",))
        blocks: list[widgets.Widget] = [widgets.HTML(self.banner_html()), self.client]
        for part_id, editor in self.parts.items():
            blocks.extend([editor, *self.after_part(part_id)])
        blocks.extend([widgets.HBox([check, make_page]), self.message, self.download, preview,
                       self.status])
        super().__init__(blocks)
        self.add_class("ipt-plan")
        self.preview.add_class("ipt-plan-preview")
        apply_theme(self)
        tidy_layout(self)
        for part_id, editor in self.parts.items():
            editor.text.value = model.entries.get(part_id, "")
            editor.text.observe(lambda change, part_id=part_id:
                                model.set_entry(part_id, change["new"]), names="value")
        self.client.observe(lambda change: setattr(model, "client", change["new"]),
                            names="value")
        check.on_click(lambda _button: self.check())
        make_page.on_click(lambda _button: self.make_page())
        model.observe(self._refresh, names="entries")
        model.observe(lambda _change: self.status.show(model.status), names="status")
        self._refresh()
        self.status.show(model.status)

    def _lead(self, number: int | None, part: PartSpec) -> str:
        if number is None:
            return part.title
        return f"{self.part_word} {number}".strip()

    def banner_html(self) -> str:
        """The box at the top saying what the tool is for (HTML built from escaped parts)."""
        return ""

    def after_part(self, part_id: str) -> list[widgets.Widget]:
        """Widgets shown after the part ``part_id`` (none by default)."""
        return []

    def page_context(self) -> dict[str, Any]:
        """What the printed page's body template is given besides the plan."""
        return {}

    def _refresh(self, _change: object = None) -> None:
        findings = self.model.findings()
        for part_id, editor in self.parts.items():
            editor.show([f for f in findings if f.part == part_id], self._checked)

    def check(self) -> None:
        """Check the whole plan, empty parts included, and say what is left to do."""
        self._checked = True
        self._refresh()
        summary = self.model.summary()
        if summary.to_revisit or summary.empty:
            self.message.show("note", summary.headline(), [
                *summary.details(),
                "Each part that needs another look says why under its box. The prompts are "
                "simple word rules to make you think, not marks."])
        else:
            self.message.show("ok", summary.headline(), [
                "Every part is filled in with something concrete. Read it through as the client "
                "would in a crisis: would each line tell her exactly what to do?"])

    def page_body(self) -> str:
        """The printed page's body (HTML, every piece of trainee text escaped)."""
        parts = [PagePart(part, number, tuple(entry_lines(self.model.entries.get(part.id, ""))))
                 for part, number in zip(self.model.spec.parts, part_numbers(self.model.spec),
                                         strict=True)]
        today = date.today()
        return render(self.body_template, title=self.page_title, client=self.model.client,
                      parts=parts, made=f"{today.day} {today:%B %Y}", **self.page_context())

    def page(self) -> str:
        """The whole printable page as an HTML document."""
        return printable_page(f"{self.page_title}: {self.model.client or 'practice'}",
                              self.page_body(), self.practice_note)

    def make_page(self) -> None:
        """Write the printable page beside the saved plan and offer it for download."""
        page = self.page()
        self.preview.value = self.page_body()
        summary = self.model.summary()
        lines = []
        if summary.to_revisit or summary.empty:
            lines.append(f"Made as it stands: {summary.sentence()}")
        path = None
        if self.model.save_path is not None:
            target = self.model.save_path.with_suffix(".html")
            try:
                path = write_page(target, page)
            except OSError as error:
                lines.append(f"It could not be saved as {target.name} "
                             f"({error.strerror or error}); use the link below instead.")
        name = path.name if path else f"my-{self.page_title.lower().replace(' ', '-')}.html"
        if path is not None:
            lines.append(f"Saved as {path.name} beside this notebook.")
        lines.append("Open it in your browser and print it from there (Ctrl+P, or Cmd+P on a "
                     "Mac).")
        self.message.show("ok", "Your printable page is ready", lines)
        self.download.offer(name, page, f"Download {name}", "to open and print it.")
        self.status.show(Status(f"Printable page made at {datetime.now():%H:%M}.", "ok"))
