"""Hub tier: one real JupyterHub with configurable-http-proxy on loopback for the whole run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.hub import quiz_flow
from tests.hub.harness import LoopbackHub, Person


@pytest.fixture(scope="session")
def hub() -> Iterator[LoopbackHub]:
    """The cohort's hub: three trainees, one trainer, the grader account (removed after)."""
    if os.geteuid() != 0:
        pytest.fail("the hub tier makes system accounts: run it as root (CI does)",
                    pytrace=False)
    cohort = LoopbackHub(trainees=3)
    try:
        cohort.start()
        yield cohort
    finally:
        cohort.close()


@pytest.fixture(scope="session")
def trainees(hub: LoopbackHub) -> list[Person]:
    """Three trainees who signed up, logged in through the hub's form and opened the course."""
    people = [Person(hub, name) for name in hub.trainees]
    for person in people:
        person.sign_up()
        person.log_in()
    with ThreadPoolExecutor(len(people)) as pool:
        list(pool.map(lambda person: person.open_course(), people))
    return people


@pytest.fixture(scope="session")
def trainer(hub: LoopbackHub) -> Person:
    """The trainer, logged in to the hub (no server of their own needed)."""
    person = Person(hub, hub.trainer)
    person.sign_up()
    person.log_in()
    return person


@pytest.fixture(scope="session")
def round_trip(hub: LoopbackHub, trainees: list[Person]) -> dict[str, str]:
    """The Day 1 quiz released, answered, submitted, graded and returned (see quiz_flow)."""
    return quiz_flow.round_trip(hub, trainees)
