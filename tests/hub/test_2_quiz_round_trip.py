"""The Day 1 quiz went round: every submission graded, each trainee their own feedback."""

from __future__ import annotations

import re

import pytest

from tests.hub.harness import LoopbackHub
from tests.hub.quiz_flow import QUIZ, keyed

pytestmark = pytest.mark.hub


def test_every_submission_was_collected_and_graded(hub: LoopbackHub,
                                                   round_trip: dict[str, str]) -> None:
    submitted = sorted(p.name for p in (hub.layout.course / "submitted").iterdir())
    assert submitted == sorted(hub.trainees)
    for name in hub.trainees:
        assert (hub.layout.course / "autograded" / name / QUIZ / f"{QUIZ}.ipynb").is_file()


def test_each_trainee_gets_their_own_feedback(hub: LoopbackHub,
                                              round_trip: dict[str, str]) -> None:
    first = keyed()[0]
    points = f"{first['points']:g}"
    for number, name in enumerate(hub.trainees, 1):
        page = re.sub(r"\s+", " ", round_trip[name])
        assert f"Trainee {number}</strong>" in page
        others = [n for n in range(1, len(hub.trainees) + 1) if n != number]
        assert all(f"Trainee {n}</strong>" not in page for n in others)
        status = {1: f"Correct ({points} of {points})", 2: f"Not correct (0 of {points})",
                  3: "Not answered"}[number]
        assert f"<h2>Question 1: {status}" in page, name


def test_feedback_holds_no_answer_key(round_trip: dict[str, str]) -> None:
    for page in round_trip.values():
        assert "BEGIN HIDDEN TESTS" not in page and "score_saved_answer" not in page
