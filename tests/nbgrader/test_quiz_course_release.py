"""The committed release/ is exactly what nbgrader makes from the committed source/."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipt_course.course import load_course
from ipt_course.quiz.bank import load_bank
from ipt_course.quiz.generate import release_quiz

pytestmark = pytest.mark.nbgrader


def test_release_matches_a_fresh_generate_assignment(course_copy: Path, repo_root: Path) -> None:
    course = load_course(course_copy)
    banks = [load_bank(course_copy / day.quiz) for day in course.days if day.quiz]
    assert banks
    for bank in banks:
        (course_copy / "gradebook.db").unlink(missing_ok=True)
        release_quiz(bank.id, course_copy)
        fresh = course_copy / "release" / bank.id
        committed = repo_root / "release" / bank.id
        assert sorted(p.name for p in fresh.iterdir()) == sorted(
            p.name for p in committed.iterdir())
        for path in fresh.iterdir():
            assert path.read_bytes() == (committed / path.name).read_bytes(), (
                f"release/{bank.id}/{path.name} is out of date: run ipt-course quiz build --all")
