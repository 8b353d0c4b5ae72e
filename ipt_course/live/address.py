"""Where trainees open the room page: the address the live page shows, with its QR code.

``ipt-course present`` tells its Voila server the room's address in ``IPT_ROOM_URL`` (kernels
inherit it): this computer's network name with ``--network``, the address given with
``--room-url`` (a hub, or a route the trainer's organisation approves), else loopback, which
only this computer can open. A live page opened in a trainer's server on the course hub knows
the hub's public address from JupyterHub (``public_url`` in ``deploy/cohort.yaml``) and shows
the hub's room page for the day.
"""

from __future__ import annotations

import html
import ipaddress
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlparse

import segno

ROOM_URL_VARIABLE = "IPT_ROOM_URL"
ROOM_KIND_VARIABLE = "IPT_ROOM_KIND"  # "network" or "given"
HUB_ROOM_SERVICE = "live-room"


@dataclass(frozen=True)
class RoomAddress:
    """The room page's address and who can open it."""

    url: str
    where: str  # "hub", "network", "given" or "this computer"

    @property
    def others_can_open(self) -> bool:
        """False for a loopback address: only the computer serving it can open it."""
        return self.where != "this computer"


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this computer only (localhost, 127.x, ::1)."""
    if host.lower() in ("localhost", "localhost.localdomain", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def network_name() -> str:
    """This computer's name on its network, as other devices there can reach it.

    The fully qualified name when the machine has one, else its host name.
    """
    name = socket.getfqdn()
    if is_loopback(name) or "." not in name:
        name = socket.gethostname() or name
    return name


def hub_room_url(public_hub_url: str, day: int) -> str:
    """The hub's room page for ``day``, from the hub's public address (``.../hub/``)."""
    root = public_hub_url.rstrip("/")
    root = root[: -len("/hub")] if root.endswith("/hub") else root
    return f"{root}/services/{HUB_ROOM_SERVICE}/day/{day}/room"


def room_address(day: int, environ: Mapping[str, str] | None = None) -> RoomAddress | None:
    """The room page trainees should open for ``day``, or None when it cannot be known."""
    environ = os.environ if environ is None else environ
    given = environ.get(ROOM_URL_VARIABLE, "").strip()
    if given:
        host = urlparse(given).hostname or ""
        where = ("this computer" if is_loopback(host)
                 else environ.get(ROOM_KIND_VARIABLE, "given"))
        return RoomAddress(given, where)
    public_hub = environ.get("JUPYTERHUB_PUBLIC_HUB_URL", "").strip()
    if public_hub:
        return RoomAddress(hub_room_url(public_hub, day), "hub")
    return None


def qr_svg(url: str, label: str) -> str:
    """A QR code of ``url`` as inline SVG (drawn here; nothing is fetched), with a text label."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True,
                          title=label)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)
