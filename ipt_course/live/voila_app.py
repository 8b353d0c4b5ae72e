"""Voila with the course's room page added: ``python -m ipt_course.live.voila_app``.

Takes every option ``voila`` takes. With ``CourseVoila.room_day`` set, the same server (same
token) also answers ``/room``, the light page trainees open on their own devices.
"""

from __future__ import annotations

import json
import logging
import uuid
from functools import cache
from importlib.metadata import version
from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.ioloop import IOLoop
from traitlets import Integer, Unicode
from voila.app import Voila

from ipt_course.course import Course, load_course
from ipt_course.live.room import FORMS, Notice, RoomState, is_viewer_id, render_room, submit
from ipt_course.live.server import TEMPLATE
from ipt_course.live.store import LiveStore

VIEWER_COOKIE = "ipt_room_viewer"
NOTICE_COOKIE = "ipt_room_notice"
# Voila's MathJax 2 path loads whatever script this names; ours typesets nothing.
NO_TYPESETTING_SCRIPT = f"voila/templates/{TEMPLATE}/static/no-typesetting.js"
# The scripts Voila's front end fetches as soon as its first script runs, for the Voila release
# they were recorded with; the page asks for them from its head instead, in parallel.
FIRST_SCRIPTS = Path(__file__).resolve().parent / "voila_first_scripts.json"


class RoomContext:
    """The course, day and store one server's room page works with (loaded once)."""

    def __init__(self, course_root: Path, day_number: int) -> None:
        self.course: Course = load_course(course_root)
        self.day = self.course.day(day_number)
        self.store = LiveStore.for_course(self.course.root)


class RoomHandler(JupyterHandler):
    """GET shows the room page; POST to ``room/<form>`` stores a form and comes back."""

    def initialize(self, room: RoomContext) -> None:
        self.room = room

    def set_default_headers(self) -> None:
        super().set_default_headers()
        self.set_header("Cache-Control", "no-store")

    def _viewer(self) -> str:
        viewer = self.get_cookie(VIEWER_COOKIE)
        if not is_viewer_id(viewer):
            viewer = str(uuid.uuid4())
            self.set_cookie(VIEWER_COOKIE, viewer, path=self.base_url, httponly=True,
                            samesite="Strict", expires_days=1)
        return viewer

    async def _page(self, state: RoomState) -> str:
        room = self.room
        return await IOLoop.current().run_in_executor(
            None, lambda: render_room(room.course, room.day, room.store, base_url=self.base_url,
                                      xsrf_field=self.xsrf_form_html(), state=state))

    @web.authenticated
    async def get(self, form: str | None = None) -> None:
        if form is not None:
            self.redirect(url_path_join(self.base_url, "room"))
            return
        self._viewer()
        notice = None
        saved = self.get_signed_cookie(NOTICE_COOKIE, max_age_days=1)
        if saved:
            self.clear_cookie(NOTICE_COOKIE, path=self.base_url)
            try:
                notice = Notice(**json.loads(saved))
            except (TypeError, ValueError):
                notice = None
        self.finish(await self._page(RoomState(notice=notice)))

    @web.authenticated
    async def post(self, form: str | None = None) -> None:
        if form not in FORMS:
            raise web.HTTPError(404)
        fields = {name: self.get_body_argument(name, "", strip=False)
                  for name in self.request.body_arguments
                  if name != "_xsrf"}
        viewer = self._viewer()
        room = self.room
        notice = await IOLoop.current().run_in_executor(
            None, lambda: submit(form, room.store, room.day, viewer, fields))
        if notice.ok:
            self.set_signed_cookie(NOTICE_COOKIE, json.dumps(notice.__dict__),
                                   path=self.base_url, httponly=True, samesite="Strict",
                                   expires_days=1)
            self.redirect(url_path_join(self.base_url, "room") + f"#{form}", status=303)
            return
        # 200, as form frameworks do: the page is the answer, with what to change beside the form.
        self.finish(await self._page(RoomState(notice=notice, values=fields)))


@cache
def first_scripts() -> tuple[str, ...]:
    """Voila's first scripts (file names under its static URL), if recorded for this release."""
    recorded = json.loads(FIRST_SCRIPTS.read_text())
    installed = version("voila")
    if recorded["voila"] != installed:
        logging.getLogger(__name__).warning(
            "No list of first scripts for voila %s (recorded for %s); pages load without "
            "preloading them.", installed, recorded["voila"])
        return ()
    return tuple(recorded["scripts"])


def course_page_config(page_config: dict, base_url: str = "/", **_: object) -> dict:
    """The page configuration with mathematics typesetting left out and Voila's first
    scripts named for the template to preload.

    Course pages hold no mathematics, yet Voila's front end loads MathJax (about 0.9 MB of
    script) on every page before it draws the widgets. Naming a typesetter script in the page
    configuration makes Voila load that script instead, and ours leaves the page as it is.
    """
    return {**page_config, "fullMathjaxUrl": url_path_join(base_url, NO_TYPESETTING_SCRIPT),
            "mathjaxConfig": "none", "preloadScripts": list(first_scripts())}


class CourseVoila(Voila):
    """Voila plus the room page for one course day, without a mathematics typesetter and with
    Voila's first scripts preloaded."""

    room_day = Integer(0, config=True, help="Serve the room page for this day (0: none).")
    course_root = Unicode("", config=True, help="The course folder the room page reads.")

    def initialize(self, argv: list[str] | None = None) -> None:
        super().initialize(argv)
        self.voila_configuration.page_config_hook = course_page_config

    def init_handlers(self) -> list:
        handlers = super().init_handlers()
        if self.room_day:
            room = RoomContext(Path(self.course_root), self.room_day)
            pattern = url_path_join(self.server_url, r"/room(?:/([a-z]+))?/?")
            handlers.insert(0, (pattern, RoomHandler, {"room": room}))
        return handlers


main = CourseVoila.launch_instance

if __name__ == "__main__":
    main()
