"""The group programme planner: this service's twelve weeks laid out for the Thursday group."""

from __future__ import annotations

from datetime import date

import ipywidgets as widgets

from ipt_course.kit.render import figure_png, render
from ipt_course.kit.widgets import Picture, apply_theme, tidy_layout
from ipt_course.tools.group_programme.drawing import DPI, WIDTH, programme_figure
from ipt_course.tools.group_programme.model import PlannerModel
from ipt_course.tools.group_programme.programme import (
    REVIEW,
    WEEKS,
    Week,
    programme,
    published_models,
    uk_date,
)
from ipt_course.tools.group_programme.scores import Group, thursday_group

TEMPLATES = "tools/group_programme/templates"


def week_option(week: Week) -> str:
    """How a week reads in the chooser: 'Session 5 · 3 June 2027 · Group session'."""
    day = f" · {week.day.day} {week.day:%B %Y}" if week.day else ""
    return f"{week.label}{day} · {week.block.title}"


def session_html(model: PlannerModel) -> str:
    """The card for the week being looked at."""
    week = model.week()
    labels = programme().format_labels
    left = WEEKS - week.session if isinstance(week.session, int) else None
    return render(f"{TEMPLATES}/session.html.j2", week=week,
                  day=uk_date(week.day) if week.day else "", who=labels[week.block.format],
                  left=left, group_session=week.block.format in ("group", "ending"),
                  hard=model.group.hard_dates_on(week.day) if week.day else [])


def weeks_table_html(model: PlannerModel) -> str:
    """Every week in one table: date, format, themes and any hard date."""
    labels = programme().format_labels
    rows = [{"label": week.label, "date": uk_date(week.day) if week.day else "",
             "format": labels[week.block.format], "themes": "; ".join(week.block.themes),
             "hard": "; ".join(f"{hard.member}: {hard.what}" for hard in
                               (model.group.hard_dates_on(week.day) if week.day else []))}
            for week in model.weeks()]
    first = uk_date(model.first_session) if model.first_session else ""
    return render(f"{TEMPLATES}/weeks_table.html.j2", rows=rows,
                  dated=model.first_session is not None, first=first)


class GroupProgrammeView(widgets.VBox):
    """This service's 12-week perinatal group model, laid out week by week.

    ``first_session`` (a date picker) dates the weeks; ``session`` chooses the week whose card
    (``card``) is shown; ``picture`` is the strip of weeks. Nothing is saved.
    """

    def __init__(self, group: Group | None = None, session: int | str = 1) -> None:
        self.model = PlannerModel(group or thursday_group(), selected=session)
        self._relabelling = False
        self._pictures: dict[tuple[date | None, int | str], bytes] = {}
        self.first_session = widgets.DatePicker(description="First session",
                                                value=self.model.first_session)
        self.session = widgets.Dropdown(description="Session")
        previous = widgets.Button(description="Previous session", icon="arrow-left")
        following = widgets.Button(description="Next session", icon="arrow-right")
        self.picture = Picture(max_width=f"{round(WIDTH * DPI)}px")
        self.card = widgets.HTML()
        self.table = widgets.HTML()
        weeks_page = widgets.VBox([
            widgets.HBox([self.first_session]), self.picture,
            widgets.HBox([self.session, previous, following]), self.card,
            widgets.Accordion(children=[self.table], titles=("All twelve weeks in a table",)),
        ])
        frame_page = widgets.HTML(render(f"{TEMPLATES}/frame.html.j2", programme=programme()))
        published_page = widgets.HTML(render(f"{TEMPLATES}/published.html.j2",
                                             models=published_models().models))
        members_page = widgets.HTML(render(f"{TEMPLATES}/members.html.j2",
                                           group=self.model.group))
        tabs = widgets.Tab(children=[weeks_page, members_page, frame_page, published_page],
                           titles=("The twelve weeks", "The members", "Frame and aims",
                                   "Published models"))
        header = widgets.HTML(render(f"{TEMPLATES}/planner_header.html.j2",
                                     programme=programme(), group=self.model.group))
        super().__init__([header, tabs])
        self.add_class("ipt-group-programme")
        apply_theme(self)
        tidy_layout(self)
        self.session.layout.width = "34em"
        self._show_weeks()
        self.first_session.observe(self._dated, names="value")
        self.session.observe(self._chosen, names="value")
        previous.on_click(lambda _button: self.model.step(-1))
        following.on_click(lambda _button: self.model.step(1))
        self.model.observe(self._show_weeks, names="first_session")
        self.model.observe(self._show_selected, names="selected")

    def _dated(self, change: dict) -> None:
        value = change["new"]
        self.model.first_session = value if isinstance(value, date) else None

    def _chosen(self, change: dict) -> None:
        if change["new"] is not None and not self._relabelling:
            self.model.selected = change["new"]

    def _show_weeks(self, _change: object = None) -> None:
        # New labels reset a dropdown to its first option; the week looked at stays the same.
        self._relabelling = True
        try:
            self.session.options = [(week_option(week), week.session)
                                    for week in self.model.weeks()]
            self.session.value = self.model.selected
        finally:
            self._relabelling = False
        self.table.value = weeks_table_html(self.model)
        self._show_selected()

    def _show_selected(self, _change: object = None) -> None:
        self.session.value = self.model.selected
        self.card.value = session_html(self.model)
        self.picture.show(self.png(), strip_alt_text(self.model.weeks(), self.model.selected))

    def png(self) -> bytes:
        """The strip of weeks with the chosen one outlined."""
        key = (self.model.first_session, self.model.selected)
        # Each strip is drawn once, so stepping back and forth through the weeks stays quick.
        if key not in self._pictures:
            figure = programme_figure(self.model.weeks(), self.model.selected,
                                      self.model.hard_weeks())
            self._pictures[key] = figure_png(figure, dpi=DPI)
        return self._pictures[key]


def strip_alt_text(weeks: list[Week], selected: int | str) -> str:
    """What the strip shows, for a screen reader (the table below holds the detail)."""
    dated = weeks[0].day is not None
    span = f", from {uk_date(weeks[0].day)} to {uk_date(weeks[WEEKS - 1].day)}" if dated else ""
    chosen = "the review" if selected == REVIEW else f"session {selected}"
    return (f"Twelve weekly sessions{span}: one-to-one screening at sessions 1 and 2, group "
            f"sessions 3 to 10, the ending at 11 and 12, then a one-to-one review. Showing "
            f"{chosen}.")
