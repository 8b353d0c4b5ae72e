"""The safety plan builder (Day 5): its steps and checks, saving, and the printable page."""

from __future__ import annotations

import html
import json
import multiprocessing
import multiprocessing.synchronize
import subprocess
from pathlib import Path

import pytest

from ipt_course.kit.plans import check_plan
from ipt_course.kit.saved import WorkFile
from ipt_course.tools.safety_plan import (
    SafetyPlanBuilder,
    SafetyPlanDocument,
    SafetyPlanFileError,
    SafetyPlanModel,
    crisis_lines,
    safety_plan_content,
    safety_plan_spec,
)
from tests.screen import control, press, shown_html

HOSTILE = "<script>alert(1)</script>"
# Nadia's updated plan from the clinical risk notebook (session 10), as a trainee types it.
NADIA = {
    "warning_signs": "Lying awake after a row\nThinking \"I'm no use to anyone\"\n"
                     "Ignoring Shirin's messages",
    "coping": "A shower, then Yusuf out in the pram",
    "distraction": "Coffee with Leanne\nThe Wednesday baby group",
    "help": "Shirin (sister): mobile number saved in my phone; I've texted her to ring tonight\n"
            "Imran (husband, at home): I'll tell him today",
    "professionals": "Talking therapies service 01632 960 111, weekdays 9am to 5pm\n"
                     "My GP surgery 01632 960 321\n"
                     "Perinatal team: number on the letter once the referral is taken\n"
                     "NHS 111, option 2\nSamaritans 116 123\n999 or A&E",
    "safer": "Hand my spare painkillers in at the pharmacy on the way home\n"
             "Imran keeps the household's medicines, Rokeya's new painkillers too, in a locked "
             "box",
    "reasons": "Zara starting Year 1\nYusuf asleep on me\nMum would want me to get through this",
}
LABELS = {part.id: part.title for part in safety_plan_spec().parts}


def fill(builder: SafetyPlanBuilder, entries: dict[str, str]) -> None:
    for part_id, text in entries.items():
        control(builder, LABELS[part_id]).value = text


# -- the content ---------------------------------------------------------------------------------


def test_the_six_stanley_brown_steps_come_in_order_then_reasons_for_living() -> None:
    assert [part.title for part in safety_plan_spec().parts] == [
        "Warning signs", "My own ways of coping", "People and places that distract me",
        "People I can ask for help", "Professionals and crisis lines",
        "Making my surroundings safer", "My reasons for living"]
    assert [part.numbered for part in safety_plan_spec().parts] == [True] * 6 + [False]
    assert all(part.prompt and part.empty for part in safety_plan_spec().parts)


def test_crisis_lines_cover_all_four_nations_with_their_numbers() -> None:
    every = " ".join(crisis_lines().for_nation("all"))
    for expected in ("England: NHS 111, choose option 2", "Scotland: NHS 24 on 111",
                     "Wales: NHS 111 Wales, press 2", "Northern Ireland: Lifeline on 0808 808 8000",
                     "Samaritans on 116 123", "999", "A&E"):
        assert expected in every
    wales = crisis_lines().for_nation("wales")
    assert wales[0] == "NHS 111 Wales, press 2, for urgent mental health help"
    assert not any("Lifeline" in line or "option 2" in line for line in wales)
    assert any("116 123" in line for line in wales) and any("999" in line for line in wales)


# -- the checks ----------------------------------------------------------------------------------


def test_nadias_worked_plan_passes_every_check() -> None:
    assert check_plan(safety_plan_spec(), NADIA) == []


@pytest.mark.parametrize(("part", "line", "words"), [
    ("help", "call someone", "will not work at three in the morning"),
    ("help", "my sister", "Give the person's name"),
    ("help", "Shirin", "Add the number, or where it is saved"),
    ("safer", "keep safe", "gives her nothing to do"),
    ("safer", "Stay safe if it gets bad", "gives her nothing to do"),
    ("warning_signs", "feeling low", "Too general to notice in time"),
    ("coping", "keep busy", "What exactly would she do"),
    ("distraction", "see friends", "Name the person or the place"),
    ("professionals", "My GP", "Add the number, and when they answer"),
])
def test_vague_or_incomplete_lines_are_flagged(part: str, line: str, words: str) -> None:
    problems = [f for f in check_plan(safety_plan_spec(), {**NADIA, part: line})
                if f.level == "problem"]
    assert problems and {finding.line for finding in problems} == {line}
    assert any(words in finding.message for finding in problems)


def test_a_plan_that_names_no_medicine_is_prompted_to_ask_about_every_one() -> None:
    findings = check_plan(safety_plan_spec(), {**NADIA, "safer": "Imran keeps the car keys"})
    assert [(f.level, f.line) for f in findings] == [("prompt", "")]
    assert "every medicine in the house" in findings[0].message


