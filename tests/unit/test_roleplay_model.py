"""The role-play model without widgets, and saving files without overwriting."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from ipt_course.roleplay.graph import remaining_table
from ipt_course.roleplay.model import RolePlayModel
from ipt_course.roleplay.schema import load_scenario
from ipt_course.roleplay.transcript import save_new_file

FIXTURES = Path(__file__).parent / "fixtures" / "scenarios"


@pytest.fixture
def model() -> RolePlayModel:
    return RolePlayModel(load_scenario(FIXTURES / "good.yaml"))


def test_choices_stay_hidden_until_revealed_on_an_own_words_node(model: RolePlayModel) -> None:
    assert model.node.own_words and not model.choices_revealed
    with pytest.raises(RuntimeError, match="not shown yet"):
        model.choose(0)
    model.reveal_choices()
    assert model.choose(0).quality == "sound"


def test_continue_without_feedback_is_refused(model: RolePlayModel) -> None:
    with pytest.raises(RuntimeError, match="no feedback to continue from"):
        model.continue_()


def test_partial_choices_become_the_advice_when_nothing_was_unhelpful(
        model: RolePlayModel) -> None:
    model.reveal_choices()
    model.choose(1)
    model.continue_()
    model.choose(1)
    model.continue_()
    summary = model.summary()
    assert summary.score == 50.0
    assert summary.counts == {"sound": 0, "partial": 2, "unhelpful": 0}
    assert summary.techniques_missed == ["communication_analysis", "encouragement_of_affect"]
    worst = [line for line in summary.practise_next if line.startswith("When the client said")]
    assert len(worst) == 2
    assert "you chose psychoeducation; a sound reply was" in worst[0]
    assert "you chose advice giving; a sound reply was" in worst[1]


def test_summary_before_an_ending_is_marked_unfinished(model: RolePlayModel) -> None:
    assert model.summary().ending_title == "Not finished yet"
    assert model.score() == 0.0


def test_progress_in_a_scenario_with_a_loop() -> None:
    scenario = load_scenario(FIXTURES / "good-loop.yaml")
    assert remaining_table(scenario) == {"opening": 3, "repeat": 3, "end_open": 0,
                                         "end_closed": 0}
    model = RolePlayModel(scenario)
    model.choose(1)
    model.continue_()
    assert model.node_id == "repeat"
    assert (model.decisions, model.remaining) == (1, 3)
    model.choose(0)
    model.continue_()
    assert model.node_id == "opening"
    model.choose(0)
    model.continue_()
    assert model.is_ended and model.progress == 1.0
    assert model.score() == pytest.approx(66.7)


def test_saving_never_overwrites_even_without_hard_links(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes.md").write_text("keep me", encoding="utf-8")

    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported here")

    monkeypatch.setattr(os, "link", no_links)
    saved = save_new_file(tmp_path, "notes", ".md", "new text")
    assert saved.name == "notes-2.md"
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "keep me"
    assert saved.read_text(encoding="utf-8") == "new text"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes-2.md", "notes.md"]
