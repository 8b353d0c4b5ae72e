"""The planner's and the tracker's state (traitlets, no widgets): which week or member is shown."""

from __future__ import annotations

from datetime import date
from typing import Any

import traitlets

from ipt_course.tools.group_programme.programme import REVIEW, WEEKS, Week, weeks
from ipt_course.tools.group_programme.scores import Flag, Group, ReviewRow, flags, review

EVERYONE = "all"
SESSION_CHOICES = (*range(1, WEEKS + 1), REVIEW)


class PlannerModel(traitlets.HasTraits):
    """The twelve weeks laid out from the first session's date, and the week being looked at."""

    first_session = traitlets.Instance(date, allow_none=True,
                                       help="The date of session 1 (None: weeks undated).")
    selected = traitlets.Enum(SESSION_CHOICES, default_value=1,
                              help="The session shown in detail (1 to 12, or 'review').")

    def __init__(self, group: Group, **kwargs: Any) -> None:
        self.group = group
        super().__init__(**kwargs)
        if "first_session" not in kwargs:
            self.first_session = group.first_session

    def weeks(self) -> list[Week]:
        """The twelve weeks and the review, dated when a first session is set."""
        return weeks(self.first_session)

    def week(self) -> Week:
        """The week being looked at."""
        return next(week for week in self.weeks() if week.session == self.selected)

    def hard_weeks(self) -> frozenset[int | str]:
        """The sessions that fall on a member's hard date."""
        return frozenset(week.session for week in self.weeks()
                         if week.day and self.group.hard_dates_on(week.day))

    def step(self, by: int) -> None:
        """Look at the session ``by`` places on (or back), stopping at either end."""
        index = SESSION_CHOICES.index(self.selected) + by
        self.selected = SESSION_CHOICES[max(0, min(index, len(SESSION_CHOICES) - 1))]


class TrackerModel(traitlets.HasTraits):
    """Whose scores are shown, and up to which session (what the facilitators know by then)."""

    member = traitlets.Unicode(EVERYONE, help="A member's name, or 'all' for everyone.")
    session = traitlets.Int(WEEKS, min=1, max=WEEKS,
                            help="The session being reviewed; later sessions are not shown.")

    def __init__(self, group: Group, **kwargs: Any) -> None:
        self.group = group
        super().__init__(**kwargs)

    @traitlets.validate("member")
    def _known_member(self, proposal: dict[str, Any]) -> str:
        names = [member.name for member in self.group.members]
        if proposal["value"] not in (EVERYONE, *names):
            raise traitlets.TraitError(f"expected 'all' or one of {', '.join(names)}")
        return proposal["value"]

    def names(self) -> list[str]:
        """The members shown."""
        if self.member == EVERYONE:
            return [member.name for member in self.group.members]
        return [self.member]

    def rows(self) -> list[ReviewRow]:
        """The forms of the members shown, at the session under review."""
        return [row for row in review(self.group, self.session) if row.name in self.names()]

    def flags(self) -> list[Flag]:
        """Every item-9 flag of the members shown, up to the session under review."""
        return [flag for flag in flags(self.group, self.session) if flag.name in self.names()]

    def step(self, by: int) -> None:
        """Review the session ``by`` places on (or back), stopping at either end."""
        self.session = max(1, min(self.session + by, WEEKS))
