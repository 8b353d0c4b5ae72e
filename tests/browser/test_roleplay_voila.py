"""A role-play in real Voila and headless Chromium: type, reveal, choose, read the feedback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from ipt_course.kit.order import display_order, letters, room_seed
from ipt_course.roleplay.schema import load_scenario
from tests.browser.conftest import PageLog, screenshot

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "unit" / "fixtures" / "scenarios"
TRAINEE_SEED = "a" * 32
OPENING = load_scenario(FIXTURES / "good.yaml").nodes["opening"].choices


def _shown(seed: str) -> list[str]:
    """The opening replies as lettered buttons, in the order ``seed`` gives them."""
    order = display_order(["0", "1", "2"], seed=seed, item="fixture-dispute-good/opening")
    return [f"{letter}. {OPENING[int(index)].text}"
            for letter, index in zip(letters(3), order, strict=True)]


def _notebook(folder: Path, name: str, source: str) -> None:
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata = {"jupyter": {"source_hidden": True}}
    notebook.cells = [cell]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, folder / name)


@pytest.fixture
def site(tmp_path: Path, trainee_data_dir: Path) -> Path:
    """Two notebooks, and a trainee whose seed the Voila kernels will read."""
    seed = trainee_data_dir / "ipt-course" / "order-seed.json"
    seed.parent.mkdir(parents=True)
    seed.write_text(json.dumps({"kind": "ipt-course-order-seed", "format": 1,
                                "seed": TRAINEE_SEED}), encoding="utf-8")
    folder = tmp_path / "site"
    (folder / "scenarios").mkdir(parents=True)
    shutil.copy(FIXTURES / "good.yaml", folder / "scenarios" / "good.yaml")
    _notebook(folder, "roleplay.ipynb",
              'from ipt_course.roleplay import play\nplay("scenarios/good.yaml")')
    _notebook(folder, "projector.ipynb",
              'from ipt_course.roleplay import play\nplay("scenarios/good.yaml", projector=True)')
    return folder


def _play_the_sound_choice(page: Page, seed: str) -> None:
    """Reveal the replies, check they come in ``seed``'s order, and pick the sound one."""
    expect(page.get_by_text("We had another row last night.")).to_be_visible(timeout=120_000)
    reply = page.get_by_role("textbox", name="Your reply")
    reply.fill("Can you tell me what happened, from the start? مرحبا 😊")
    page.get_by_role("button", name="Show the choices").click()
    shown = _shown(seed)
    sound = next(text for text in shown if OPENING[0].text in text)
    choice = page.get_by_role("button", name=sound)
    expect(choice).to_be_visible()
    assert page.locator(".ipt-choice").all_inner_texts() == shown
    choice.click()
    feedback = page.locator(".ipt-feedback")
    expect(feedback.get_by_text("Taking one recent argument in detail is communication "
                                "analysis")).to_be_visible(timeout=30_000)
    expect(feedback.get_by_text("Sound IPT move")).to_be_visible()


def test_a_choice_in_voila_shows_its_feedback_and_the_reaction(
        page: Page, page_log: PageLog, voila_server, site: Path) -> None:
    base = voila_server(site)
    page.goto(f"{base}voila/render/roleplay.ipynb", timeout=120_000)
    _play_the_sound_choice(page, TRAINEE_SEED)
    screenshot(page, "roleplay")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".ipt-client-line").get_by_text("He said I never let him help")
           ).to_be_visible()
    expect(page.get_by_text("1 of up to 2 decisions made")).to_be_visible()
    expect(page.get_by_text("Transcript so far")).to_be_visible()
    screenshot(page, "roleplay-continued")

    assert page_log.console_errors == []
    assert page_log.outside_requests == []

    # A second tab, so that leaving the first does not trip Voila's kernel shutdown request.
    projector = page.context.new_page()
    errors: list[str] = []
    projector.on("console", lambda m: m.type == "error" and errors.append(m.text))
    projector.on("pageerror", lambda error: errors.append(str(error)))
    projector.goto(f"{base}voila/render/projector.ipynb", timeout=120_000)
    _play_the_sound_choice(projector, room_seed(3))   # the room's order, not the trainee's
    line = projector.locator(".ipt-roleplay--projector .ipt-client-line")
    styles = line.evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e).color]")
    assert float(styles[0].removesuffix("px")) >= 30
    assert styles[1] == "rgb(255, 255, 255)"
    screenshot(projector, "roleplay-projector")
    assert errors == []


