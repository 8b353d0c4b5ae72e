"""The group measures tracker: the Thursday group's weekly PHQ-9 and GAD-7, per member, with the
item-9 flags as the facilitators review them in a session's first 30 minutes."""

from __future__ import annotations

import ipywidgets as widgets

from ipt_course.kit.render import figure_png, render
from ipt_course.kit.widgets import Picture, apply_theme, tidy_layout
from ipt_course.tools.group_programme.drawing import DPI, WIDTH, measures_figure
from ipt_course.tools.group_programme.model import EVERYONE, TrackerModel
from ipt_course.tools.group_programme.programme import WEEKS, uk_date
from ipt_course.tools.group_programme.scores import (
    Group,
    change_over,
    last_form_before,
    thursday_group,
    tracker_wording,
)

TEMPLATES = "tools/group_programme/templates"


def signed(number: int) -> str:
    """'+2', '−1' or 'no change'."""
    if number == 0:
        return "no change"
    return f"+{number}" if number > 0 else f"−{-number}"


def review_html(model: TrackerModel) -> str:
    """The session's forms as the co-facilitator reads them: item 9, totals, changes, notes."""
    group, session = model.group, model.session
    rows = model.rows()
    changes, overall = {}, {}
    for row in rows:
        member = group.member(row.name)
        changes[row.name] = ("first form" if row.phq9_change is None
                             else signed(row.phq9_change))
        first = next((form for number in range(1, session + 1)
                      if (form := member.form(number))), None)
        moved = change_over(member, session)
        overall[row.name] = ("" if first is None or moved is None or session == 1
                             else f"{first[0]} → {row.phq9} ({signed(moved)})")
    day = group.dates()[session]
    title = f"Session {session}, {uk_date(day)}: the first 30 minutes"
    return render(f"{TEMPLATES}/review.html.j2", title=title, rows=rows, changes=changes,
                  overall=overall, flags=model.flags(), wording=tracker_wording(),
                  flagged=[row.name for row in rows if row.flagged])


def measures_alt_text(model: TrackerModel) -> str:
    """What the charts show, for a screen reader (the table below holds every number)."""
    parts = []
    for name in model.names():
        member = model.group.member(name)
        latest = member.form(model.session) or last_form_before(member, model.session)
        first = member.form(1) or latest
        if latest is not None and first is not None:
            parts.append(f"{name} {first[0]} to {latest[0]}")
    flags = "; ".join(f"{flag.name} at session {flag.session}" for flag in model.flags())
    return (f"PHQ-9 and GAD-7 totals, sessions 1 to {model.session}. PHQ-9 first to latest: "
            f"{', '.join(parts)}. Item 9 above 0: {flags or 'none'}.")


class GroupMeasuresView(widgets.VBox):
    """The Thursday group's weekly measures, charted per member, reviewed session by session.

    ``member`` chooses whose charts are shown (everyone, or one member); ``session`` the session
    under review (later sessions are hidden, as they would not have happened yet); ``review``
    is the table the facilitators read. Nothing is saved.
    """

    def __init__(self, group: Group | None = None, session: int = WEEKS,
                 member: str = EVERYONE) -> None:
        group = group or thursday_group()
        self.model = TrackerModel(group, session=session, member=member)
        self._pictures: dict[tuple[str, int], bytes] = {}
        everyone = f"All {group.size} members"
        self.member = widgets.Dropdown(
            description="Show", value=member,
            options=[(everyone, EVERYONE), *[(m.name, m.name) for m in group.members]])
        self.session = widgets.IntSlider(description="Session", min=1, max=WEEKS,
                                         value=session, continuous_update=False)
        previous = widgets.Button(description="Previous session", icon="arrow-left")
        following = widgets.Button(description="Next session", icon="arrow-right")
        self.picture = Picture(max_width=f"{round(WIDTH * DPI)}px")
        self.review = widgets.HTML()
        header = widgets.HTML(render(f"{TEMPLATES}/tracker_header.html.j2", group=group,
                                     wording=tracker_wording()))
        super().__init__([header, widgets.HBox([self.member, self.session]),
                          widgets.HBox([previous, following]), self.picture, self.review])
        self.add_class("ipt-group-measures")
        apply_theme(self)
        tidy_layout(self)
        self.member.layout.width = "22em"
        self.session.layout.width = "30em"
        self.member.observe(lambda change: setattr(self.model, "member", change["new"]),
                            names="value")
        self.session.observe(lambda change: setattr(self.model, "session", change["new"]),
                             names="value")
        previous.on_click(lambda _button: self.model.step(-1))
        following.on_click(lambda _button: self.model.step(1))
        self.model.observe(self._show, names=["member", "session"])
        self._show()

    def png(self) -> bytes:
        """The charts for the members shown, up to the session under review."""
        key = (self.model.member, self.model.session)
        # The scores are fixed, so each picture is drawn once however often a trainee steps.
        if key not in self._pictures:
            figure = measures_figure(self.model.group, self.model.names(), self.model.session)
            self._pictures[key] = figure_png(figure, dpi=DPI)
        return self._pictures[key]

    def _show(self, _change: object = None) -> None:
        self.member.value = self.model.member
        self.session.value = self.model.session
        self.picture.show(self.png(), measures_alt_text(self.model))
        self.review.value = review_html(self.model)
