"""Logging in again: the trainee's own work stays as they left it, course changes arrive."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipt_course.edition import build_trainee_edition
from tests.conftest import copy_course
from tests.hub.harness import LoopbackHub, Person

pytestmark = pytest.mark.hub

EDITED = "curriculum/day1/01-overview-of-ipt.ipynb"
UNTOUCHED = "curriculum/day1/02-evidence-and-fit.ipynb"
NEW = "curriculum/day1/further-reading.md"
NOTE = "My own note for supervision."
UPDATE = "A correction from the course team."


def notebook_text(person: Person, path: str) -> str:
    reply = person.get(person.server(f"api/contents/{path}"))
    reply.raise_for_status()
    return str(reply.json()["content"])


def change_the_course(hub: LoopbackHub, scratch: Path) -> None:
    """The trainers correct two notebooks, add a reading list and set the hub up again."""
    import nbformat

    course = copy_course(scratch / "course")
    for path in (EDITED, UNTOUCHED):
        notebook = nbformat.read(course / path, as_version=4)
        notebook.cells.append(nbformat.v4.new_markdown_cell(UPDATE))
        nbformat.write(notebook, course / path)
    (course / NEW).write_text("# Further reading\n\nThe IPT manual, chapter 1.\n")
    build_trainee_edition(course, hub.layout.edition, hub=True)
    for path in (hub.layout.edition, *hub.layout.edition.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)


def test_own_work_stays_and_course_changes_arrive(hub: LoopbackHub, trainees: list[Person],
                                                  tmp_path: Path) -> None:
    person = trainees[0]
    model = person.get(person.server(f"api/contents/{EDITED}")).json()
    notebook = model["content"]
    notebook["cells"].append({"cell_type": "markdown", "metadata": {}, "source": NOTE})
    saved = person.send("PUT", person.server(f"api/contents/{EDITED}"),
                        json={"type": "notebook", "format": "json", "content": notebook})
    assert saved.status_code == 200, saved.text

    change_the_course(hub, tmp_path)
    stopped = person.send("DELETE", f"/hub/api/users/{person.name}/server")
    assert stopped.status_code in (202, 204), stopped.text
    hub.wait_for(lambda: not person.get(f"/hub/api/users/{person.name}").json()["servers"],
                 60, f"{person.name}'s server to stop")
    person.log_out()
    person.log_in()
    person.open_course()

    mine = notebook_text(person, EDITED)
    assert NOTE in mine and UPDATE not in mine
    assert UPDATE in notebook_text(person, UNTOUCHED)
    reading = person.get(person.server(f"api/contents/{NEW}")).json()
    assert "Further reading" in reading["content"]
