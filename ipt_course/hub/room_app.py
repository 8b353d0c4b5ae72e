"""The live room page as a JupyterHub service (started by :mod:`ipt_course.hub.room_service`).

Trainees open it from the hub (Services > live-room) while logged in; the hub's OAuth says who
may (the ``access:services!service=live-room`` scope every course account has). It renders
the same room page and stores answers in the same live store as ``ipt-course present``, reading
the course at ``IPT_COURSE_ROOT``; it runs as the grader account, so trainees never get the
course folder itself. Answers stay anonymous: a random viewer id, as on the live server.
"""

from __future__ import annotations

import json
import os
import secrets
import uuid
from pathlib import Path

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import web

from ipt_course.course import Course, load_course
from ipt_course.live.room import FORMS, Notice, RoomState, is_viewer_id, render_room, submit
from ipt_course.live.store import LiveStore

VIEWER_COOKIE = "ipt_room_viewer"
NOTICE_COOKIE = "ipt_room_notice"


class RoomBase(HubOAuthenticated, web.RequestHandler):
    """Hub-authenticated handlers sharing the course and the live store."""

    @property
    def course(self) -> Course:
        return self.settings["course"]

    @property
    def store(self) -> LiveStore:
        return self.settings["store"]

    @property
    def prefix(self) -> str:
        return self.settings["prefix"]

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy", "frame-ancestors 'none'")

    def day_or_404(self, number: str):
        try:
            return self.course.day(int(number))
        except (KeyError, ValueError):
            raise web.HTTPError(404) from None


class DayList(RoomBase):
    """The service's front page: one link per course day."""

    @web.authenticated
    def get(self) -> None:
        links = "".join(
            f'<li><a href="{url_path_join(self.prefix, "day", str(day.number), "room")}">'
            f"Day {day.number}: {web.escape.xhtml_escape(day.title)}</a></li>"
            for day in self.course.days)
        self.finish("<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<title>Live room</title></head><body><main><h1>Live room</h1>"
                    f"<p>Choose today's course day.</p><ul>{links}</ul></main></body></html>")


class DayStart(RoomBase):
    """A day's own address leads to its room page."""

    @web.authenticated
    def get(self, number: str) -> None:
        self.redirect(url_path_join(self.prefix, "day", number, "room"))


class RoomPage(RoomBase):
    """GET shows a day's room page; POST to ``room/<form>`` stores a form and comes back."""

    def _viewer(self) -> str:
        viewer = self.get_cookie(VIEWER_COOKIE)
        if not is_viewer_id(viewer):
            viewer = str(uuid.uuid4())
            self.set_cookie(VIEWER_COOKIE, viewer, path=self.prefix, httponly=True,
                            samesite="Strict", expires_days=1)
        return viewer

    def _render(self, day, state: RoomState) -> str:
        base = url_path_join(self.prefix, "day", str(day.number)) + "/"
        return render_room(self.course, day, self.store, base_url=base,
                           xsrf_field=self.xsrf_form_html(), state=state)

    @web.authenticated
    def get(self, number: str, form: str | None = None) -> None:
        day = self.day_or_404(number)
        if form is not None:
            self.redirect(url_path_join(self.prefix, "day", number, "room"))
            return
        self._viewer()
        notice = None
        saved = self.get_signed_cookie(NOTICE_COOKIE, max_age_days=1)
        if saved:
            self.clear_cookie(NOTICE_COOKIE, path=self.prefix)
            try:
                notice = Notice(**json.loads(saved))
            except (TypeError, ValueError):
                notice = None
        self.finish(self._render(day, RoomState(notice=notice)))

    @web.authenticated
    def post(self, number: str, form: str | None = None) -> None:
        day = self.day_or_404(number)
        if form not in FORMS:
            raise web.HTTPError(404)
        fields = {name: self.get_body_argument(name, "", strip=False)
                  for name in self.request.body_arguments if name != "_xsrf"}
        notice = submit(form, self.store, day, self._viewer(), fields)
        if notice.ok:
            self.set_signed_cookie(NOTICE_COOKIE, json.dumps(notice.__dict__),
                                   path=self.prefix, httponly=True, samesite="Strict",
                                   expires_days=1)
            self.redirect(url_path_join(self.prefix, "day", number, "room") + f"#{form}",
                          status=303)
            return
        self.finish(self._render(day, RoomState(notice=notice, values=fields)))


def make_app(course_root: Path, prefix: str) -> web.Application:
    """The service's tornado application for the course at ``course_root``."""
    course = load_course(course_root)
    return web.Application(
        [
            (prefix, DayList),
            (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
            (url_path_join(prefix, r"day/(\d)/?"), DayStart),
            (url_path_join(prefix, r"day/(\d)/room(?:/([a-z]+))?/?"), RoomPage),
        ],
        course=course, store=LiveStore.for_course(course.root), prefix=prefix,
        cookie_secret=secrets.token_bytes(32), xsrf_cookies=True,
        hub_auth=_hub_auth(prefix))


def _hub_auth(prefix: str):
    from jupyterhub.services.auth import HubOAuth

    return HubOAuth(api_token=os.environ["JUPYTERHUB_API_TOKEN"], cache_max_age=60,
                    base_url=prefix)
