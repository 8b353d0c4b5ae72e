"""Delivering the trainee edition into a home folder: new files arrive, own work stays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipt_course.edition import MARKER, build_trainee_edition
from ipt_course.hub.homes import RECORD, DeliveryError, deliver
from tests.conftest import copy_course

NOTEBOOK = "curriculum/day1/01-overview-of-ipt.ipynb"
OTHER = "curriculum/day1/02-evidence-and-fit.ipynb"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return copy_course(tmp_path / "course")


def rebuild(course: Path, edition: Path, change: str) -> None:
    for path in (NOTEBOOK, OTHER):
        text = (course / path).read_text()
        (course / path).write_text(text.replace('"cells": [', '"cells": [{"cell_type": '
                                                f'"markdown", "metadata": {{}}, "source": '
                                                f'"{change}"}},', 1))
    (course / "curriculum" / "day1" / "new.md").write_text("# New\n")
    build_trainee_edition(course, edition, hub=True)


def test_first_delivery_copies_the_whole_edition(course: Path, tmp_path: Path) -> None:
    edition = build_trainee_edition(course, tmp_path / "edition", hub=True)
    home = tmp_path / "home"
    home.mkdir()
    outcome = deliver(edition.folder, home)
    assert sorted(outcome.copied) == sorted(edition.files)
    assert (home / NOTEBOOK).read_bytes() == (edition.folder / NOTEBOOK).read_bytes()
    assert (home / ".jupyter" / "labconfig" / "page_config.json").is_file()
    assert not (home / MARKER).exists()
    assert set(json.loads((home / RECORD).read_text())["files"]) == set(edition.files)


def test_later_deliveries_keep_own_work_and_bring_course_changes(course: Path,
                                                                tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    build_trainee_edition(course, edition, hub=True)
    home = tmp_path / "home"
    home.mkdir()
    deliver(edition, home)
    (home / NOTEBOOK).write_text((home / NOTEBOOK).read_text().replace("IPT", "IPT (my note)", 1))
    mine = (home / NOTEBOOK).read_text()
    (home / "curriculum" / "day1" / "README.md").unlink()
    rebuild(course, edition, "Course update")
    outcome = deliver(edition, home)
    assert (home / NOTEBOOK).read_text() == mine
    assert "Course update" in (home / OTHER).read_text()
    assert (home / "curriculum" / "day1" / "new.md").is_file()
    assert not (home / "curriculum" / "day1" / "README.md").exists()
    assert NOTEBOOK in outcome.kept and OTHER in outcome.updated
    assert "curriculum/day1/new.md" in outcome.copied


def test_a_link_planted_in_the_home_is_never_written_through(course: Path,
                                                            tmp_path: Path) -> None:
    edition = build_trainee_edition(course, tmp_path / "edition", hub=True).folder
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    (home / "curriculum").mkdir(parents=True)
    elsewhere.mkdir()
    (home / "README.md").symlink_to(elsewhere / "victim.md")
    outcome = deliver(edition, home)
    assert "README.md" in outcome.kept
    assert not (elsewhere / "victim.md").exists()


def test_no_edition_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DeliveryError, match="no trainee edition here"):
        deliver(tmp_path, tmp_path)


def test_delivery_reads_the_record_the_builder_writes() -> None:
    from ipt_course.edition import MARKER as BUILT
    from ipt_course.hub import homes

    assert homes.MARKER == BUILT
