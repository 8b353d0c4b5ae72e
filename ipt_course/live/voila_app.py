"""Voila with the course's room page added: ``python -m ipt_course.live.voila_app``.

Takes every option ``voila`` takes. With ``CourseVoila.room_day`` set, the same server (same
token) also answers ``/room``, the light page trainees open on their own devices.

Anyone with the room link can send to this server, in front of the room, so it reads little:
a request body over ``MAX_BODY_BYTES`` (Tornado's default is 100 MB) or a widget message over
``MAX_MESSAGE_BYTES`` is refused before it is read, and a room form over ``ROOM_BODY_BYTES`` is
answered with a short page without keeping what was sent. Room posts need the room page's own
form token and must come from the room page itself (Origin or Referer), with or without the
token in the address: Jupyter skips both checks for requests carrying the token, and the room
token is handed to every trainee.
"""

from __future__ import annotations

import functools
import json
import logging
import uuid
from functools import cache
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlparse

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import httputil, web
from tornado.ioloop import IOLoop
from traitlets import Integer, Unicode
from voila.app import Voila

from ipt_course.course import Course, load_course
from ipt_course.live.room import (
    FORMS,
    Notice,
    RoomState,
    given_back,
    is_viewer_id,
    render_room,
    submit,
    too_large,
)
from ipt_course.live.server import TEMPLATE
from ipt_course.live.store import LiveStore

MAX_BODY_BYTES = 1024 * 1024
MAX_BUFFER_BYTES = 4 * 1024 * 1024
MAX_MESSAGE_BYTES = 1024 * 1024
ROOM_BODY_BYTES = 64 * 1024
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


@web.stream_request_body
class RoomHandler(JupyterHandler):
    """GET shows the room page; POST to ``room/<form>`` stores a form and comes back.

    The body is streamed so that its size is known before it is read: a form over
    ``ROOM_BODY_BYTES`` is read past without being kept, and answered with a short page.
    """

    def initialize(self, room: RoomContext) -> None:
        self.room = room
        self._body = bytearray()
        self._oversized = 0

    def set_default_headers(self) -> None:
        super().set_default_headers()
        self.set_header("Cache-Control", "no-store")

    def check_xsrf_cookie(self) -> None:
        """Checked in ``post`` once the form is read, token in the address or not."""

    def _same_origin(self) -> bool:
        host = self.request.headers.get("Host", "")
        sent_from = self.request.headers.get("Origin") or self.request.headers.get("Referer")
        return bool(host and sent_from) and urlparse(sent_from).netloc == host

    async def prepare(self) -> None:
        await super().prepare()
        if self._finished or self.request.method != "POST":
            return
        if not self._same_origin():
            raise web.HTTPError(403, "Room posts come from the room page only")
        length = self.request.headers.get("Content-Length") or "0"
        if not length.isdigit():
            raise web.HTTPError(400, "Bad Content-Length")
        if int(length) > ROOM_BODY_BYTES:
            self._oversized = int(length)

    def data_received(self, chunk: bytes) -> None:
        if self._oversized:  # read past, never kept
            return
        self._body += chunk
        if len(self._body) > ROOM_BODY_BYTES:  # a body sent in chunks, without a length
            self._oversized = len(self._body)
            self._body = bytearray()

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

    def _read_form(self) -> dict[str, str]:
        """The posted fields, once the page's own form token is checked."""
        arguments: dict[str, list[bytes]] = {}
        httputil.parse_body_arguments(self.request.headers.get("Content-Type", ""),
                                      bytes(self._body), arguments, {}, self.request.headers)
        self.request.body_arguments = arguments
        for name, values in arguments.items():
            self.request.arguments.setdefault(name, []).extend(values)
        web.RequestHandler.check_xsrf_cookie(self)  # Tornado's check, never skipped for tokens
        return {name: self.get_body_argument(name, "", strip=False)
                for name in arguments if name != "_xsrf"}

    @web.authenticated
    async def post(self, form: str | None = None) -> None:
        if form not in FORMS:
            raise web.HTTPError(404)
        if self._oversized:
            self.set_status(413)
            notice = too_large(form, self._oversized, ROOM_BODY_BYTES)
            self.finish(await self._page(RoomState(notice=notice)))
            return
        fields = self._read_form()
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
        self.finish(await self._page(RoomState(notice=notice, values=given_back(form, fields))))


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

    def listen(self) -> None:
        """Listen as Voila does, with a request body limit far below Tornado's 100 MB."""
        self.app.settings.setdefault("websocket_max_message_size", MAX_MESSAGE_BYTES)
        # Voila calls ``self.app.listen(port, ip)`` with Tornado's default limits.
        self.app.listen = functools.partial(self.app.listen, max_body_size=MAX_BODY_BYTES,
                                            max_buffer_size=MAX_BUFFER_BYTES)
        super().listen()

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