def test_the_role_play_is_keyboard_operable(
        page: Page, page_log: PageLog, voila_server, site: Path) -> None:
    base = voila_server(site)
    page.goto(f"{base}voila/render/roleplay.ipynb", timeout=120_000)
    expect(page.get_by_text("We had another row last night.")).to_be_visible(timeout=120_000)
    page.get_by_role("textbox", name="Your reply").focus()
    page.keyboard.type("What happened?")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Show the choices" in focused
    page.keyboard.press("Enter")
    first = _shown(TRAINEE_SEED)[0]
    page.wait_for_function(f"document.activeElement.textContent === {json.dumps(first)}",
                           timeout=30_000)
    page.keyboard.press("Enter")
    chosen = next(choice for choice in OPENING if first.endswith(choice.text))
    expect(page.locator(".ipt-feedback").get_by_text(chosen.feedback[:40])
           ).to_be_visible(timeout=30_000)
    page.wait_for_function("document.activeElement.textContent.trim() === 'Continue'",
                           timeout=30_000)
    results = Axe().run(page, context=".ipt-roleplay")
    serious = [v for v in results.response["violations"]
               if v["impact"] in {"serious", "critical"}]
    assert serious == [], results.generate_report()
    page.keyboard.press("Enter")
    expect(page.locator(".ipt-client-line").get_by_text("He said I never let him help")
           ).to_be_visible(timeout=30_000)
    assert page_log.console_errors == []


# JupyterLab's menu, tab and toolbar take about 110 px of a 720 px screen: a notebook step must
# fit in what is left.
NOTEBOOK_ROOM = 600


def test_a_notebook_step_shows_the_case_once_and_the_choices_with_the_client(
        page: Page, page_log: PageLog, voila_server, tmp_path: Path, repo_root: Path) -> None:
    folder = tmp_path / "grace"
    folder.mkdir()
    scenario = repo_root / "curriculum/day1/scenarios/assessment-first-sessions.yaml"
    shutil.copy(scenario, folder / "grace.yaml")
    _notebook(folder, "grace.ipynb", 'from ipt_course.roleplay import play\nplay("grace.yaml")')
    base = voila_server(folder)
    page.goto(f"{base}voila/render/grace.ipynb", timeout=120_000)
    situation = load_scenario(scenario).client.situation[:40]
    expect(page.get_by_text(situation)).to_be_visible(timeout=120_000)
    span = """() => {
        const line = document.querySelector(".ipt-client-line").getBoundingClientRect();
        const last = Array.from(document.querySelectorAll(".ipt-choice")).pop()
            .getBoundingClientRect();
        return last.bottom - line.top;
    }"""
    for step in range(2):
        reveal = page.get_by_role("button", name="Show the choices")
        if reveal.count():
            reveal.click()
        expect(page.locator(".ipt-choice").first).to_be_visible()
        expect(page.get_by_text(situation)).to_be_hidden()  # the case: once, then one line
        expect(page.locator(".ipt-case-line")).to_contain_text(f"{step} of up to")
        assert page.evaluate(span) <= NOTEBOOK_ROOM
        page.locator(".ipt-client-line").evaluate("line => line.scrollIntoView()")
        screenshot(page, f"roleplay-notebook-step{step + 1}")
        said = page.locator(".ipt-client-line").inner_text()
        page.locator(".ipt-choice").first.click()
        page.get_by_role("button", name="Continue").click()
        expect(page.locator(".ipt-client-line")).not_to_have_text(said)
    page.get_by_role("button", name="Case details").click()
    expect(page.get_by_text(situation)).to_be_visible()
    assert page_log.console_errors == []
