"""The Level B tracker: set-up and supervision, the cases, where you stand, and a printable page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.printable import DownloadLink, printable_page, write_page
from ipt_course.kit.render import render, trusted
from ipt_course.kit.saved import Status
from ipt_course.kit.vocabulary import problem_areas
from ipt_course.kit.widgets import MessageBox, StatusLine, apply_theme, tidy_layout
from ipt_course.tools.level_b.model import LevelBModel, TrackerError
from ipt_course.tools.level_b.rules import Finding, case_name, long_date

LABEL_WIDTH = "17em"
PAGE_FOOTER = "Level B progress, cases numbered not named. Confirm current rules with IPT UK."
CASE_INTEGERS = {"sessions_contracted": ("Sessions contracted", 1, 30),
                 "sessions_held": ("Sessions held", 0, 40),
                 "sessions_measured": ("Sessions with measures taken", 0, 40),
                 "recordings_made": ("Recordings made", 0, 40),
                 "recordings_submitted": ("Recordings submitted", 0, 40)}


def _to_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _to_text(day: date | None) -> str:
    return day.isoformat() if day else ""


@dataclass(frozen=True)
class FindingGroup:
    """The findings for one place ('Level B' or 'Case 2'), as the page lists them."""

    where: str
    findings: tuple[Finding, ...]


class LevelBView(widgets.VBox):
    """The tracker on a :class:`LevelBModel`.

    ``set_up`` holds the set-up controls, ``case`` picks a case and ``case_controls`` edit it,
    ``standing`` shows progress and what is missing, ``message``, ``download`` and ``status``
    are read.
    """

    def __init__(self, save_path: str | Path | None = "my-level-b.json",
                 today: date | None = None) -> None:
        self.model = model = LevelBModel(save_path, today=today)
        content = model.content
        style = {"description_width": LABEL_WIDTH}
        self.set_up = {
            "started": widgets.DatePicker(description="Supervised practice began", style=style),
            "eligibility_confirmed": widgets.Checkbox(
                description="IPT UK has confirmed I meet the entry criteria", indent=False,
                layout=widgets.Layout(width="auto")),
            "supervisor_approved": widgets.Checkbox(
                description="My supervisor is IPT UK-approved", indent=False,
                layout=widgets.Layout(width="auto")),
            "supervision_by": widgets.Dropdown(description="Supervision by", style=style,
                                               options=content.options("supervision_by")),
            "frequency": widgets.Dropdown(description="Supervision meets", style=style,
                                          options=content.options("frequency")),
            "supervision_sessions": widgets.BoundedIntText(
                description="Supervision sessions held", min=0, max=200, style=style),
            "recordings_asked": widgets.BoundedIntText(
                description="Recordings asked per case", min=0, max=40, style=style),
        }
        asked_hint = widgets.HTML("<p class='ipt-tight'>Recordings asked per case: the number "
                                  "your supervisor asks you to submit for each case (0 until "
                                  "you have agreed it).</p>")
        self.case = widgets.Dropdown(description="Case", style=style)
        add = widgets.Button(description="Add a case", icon="plus")
        self.case_controls: dict[str, widgets.Widget] = {
            "focus": widgets.Dropdown(description="Problem area", style=style, options=[
                ("Not agreed yet", ""), *[(label, area) for area, label
                                          in problem_areas().items()]]),
            "status": widgets.Dropdown(description="Where the case stands", style=style,
                                       options=content.options("status")),
            "started": widgets.DatePicker(description="First session", style=style),
            **{key: widgets.BoundedIntText(description=label, min=low, max=high, style=style)
               for key, (label, low, high) in CASE_INTEGERS.items()},
            "consent": widgets.Dropdown(description="Consent to recording", style=style,
                                        options=content.options("consent")),
            "report": widgets.Dropdown(description="Reflective report", style=style,
                                       options=content.options("report")),
        }
        self.case_controls["recordings_made"].description = "Recordings made"
        tabs = widgets.Tab(children=[
            widgets.VBox([*self.set_up.values(), asked_hint]),
            widgets.VBox([widgets.HBox([self.case, add]), *self.case_controls.values()])],
            titles=("Set-up and supervision", "Cases"))
        self.standing = widgets.HTML(layout=widgets.Layout(width="100%"))
        example = widgets.Button(description="Start from Lucy's example", icon="user")
        afresh = widgets.Button(description="Start afresh", icon="eraser")
        make_page = widgets.Button(description="Make a printable page", icon="print",
                                   button_style="primary")
        self.message = MessageBox()
        self.download = DownloadLink()
        self.status = StatusLine()
        header = widgets.HTML(render("tools/level_b/templates/header.html.j2",
                                     banner=content.banner, requirements=content.requirements,
                                     privacy=content.privacy))
        super().__init__([header, tabs, self.standing,
                          widgets.HBox([make_page, example, afresh]), self.message,
                          self.download, self.status])
        self.add_class("ipt-level-b")
        apply_theme(self)
        tidy_layout(self)
        for control in (*self.set_up.values(), *self.case_controls.values()):
            if isinstance(control, widgets.BoundedIntText):
                control.layout.width = "26em"
        self._filling = False
        for key, control in self.set_up.items():
            transform = (_to_date, _to_text) if key == "started" else None
            if transform:
                traitlets.link((model, key), (control, "value"), transform=transform)
            else:
                traitlets.link((model, key), (control, "value"))
        for key, control in self.case_controls.items():
            control.observe(lambda change, key=key: self._case_edited(key, change["new"]),
                            names="value")
        self.case.observe(lambda _change: self._fill_case(), names="value")
        add.on_click(lambda _button: self.add_case())
        example.on_click(lambda _button: self.load_example())
        afresh.on_click(lambda _button: self.start_afresh())
        make_page.on_click(lambda _button: self.make_page())
        model.observe(self._cases_changed, names="cases")
        model.observe(self._refresh, names=["started", "eligibility_confirmed",
                                            "supervisor_approved", "supervision_by",
                                            "frequency", "supervision_sessions",
                                            "recordings_asked"])
        model.observe(lambda _change: self.status.show(model.status), names="status")
        self._cases_changed()
        self.status.show(model.status)

    # -- cases -------------------------------------------------------------------------------

    @property
    def case_index(self) -> int:
        """The index of the case being edited (0 for Case 1)."""
        return self.case.value or 0

    def _cases_changed(self, _change: object = None) -> None:
        options = [(case_name(i), i) for i in range(len(self.model.cases))]
        if list(self.case.options) != options:
            keep = self.case.value if self.case.value is not None else 0
            self.case.options = options
            self.case.value = min(keep, len(options) - 1)
        self._fill_case()
        self._refresh()

    def _fill_case(self) -> None:
        case = self.model.cases[self.case_index]
        self._filling = True
        try:
            for key, control in self.case_controls.items():
                value = getattr(case, key)
                control.value = _to_date(value) if key == "started" else value
        finally:
            self._filling = False

    def _case_edited(self, key: str, value: Any) -> None:
        if self._filling:
            return
        if key == "started":
            value = _to_text(value)
        try:
            self.model.set_case(self.case_index, **{key: value})
        except TrackerError as error:
            self.message.show("error", "Not changed", [str(error)])
            self._fill_case()

    def add_case(self) -> None:
        """Add a case and open it."""
        try:
            index = self.model.add_case()
        except TrackerError as error:
            self.message.show("error", "No case added", [str(error)])
            return
        self.case.value = index
        self.message.show("info", f"{case_name(index)} added", [
            "Fill it in as the case starts. Ask your supervisor how a case that ended early "
            "counts; IPT UK's current rules decide."])

    # -- whole tracker -----------------------------------------------------------------------

    def load_example(self) -> None:
        """Fill an empty tracker with Lucy's example, or say why not."""
        try:
            self.model.load_example()
        except TrackerError as error:
            self.message.show("note", "The example was not loaded", [str(error)])
            return
        example = self.model.content.example
        self.message.show("info", example.title, [example.note])

    def start_afresh(self) -> None:
        """Empty the tracker, keeping a copy of the saved file."""
        try:
            kept = self.model.start_afresh()
        except TrackerError as error:
            self.message.show("error", "Nothing was cleared", [str(error)])
            return
        lines = ["Every case and the set-up are back to their starting values."]
        if kept is not None:
            lines.append(f"Your previous tracker is kept, unchanged, as {kept.name}.")
        self.message.show("ok", "The tracker is empty again", lines)

    def groups(self) -> list[FindingGroup]:
        """The findings, grouped by place in the order the rules give them."""
        found = self.model.findings()
        places = list(dict.fromkeys(finding.where for finding in found))
        return [FindingGroup(place, tuple(f for f in found if f.where == place))
                for place in places]

    def _rows(self) -> list[dict[str, Any]]:
        content, areas = self.model.content, problem_areas()
        return [{"name": case_name(i), "focus": areas.get(case.focus, "Not agreed yet"),
                 "status": content.label("status", case.status),
                 "held": case.sessions_held, "contracted": case.sessions_contracted,
                 "measured": case.sessions_measured,
                 "consent": content.label("consent", case.consent),
                 "submitted": case.recordings_submitted, "made": case.recordings_made,
                 "report": content.label("report", case.report)}
                for i, case in enumerate(self.model.cases)]

    def standing_html(self, dated: bool = False) -> str:
        """Progress, the cases' table and what to act on or plan (HTML built from escaped parts)."""
        progress = self.model.progress()
        return render("tools/level_b/templates/progress.html.j2", progress=progress,
                      deadline=long_date(progress.deadline) if progress.deadline else "",
                      today=long_date(self.model.today) if dated else "",
                      rows=self._rows(), groups=self.groups())

    def _refresh(self, _change: object = None) -> None:
        self.standing.value = self.standing_html()

    def page(self) -> str:
        """The printable page as a whole HTML document."""
        model, content = self.model, self.model.content
        set_up = [
            ("Supervised practice began",
             long_date(_to_date(model.started)) if model.started else "not entered"),
            ("Entry criteria confirmed with IPT UK", "yes" if model.eligibility_confirmed
             else "not yet"),
            ("Supervisor IPT UK-approved", "yes" if model.supervisor_approved else "not yet"),
            ("Supervision by", content.label("supervision_by", model.supervision_by)),
            ("Supervision meets", content.label("frequency", model.frequency)),
            ("Recordings asked per case", str(model.recordings_asked or "not agreed yet")),
        ]
        body = render("tools/level_b/templates/page.html.j2", banner=content.banner,
                      requirements=content.requirements, set_up=set_up,
                      made=long_date(model.today), progress=trusted(self.standing_html(True)))
        return printable_page("Level B progress", body, footer=PAGE_FOOTER)

    def make_page(self) -> None:
        """Write the printable page beside the saved tracker and offer it for download."""
        page = self.page()
        lines, path = [], None
        if self.model.save_path is not None:
            target = self.model.save_path.with_suffix(".html")
            try:
                path = write_page(target, page)
                lines.append(f"Saved as {path.name} beside this notebook.")
            except OSError as error:
                lines.append(f"It could not be saved as {target.name} "
                             f"({error.strerror or error}); use the link below instead.")
        name = path.name if path else "my-level-b.html"
        lines.append("Open it in your browser and print it from there (Ctrl+P, or Cmd+P on a "
                     "Mac). Take it to supervision.")
        self.message.show("ok", "Your printable page is ready", lines)
        self.download.offer(name, page, f"Download {name}", "to open and print it.")
        self.status.show(Status(f"Printable page made at {datetime.now():%H:%M}.", "ok"))
