"""How remote trainees reach the room: the address the live page shows, its QR code, the totals."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from ipt_course.course import load_course
from ipt_course.live.address import network_name, room_address
from ipt_course.live.cli import room_link
from ipt_course.live.room_view import RoomView, join_html, totals_html
from ipt_course.live.server import VoilaSettings, voila_environment
from ipt_course.live.store import LiveStore, new_viewer_id


@pytest.fixture
def store(tmp_path: Path) -> LiveStore:
    return LiveStore(f"sqlite:///{tmp_path / 'live.sqlite'}")


def _args(**given) -> argparse.Namespace:
    return argparse.Namespace(**{"network": False, "ip": None, "room_url": "", **given})


def test_present_passes_the_room_address_to_the_live_page(tmp_path: Path) -> None:
    url, kind = room_link(_args(network=True), 8866, "tok")
    assert url == f"http://{network_name()}:8866/room?token=tok" and kind == "network"
    given = "https://hub.example.nhs.uk/services/live-room/day/1/room"
    assert room_link(_args(room_url=given), 8866, "tok") == (given, "given")
    settings = VoilaSettings(target=tmp_path, port=8866, room_url=url, room_kind=kind)
    address = room_address(1, voila_environment(tmp_path / "config", settings))
    assert address.url == url and address.where == "network"
    loopback, _ = room_link(_args(), 8866, "tok")
    assert not room_address(1, {"IPT_ROOM_URL": loopback}).others_can_open


def test_a_live_page_on_the_hub_links_the_hubs_room_page() -> None:
    address = room_address(3, {"JUPYTERHUB_PUBLIC_HUB_URL": "https://ipt.example.nhs.uk/hub/"})
    assert address.url == "https://ipt.example.nhs.uk/services/live-room/day/3/room"
    assert address.where == "hub"
    assert room_address(3, {}) is None


def test_the_join_panel_shows_the_address_with_a_qr_code_drawn_inline() -> None:
    address = room_address(1, {"JUPYTERHUB_PUBLIC_HUB_URL": "https://ipt.example.nhs.uk/hub/"})
    panel = join_html(address, 1)
    assert ">https://ipt.example.nhs.uk/services/live-room/day/1/room</a>" in panel
    assert "<svg" in panel and 'role="img"' in panel and "log in first" in panel
    svg = panel[panel.index("<svg"): panel.index("</svg>")]
    assert "href" not in svg and "<image" not in svg  # nothing for the browser to fetch
    loopback = join_html(room_address(1, {"IPT_ROOM_URL": "http://127.0.0.1:1/room"}), 1)
    assert "<svg" not in loopback and "Only this computer can open this address" in loopback
    assert "--network" in join_html(None, 1)


def test_room_totals_show_counts_and_never_what_anyone_typed(repo_root: Path,
                                                             store: LiveStore) -> None:
    day = load_course(repo_root).day(1)
    assert "No check-ins yet" in totals_html(store, day)
    store.check_in(1, new_viewer_id(), 4, "exhausted")
    store.check_in(1, new_viewer_id(), 2, "anxious")
    store.ask(1, new_viewer_id(), "What if my client says she wants to die?")
    store.evaluate(1, new_viewer_id(), 5, 4, "The trainer ran over time")
    shown = totals_html(store, day)
    assert "2 check-in(s), mean 3.0 out of 5" in shown
    assert "1 question(s) sent, 0 answered. 1 evaluation(s)" in shown
    for typed in ("exhausted", "anxious", "wants to die", "ran over time"):
        assert typed not in shown
    view = RoomView(store, day, address=None, every=3600)
    store.check_in(1, new_viewer_id(), 5, "fine")
    view._refresh.click()
    assert "3 check-in(s)" in view._totals.value
    view.close()