def test_empty_steps_are_found_and_professionals_may_rely_on_the_crisis_lines() -> None:
    findings = check_plan(safety_plan_spec(), {})
    assert [f.part for f in findings if f.level == "empty"] == [
        "warning_signs", "coping", "distraction", "help", "safer", "reasons"]
    assert [f.part for f in findings if f.level == "prompt"] == ["professionals"]


# -- the widget ----------------------------------------------------------------------------------


def test_the_banner_says_practice_with_nadia_only() -> None:
    builder = SafetyPlanBuilder(save_path=None)
    text = html.unescape(shown_html(builder))
    assert "Practice only, with Nadia" in text
    assert "Never use it for a real client" in text
    assert control(builder, "Fictional client").value == "Nadia"


def test_each_step_shows_its_prompt_and_flags_a_vague_line_as_it_is_typed() -> None:
    builder = SafetyPlanBuilder(save_path=None)
    text = html.unescape(shown_html(builder))
    assert "Step 4." in text and "Whom can she tell that she is struggling" in text
    help_box = control(builder, "People I can ask for help")
    help_box.value = "call someone"
    assert "will not work at three in the morning" in html.unescape(shown_html(builder))
    assert builder.model.entries["help"] == "call someone"
    help_box.value = NADIA["help"]
    assert "three in the morning" not in html.unescape(shown_html(builder))


def test_checking_lists_empty_steps_and_steps_to_look_at_again() -> None:
    builder = SafetyPlanBuilder(save_path=None)
    assert "No warning signs yet" not in html.unescape(shown_html(builder))
    control(builder, "Making my surroundings safer").value = "keep safe"
    press(builder, "Check my plan")
    message = html.unescape(builder.message.value)
    assert "1 of 7 parts ready" in message
    assert "To look at again: “Making my surroundings safer”." in message
    assert "Still empty: “Warning signs”, “My own ways of coping”" in message
    assert "No warning signs yet" in html.unescape(shown_html(builder))
    fill(builder, NADIA)
    press(builder, "Check my plan")
    assert "7 of 7 parts ready" in html.unescape(builder.message.value)


def test_the_crisis_line_follows_the_nation_chosen() -> None:
    builder = SafetyPlanBuilder(save_path=None)
    assert "Lifeline on 0808 808 8000" in builder.crisis.value
    control(builder, "Crisis line for").value = "scotland"
    assert builder.model.nation == "scotland"
    assert "NHS 24 on 111" in builder.crisis.value and "Lifeline" not in builder.crisis.value


def test_the_printable_page_is_saved_beside_the_plan_and_offered_for_download(tmp_path) -> None:
    builder = SafetyPlanBuilder(save_path=tmp_path / "my-safety-plan.json")
    fill(builder, NADIA)
    control(builder, "Warning signs").value = NADIA["warning_signs"] + "\n" + HOSTILE
    control(builder, "Crisis line for").value = "england"
    press(builder, "Make a printable page")
    page = (tmp_path / "my-safety-plan.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Step 4: People I can ask for help" in page and "My reasons for living" in page
    assert "Zara starting Year 1" in page
    assert "NHS 111, choose option 2" in page and "Lifeline" not in page
    assert "Made on an IPT training course to practise with a fictional client" in page
    assert "http" not in page  # nothing fetched from anywhere when it prints
    assert "my-safety-plan.html" in builder.message.value
    assert "download='my-safety-plan.html'" in builder.download.value
    assert "Zara starting Year 1" in builder.preview.value


def test_an_unsaved_plan_still_prints_through_the_download_link() -> None:
    builder = SafetyPlanBuilder(save_path=None)
    press(builder, "Make a printable page")
    assert "download='my-safety-plan.html'" in builder.download.value
    assert "Made as it stands: 1 of 7 parts ready" in html.unescape(builder.message.value)


def test_printable_pages_are_trainee_data_that_git_ignores(repo_root: Path) -> None:
    result = subprocess.run(["git", "check-ignore", "--no-index", "-q",
                             "curriculum/day5/my-safety-plan.html"], cwd=repo_root, check=False)
    assert result.returncode == 0


# -- saving and reloading ------------------------------------------------------------------------


def test_the_plan_is_saved_as_it_is_written_and_comes_back_after_a_restart(tmp_path) -> None:
    path = tmp_path / "my-safety-plan.json"
    builder = SafetyPlanBuilder(save_path=path)
    assert "will be saved in my-safety-plan.json" in builder.status.value
    fill(builder, NADIA)
    control(builder, "Crisis line for").value = "wales"
    assert "Saved to my-safety-plan.json" in builder.status.value
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["kind"], saved["format"], saved["nation"]) == ("ipt-safety-plan", 1, "wales")
    assert saved["entries"]["help"] == NADIA["help"]

    again = SafetyPlanBuilder(save_path=path)
    assert "Loaded your safety plan from my-safety-plan.json" in again.status.value
    assert {part: control(again, LABELS[part]).value for part in NADIA} == NADIA
    assert control(again, "Crisis line for").value == "wales"


