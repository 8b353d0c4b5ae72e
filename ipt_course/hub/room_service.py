"""Start the live room service: ``python -m ipt_course.hub.room_service``.

JupyterHub gives a service it starts about ten seconds to answer, or it stops the whole hub.
On a busy machine importing the web stack takes a good part of that, so the service's address
is taken first, with the standard library alone; connections wait in the queue until the page
is ready to answer them.
"""

from __future__ import annotations

import os
import socket
from urllib.parse import urlparse


def main() -> None:
    """Listen on the address the hub gave this service, then serve the room page."""
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((url.hostname or "127.0.0.1", url.port or 80))
    listener.listen(128)
    listener.setblocking(False)

    from pathlib import Path

    from tornado.httpserver import HTTPServer
    from tornado.ioloop import IOLoop

    from ipt_course.hub.room_app import make_app

    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/live-room/")
    server = HTTPServer(make_app(Path(os.environ["IPT_COURSE_ROOT"]), prefix), xheaders=True)
    server.add_sockets([listener])
    IOLoop.current().start()


if __name__ == "__main__":
    main()
