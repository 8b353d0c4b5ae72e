"""Roster import checks and submission collection (folder, Teams-style zip, hostile zips)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from ipt_course.grading.collect import collect, match_trainee
from ipt_course.grading.roster import RosterError, import_roster, read_roster, roster_ids

ROSTER = {"t001", "t002", "t010", "t0101"}


def _write(path: Path, text: str = "{}") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_roster_reports_every_bad_row_with_its_line(tmp_path: Path) -> None:
    csv = _write(tmp_path / "roster.csv", (
        "\ufeffTrainee ID ,FIRST NAME,last_name, E-mail\n"
        "t001,Alex,One,a1@example.org\n"
        ",No,Id,n@example.org\n"
        "bad/id,Bad,Id,b@example.org\n"
        "T001,Dup,Licate,d@example.org\n"
        "t004,Dee,Four,not-an-email\n"
        "\n"
        "t005,Eve,Five,e5@example.org\n"))
    check = read_roster(csv)
    assert [t.id for t in check.trainees] == ["t001", "t005"]
    assert [(bad.line, bad.message.split(" ")[0]) for bad in check.bad_rows] == [
        (3, "missing"), (4, "bad"), (5, "duplicate"), (6, "bad")]
    assert "first on line 2" in check.bad_rows[2].message
    assert "not-an-email" in check.bad_rows[3].message


def test_roster_without_an_email_column_names_what_is_missing(tmp_path: Path) -> None:
    csv = _write(tmp_path / "roster.csv", "id,first name,last name\nt001,A,B\n")
    with pytest.raises(RosterError, match="line 1: missing column\\(s\\) email"):
        read_roster(csv)


def test_good_rows_reach_the_gradebook(tmp_path: Path) -> None:
    (tmp_path / "course.yaml").write_text("course: {}\n")
    csv = _write(tmp_path / "roster.csv", "id,first name,last name,email\n"
                 "t001,Alex,One,a1@example.org\nt002,Blair,Two,b2@example.org\n")
    assert import_roster(tmp_path, read_roster(csv)) == 2
    assert roster_ids(tmp_path) == {"t001", "t002"}


def test_match_trainee_prefers_the_longest_roster_id() -> None:
    assert match_trainee("t0101_day1-quiz.ipynb", ROSTER) == "t0101"
    assert match_trainee("t010 - Sam Jones", ROSTER) == "t010"
    assert match_trainee("T001", ROSTER) == "t001"
    assert match_trainee("t0011_day1-quiz.ipynb", ROSTER) is None


def _teams_folder(base: Path) -> Path:
    _write(base / "t001 - Alex One" / "day1-quiz" / "day1-quiz.ipynb", '{"cells": []}')
    _write(base / "t001 - Alex One" / "day1-quiz" / "day1-quiz.responses.json")
    _write(base / "t002_day1-quiz.ipynb", '{"cells": [1]}')
    _write(base / "t002_day1-quiz.responses.json")
    _write(base / "t010" / "Untitled.ipynb")
    _write(base / "t010" / "notes.txt", "mine")
    _write(base / "t999_day1-quiz.ipynb")
    _write(base / "day1-quiz.ipynb")
    _write(base / "t0101" / "t0101_day2-quiz.ipynb")
    _write(base / "t001 - Alex One" / ".DS_Store")
    _write(base / "t001 - Alex One" / "day1-quiz" / "day1-quiz.questions.json", "{}")
    _write(base / "t001 - Alex One" / "day1-quiz" / ".day1-quiz.responses.json.lock", "")
    return base


def test_collect_from_a_folder_renames_and_reports(tmp_path: Path) -> None:
    course = tmp_path / "course"
    source = _teams_folder(tmp_path / "download")
    report = collect(course, "day1-quiz", source, ROSTER)
    submitted = course / "submitted"
    assert sorted(entry.trainee for entry in report.collected) == ["t001", "t002", "t010"]
    assert json.loads((submitted / "t002/day1-quiz/day1-quiz.ipynb").read_text()) == {
        "cells": [1]}
    assert (submitted / "t002/day1-quiz/day1-quiz.responses.json").is_file()
    assert (submitted / "t010/day1-quiz/day1-quiz.ipynb").is_file()
    renamed = {entry.trainee: entry.renamed_notebook for entry in report.collected}
    assert renamed == {"t001": False, "t002": False, "t010": True}
    reasons = {item.path: item.reason for item in report.unmatched}
    assert reasons["t999_day1-quiz.ipynb"] == "trainee id 't999' is not on the roster"
    assert "cannot tell" in reasons["day1-quiz.ipynb"]
    assert "day2-quiz" in reasons["t0101/t0101_day2-quiz.ipynb"]
    assert "not a quiz notebook" in reasons["t010/notes.txt"]
    assert report.ignored == ["t001 - Alex One/.DS_Store",
                              "t001 - Alex One/day1-quiz/.day1-quiz.responses.json.lock",
                              "t001 - Alex One/day1-quiz/day1-quiz.questions.json"]
    for item in report.unmatched:
        assert item.kept_as and Path(item.kept_as).is_file()
    saved = json.loads(Path(report.report_file).read_text())
    assert len(saved["unmatched"]) == len(report.unmatched)


def test_collect_keeps_the_newest_duplicate_and_the_replaced_submission(tmp_path: Path) -> None:
    import os

    course = tmp_path / "course"
    first = _write(tmp_path / "one" / "t001_day1-quiz.ipynb", '{"old": 1}')
    collect(course, "day1-quiz", first.parent, ROSTER)
    older = _write(tmp_path / "two" / "t001" / "a.ipynb", '{"older": 1}')
    newer = _write(tmp_path / "two" / "t001_day1-quiz.ipynb", '{"newer": 1}')
    os.utime(older, (1_000_000, 1_000_000))
    os.utime(newer, (2_000_000, 2_000_000))
    report = collect(course, "day1-quiz", tmp_path / "two", ROSTER)
    kept = json.loads((course / "submitted/t001/day1-quiz/day1-quiz.ipynb").read_text())
    assert kept == {"newer": 1}
    assert [item.reason.split(";")[0] for item in report.unmatched] == [
        "duplicate notebook for t001"]
    replaced = list((course / "unmatched" / "day1-quiz").glob("*/replaced/t001/day1-quiz.ipynb"))
    assert [json.loads(path.read_text()) for path in replaced] == [{"old": 1}]


def test_collect_from_a_zip_refuses_escaping_entries(tmp_path: Path) -> None:
    course = tmp_path / "course"
    archive = tmp_path / "teams.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("Day 1 quiz/t001/day1-quiz.ipynb", '{"cells": []}')
        bundle.writestr("Day 1 quiz/t001/day1-quiz.responses.json", "{}")
        bundle.writestr("Day 1 quiz/t002_day1-quiz.ipynb", "{}")
        bundle.writestr("../../evil.ipynb", "boom")
        bundle.writestr("/abs/t001_day1-quiz.ipynb", "boom")
        link = zipfile.ZipInfo("Day 1 quiz/t002_link.ipynb")
        link.external_attr = (0o120777 << 16)
        bundle.writestr(link, "/etc/passwd")
    report = collect(course, "day1-quiz", archive, ROSTER)
    assert sorted(entry.trainee for entry in report.collected) == ["t001", "t002"]
    unsafe = sorted(item.reason.split(" (")[0].split(";")[0] for item in report.unmatched)
    assert unsafe == ["symbolic link in zip", "unsafe path in zip", "unsafe path in zip"]
    assert not (tmp_path / "evil.ipynb").exists()
    assert not Path("/abs/t001_day1-quiz.ipynb").exists()
    assert (course / "submitted/t001/day1-quiz/day1-quiz.responses.json").is_file()
