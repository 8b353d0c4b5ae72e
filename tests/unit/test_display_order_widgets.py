"""Quiz, self-check and role-play widgets driven headless by two trainees on their own accounts.

Each trainee has a Jupyter data folder with their own order seed. They see the options in
different orders, each keeps their order across a restart, and what is saved, graded and
written in a transcript depends only on what they chose, never on where it was on screen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import pytest

from ipt_course.grading.feedback import answer_text
from ipt_course.grading.reports import distractor_counts
from ipt_course.kit.order import display_order, room_seed, seed_path, trainee_seed
from ipt_course.quiz import ask, start_quiz
from ipt_course.quiz import widgets as quiz_widgets
from ipt_course.quiz.autograde import score_saved_answer
from ipt_course.quiz.bank import load_bank
from ipt_course.quiz.generate import write_source
from ipt_course.quiz.scoring import score_responses, scoring_key
from ipt_course.roleplay import play
from ipt_course.roleplay.graph import all_paths
from ipt_course.roleplay.model import RolePlayModel
from ipt_course.roleplay.schema import load_scenario
from ipt_course.roleplay.transcript import transcript_markdown
from ipt_course.roleplay.view import RolePlayView
from ipt_course.tools.selfcheck import self_check
from tests.screen import press

FIXTURES = Path(__file__).parent / "fixtures"
QUIZ = FIXTURES / "quizzes" / "fixture-quiz.yaml"
SCENARIO = FIXTURES / "scenarios" / "good.yaml"
SEEDS = {"amira": "a" * 32, "ben": "b" * 32}
WHEN = datetime(2026, 5, 11, 10, 0)


@pytest.fixture
def trainee(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``trainee(name)`` switches to that trainee's account: their data folder and seed."""

    def become(name: str) -> Path:
        home = tmp_path / "homes" / name
        monkeypatch.setenv("JUPYTER_DATA_DIR", str(home / "jupyter"))
        if name in SEEDS and not seed_path().exists():
            seed_path().parent.mkdir(parents=True)
            seed_path().write_text(json.dumps({"kind": "ipt-course-order-seed", "format": 1,
                                               "seed": SEEDS[name]}), encoding="utf-8")
        home.mkdir(parents=True, exist_ok=True)
        return home

    return become


def _find(widget: widgets.Widget, kind: type) -> list:
    found = [widget] if isinstance(widget, kind) else []
    for child in getattr(widget, "children", ()):
        found += _find(child, kind)
    return found


# --- Quiz ------------------------------------------------------------------------------------


def _quiz_folder(home: Path) -> Path:
    """The released quiz as it lands in a trainee's home: question data, no answer key."""
    write_source(load_bank(QUIZ), home / "build")
    folder = home / "fixture-quiz"
    folder.mkdir()
    shutil.copy(home / "build/source/fixture-quiz/fixture-quiz.questions.json", folder)
    return folder


def _open_quiz(folder: Path) -> None:
    quiz_widgets._SESSION = None
    assert start_quiz("fixture-quiz", folder) is None


def _quiz_orders() -> dict[str, list[str]]:
    """What the trainee sees: option texts per question, read from the widgets."""
    seen = {"q01": list(_find(ask("q01"), widgets.RadioButtons)[0]._options_labels),
            "q02": [box.description for box in _find(ask("q02"), widgets.Checkbox)],
            "q03": list(_find(ask("q03"), widgets.Dropdown)[0]._options_labels)}
    seen["q05"] = [row.children[-1].value.split(". ", 1)[1]
                   for row in _find(ask("q05"), widgets.HBox)]
    return seen


def _answer_by_text(picks: dict[str, object]) -> None:
    """Answer as a trainee reads the screen: by the words of each option, not its place."""
    radio = _find(ask("q01"), widgets.RadioButtons)[0]
    radio.value = dict(radio.options)[picks["q01"]]
    for box in _find(ask("q02"), widgets.Checkbox):
        box.value = box.description in picks["q02"]
    for menu, wanted in zip(_find(ask("q03"), widgets.Dropdown), picks["q03"], strict=True):
        menu.value = dict(menu.options)[wanted]
    _find(ask("q04"), widgets.Text)[0].value = "27"
    view = ask("q05")
    for text in reversed(picks["q05"]):
        while view.order[0] != {"Initial phase": "initial", "Middle phase": "middle",
                                "Ending phase": "ending"}[text]:
            view.move(next(o for o in view.order if view._texts[o] == text), -1)


