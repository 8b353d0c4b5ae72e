"""The manifest: the real one passes; each kind of mistake fails with a message that says where."""

from __future__ import annotations

import contextlib
import io
import subprocess
from pathlib import Path

import pytest
import yaml

from ipt_course.cli import main
from ipt_course.course import ManifestError, load_course
from ipt_course.validate import validate_all


def _edit(course_dir: Path, change) -> None:
    path = course_dir / "course.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def _messages(course_dir: Path) -> list[str]:
    return [str(p) for p in validate_all(course_dir)]


def test_the_course_manifest_is_valid(repo_root: Path) -> None:
    """Everything but the item-writing lint, which tests/unit/test_cue_lint.py runs per file."""
    assert [str(p) for p in validate_all(repo_root, cues=False)] == []


def test_manifest_model_reads_days_sessions_and_outcomes(repo_root: Path) -> None:
    course = load_course(repo_root)
    assert [day.number for day in course.days] == [1, 2, 3, 4, 5, 6]
    day1 = course.day(1)
    assert day1.start.strftime("%H:%M") == "09:15"
    assert day1.end.strftime("%H:%M") == "16:30"
    assert "d2.lo3" in course.outcome_ids()
    assert course.outcome("d1.lo6").text.startswith("Score and interpret the PHQ-9")
    assert any(s.kind == "break" for s in day1.sessions)


def test_a_missing_file_is_named(course_copy: Path) -> None:
    _edit(course_copy, lambda d: d["days"][0]["sessions"][1].update(
        notebooks=["curriculum/day1/99-not-written.ipynb"]))
    assert ("course.yaml: days[0].sessions[1].notebooks[0]: listed file does not exist: "
            "curriculum/day1/99-not-written.ipynb") in _messages(course_copy)


def test_a_duplicate_outcome_id_is_named(course_copy: Path) -> None:
    def duplicate(data: dict) -> None:
        data["days"][0]["outcomes"][1]["id"] = "d1.lo1"
    _edit(course_copy, duplicate)
    messages = _messages(course_copy)
    assert "course.yaml: days: duplicate outcome id 'd1.lo1' (used 2 times)" in messages


def test_overlapping_sessions_are_named(course_copy: Path) -> None:
    _edit(course_copy, lambda d: d["days"][1]["sessions"][2].update(start="10:30"))
    messages = _messages(course_copy)
    assert any("days[1].sessions[2]: session d2.b1 (10:30-11:15) overlaps d2.s2 (10:00-11:00)"
               in m for m in messages), messages


def test_a_session_ending_before_it_starts_is_named(course_copy: Path) -> None:
    _edit(course_copy, lambda d: d["days"][0]["sessions"][0].update(end="09:00"))
    messages = _messages(course_copy)
    assert any("days[0].sessions[0]" in m and "ends (09:00) before it starts (09:15)" in m
               for m in messages), messages


def test_an_unquoted_time_gets_a_hint(course_copy: Path) -> None:
    path = course_copy / "course.yaml"
    path.write_text(path.read_text().replace('start: "09:15"', "start: 9:15", 1))
    messages = _messages(course_copy)
    assert any("days[0].sessions[0].start" in m and 'in quotes as "HH:MM"' in m
               for m in messages), messages


def test_unknown_keys_and_missing_keys_are_named(course_copy: Path) -> None:
    def change(data: dict) -> None:
        data["days"][0]["sesions"] = data["days"][0].pop("sessions")
    _edit(course_copy, change)
    messages = _messages(course_copy)
    assert "course.yaml: days[0].sessions: this key is required but missing" in messages
    assert "course.yaml: days[0].sesions: unknown key (check its spelling)" in messages


def test_a_yaml_syntax_error_gives_line_and_column(course_copy: Path) -> None:
    path = course_copy / "course.yaml"
    path.write_text(path.read_text() + "\n  - number: [unclosed\n")
    with pytest.raises(ManifestError) as caught:
        load_course(course_copy)
    assert str(caught.value).startswith("course.yaml: line ")
    assert "YAML syntax error" in str(caught.value)


def test_an_outcome_of_another_day_is_refused(course_copy: Path) -> None:
    _edit(course_copy, lambda d: d["days"][0]["sessions"][1]["outcomes"].append("d2.lo1"))
    assert ("course.yaml: days[0].sessions[1].outcomes: 'd2.lo1' is not an outcome of Day 1"
            in _messages(course_copy))


def test_an_untaught_outcome_is_named(course_copy: Path) -> None:
    _edit(course_copy, lambda d: d["days"][2]["outcomes"].append(
        {"id": "d3.lo9", "text": "Something no session teaches."}))
    assert ("course.yaml: days[2].outcomes: outcome 'd3.lo9' is not covered by any session"
            in _messages(course_copy))


def test_an_unlisted_notebook_is_named(course_copy: Path) -> None:
    (course_copy / "curriculum/day4/01-stray.ipynb").write_text("{}")
    assert ("course.yaml: days: notebook curriculum/day4/01-stray.ipynb is in curriculum/ but "
            "not listed in the manifest") in _messages(course_copy)


def test_a_path_outside_the_curriculum_is_refused(course_copy: Path) -> None:
    _edit(course_copy, lambda d: d["days"][3]["sessions"][1].update(
        notebooks=["../secrets.ipynb"]))
    assert any("days[3].sessions[1].notebooks[0]: a notebook must be a .ipynb file under "
               "curriculum/" in m for m in _messages(course_copy))


def _cli(course_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``ipt-course --root course_dir args`` in this process, as its entry point does."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--root", str(course_dir), *args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return subprocess.CompletedProcess(["ipt-course", *args], code, out.getvalue(),
                                       err.getvalue())


def test_cli_validate_passes_on_the_repo(repo_root: Path) -> None:
    result = _cli(repo_root, "validate")
    assert result.returncode == 0, result.stderr
    assert "The course is valid." in result.stdout


def test_cli_validate_without_the_cue_lint_passes_on_the_repo(repo_root: Path) -> None:
    result = _cli(repo_root, "validate", "--no-cue-lint")
    assert result.returncode == 0, result.stderr
    assert "The course is valid." in result.stdout


def test_cli_validate_fails_with_the_list_of_problems(course_copy: Path) -> None:
    def break_it(data: dict) -> None:
        data["days"][0]["outcomes"][1]["id"] = "d1.lo1"
        data["days"][1]["sessions"][2]["start"] = "10:30"
        data["course"]["welcome"] = "curriculum/00-missing.ipynb"
    _edit(course_copy, break_it)
    result = _cli(course_copy, "validate")
    assert result.returncode == 1
    assert "duplicate outcome id 'd1.lo1'" in result.stderr
    assert "overlaps d2.s2" in result.stderr
    assert ("course.welcome: listed file does not exist: curriculum/00-missing.ipynb"
            in result.stderr)
    assert "problem(s) found." in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_help_lists_every_command(repo_root: Path) -> None:
    result = _cli(repo_root, "--help")
    assert result.returncode == 0
    for command in ("start", "validate", "readmes"):
        assert f"    {command} " in result.stdout
