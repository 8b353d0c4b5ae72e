"""What a trainee must not reach, tried the ways a trainee could: the hub, their kernel, the
exchange; and what they should reach: the room page, through the hub."""

from __future__ import annotations

import json
import pwd
import re

import pytest
import requests

from ipt_course.live.store import LiveStore
from ipt_course.live.wording import CHECKIN_THANKS
from tests.hub.harness import LoopbackHub, Person
from tests.hub.quiz_flow import QUIZ

pytestmark = pytest.mark.hub

TRAINER_PAGES = ("formgrader", "formgrader/manage_assignments", "formgraders",
                 "voila/render/dashboards/quiz-results.ipynb", "api/contents/quizzes/day1.yaml",
                 "api/contents/gradebook.db", f"api/contents/submitted/{{a}}/{QUIZ}",
                 "lab/tree/quizzes/day1.yaml")


def test_another_trainees_files_are_403_through_the_hub(trainees: list[Person],
                                                         round_trip: dict[str, str]) -> None:
    a, b = trainees[0], trainees[1]
    for path in (f"api/contents/{QUIZ}", f"api/contents/{QUIZ}/{QUIZ}.responses.json",
                 f"files/{QUIZ}/feedback", "lab"):
        reply = b.get(f"/user/{a.name}/{path}")
        assert reply.status_code == 403, (path, reply.status_code)
    for path in (f"%2E%2E/{a.name}/{QUIZ}", f"%2E%2E%2F{a.name}%2F{QUIZ}",
                 "%2E%2E/%2E%2E/etc/passwd", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd"):
        reply = b.get(b.server(f"api/contents/{path}"))  # leaving the home folder
        if reply.ok:  # the proxy resolved the dots itself: the request stayed in b's server
            assert a.name not in reply.text and "root:x:0:0" not in reply.text, path
        else:
            assert reply.status_code in (400, 403, 404), (path, reply.status_code)


def test_a_trainees_own_code_cannot_read_keys_gradebook_or_other_work(
        hub: LoopbackHub, trainees: list[Person], round_trip: dict[str, str]) -> None:
    a, b = trainees[0], trainees[1]
    course, exchange = hub.layout.course, hub.exchange / "ipt-level-a"
    files = {
        "another trainee's answers": f"{pwd.getpwnam(a.name).pw_dir}/{QUIZ}/{QUIZ}.responses.json",
        "the quiz bank": f"{course}/quizzes/day1.yaml",
        "the instructor notebook": f"{course}/source/{QUIZ}/{QUIZ}.ipynb",
        "the gradebook": f"{course}/gradebook.db",
        "a collected submission": f"{course}/submitted/{a.name}/{QUIZ}/{QUIZ}.ipynb",
        "another trainee's feedback": f"{course}/feedback/{a.name}/{QUIZ}/{QUIZ}.html",
    }
    folders = {"the exchange's submissions": f"{exchange}/inbound",
               "the exchange's feedback": f"{exchange}/feedback",
               "another trainee's home": pwd.getpwnam(a.name).pw_dir}
    code = (f"import json, os\nfiles = json.loads({json.dumps(json.dumps(files))})\n"
            f"folders = json.loads({json.dumps(json.dumps(folders))})\nseen = {{}}\n"
            "for what, path in files.items():\n"
            "    try:\n        open(path, 'rb').read(1); seen[what] = 'read'\n"
            "    except PermissionError:\n        seen[what] = 'denied'\n"
            "for what, path in folders.items():\n"
            "    try:\n        os.listdir(path); seen[what] = 'listed'\n"
            "    except PermissionError:\n        seen[what] = 'denied'\n"
            "print(json.dumps(seen))")
    kernel = b.start_kernel(f"{QUIZ}/{QUIZ}.ipynb")
    ran = b.run(kernel, code)
    assert ran["status"] == "ok", ran
    seen = json.loads(ran["stdout"])
    assert seen == dict.fromkeys([*files, *folders], "denied")
    for path in files.values():  # the things tried exist: the denials are real
        assert __import__("os").path.exists(path), path


def test_trainer_pages_are_403_for_trainees_and_open_for_the_trainer(
        hub: LoopbackHub, trainees: list[Person], trainer: Person,
        round_trip: dict[str, str]) -> None:
    trainer.open_course()
    assert trainer.get(trainer.server("formgrader")).status_code == 200
    assert trainer.get(trainer.server("api/contents/quizzes/day1.yaml")).status_code == 200
    dashboard = trainer.get(trainer.server("voila/render/dashboards/quiz-results.ipynb"))
    assert dashboard.status_code == 200
    for person in trainees:
        for page in TRAINER_PAGES:
            path = f"/user/{hub.trainer}/{page.format(a=person.name)}"
            assert person.get(path).status_code == 403, (person.name, path)
        assert person.get("/hub/admin").status_code == 403
        assert person.get("/hub/authorize").status_code == 403


def test_the_room_page_is_open_to_trainees_through_the_hub(
        hub: LoopbackHub, trainees: list[Person]) -> None:
    person = trainees[2]
    days = person.get("/services/live-room/")
    assert days.status_code == 200 and "Day 1:" in days.text
    room = person.get("/services/live-room/day/1/room")
    assert room.status_code == 200 and "Check-in" in room.text
    token = re.search(r'name="_xsrf" value="([^"]+)"', room.text).group(1)
    sent = person.http.post(f"{hub.url}/services/live-room/day/1/room/checkin",
                            data={"_xsrf": token, "rating": "4", "word": "curious"}, timeout=60)
    assert sent.status_code == 200 and CHECKIN_THANKS in sent.text
    summary = LiveStore.for_course(hub.layout.course).checkin_summary(1)
    assert summary["count"] == 1 and summary["words"] == {"curious": 1}
    stranger = requests.get(f"{hub.url}/services/live-room/day/1/room", timeout=60)
    assert "/hub/login" in stranger.url


def test_the_idle_culler_runs_as_a_hub_service(trainer: Person) -> None:
    listed = trainer.get("/hub/api/services").json()
    assert {"idle-culler", "live-room"} <= set(listed)
    assert listed["idle-culler"]["pid"] and not listed["idle-culler"]["url"]
