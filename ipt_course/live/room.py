"""The room page: what trainees open on their own devices during a live day.

A plain HTML page with forms (check-in, confidence, a question, the evaluation and, when the
trainer turns it on, a sign-in), served by the same server as the live page and writing to
the same store. It needs no JavaScript and no kernel, so a whole room can open it at once on
a small machine, and it works in locked-down browsers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from ipt_course.course import Course, Day
from ipt_course.live.agenda import AUTOMATIC, AgendaModel
from ipt_course.live.store import (
    MAX_NAME,
    MAX_TEXT,
    MAX_WORD,
    SESSION_OVERRIDE,
    LiveInputError,
    LiveStore,
)
from ipt_course.live.wording import (
    CHECKIN_THANKS,
    EVALUATION_THANKS,
    QUESTION_THANKS,
    confidence_thanks,
    signed_in,
)

TEMPLATES = Path(__file__).resolve().parent / "share" / "room"
FORMS = ("checkin", "confidence", "question", "evaluation", "signin")
VIEWER = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Longest value each form's fields may hold; ratings and choices are a few characters.
FIELD_LIMITS: dict[str, dict[str, int]] = {
    "checkin": {"rating": 1, "word": MAX_WORD},
    "confidence": {"moment": 5, "rating-*": 1},
    "question": {"text": MAX_TEXT},
    "evaluation": {"presentation": 1, "relevance": 1, "comment": MAX_TEXT},
    "signin": {"name": MAX_NAME},
}
GIVEN_BACK = 4  # a refused text is given back for editing up to this many times its limit


@dataclass
class Notice:
    """A message shown under one form: thanks, or what to change."""

    form: str
    text: str
    ok: bool = True


@dataclass
class RoomState:
    """What one rendering of the room page shows besides the day itself."""

    notice: Notice | None = None
    values: dict[str, str] = field(default_factory=dict)


def is_viewer_id(value: str | None) -> bool:
    """Whether ``value`` looks like an id this page handed out (a random UUID)."""
    return bool(value and VIEWER.match(value))


def _rating(fields: Mapping[str, str], name: str) -> int | None:
    """A 1-5 rating from a form field, or None when none was chosen."""
    value = (fields.get(name) or "").strip()
    return int(value) if value in {"1", "2", "3", "4", "5"} else None


def _checkin(store: LiveStore, day: Day, viewer: str, fields: Mapping[str, str]) -> str:
    store.check_in(day.number, viewer, _rating(fields, "rating"), fields.get("word", ""))
    return CHECKIN_THANKS


def _confidence(store: LiveStore, day: Day, viewer: str, fields: Mapping[str, str]) -> str:
    chosen = {o.id: _rating(fields, f"rating-{o.id}") for o in day.outcomes}
    chosen = {outcome: value for outcome, value in chosen.items() if value is not None}
    moment = fields.get("moment", "start")
    store.rate_confidence(day.number, viewer, moment, chosen)
    return confidence_thanks(len(chosen), len(day.outcomes) - len(chosen), moment)


def _question(store: LiveStore, day: Day, viewer: str, fields: Mapping[str, str]) -> str:
    store.ask(day.number, viewer, fields.get("text", ""))
    return QUESTION_THANKS


def _evaluation(store: LiveStore, day: Day, viewer: str, fields: Mapping[str, str]) -> str:
    store.evaluate(day.number, viewer, _rating(fields, "presentation"),
                   _rating(fields, "relevance"), fields.get("comment", ""))
    return EVALUATION_THANKS


def _signin(store: LiveStore, day: Day, _viewer: str, fields: Mapping[str, str]) -> str:
    if not store.named_attendance:
        raise LiveInputError("Signing in is not needed today: your trainer keeps the "
                             "register.")
    store.sign_in(day.number, fields.get("name", ""))
    return signed_in(day.number)


SUBMIT: dict[str, Callable[[LiveStore, Day, str, Mapping[str, str]], str]] = {
    "checkin": _checkin, "confidence": _confidence, "question": _question,
    "evaluation": _evaluation, "signin": _signin,
}


def field_limit(form: str, name: str) -> int | None:
    """The longest value ``name`` may hold in ``form``; None for a field the form lacks."""
    limits = FIELD_LIMITS.get(form, {})
    if name in limits:
        return limits[name]
    return limits.get(name.split("-", 1)[0] + "-*") if "-" in name else None


def given_back(form: str, fields: Mapping[str, str]) -> dict[str, str]:
    """What a refused form may show again: only its own fields, and none far over its limit.

    Checked before anything is echoed, so a page never sends a huge paste back to the room.
    """
    kept = {}
    for name, value in fields.items():
        limit = field_limit(form, name)
        if limit is not None and len(value) <= GIVEN_BACK * limit:
            kept[name] = value
    return kept


def _far_too_long(form: str, fields: Mapping[str, str]) -> Notice | None:
    for name, value in fields.items():
        limit = field_limit(form, name)
        if limit is not None and len(value) > GIVEN_BACK * limit:
            return Notice(form, f"That was {len(value):,} characters, far more than this box "
                                f"takes ({limit:,}), so it was not kept and nothing was saved. "
                                "Please write a shorter answer.", ok=False)
    return None


def too_large(form: str, size: int, limit: int) -> Notice:
    """The notice for a post larger than the room page reads at all."""
    return Notice(form, f"That was {size / 1024:,.0f} KB, far more than the room page takes "
                        f"({limit // 1024} KB), so nothing was read or saved. Your text is "
                        "still on the page you came from: go back, shorten it and send it "
                        "again.", ok=False)


def submit(form: str, store: LiveStore, day: Day, viewer: str,
           fields: Mapping[str, str]) -> Notice:
    """Store one form's answers; the notice says thank you or what to change."""
    if form not in SUBMIT:
        raise KeyError(form)
    refused = _far_too_long(form, fields)
    if refused:
        return refused
    try:
        return Notice(form, SUBMIT[form](store, day, viewer, fields))
    except LiveInputError as problem:
        return Notice(form, str(problem), ok=False)


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


ENVIRONMENT = _environment()


def agenda_rows(model: AgendaModel) -> list[dict]:
    """The day's sessions for the page's agenda table, the current one marked."""
    current = model.current()
    return [{"time": f"{s.start:%H:%M}–{s.end:%H:%M}", "title": s.title,
             "is_break": s.kind == "break", "current": current is not None and s.id == current.id}
            for s in model.day.sessions]


def render_room(course: Course, day: Day, store: LiveStore, *, base_url: str = "/",
                xsrf_field: str = "", state: RoomState | None = None,
                clock: Callable[[], dt.time] | None = None) -> str:
    """The room page's HTML for ``day``."""
    state = state or RoomState()
    model = AgendaModel(day, clock=clock,
                        trainer_choice=lambda: store.setting(SESSION_OVERRIDE, AUTOMATIC))
    return ENVIRONMENT.get_template("room.html.j2").render(
        course=course.course, day=day, status=model.status(), agenda=agenda_rows(model),
        base_url=base_url, xsrf_field=Markup(xsrf_field) if xsrf_field else "",
        notice=state.notice, values=state.values, named_attendance=store.named_attendance)