def test_the_default_file_is_beside_the_notebook(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    control(SafetyPlanBuilder(), "Warning signs").value = "Lying awake after a row"
    assert SafetyPlanModel().entries["warning_signs"] == "Lying awake after a row"
    assert (tmp_path / "my-safety-plan.json").exists()


def test_a_damaged_plan_is_kept_aside_with_a_plain_message(tmp_path) -> None:
    path = tmp_path / "my-safety-plan.json"
    path.write_text('{"kind": "ipt-safety-plan", "format": 1, "entries": {"help": 7}}',
                    encoding="utf-8")
    builder = SafetyPlanBuilder(save_path=path)
    message = html.unescape(builder.status.value)
    assert "Your saved safety plan (my-safety-plan.json) could not be read: entries.help: " \
           "expected text." in message
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("my-safety-plan.unreadable-")]
    assert len(kept) == 1 and kept[0].name in message
    assert '"help": 7' in kept[0].read_text(encoding="utf-8")
    control(builder, "Warning signs").value = "Lying awake after a row"
    assert json.loads(path.read_text(encoding="utf-8"))["entries"]["warning_signs"] == (
        "Lying awake after a row")


@pytest.mark.parametrize(("text", "message"), [
    ("{", r"not valid JSON \(line 1, column 2\)"),
    ('{"kind": "ipt-goals", "format": 1}', "kind: expected 'ipt-safety-plan'"),
    ('{"kind": "ipt-safety-plan", "format": 2}', "format: expected 1, got 2"),
    ('{"kind": "ipt-safety-plan", "format": 1, "entries": {"hopes": "x"}}',
     "entries: unknown part 'hopes'"),
    ('{"kind": "ipt-safety-plan", "format": 1, "nation": "france"}',
     "nation: expected one of all, england"),
    ('{"kind": "ipt-safety-plan", "format": 1, "client": ["Nadia"]}', "client: expected text"),
])
def test_saved_plans_are_checked_with_key_paths(tmp_path, text: str, message: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SafetyPlanFileError, match=message):
        WorkFile(path, SafetyPlanDocument, SafetyPlanFileError).read()


def _write_steps(folder: str, steps: list[str], start: multiprocessing.synchronize.Barrier) -> None:
    """One kernel with the plan open: wait for the other, then write its steps one by one."""
    model = SafetyPlanModel(save_path=Path(folder) / "my-safety-plan.json")
    start.wait()
    for step in steps:
        for length in range(1, len(NADIA[step]) + 1, 7):
            model.set_entry(step, NADIA[step][:length])
        model.set_entry(step, NADIA[step])


def test_two_kernels_writing_one_plan_at_once_lose_no_step(tmp_path) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    halves = (["warning_signs", "coping", "distraction"], ["help", "safer", "reasons"])
    kernels = [context.Process(target=_write_steps, args=(str(tmp_path), half, start))
               for half in halves]
    for kernel in kernels:
        kernel.start()
    for kernel in kernels:
        kernel.join(timeout=180)
    assert [kernel.exitcode for kernel in kernels] == [0, 0]
    saved = SafetyPlanModel(save_path=tmp_path / "my-safety-plan.json")
    for step in (*halves[0], *halves[1]):
        assert saved.entries[step] == NADIA[step], step


def test_the_content_is_what_the_notebook_promises() -> None:
    content = safety_plan_content()
    assert content.default_client == "Nadia" and content.page_title == "Safety plan"
    assert "fictional client" in content.practice_note


def test_a_huge_paste_is_kept_whole_and_checked_only_as_far_as_a_plan_goes(tmp_path) -> None:
    path = tmp_path / "my-safety-plan.json"
    builder = SafetyPlanBuilder(save_path=path)
    pasted = "\n".join(f"call someone, line {number} " + "x" * 2000 for number in range(3000))
    control(builder, "People I can ask for help").value = pasted
    shown = html.unescape(builder.parts["help"].feedback.value)
    assert "This part has 3000 lines, and only the first 25 are checked" in shown
    assert shown.count("<li") == 1 + 25 * 2  # the length, then name and number for each line
    assert "x" * 200 not in shown  # each quoted line is cut short on screen
    assert json.loads(path.read_text(encoding="utf-8"))["entries"]["help"] == pasted
    press(builder, "Make a printable page")
    assert "line 2999" in (tmp_path / "my-safety-plan.html").read_text(encoding="utf-8")


def test_a_step_missing_its_wording_is_refused_with_file_and_key() -> None:
    from importlib import resources

    from ipt_course.kit.datafile import DataFileError, parse_data
    from ipt_course.tools.safety_plan import SafetyPlanContent

    text = resources.files("ipt_course.tools.safety_plan").joinpath(
        "data/plan.yaml").read_text("utf-8")
    broken = text.replace("  empty: >-\n    No warning signs yet.", "  emptty: >-\n    No", 1)
    with pytest.raises(DataFileError, match=r"safety_plan/data/plan\.yaml: parts\[0\]\.empty: "
                                            r"this key is required but missing"):
        parse_data(broken, "safety_plan/data/plan.yaml", SafetyPlanContent)
