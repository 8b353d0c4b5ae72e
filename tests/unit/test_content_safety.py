"""What a trainee reads about safety: content notes, support for all four UK nations, the topic's
own helplines, and one numbering of the IPT phases.

Read from the notebooks the manifest lists, so a notebook added without its support section, or a
new mention of abuse or baby loss without the matching helplines, fails here.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import nbformat
import pytest

from ipt_course.course import load_course
from ipt_course.tools.selfcheck import SelfCheckView, load_check
from ipt_course.welcome import course_overview

ROOT = Path(__file__).resolve().parents[2]
COURSE = load_course(ROOT)
WELCOME = COURSE.course.welcome
# Live pages are the trainer's projected dashboards; everything a trainee reads is checked.
NOTEBOOKS = [nb for nb in COURSE.all_notebooks()
             if nb != WELCOME and not nb.endswith("/live.ipynb")]
DAY_1_AND_2 = [nb for nb in NOTEBOOKS if re.search(r"/day[12]/", nb)]

FOUR_NATIONS = ("NHS 111 and choose option 2", "NHS 24 on 111", "NHS 111 Wales and press 2",
                "Lifeline on 0808 808 8000", "999", "A&E", "116 123", "supervisor")
TOPICS = {
    "domestic abuse": (re.compile(r"domestic abuse|coercive control", re.I),
                       ("0808 2000 247", "Men's Advice Line", "0800 027 1234", "0808 80 10 800",
                        "0808 802 1414", "**55**")),
    "pregnancy and baby loss": (re.compile(r"miscarriage|stillbirth|pregnancy loss", re.I),
                                ("Miscarriage Association", "01924 200799", "Sands",
                                 "0808 164 3332", "Tommy's")),
    "perinatal mental health": (re.compile(r"postnatal|perinatal|pregnan", re.I), ("PANDAS",)),
}
RISK_OR_LOSS = re.compile(r"suicid|self-harm|domestic abuse|miscarriage|stillbirth|bereave", re.I)


@cache
def cells(relative: str) -> tuple[nbformat.NotebookNode, ...]:
    return tuple(nbformat.read(ROOT / relative, as_version=4).cells)


def support_section(relative: str) -> str:
    last = cells(relative)[-1]
    assert last.cell_type == "markdown", f"{relative}: the last cell is not the support section"
    return last.source


def teaching_text(relative: str) -> str:
    """Every Markdown cell but the closing support section."""
    return "\n".join(c.source for c in cells(relative)[:-1] if c.cell_type == "markdown")


def opening_text(relative: str) -> str:
    """The Markdown a trainee reads before the first tool or role-play appears."""
    text = []
    for cell in cells(relative):
        if cell.cell_type == "code":
            break
        text.append(cell.source)
    return "\n".join(text)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_notebook_ends_with_support_for_all_four_nations(notebook: str) -> None:
    support = " ".join(support_section(notebook).split())
    missing = [route for route in FOUR_NATIONS if route not in support]
    assert not missing, f"{notebook}: the closing support section lacks {missing}"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_support_names_the_helplines_for_the_topics_the_notebook_raises(notebook: str) -> None:
    text = teaching_text(notebook)
    support = " ".join(support_section(notebook).split())
    for topic, (pattern, lines) in TOPICS.items():
        if pattern.search(text):
            missing = [line for line in lines if line not in support]
            assert not missing, f"{notebook} raises {topic} but its support lacks {missing}"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebooks_that_touch_risk_abuse_or_loss_open_with_a_content_note(notebook: str) -> None:
    if not RISK_OR_LOSS.search(teaching_text(notebook)):
        return
    opening = opening_text(notebook)
    assert re.search(r"content note", opening, re.I), (
        f"{notebook} touches risk, abuse or loss but has no content note before its first tool")
    if TOPICS["domestic abuse"][0].search(teaching_text(notebook)):
        note = opening[re.search(r"content note", opening, re.I).start():]
        assert "abuse" in note.split("\n\n")[0], f"{notebook}: the content note omits abuse"


@pytest.mark.parametrize("notebook", DAY_1_AND_2)
def test_day_1_and_2_use_one_numbering_of_the_phases(notebook: str) -> None:
    text = " ".join(teaching_text(notebook).split())
    for stale in ("sessions 13 to 16", "session 5 to session 12", "about 5-12",
                  "eight to ten middle-phase", "eight to ten sessions"):
        assert stale not in text, f"{notebook} still says {stale!r}"


def test_the_worked_contract_and_the_overview_give_the_same_ending() -> None:
    overview = " ".join(teaching_text("curriculum/day1/01-overview-of-ipt.ipynb").split())
    contract = " ".join(teaching_text("curriculum/day2/04-contracting.ipynb").split())
    assert "sessions 14 to 16** of a 16-session contract" in overview
    assert "sessions 5 to 13**" in overview
    assert "the last three sessions (14 to 16)" in contract
    assert "| 13 | Tue 6 Apr | Middle |" in contract and "| 14 | Tue 13 Apr | Ending |" in contract


def test_goal_setting_arithmetic_holds_for_both_contract_lengths() -> None:
    text = " ".join(teaching_text("curriculum/day2/03-goal-setting.ipynb").split())
    initial, ending = 4, 3
    assert 16 - initial - ending == 9 and "nine middle-phase sessions in a 16-session" in text
    assert 12 - initial - ending == 5 and "five in a 12-session contract" in text


def test_welcome_says_which_days_have_notebooks_as_the_manifest_does() -> None:
    shown = course_overview(ROOT).data
    first = next(line for line in shown.splitlines() if line.startswith("Notebooks so far:"))
    for day in COURSE.days:
        if day.notebooks:
            assert f"Day {day.number} ({len(day.notebooks)} notebook" in first
        else:
            waiting = first[first.index("show their timetable") - 40:]
            assert str(day.number) in waiting
    for day in COURSE.days:
        if not day.notebooks:
            section = shown[shown.index(f"## Day {day.number}:"):]
            assert "notebooks for this day are being written" in section.split("## Day")[1]
    intro = cells(WELCOME)[0].source
    assert "own folder of notebooks" not in intro


def test_welcome_and_the_self_checks_agree_on_what_is_not_saved(tmp_path: Path) -> None:
    welcome = " ".join(c.source for c in cells(WELCOME) if c.cell_type == "markdown")
    assert "Your work is kept" not in welcome
    not_saved = welcome[welcome.index("*Not saved*"):].split("\n\n")[0]
    assert "self-check" in not_saved and "reflection boxes" in not_saved
    path = tmp_path / "checks.yaml"
    path.write_text("checks:\n  - {id: r, type: reflection, prompt: Think, model_points: [A]}\n",
                    encoding="utf-8")
    assert "not saved" in SelfCheckView(load_check(path, "r")).prompt.value


def test_welcome_support_covers_all_four_nations_and_domestic_abuse() -> None:
    section = next(c.source for c in cells(WELCOME) if "## Looking after yourself" in c.source)
    section = " ".join(section.split())
    for route in FOUR_NATIONS + TOPICS["domestic abuse"][1]:
        assert route in section, f"the welcome's support section lacks {route!r}"
