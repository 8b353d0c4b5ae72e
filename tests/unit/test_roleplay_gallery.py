"""The scenario gallery (from course.yaml) and the `ipt-course roleplay paths` command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import ipywidgets as widgets
import pytest

from ipt_course.cli import main
from ipt_course.course import load_course
from ipt_course.roleplay.gallery import ScenarioGallery
from ipt_course.roleplay.view import RolePlayView

FIXTURES = Path(__file__).parent / "fixtures" / "scenarios"

MANIFEST = """
course:
  id: test-course
  title: Test course
  welcome: curriculum/00-welcome.ipynb
  gallery: curriculum/scenario-gallery.ipynb
days:
  - number: 1
    title: Day one
    outcomes: [{id: d1.lo8, text: Take a history.}]
    sessions:
      - id: d1.s5
        title: Assessment
        start: "14:45"
        end: "16:00"
        outcomes: [d1.lo8]
        scenarios: [curriculum/day1/scenarios/loop.yaml, curriculum/day1/scenarios/broken.yaml]
  - number: 3
    title: Day three
    outcomes: [{id: d3.lo1, text: Disputes.}, {id: d3.lo2, text: Stages.}]
    sessions:
      - id: d3.s2
        title: Role disputes
        start: "09:45"
        end: "11:00"
        outcomes: [d3.lo1, d3.lo2]
        scenarios: [curriculum/day3/scenarios/good.yaml]
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    (tmp_path / "course.yaml").write_text(MANIFEST, encoding="utf-8")
    for day, name, source in [(1, "loop", "good-loop"), (1, "broken", "bad-dead-end"),
                              (3, "good", "good")]:
        folder = tmp_path / "curriculum" / f"day{day}" / "scenarios"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / f"{source}.yaml", folder / f"{name}.yaml")
    return tmp_path


def _texts(grid: widgets.GridBox) -> list[str]:
    return [c.value if isinstance(c, widgets.HTML) else c.description for c in grid.children]


def test_gallery_lists_every_scenario_of_the_manifest_with_its_details(course: Path) -> None:
    gallery = ScenarioGallery(course_root=course)
    assert [e.path for e in gallery.entries] == [
        "curriculum/day1/scenarios/loop.yaml",
        "curriculum/day1/scenarios/broken.yaml",
        "curriculum/day3/scenarios/good.yaml",
    ]
    grid = gallery.children[1]
    texts = _texts(grid)
    assert texts[:6] == ["<strong>Day</strong>", "<strong>Scenario</strong>",
                         "<strong>Problem area</strong>", "<strong>Phase</strong>",
                         "<strong>Decision points</strong>", "<strong></strong>"]
    good_row = texts[18:24]
    assert good_row[0] == "3"
    assert "A row about the night feeds" in good_row[1]
    assert good_row[2] == "Role dispute (renegotiation)"
    assert good_row[3] == "Middle"
    assert good_row[4] == "3"
    assert good_row[5] == "Play"
    broken_row = texts[12:18]
    assert "cannot be played yet" in broken_row[1]
    assert "nodes.stuck (line 23): dead end" in broken_row[1]
    assert set(gallery.play_buttons) == {"curriculum/day1/scenarios/loop.yaml",
                                         "curriculum/day3/scenarios/good.yaml"}


def test_play_opens_the_scenario_below_and_replaces_the_previous_one(course: Path) -> None:
    gallery = ScenarioGallery(course_root=course)
    gallery.play_buttons["curriculum/day1/scenarios/loop.yaml"].click()
    assert isinstance(gallery.player, RolePlayView)
    assert gallery.player.model.scenario.id == "fixture-loop"
    gallery.projector.value = True
    gallery.play_buttons["curriculum/day3/scenarios/good.yaml"].click()
    assert gallery.player.model.scenario.id == "fixture-dispute-good"
    assert "ipt-roleplay--projector" in gallery.player._dom_classes
    assert gallery.children[-1].children == (gallery.player,)
    gallery.player._reveal.click()
    player = gallery.player
    player.choice_buttons[player.model.choice_order.index(0)].click()
    assert "communication analysis" in player.feedback_text.lower()


def test_a_missing_manifest_is_explained(tmp_path: Path) -> None:
    gallery = ScenarioGallery(course_root=tmp_path)
    assert gallery.entries == []
    assert "The course manifest could not be read" in gallery.children[1].value


def test_the_gallery_notebook_is_thin_listed_and_clean(repo_root: Path) -> None:
    assert load_course(repo_root).course.gallery == "curriculum/scenario-gallery.ipynb"
    notebook = json.loads((repo_root / "curriculum/scenario-gallery.ipynb").read_text())
    kinds = [cell["cell_type"] for cell in notebook["cells"]]
    assert sorted(kinds) == ["code", "markdown", "markdown"]
    code = next(cell for cell in notebook["cells"] if cell["cell_type"] == "code")
    assert "".join(code["source"]).splitlines() == [
        "from ipt_course.roleplay.gallery import ScenarioGallery", "ScenarioGallery()"]
    assert code["metadata"]["jupyter"]["source_hidden"] is True
    assert code["outputs"] == [] and code["execution_count"] is None


def test_the_real_gallery_lists_what_course_yaml_lists(repo_root: Path) -> None:
    course = load_course(repo_root)
    gallery = ScenarioGallery(course_root=repo_root)
    assert [e.path for e in gallery.entries] == [s for d in course.days for s in d.scenarios]
    assert [str(p) for e in gallery.entries for p in e.problems] == []


def test_cli_paths_prints_each_path_with_its_score(capsys: pytest.CaptureFixture) -> None:
    assert main(["roleplay", "paths", str(FIXTURES / "good.yaml")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "fixture-dispute-good: 7 paths to an ending"
    assert lines[1] == "100.0  opening:A > explore:A -> ending_agreed"
    assert lines[-1] == "  0.0  opening:C > guarded:B -> ending_withdrawn"
    assert len(lines) == 8


def test_cli_paths_reports_problems_without_a_traceback(capsys: pytest.CaptureFixture) -> None:
    assert main(["roleplay", "paths", str(FIXTURES / "bad-dangling-next.yaml")]) == 1
    errors = capsys.readouterr().err
    assert "nodes.opening.choices[0].next (line 15): leads to 'nowhere'" in errors
    assert "Traceback" not in errors


def test_cli_paths_of_a_large_scenario_shows_a_covering_set(
        capsys: pytest.CaptureFixture) -> None:
    assert main(["roleplay", "paths", "--limit", "3", str(FIXTURES / "good.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("fixture-dispute-good: 7 paths to an ending; showing ")
    assert "make every choice at least once" in out
