"""Breakout-room cards: each role sees only its own card; the observer exports a checklist."""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path

import ipywidgets as widgets
import pytest

from ipt_course.roleplay import breakout_card, breakout_cards
from ipt_course.roleplay.breakout import ObserverChecklist, client_card_html, make_breakout_card
from ipt_course.roleplay.cards import BreakoutChooser
from ipt_course.roleplay.schema import load_scenario

FIXTURES = Path(__file__).parent / "fixtures" / "scenarios"
REPO = Path(__file__).resolve().parents[2]


def _html(widget: widgets.Widget) -> str:
    if isinstance(widget, widgets.HTML):
        return "" if widget.value.startswith("<style>") else widget.value
    if isinstance(widget, widgets.Box):
        return "\n".join(_html(child) for child in widget.children)
    return ""


@pytest.fixture
def in_fixtures(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(FIXTURES)
    return FIXTURES


def test_client_card_shows_background_and_reveals_but_not_the_therapist_goals(
        in_fixtures: Path) -> None:
    html = _html(breakout_card("good.yaml", "client"))
    assert "Client card: A row about the night feeds" in html
    assert "You are tired and feel alone with the baby" in html
    assert "Keep back until asked well" in html
    assert "You said he only holds the baby when his mother visits." in html
    assert "Take one argument in detail" not in html
    assert "Asked for the exact words" not in html


def test_therapist_card_shows_goals_but_not_the_hidden_information(in_fixtures: Path) -> None:
    html = _html(breakout_card("good.yaml", "therapist"))
    assert "Therapist card" in html
    assert "Take one argument in detail" in html
    assert "Tell me about the most recent row, from the beginning." in html
    assert "his mother visits" not in html
    assert "resentful" not in html


def test_observer_card_is_a_checklist_with_notes(in_fixtures: Path) -> None:
    card = breakout_card("good.yaml", "observer")
    checklist = card.children[1]
    assert isinstance(checklist, ObserverChecklist)
    assert [c.description for c in checklist.checkboxes] == [
        "1. Asked for the exact words of one specific argument",
        "2. Asked what the client felt during the argument",
    ]
    assert [box.description for box in checklist.note_boxes] == ["Notes on 1", "Notes on 2"]
    assert "his mother visits" not in _html(card)


def test_an_unknown_role_is_refused_clearly(in_fixtures: Path) -> None:
    with pytest.raises(ValueError, match="role must be one of client, therapist, observer"):
        breakout_card("good.yaml", "supervisor")


def test_a_scenario_without_breakout_cards_says_so() -> None:
    card = make_breakout_card(load_scenario(FIXTURES / "good-loop.yaml"), "client")
    assert "has no breakout cards" in _html(card)


def test_observer_exports_markdown_and_csv_without_overwriting(tmp_path: Path) -> None:
    checklist = ObserverChecklist(load_scenario(FIXTURES / "good.yaml"), save_dir=tmp_path)
    checklist.checkboxes[0].value = True
    note = "She said \u201cyou never offer\u201d, twice; حزن 😢\nThen went quiet, 10 seconds"
    checklist.note_boxes[0].value = note
    checklist.note_boxes[1].value = "Not asked, \"comma, quote\" test"
    checklist.save_markdown_button.click()
    markdown_files = sorted(tmp_path.glob("*.md"))
    assert len(markdown_files) == 1
    assert re.fullmatch(r"fixture-dispute-good-observer-\d{8}-\d{4}\.md", markdown_files[0].name)
    assert markdown_files[0].name in checklist.status.value
    text = markdown_files[0].read_text(encoding="utf-8")
    assert "- Observed: 1 of 2" in text
    assert ("- [x] Asked for the exact words of one specific argument (Communication analysis)"
            in text)
    assert ("    > She said \u201cyou never offer\u201d, twice; حزن 😢\n"
            "    > Then went quiet") in text
    assert "- [ ] Asked what the client felt during the argument" in text

    checklist.save_csv_button.click()
    csv_files = sorted(tmp_path.glob("*.csv"))
    assert len(csv_files) == 1
    with csv_files[0].open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["item"], r["observed"]) for r in rows] == [
        ("Asked for the exact words of one specific argument", "yes"),
        ("Asked what the client felt during the argument", "no"),
    ]
    assert rows[0]["notes"] == note
    assert rows[1]["notes"] == "Not asked, \"comma, quote\" test"

    moment = datetime(2026, 5, 6, 14, 5)
    names = [checklist.model.save(tmp_path, "csv", moment).name for _ in range(2)]
    assert names == ["fixture-dispute-good-observer-20260506-1405.csv",
                     "fixture-dispute-good-observer-20260506-1405-2.csv"]


def test_the_chooser_opens_only_the_card_of_the_role_chosen(in_fixtures: Path) -> None:
    chooser = breakout_cards("good.yaml")
    assert isinstance(chooser, BreakoutChooser)
    assert chooser.role is None and chooser.card is None
    assert "Keep back until asked well" not in _html(chooser)
    assert "Your goals for this conversation" not in _html(chooser)
    chooser.choose("client")
    assert "Keep back until asked well" in _html(chooser)
    assert "Your goals for this conversation" not in _html(chooser)
    chooser.choose("therapist")
    assert "Your goals for this conversation" in _html(chooser)
    assert "Keep back until asked well" not in _html(chooser)
    chooser.choose("observer")
    assert isinstance(chooser.card.children[1], ObserverChecklist)
    with pytest.raises(ValueError, match="client, therapist, observer"):
        chooser.choose("trainer")


def test_an_observer_who_looks_at_another_card_comes_back_to_their_notes(
        in_fixtures: Path) -> None:
    chooser = breakout_cards("good.yaml")
    chooser.choose("observer")
    checklist = chooser.card.children[1]
    checklist.checkboxes[1].value = True
    checklist.note_boxes[1].value = "Asked how the row felt, twice"
    chooser.choose("therapist")
    assert "Your goals for this conversation" in _html(chooser)
    assert not any(isinstance(child, ObserverChecklist) for child in chooser.card.children)
    chooser.choose("observer")
    again = chooser.card.children[1]
    assert [box.value for box in again.checkboxes] == [False, True]
    assert again.note_boxes[1].value == "Asked how the row felt, twice"
    assert again.model.observed == [False, True]


@pytest.mark.parametrize("path", sorted(REPO.glob("curriculum/day*/scenarios/*.yaml")),
                         ids=lambda path: path.stem)
def test_every_reveal_line_reads_right_after_its_prefix(path: Path) -> None:
    scenario = load_scenario(path)
    if scenario.breakout is None:
        return
    html = client_card_html(scenario, scenario.breakout)
    reveals = re.findall(r"<strong>(If the therapist [^:]*):</strong>", html)
    assert len(reveals) == len(scenario.breakout.client_card.reveals)
    for line in reveals:
        second = line.split()[3]
        assert second not in {"the", "therapist", "if", "when"}, line
