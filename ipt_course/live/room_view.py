"""The live page's Room tab: how to join the room page, and the room's anonymous totals.

Trainees answer on their own devices (the room page); what the shared screen shows is the
room's totals only: counts and means, never a word, question or comment anyone typed.
"""

from __future__ import annotations

import html
import threading

import ipywidgets as widgets

from ipt_course.course import Day
from ipt_course.live.address import RoomAddress, qr_svg, room_address
from ipt_course.live.store import Evaluation, LiveStore, Question

NO_ADDRESS = ("Trainees answer on the room page, on their own phone or computer. This page "
              "does not know its address: start it with <code>ipt-course present day{day} "
              "--network</code> (trainees on this computer's network), or with "
              "<code>--room-url</code> and the address of the course hub's room page.")
LOOPBACK = ("Only this computer can open this address: start the page with <code>ipt-course "
            "present day{day} --network</code> for trainees on this network, or use the course "
            "hub's room page (see the README for a course on Teams).")


def join_html(address: RoomAddress | None, day: int) -> str:
    """The join panel: the address in large type and its QR code, or what to do to get one."""
    if address is None:
        note = NO_ADDRESS.format(day=day)
        return f'<div class="ipt-join"><p class="ipt-join-note">{note}</p></div>'
    link = html.escape(address.url)
    where = {"hub": "on the course hub (log in first)", "network":
             "on this computer's network", "given": "", "this computer": ""}[address.where]
    lead = f"Answer on your own phone or computer{', ' + where if where else ''}:"
    text = (f'<p class="ipt-join-lead">{html.escape(lead)}</p>'
            f'<p class="ipt-join-url"><a href="{link}" target="_blank" rel="noopener">'
            f"{link}</a></p>"
            '<p class="ipt-join-what">Check-in, confidence, a question and the evaluation: '
            "anonymous.</p>")
    if not address.others_can_open:
        return (f'<div class="ipt-join">{text}<p class="ipt-join-note">'
                f"{LOOPBACK.format(day=day)}</p></div>")
    code = qr_svg(address.url, f"QR code of the room page address {address.url}")
    return (f'<div class="ipt-join"><div class="ipt-join-qr">{code}</div>'
            f'<div class="ipt-join-text">{text}</div></div>')


def _bar(count: int, most: int) -> str:
    width = 0 if most == 0 else round(100 * count / most)
    return (f'<span class="ipt-bar" aria-hidden="true"><span style="width:{width}%"></span>'
            "</span>")


def totals_html(store: LiveStore, day: Day) -> str:
    """The room's answers so far, as counts and means only."""
    checkins = store.checkin_summary(day.number)
    most = max(checkins["ratings"].values()) if checkins["count"] else 0
    rows = "".join(f"<tr><th scope=\"row\">{rating}</th><td>{count}</td><td>{_bar(count, most)}"
                   "</td></tr>" for rating, count in checkins["ratings"].items())
    checkin = (f"<p>{checkins['count']} check-in(s), mean {checkins['mean']} out of 5.</p>"
               '<table class="ipt-totals"><caption>How people are arriving (1 running on '
               'empty, 5 ready for anything)</caption><thead><tr><th scope="col">Rating</th>'
               f'<th scope="col">People</th><th scope="col">Share</th></tr></thead><tbody>{rows}'
               "</tbody></table>" if checkins["count"] else "<p>No check-ins yet.</p>")
    summary = store.confidence_summary(day.number)
    means = {row.outcome: row for row in summary.itertuples()}
    confidence_rows = "".join(
        f"<tr><th scope=\"row\">{html.escape(outcome.text)}</th>"
        f"<td>{_mean(means.get(outcome.id), 'start')}</td>"
        f"<td>{_mean(means.get(outcome.id), 'end')}</td></tr>" for outcome in day.outcomes)
    confidence = ('<table class="ipt-totals"><caption>Mean confidence in each outcome, 1 to 5'
                  '</caption><thead><tr><th scope="col">Outcome</th><th scope="col">Start</th>'
                  f'<th scope="col">End</th></tr></thead><tbody>{confidence_rows}</tbody></table>'
                  if not summary.empty else "<p>No confidence ratings yet.</p>")
    questions = store.table(Question, day.number)
    evaluations = store.table(Evaluation, day.number)
    answered = int(questions["answered"].sum()) if len(questions) else 0
    return (
        '<div class="ipt-room-totals"><h3>Check-in</h3>' + checkin
        + "<h3>Confidence</h3>" + confidence
        + f"<h3>Questions and evaluation</h3><p>{len(questions)} question(s) sent, "
        f"{answered} answered. {len(evaluations)} evaluation(s)"
        + (f", presentation {evaluations['presentation'].mean():.1f} and relevance "
           f"{evaluations['relevance'].mean():.1f} out of 5" if len(evaluations) else "")
        + ".</p></div>")


def _mean(row: object, moment: str) -> str:
    value = getattr(row, moment, None) if row is not None else None
    return "–" if value is None or value != value else f"{value:.1f}"


class RoomView(widgets.VBox):
    """The join panel and the room's totals, read again every few seconds."""

    def __init__(self, store: LiveStore, day: Day, address: RoomAddress | None = None,
                 every: float = 10) -> None:
        self.store, self.day = store, day
        self.address = address if address is not None else room_address(day.number)
        self._join = widgets.HTML(join_html(self.address, day.number))
        self._totals = widgets.HTML()
        self._refresh = widgets.Button(description="Refresh", tooltip="Read the totals again")
        self._refresh.on_click(lambda _: self.refresh())
        self._stopped = threading.Event()
        heading = widgets.HTML("<h3>Room totals</h3><p class=\"ipt-room-note\">Anonymous: "
                               "counts and means only, safe to share.</p>")
        totals = widgets.VBox([heading, self._totals, self._refresh])
        totals.add_class("ipt-room-totals-box")
        super().__init__([self._join, totals])
        self.add_class("ipt-room")
        self.refresh()
        threading.Thread(target=self._keep_fresh, args=(every,), daemon=True).start()

    def _keep_fresh(self, every: float) -> None:
        while not self._stopped.wait(every):
            self.refresh()

    def refresh(self) -> None:
        """Read the room's answers again."""
        self._totals.value = totals_html(self.store, self.day)

    def close(self) -> None:
        """Stop reading when the widget goes away."""
        self._stopped.set()
        super().close()
