"""Attendance registers: marking, CSV import, the rule, and the command line."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from ipt_course.course import load_course
from ipt_course.live.attendance import (
    attendance_matrix,
    attendance_verdict,
    days_attended,
    import_register,
    mark_present,
    read_register_csv,
    register,
    required_days,
    roster,
)
from ipt_course.live.store import LiveStore
from ipt_course.live.trainer_cli import register_trainer


@pytest.fixture
def store(course_copy: Path, monkeypatch: pytest.MonkeyPatch) -> LiveStore:
    monkeypatch.delenv("IPT_LIVE_DATABASE", raising=False)
    return LiveStore.for_course(course_copy)


def run(root: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root")
    register_trainer(parser.add_subparsers())
    args = parser.parse_args(["--root", str(root), *argv])
    return args.func(args)


def test_the_rule_reads_days_1_to_5_from_course_yaml(course_copy: Path) -> None:
    assert required_days(load_course(course_copy)) == [1, 2, 3, 4, 5]


def test_attendance_verdict_names_the_missing_days() -> None:
    assert attendance_verdict([1, 2, 3, 4, 5], {1, 2, 3, 4, 5}) == (True, "")
    assert attendance_verdict([1, 2, 3, 4, 5], {1, 2, 3, 4, 5, 6})[0]
    ok, reason = attendance_verdict([1, 2, 3, 4, 5], {1, 2, 4, 6})
    assert not ok
    assert reason.startswith("missed Day 3, Day 5;")
    assert "Days 1 to 5" in reason


def test_marking_refuses_ids_not_on_the_roster_and_keeps_dates(course_copy: Path,
                                                               store: LiveStore) -> None:
    course = load_course(course_copy)
    result = mark_present(store, course, 2, ["t01", "ghost", "bad id!"], known={"t01"},
                          on=dt.date(2026, 3, 3))
    assert result.marked == ["t01"]
    assert len(result.problems) == 2
    assert "'ghost' is not on the roster" in result.problems[0]
    assert "bad id" in result.problems[1]
    mark_present(store, course, 2, ["t01"], known={"t01"})
    assert register(store, 2)["trainee"].tolist() == ["t01"]
    assert days_attended(store, "t01") == {2: dt.date(2026, 3, 3)}
    assert mark_present(store, course, 9, ["t01"]).problems == ["there is no Day 9 in course.yaml"]


def test_import_reads_an_id_column_and_reports_bad_lines(tmp_path: Path, course_copy: Path,
                                                         store: LiveStore) -> None:
    sheet = tmp_path / "day1.csv"
    sheet.write_text("Trainee ID,Name\nt01,A\n,B\nt02,C\n", encoding="utf-8")
    ids, problems = read_register_csv(sheet)
    assert ids == ["t01", "t02"]
    assert problems == [f"{sheet}: line 3: no trainee id"]
    result = import_register(store, load_course(course_copy), 1, sheet)
    assert result.marked == ["t01", "t02"]
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name\nA\n", encoding="utf-8")
    assert "expected an 'id' column" in import_register(
        store, load_course(course_copy), 1, wrong).problems[0]


def test_roster_comes_from_the_gradebook(course_copy: Path, store: LiveStore,
                                         fill_gradebook) -> None:
    assert roster(course_copy) == []
    fill_gradebook(course_copy)
    assert [(e.id, e.name) for e in roster(course_copy)] == [
        ("t01", "Ria Okafor"), ("t02", "Sam Lind"), ("t03", "Noor Vale")]
    store.sign_in(1, "Walk-in Trainee")
    mark_present(store, load_course(course_copy), 1, ["t02"])
    matrix = attendance_matrix(course_copy, store, load_course(course_copy)).set_index("trainee")
    assert matrix.loc["t02", "Day 1"] and not matrix.loc["t01", "Day 1"]
    assert matrix.loc["Walk-in Trainee", "name"] == "Walk-in Trainee"


def test_cli_mark_show_and_import(course_copy: Path, store: LiveStore, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str], fill_gradebook) -> None:
    fill_gradebook(course_copy)
    assert run(course_copy, "attendance", "mark", "day1", "t01", "t02",
               "--date", "2026-03-02") == 0
    assert "Day 1: 2 trainee(s) marked present: t01, t02" in capsys.readouterr().out
    assert run(course_copy, "attendance", "mark", "1", "nobody") == 1
    assert "not on the roster" in capsys.readouterr().err
    assert run(course_copy, "attendance", "mark", "day9", "t01") == 2
    assert "say which day" in capsys.readouterr().err
    sheet = tmp_path / "d2.csv"
    sheet.write_text("id\nt03\n", encoding="utf-8")
    assert run(course_copy, "attendance", "import", "day2", str(sheet)) == 0
    assert run(course_copy, "attendance", "show", "day1") == 0
    shown = capsys.readouterr().out
    assert "Day 1: 2 present" in shown and "Ria Okafor" in shown and "2026-03-02" in shown
    assert run(course_copy, "attendance", "show") == 0
    table = capsys.readouterr().out
    assert "Noor Vale" in table and "Day 6" in table


def test_a_mark_made_by_mistake_can_be_taken_off_and_nothing_else_is(
        course_copy: Path, store: LiveStore, capsys: pytest.CaptureFixture[str],
        fill_gradebook) -> None:
    fill_gradebook(course_copy)
    assert run(course_copy, "attendance", "mark", "day1", "t01", "t02") == 0
    assert run(course_copy, "attendance", "mark", "day2", "t02") == 0
    capsys.readouterr()
    assert run(course_copy, "attendance", "unmark", "day1", "t02") == 0
    assert "Day 1: 1 trainee(s) taken off the register: t02" in capsys.readouterr().out
    assert list(register(store, 1)["trainee"]) == ["t01"]
    assert list(register(store, 2)["trainee"]) == ["t02"]
    assert run(course_copy, "attendance", "unmark", "day1", "t03") == 1
    assert "'t03' is not on Day 1's register" in capsys.readouterr().err
    assert run(course_copy, "attendance", "unmark", "day9", "t01") == 2
    assert list(register(store, 1)["trainee"]) == ["t01"]
