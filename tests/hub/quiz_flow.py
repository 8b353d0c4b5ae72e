"""The Day 1 quiz through nbgrader's exchange on the hub, from release to each trainee's feedback.

Trainees fetch and submit with the assignment list's own endpoints (what its Fetch and Submit
buttons call) and answer in a real kernel: the notebook's cells run as JupyterLab would run
them, and answers are given to the quiz's answer models, which save them at once. The trainer's
steps run as the trainer in the shared course folder, as in a terminal of their own server:
nbgrader's release and collect, ``ipt-course grade`` autograde and feedback, nbgrader's
release of the feedback.
"""

from __future__ import annotations

import json
import re

import yaml

from tests.hub.harness import REPO, LoopbackHub, Person

QUIZ = "day1-quiz"
NOTEBOOK = f"{QUIZ}/{QUIZ}.ipynb"


def bank() -> list[dict]:
    return yaml.safe_load((REPO / "quizzes" / "day1.yaml").read_text())["questions"]


def keyed() -> list[dict]:
    return [question for question in bank() if "answer" in question]


def wrong(question: dict) -> object:
    """An answer of the right shape that is not the key."""
    if question["type"] == "single":
        return next(o["id"] for o in question["options"] if o["id"] != question["answer"])
    if question["type"] == "numeric":
        return question["answer"] + 100
    return None


def answers_for(number: int) -> dict[str, object]:
    """Trainee 1 answers everything right, trainee 2 the first question wrong, trainee 3 nothing."""
    if number == 1:
        return {q["id"]: q["answer"] for q in keyed()}
    if number == 2:
        first = keyed()[0]
        return {first["id"]: wrong(first)}
    return {}


def action(person: Person, what: str) -> dict:
    reply = person.send("POST", person.server(f"assignments/{what}"),
                        data={"course_id": "ipt-level-a", "assignment_id": QUIZ})
    assert reply.status_code == 200, reply.text
    outcome = reply.json()
    assert outcome["success"], outcome
    return outcome


def take_quiz(person: Person, answers: dict[str, object]) -> None:
    notebook = person.get(person.server(f"api/contents/{NOTEBOOK}")).json()["content"]
    kernel = person.start_kernel(NOTEBOOK)
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            ran = person.run(kernel, "".join(cell["source"]))
            assert ran["status"] == "ok", (cell["source"], ran)
    code = ("import json\nfrom ipt_course.quiz.widgets import current_session\n"
            "session = current_session()\n"
            f"for qid, value in json.loads({json.dumps(json.dumps(answers))}).items():\n"
            "    session.model(qid).value = value\n"
            "print(len(session.unanswered()))")
    ran = person.run(kernel, code)
    assert ran["status"] == "ok", ran
    # Written answers count as unanswered until typed, as the hand-in check says.
    assert int(ran["stdout"]) == len(bank()) - len(answers)


def round_trip(hub: LoopbackHub, trainees: list[Person]) -> dict[str, str]:
    """Release, three submissions, grading and feedback; returns each trainee's feedback page."""
    python = hub.python
    hub.as_trainer(python, "-m", "nbgrader", "release_assignment", QUIZ)
    for number, person in enumerate(trainees, 1):
        listed = person.get(person.server("assignments"), params={"course_id": "ipt-level-a"})
        assert [a["assignment_id"] for a in listed.json()["value"]
                if a["status"] == "released"] == [QUIZ]
        action(person, "fetch")
        take_quiz(person, answers_for(number))
        action(person, "submit")
    hub.as_trainer(python, "-m", "nbgrader", "collect", QUIZ)
    graded = hub.as_trainer(python, "-m", "ipt_course.cli", "grade", "autograde", QUIZ,
                           "--no-progress", "--jobs", "1", check=False)
    automatic = sum(q["points"] for q in keyed())
    match = re.search(rf"{trainees[0].name}\s+(\d+)/(\d+)\s+ok", graded.stdout)
    assert match, graded.stdout + graded.stderr
    full, total = match.groups()
    assert int(full) == automatic, graded.stdout  # the reflection waits for the trainer
    assert re.search(rf"{trainees[1].name}\s+0/{total}\s+ok", graded.stdout), graded.stdout
    assert f"{trainees[2].name}          0/{total}  responses file missing" in graded.stdout
    written = hub.as_trainer(python, "-m", "ipt_course.cli", "grade", "feedback", QUIZ,
                             "--no-progress", check=False)
    for person in trainees:
        assert f"{person.name}: feedback written" in written.stdout, written.stdout + written.stderr
    hub.as_trainer(python, "-m", "nbgrader", "release_feedback", QUIZ)
    pages = {}
    for person in trainees:
        action(person, "fetch_feedback")
        folder = person.get(person.server(f"api/contents/{QUIZ}/feedback")).json()["content"]
        assert len(folder) == 1, folder
        files = person.get(person.server(f"api/contents/{folder[0]['path']}")).json()["content"]
        assert [item["name"] for item in files] == [f"{QUIZ}.html"]
        page = person.get(person.server(f"api/contents/{files[0]['path']}"),
                          params={"format": "text"}).json()["content"]
        pages[person.name] = page
    return pages


