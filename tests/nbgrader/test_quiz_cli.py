"""``ipt-course quiz build`` and ``ipt-course quiz check`` on a small course."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

from ipt_course.cli import main

pytestmark = pytest.mark.nbgrader

FIXTURE = Path(__file__).parents[1] / "unit" / "fixtures" / "quizzes" / "fixture-quiz.yaml"
COURSE = {
    "course": {"id": "mini", "title": "Mini course", "welcome": "curriculum/00-welcome.ipynb"},
    "days": [{
        "number": 1, "title": "Day one", "quiz": "quizzes/day1.yaml",
        "outcomes": [{"id": "d1.lo1", "text": "One."}, {"id": "d1.lo2", "text": "Two."}],
        "sessions": [{"id": "d1.s1", "title": "Teaching", "start": "09:00", "end": "10:00",
                      "outcomes": ["d1.lo1", "d1.lo2"]}],
    }],
}


@pytest.fixture
def course(tmp_path: Path) -> Path:
    (tmp_path / "course.yaml").write_text(yaml.safe_dump(COURSE), encoding="utf-8")
    (tmp_path / "quizzes").mkdir()
    shutil.copy(FIXTURE, tmp_path / "quizzes" / "day1.yaml")
    notebook = tmp_path / "curriculum" / "day1" / "01-overview.ipynb"
    notebook.parent.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Phases")]),
                   notebook)
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    return tmp_path


def test_build_then_check(course: Path, capsys) -> None:
    assert main(["--root", str(course), "quiz", "check"]) == 1
    assert "source/fixture-quiz/fixture-quiz.ipynb is out of date" in capsys.readouterr().err
    assert main(["--root", str(course), "quiz", "build", "1"]) == 0
    assert "built release/fixture-quiz/fixture-quiz.ipynb" in capsys.readouterr().out
    assert main(["--root", str(course), "quiz", "check"]) == 0
    assert "all banks valid" in capsys.readouterr().out


def test_invalid_bank_is_reported_without_a_traceback(course: Path, capsys) -> None:
    bank = course / "quizzes" / "day1.yaml"
    bank.write_text(bank.read_text().replace("answer: b", "answer: z"), encoding="utf-8")
    assert main(["--root", str(course), "quiz", "build", "--all"]) == 1
    err = capsys.readouterr().err
    assert "day1.yaml is not valid" in err
    assert "questions[0].answer (question q01): expected one option id" in err
    assert "Traceback" not in err
    assert not (course / "release").exists()
