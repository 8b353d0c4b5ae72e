"""The item-writing lint: small files that trip each rule, well-written ones that pass, and the
course's own banks, self-checks and scenarios."""

from __future__ import annotations

import itertools
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ipt_course.course import load_course
from ipt_course.cues.items import Collection, CueItem
from ipt_course.cues.lint import (
    lint_collection,
    lint_file,
    longest_is_best,
    middle_longest_is_best,
    uneven_chance,
)
from ipt_course.validate import cue_files

FIXTURES = Path(__file__).parent / "fixtures" / "cues"
REPO = Path(__file__).resolve().parents[2]


def _messages(name: str, source: str) -> list[str]:
    return [str(problem) for problem in lint_file(FIXTURES / name, source, FIXTURES)]


@pytest.mark.parametrize(("name", "source"), [
    ("quiz-clean.yaml", "quiz"), ("selfcheck-clean.yaml", "selfcheck"),
    ("scenario-clean.yaml", "scenario")])
def test_well_written_files_pass(name: str, source: str) -> None:
    assert _messages(name, source) == []


def test_a_key_that_is_always_the_longest_is_named_with_its_questions() -> None:
    messages = _messages("quiz-longest.yaml", "quiz")
    assert any(m.startswith("quiz-longest.yaml: questions: the key is the longest option in 6 "
                            "of 6 questions") and m.count(", q") == 5 for m in messages), messages
    assert not any("place in the option list" in m for m in messages)


def test_a_key_always_in_the_same_place_is_named_with_the_counts() -> None:
    assert _messages("quiz-position.yaml", "quiz") == [
        "quiz-position.yaml: questions: the key's place in the option list is uneven over 6 "
        "questions: 0, 6, 0, 0 answers in 1st to 4th place, where random places would give "
        "about 1.5, 1.5, 1.5, 1.5; a spread this uneven comes by chance 0.1% of the time (the "
        "limit is 2%). Vary where the answer sits in the file"]


def test_catch_all_options_are_named_in_any_case_and_any_option_list(tmp_path: Path) -> None:
    bank = yaml.safe_load((FIXTURES / "quiz-clean.yaml").read_text(encoding="utf-8"))
    bank["questions"][3]["options"][2]["text"] = "None of the above"
    bank["questions"][6]["options"][3]["text"] = "Both of the ABOVE"
    (tmp_path / "bank.yaml").write_text(yaml.safe_dump(bank), encoding="utf-8")
    messages = [str(p) for p in lint_file(tmp_path / "bank.yaml", "quiz", tmp_path)]
    assert [m.split(": '")[0] for m in messages if "rewards spotting" in m] == [
        "bank.yaml: questions[3].options[2] (question q4)",
        "bank.yaml: questions[6].options[3] (question q7)"]


def test_a_self_check_file_trips_length_place_and_catch_all_rules() -> None:
    messages = _messages("selfcheck-cued.yaml", "selfcheck")
    assert any("the correct option is the longest option in 4 of 4 checks" in m
               for m in messages)
    assert any("the correct option's place in the option list is uneven over 4 checks: 4, 0, "
               "0, 0" in m for m in messages)
    assert [m.split(": ")[1] for m in messages if "rewards spotting" in m] == [
        "checks[0].options[3] (check onset)", "checks[2].options[3] (check ending)"]


def test_a_sound_reply_that_is_always_the_longest_is_named_with_its_decisions() -> None:
    messages = _messages("scenario-longest.yaml", "scenario")
    assert messages[0] == (
        "scenario-longest.yaml: nodes: the sound reply is the longest option in 5 of 5 "
        "decisions (100%; at most 40% and under chance + 15 points, 58%): opening, old_role, "
        "loss, new_role, options. Write options of similar length so that length points to no "
        "answer")
    assert not any("listed first" in m for m in messages)


def test_a_sound_reply_always_listed_first_is_named() -> None:
    messages = _messages("scenario-first.yaml", "scenario")
    assert ("scenario-first.yaml: nodes: a sound reply is listed first at 5 of 5 decisions (more "
            "than half): opening, old_role, loss, new_role, options. Vary where the sound reply "
            "sits in the file") in messages
    assert not any("is the longest option" in m for m in messages)


