"""What every commit must keep true: clean notebooks, fresh READMEs, lint, no trainee data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ipt_course.course import load_course
from ipt_course.overview import write_day_readmes


def _notebooks(repo_root: Path) -> list[Path]:
    found = sorted(p for p in repo_root.glob("**/*.ipynb")
                   if not {".venv", ".ipynb_checkpoints", "autograded", "submitted", "feedback"}
                   & set(p.relative_to(repo_root).parts))
    assert found, f"no notebooks found under {repo_root}: nothing was checked"
    return found


def test_committed_notebooks_carry_no_outputs(repo_root: Path) -> None:
    dirty = []
    for path in _notebooks(repo_root):
        for index, cell in enumerate(json.loads(path.read_text())["cells"]):
            if cell.get("outputs") or cell.get("execution_count"):
                dirty.append(f"{path.relative_to(repo_root)} cell {index}")
    assert dirty == [], "strip outputs from: " + ", ".join(dirty)


def test_curriculum_code_cells_keep_their_input_hidden(repo_root: Path) -> None:
    shown = []
    for path in _notebooks(repo_root / "curriculum"):
        for index, cell in enumerate(json.loads(path.read_text())["cells"]):
            hidden = cell.get("metadata", {}).get("jupyter", {}).get("source_hidden")
            if cell["cell_type"] == "code" and not hidden:
                shown.append(f"{path.relative_to(repo_root)} cell {index}")
    assert shown == [], "hide the input of: " + ", ".join(shown)


def test_day_readmes_match_the_manifest(repo_root: Path) -> None:
    stale = write_day_readmes(load_course(repo_root), check=True)
    assert stale == [], "run `ipt-course readmes` to refresh: " + ", ".join(map(str, stale))


def test_ruff_reports_nothing(repo_root: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(repo_root)],
                            capture_output=True, text=True, cwd=repo_root, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("pattern", ["gradebook.db", "submitted/x/day1-quiz/a.ipynb",
                                     "feedback/x/day1-quiz/a.html", "exports/day1.csv",
                                     "autograded/x/day1-quiz/a.ipynb",
                                     "release/day1-quiz/day1-quiz.responses.json",
                                     "curriculum/day4/my-relationship-review.html",
                                     "curriculum/day4/my-relationship-review.png",
                                     "curriculum/day4/my-perinatal-timeline.json"])
def test_trainee_data_is_ignored_by_git(repo_root: Path, pattern: str) -> None:
    result = subprocess.run(["git", "check-ignore", "--no-index", "-q", pattern], cwd=repo_root,
                            check=False)
    assert result.returncode == 0, f"{pattern} would be committed"


def test_the_autograded_readme_is_not_ignored(repo_root: Path) -> None:
    result = subprocess.run(["git", "check-ignore", "--no-index", "-q", "autograded/README.md"],
                            cwd=repo_root, check=False)
    assert result.returncode == 1