PICKS = {"q01": "The initial phase", "q02": ["Grief", "Core beliefs", "Role disputes"],
         "q03": ["Grief", "Role transition", "Role transition"],
         "q05": ["Initial phase", "Ending phase", "Middle phase"]}


def test_two_trainees_see_the_quiz_in_different_orders_each_kept_after_a_restart(
        trainee) -> None:
    orders = {}
    for name in SEEDS:
        folder = _quiz_folder(trainee(name))
        _open_quiz(folder)
        orders[name] = _quiz_orders()
        assert quiz_widgets.current_session().seed == SEEDS[name]
        _open_quiz(folder)
        assert _quiz_orders() == orders[name]
    assert orders["amira"] != orders["ben"]
    for qid in orders["amira"]:
        assert sorted(orders["amira"][qid]) == sorted(orders["ben"][qid])


def test_the_seed_is_saved_with_the_answers_so_the_folder_keeps_its_order_elsewhere(
        trainee) -> None:
    folder = _quiz_folder(trainee("amira"))
    _open_quiz(folder)
    before = _quiz_orders()
    _find(ask("q04"), widgets.Text)[0].value = "27"
    saved = json.loads((folder / "fixture-quiz.responses.json").read_text(encoding="utf-8"))
    assert saved["seed"] == SEEDS["amira"] and saved["answers"] == {"q04": 27}
    trainee("a-new-hub-account")   # the folder reopened where another seed would be made
    _open_quiz(folder)
    assert quiz_widgets.current_session().seed == SEEDS["amira"]
    assert _quiz_orders() == before


def test_a_responses_file_from_before_the_seed_still_loads_and_gains_one(trainee) -> None:
    folder = _quiz_folder(trainee("ben"))
    (folder / "fixture-quiz.responses.json").write_text(json.dumps(
        {"quiz": "fixture-quiz", "format": 1, "saved_at": "2026-01-05T09:00:00+00:00",
         "answers": {"q01": "b", "q04": 27}}), encoding="utf-8")
    _open_quiz(folder)
    assert _find(ask("q01"), widgets.RadioButtons)[0].value == "b"
    _find(ask("q04"), widgets.Text)[0].value = "26"
    saved = json.loads((folder / "fixture-quiz.responses.json").read_text(encoding="utf-8"))
    assert saved["answers"] == {"q01": "b", "q04": 26}
    assert saved["seed"] == SEEDS["ben"]


def test_the_same_answers_in_any_order_are_saved_and_graded_the_same(trainee) -> None:
    bank = load_bank(QUIZ)
    saved, scores = {}, {}
    for name in SEEDS:
        folder = _quiz_folder(trainee(name))
        _open_quiz(folder)
        _answer_by_text(PICKS)
        saved[name] = json.loads((folder / "fixture-quiz.responses.json").read_text())
        scores[name] = {q.id: score_saved_answer("fixture-quiz", scoring_key(q), folder)
                        for q in bank.questions if q.auto_graded}
    assert saved["amira"]["seed"] != saved["ben"]["seed"]
    assert saved["amira"]["answers"] == saved["ben"]["answers"] == {
        "q01": "b", "q02": ["a", "b", "d"], "q03": {"v1": "grief", "v2": "transition",
                                                    "v3": "transition"},
        "q04": 27, "q05": ["initial", "ending", "middle"]}
    # Bank order: the same answers scored straight from the bank's ids.
    in_bank_order = score_responses(bank, saved["amira"]["answers"])
    assert scores["amira"] == scores["ben"] == in_bank_order == {
        "q01": 1.0, "q02": 0.67, "q03": 2.0, "q04": 1.0, "q05": 0.67}


def test_the_trainers_item_analysis_keeps_bank_order_and_ids(trainee) -> None:
    bank = load_bank(QUIZ)
    rows = []
    for name in SEEDS:
        folder = _quiz_folder(trainee(name))
        _open_quiz(folder)
        _answer_by_text(PICKS)
        answers = json.loads((folder / "fixture-quiz.responses.json").read_text())["answers"]
        rows += [{"trainee": name, "question": q.id, "response": json.dumps(answers[q.id])}
                 for q in bank.questions if q.id in answers]
    table = distractor_counts(pd.DataFrame(rows), bank)
    assert list(table.loc[table["question"] == "q01", "choice"]) == ["a", "b", "c"]
    assert list(table.loc[table["question"] == "q02", "choice"]) == ["a", "b", "c", "d"]
    counts = table.set_index(["question", "choice"])["count"]
    assert counts[("q01", "b")] == 2 and counts[("q02", "b")] == 2 and counts[("q02", "c")] == 0


