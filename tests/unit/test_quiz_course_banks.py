"""The course's own quiz banks: valid, generated files up to date, no key in release/."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipt_course.course import load_course
from ipt_course.quiz.bank import load_bank, validate_bank_file
from ipt_course.quiz.generate import find_leaks, stale_files

REPO = Path(__file__).resolve().parents[2]
COURSE = load_course(REPO)
BANKS = [day.quiz for day in COURSE.days if day.quiz]


@pytest.mark.parametrize("bank_path", BANKS)
def test_bank_is_valid(bank_path: str) -> None:
    assert [str(p) for p in validate_bank_file(REPO / bank_path, COURSE)] == []


@pytest.mark.parametrize("bank_path", BANKS)
def test_source_is_up_to_date(bank_path: str) -> None:
    stale = stale_files(load_bank(REPO / bank_path), REPO)
    assert stale == [], f"run: ipt-course quiz build --all  ({stale})"


@pytest.mark.parametrize("bank_path", BANKS)
def test_release_exists_and_leaks_nothing(bank_path: str) -> None:
    bank = load_bank(REPO / bank_path)
    folder = REPO / "release" / bank.id
    assert (folder / f"{bank.id}.ipynb").is_file(), "run: ipt-course quiz build --all"
    assert (folder / f"{bank.id}.questions.json").is_file()
    assert find_leaks(folder) == []