def test_files_that_do_not_load_are_left_to_the_other_checks(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("questions: [unclosed", encoding="utf-8")
    for source in ("quiz", "selfcheck", "scenario"):
        assert lint_file(tmp_path / "broken.yaml", source, tmp_path) == []


def _release_check_flags(items: list[CueItem]) -> bool:
    """The release check's own rule (first of equals wins), as it computes it."""
    texts = [list(item.texts) for item in items]
    chance = sum(len(i.best) / len(i.texts) for i in items) / len(items)
    longest = sum(max(range(len(o)), key=lambda i, o=o: len(o[i])) in item.best
                  for o, item in zip(texts, items, strict=True)) / len(items)
    middle = sum((max(range(1, len(o) - 1), key=lambda i, o=o: len(o[i])) if len(o) > 2 else 0)
                 in item.best for o, item in zip(texts, items, strict=True)) / len(items)
    return longest - chance > 0.15 or middle - chance > 0.15


@pytest.mark.parametrize("source", ["quiz", "scenario"])
def test_the_lint_flags_everything_the_release_check_flags(source: str) -> None:
    draw = random.Random(13)
    flagged_by_release = 0
    for case in range(400):
        items = []
        for number in range(draw.randint(6, 14)):
            size = draw.randint(2, 4)
            lengths = [draw.choice([20, 30, 30, 40, 50]) for _ in range(size)]
            best = {draw.randrange(size)}
            if source == "scenario" and draw.random() < 0.3:
                best.add(draw.randrange(size))
            items.append(CueItem(str(number), "", tuple(map(str, range(size))),
                                 tuple("x" * n for n in lengths), frozenset(best), f"{case}"))
        if _release_check_flags(items):
            flagged_by_release += 1
            lint = lint_collection(Collection("f.yaml", source, "single", tuple(items)))
            assert any("longest" in problem.message for problem in lint), items
    assert flagged_by_release > 50


def test_equal_lengths_count_as_longest() -> None:
    tied = CueItem("q", "", ("a", "b", "c"), ("same", "same", "abc"), frozenset({1}), "q")
    assert longest_is_best(tied) and middle_longest_is_best(tied)


def test_the_chance_of_an_uneven_spread_is_exact() -> None:
    items = [CueItem(str(n), "", tuple("abcd"[:size]), ("x",) * size, frozenset({1}), "i")
             for n, size in enumerate([4, 4, 3, 4, 3])]
    placements = list(itertools.product(*[range(len(item.texts)) for item in items]))
    expected = [sum(1 / len(i.texts) for i in items if len(i.texts) > p) for p in range(4)]

    def unevenness(spread: list[int]) -> float:
        return sum((c - e) ** 2 / e for c, e in zip(spread, expected, strict=True))

    observed = unevenness([0, 5, 0, 0])
    at_least = sum(unevenness([p.count(k) for k in range(4)]) >= observed - 1e-9
                   for p in placements)
    assert uneven_chance(items) == pytest.approx(at_least / len(placements))


def test_keys_placed_at_random_are_rarely_flagged() -> None:
    draw = random.Random(7)
    flagged = 0
    for _ in range(150):
        items = [CueItem(str(n), "", tuple("abcd"), ("x",) * 4,
                         frozenset({draw.randrange(4)}), "i") for n in range(13)]
        flagged += uneven_chance(items) < 0.02
    assert flagged <= 8   # at most 2% (3 of 150) expected; 8 leaves room for sampling


# --- The course's own files --------------------------------------------------------------------

COURSE_FILES = [(path.relative_to(REPO).as_posix(), kind)
                for path, kind in cue_files(load_course(REPO))]
# Cued today; the rewritten content removes each cue. Strict: the mark must go when it does.


@pytest.mark.parametrize(
    ("name", "source"),
    COURSE_FILES,
    ids=[name for name, _ in COURSE_FILES])
def test_course_content_gives_no_answer_away(name: str, source: str) -> None:
    assert [str(p) for p in lint_file(REPO / name, source, REPO)] == []


def test_the_course_files_are_all_linted() -> None:
    names = {name for name, _ in COURSE_FILES}
    assert {p.relative_to(REPO).as_posix() for p in REPO.glob("quizzes/*.yaml")} <= names
    assert {p.relative_to(REPO).as_posix()
            for p in REPO.glob("curriculum/*/selfchecks/*.yaml")} <= names
    assert {p.relative_to(REPO).as_posix()
            for p in REPO.glob("curriculum/*/scenarios/*.yaml")} <= names
    assert {kind for _, kind in COURSE_FILES} == {"quiz", "selfcheck", "scenario"}


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ipt_course.cli", "--root", str(root), *args],
                          capture_output=True, text=True, check=False)


def test_validate_blocks_on_a_cue_and_names_it(course_copy: Path) -> None:
    path = course_copy / "quizzes" / "day1.yaml"
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    for question in bank["questions"]:
        if question["type"] == "single":
            key = next(o for o in question["options"] if o["id"] == question["answer"])
            key["text"] += " " + "and so on " * 30
    path.write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
    result = _cli(course_copy, "validate")
    assert result.returncode == 1
    assert "quizzes/day1.yaml: questions: the key is the longest option in" in result.stderr
    assert "q01_origins" in result.stderr and "Traceback" not in result.stderr


def test_a_file_too_large_to_count_is_judged_from_a_sample(monkeypatch) -> None:
    from ipt_course.cues import lint

    draw = random.Random(3)
    items = [CueItem(str(n), "", tuple("abcd"), ("x",) * 4,
                     frozenset({draw.choice([1, 1, 2, 0, 3])}), "i") for n in range(12)]
    exact = uneven_chance(items)
    monkeypatch.setattr(lint, "EXACT_STATES", 10)
    assert uneven_chance(items) == pytest.approx(exact, abs=0.015)