def test_feedback_names_the_trainees_answer_in_words_never_a_letter(trainee) -> None:
    bank = load_bank(QUIZ)
    question = bank.question("q01")
    assert answer_text(question, "b") == "The initial phase"
    assert answer_text(bank.question("q02"), ["a", "d"]) == "Grief; Role disputes"


# --- Role-play -------------------------------------------------------------------------------


def _orders(view: RolePlayView) -> dict[str, list[str]]:
    """The replies on screen at every decision point of a walk through every node."""
    seen = {}
    model = view.model
    for path in all_paths(model.scenario):
        view._restart.click()
        for decision in path.decisions:
            if model.node.own_words:
                view._reveal.click()
            seen[model.node_id] = [b.description for b in view.choice_buttons]
            view.choice_buttons[model.choice_order.index(decision.index)].click()
            view._continue.click()
    return seen


def test_two_trainees_see_the_replies_in_different_orders_each_kept_after_a_restart(
        trainee, tmp_path: Path) -> None:
    scenario = load_scenario(SCENARIO)
    seen = {}
    for name in SEEDS:
        trainee(name)
        seen[name] = _orders(RolePlayView(scenario, save_dir=tmp_path))
        assert _orders(RolePlayView(scenario, save_dir=tmp_path)) == seen[name]
    assert set(seen["amira"]) == {"opening", "guarded", "explore"}
    assert seen["amira"] != seen["ben"]
    for node_id, shown in seen["amira"].items():
        assert [text[:3] for text in shown] == ["A. ", "B. ", "C. "][: len(shown)]
        assert sorted(t[3:] for t in shown) == sorted(t[3:] for t in seen["ben"][node_id])


def test_the_projected_role_play_shows_the_rooms_order_to_every_viewer(
        trainee, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SCENARIO.parent)
    seen = []
    for name in SEEDS:
        trainee(name)
        view = play(SCENARIO.name, projector=True)
        seen.append(_orders(view))
        assert view.model.seed == room_seed(3)
    assert seen[0] == seen[1]
    room = display_order(["0", "1", "2"], seed=room_seed(3), item="fixture-dispute-good/opening")
    texts = [c.text for c in load_scenario(SCENARIO).nodes["opening"].choices]
    assert seen[0]["opening"] == [f"{letter}. {texts[int(index)]}"
                                  for letter, index in zip("ABC", room, strict=True)]


def test_a_transcript_is_the_same_whatever_the_order_on_screen(trainee, tmp_path: Path) -> None:
    scenario = load_scenario(SCENARIO)
    words = "What happened last night?"
    for path in all_paths(scenario):
        in_file_order = RolePlayModel(scenario)   # no seed: file order, as trainer tools use
        for decision in path.decisions:
            in_file_order.draft = words if in_file_order.node.own_words else ""
            in_file_order.reveal_choices()
            in_file_order.choose(decision.index)
            in_file_order.continue_()
        texts = {transcript_markdown(in_file_order, WHEN)}
        for seed in (SEEDS["amira"], SEEDS["ben"], room_seed(3)):
            view = RolePlayView(scenario, save_dir=tmp_path, seed=seed)
            for decision in path.decisions:
                if view.model.node.own_words:
                    view._own_words.value = words
                    view._reveal.click()
                view.choice_buttons[view.model.choice_order.index(decision.index)].click()
                view._continue.click()
            assert view.model.node_id == path.ending
            texts.add(transcript_markdown(view.model, WHEN))
        assert len(texts) == 1, path


def test_a_model_without_a_seed_keeps_file_order_and_choose_takes_file_indices() -> None:
    scenario = load_scenario(SCENARIO)
    model = RolePlayModel(scenario)
    assert model.choice_order == [0, 1, 2]
    shuffled = RolePlayModel(scenario, seed=SEEDS["amira"])
    assert sorted(shuffled.choice_order) == [0, 1, 2]
    assert shuffled.choice_order == shuffled.order_at("opening")
    shuffled.reveal_choices()
    shuffled.choose(2)
    assert shuffled.history[0].choice_text == scenario.nodes["opening"].choices[2].text


# --- Self-check ------------------------------------------------------------------------------

CHECKS = """\
checks:
  - id: areas
    prompt: "Which of these is an IPT problem area?"
    type: single
    options:
      - {id: a, text: "Grief", correct: true, feedback: "One of the four."}
      - {id: b, text: "Core beliefs", correct: false, feedback: "Cognitive therapy."}
      - {id: c, text: "Schemas", correct: false, feedback: "Schema therapy."}
      - {id: d, text: "Defences", correct: false, feedback: "Psychodynamic therapy."}
    explanation: "Grief, role disputes, role transitions, interpersonal sensitivities."
  - id: many
    prompt: "Which are IPT problem areas?"
    type: multiple
    options:
      - {id: a, text: "Grief", correct: true}
      - {id: b, text: "Role disputes", correct: true}
      - {id: c, text: "Core beliefs", correct: false}
      - {id: d, text: "Role transitions", correct: true}
    explanation: "Three of the four areas are here."
"""


def _selfcheck_orders(folder: Path) -> dict[str, list[str]]:
    single = self_check(folder / "checks.yaml", "areas")
    many = self_check(folder / "checks.yaml", "many")
    return {"areas": list(single.choice._options_labels),
            "many": [box.description for box in _find(many, widgets.Checkbox)]}


def test_two_trainees_see_self_check_options_in_different_orders_kept_after_a_restart(
        trainee) -> None:
    seen = {}
    for name in SEEDS:
        home = trainee(name)
        (home / "checks.yaml").write_text(CHECKS, encoding="utf-8")
        seen[name] = _selfcheck_orders(home)
        assert _selfcheck_orders(home) == seen[name]
        assert trainee_seed() == SEEDS[name]
    assert seen["amira"] != seen["ben"]
    assert sorted(seen["amira"]["areas"]) == ["Core beliefs", "Defences", "Grief", "Schemas"]


def test_self_check_feedback_follows_the_screen_and_judges_by_id(trainee) -> None:
    home = trainee("amira")
    (home / "checks.yaml").write_text(CHECKS, encoding="utf-8")
    view = self_check(home / "checks.yaml", "many")
    for box in _find(view, widgets.Checkbox):
        box.value = box.description in {"Grief", "Role disputes", "Role transitions"}
    press(view, "Check")
    assert view.model.chosen == ["a", "b", "d"]
    assert "Well done" in view.feedback.value
    shown = [box.description for box in _find(view, widgets.Checkbox)]
    listed = [text for text in shown if f"<i>{text}</i>" in view.feedback.value]
    positions = [view.feedback.value.index(f"<i>{text}</i>") for text in listed]
    assert listed == shown and positions == sorted(positions)


# --- A real restart ----------------------------------------------------------------------------

KERNEL = """
import json, sys
from pathlib import Path
from ipt_course.quiz import ask, start_quiz
from ipt_course.roleplay.model import RolePlayModel
from ipt_course.roleplay.schema import load_scenario
from ipt_course.roleplay.view import RolePlayView
from ipt_course.tools.selfcheck import self_check
folder, scenario, checks = map(Path, sys.argv[1:])
assert start_quiz("fixture-quiz", folder) is None
view = RolePlayView(load_scenario(scenario), save_dir=folder)
print(json.dumps({
    "quiz": list(ask("q01").children[1]._options_labels),
    "roleplay": {n: view.model.order_at(n) for n in ("opening", "guarded", "explore")},
    "selfcheck": list(self_check(checks, "areas").choice._options_labels),
}))
"""


def _orders_here(folder: Path, checks: Path) -> dict:
    """What this kernel shows: the same three things the new kernel reports."""
    _open_quiz(folder)
    view = RolePlayView(load_scenario(SCENARIO), save_dir=folder)
    return {"quiz": list(_find(ask("q01"), widgets.RadioButtons)[0]._options_labels),
            "roleplay": {n: view.model.order_at(n) for n in ("opening", "guarded", "explore")},
            "selfcheck": list(self_check(checks, "areas").choice._options_labels)}


def test_each_trainee_sees_the_same_orders_in_a_new_kernel(trainee) -> None:
    """A new kernel (a real process) shows what this one shows, from the seed on disk; for the
    trainee without a seed, it is the new kernel that makes it."""
    seen = {}
    for name in ("amira", "a-trainee-with-no-seed-yet"):
        home = trainee(name)
        folder = _quiz_folder(home)
        (home / "checks.yaml").write_text(CHECKS, encoding="utf-8")
        fresh = json.loads(subprocess.run(
            [sys.executable, "-c", KERNEL, str(folder), str(SCENARIO), str(home / "checks.yaml")],
            capture_output=True, text=True, check=True, env=dict(os.environ)).stdout)
        assert fresh == _orders_here(folder, home / "checks.yaml")
        seen[name] = fresh
    assert seen["amira"] != seen["a-trainee-with-no-seed-yet"]
