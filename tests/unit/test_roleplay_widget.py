"""The role-play widget driven headless, as a trainee would click through it."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml

from ipt_course.roleplay import RolePlayView, play
from ipt_course.roleplay.model import RolePlayModel
from ipt_course.roleplay.schema import load_scenario
from ipt_course.roleplay.style import PROJECTOR_CLASS, ROOT_CLASS
from ipt_course.roleplay.transcript import save_transcript, transcript_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "scenarios"


@pytest.fixture
def view(tmp_path: Path) -> RolePlayView:
    return RolePlayView(load_scenario(FIXTURES / "good.yaml"), save_dir=tmp_path)


def _button(view: RolePlayView, index: int) -> widgets.Button:
    """The button on screen for the choice at ``index`` in the file (the order is shuffled)."""
    return view.choice_buttons[view.model.choice_order.index(index)]


def _walk(view: RolePlayView, letters: str, own_words: str = "") -> None:
    """Click through the scenario: own words where asked, then the choices named by their
    letter in the file (A is a node's first choice in the YAML, whatever its place on screen)."""
    for letter in letters:
        if view.model.node.own_words:
            view._own_words.value = own_words
            view._reveal.click()
        _button(view, "ABCD".index(letter)).click()
        view._continue.click()


def _all_html(widget: widgets.Widget) -> str:
    """The HTML a browser would render from every visible HTML widget inside ``widget``."""
    if isinstance(widget, widgets.HTML):
        return widget.value
    if isinstance(widget, widgets.Box) and widget.layout.display != "none":
        return "\n".join(_all_html(child) for child in widget.children)
    return ""


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&#x27;", "'")


def test_opening_shows_the_client_line_own_words_box_and_no_choices_yet(
        view: RolePlayView) -> None:
    assert "We had another row last night." in view._client.value
    assert "(twists a tissue in her hands)" in view._client.value
    assert view._own_words_box.layout.display == ""
    assert view.choice_buttons == []
    view._reveal.click()
    in_file = [
        "Could we go through last night's row step by step, starting with what was said first?",
        "Many new parents argue more when they are short of sleep.",
        "I'm sure it wasn't as bad as it felt; every couple rows.",
    ]
    shown = [b.description for b in view.choice_buttons]
    assert [text[:3] for text in shown] == ["A. ", "B. ", "C. "]
    assert shown == [f"{letter}. {in_file[index]}"
                     for letter, index in zip("ABC", view.model.choice_order, strict=True)]
    assert sorted(view.model.choice_order) == [0, 1, 2]
    assert view._reveal.disabled


def test_a_choice_shows_feedback_then_continue_shows_the_reaction(view: RolePlayView) -> None:
    view._reveal.click()
    _button(view, 2).click()
    assert view.choice_buttons == []
    assert "Unhelpful" in view.feedback_text
    assert "Premature reassurance" in view.feedback_text
    assert "tells her the dispute is not worth talking about" in _text(view.feedback_text)
    assert view._feedback_box.layout.display == ""
    view._continue.click()
    assert view.feedback_text == ""
    assert "I probably overreacted anyway." in view._client.value
    assert "(looks away)" in view._client.value
    assert len(view.choice_buttons) == 2


def test_whole_run_gives_transcript_score_and_ending(view: RolePlayView) -> None:
    _walk(view, "CAB", own_words="What happened?")
    model = view.model
    assert model.is_ended
    assert [(e.node_id, e.choice_index, e.quality) for e in model.history] == [
        ("opening", 2, "unhelpful"), ("guarded", 0, "sound"), ("explore", 1, "partial")]
    assert model.history[0].own_words == "What happened?"
    assert model.score() == 50.0
    summary = model.summary()
    assert summary.counts == {"sound": 1, "partial": 1, "unhelpful": 1}
    assert summary.techniques_used == ["premature_reassurance", "exploration", "advice_giving"]
    assert summary.techniques_missed == ["communication_analysis", "encouragement_of_affect"]
    assert summary.outcomes == ["d3.lo1", "d3.lo2"]
    assert summary.practise_next[0].startswith("Practise communication analysis: going through")
    assert "you chose premature reassurance; a sound reply was" in summary.practise_next[2]
    ending = _text(view._ending.value)
    assert "Ending: A plan without the pattern" in ending
    assert "Adherence score: 50 out of 100" in ending
    assert "1 sound, 1 partly helpful, 1 unhelpful, of 3 decisions" in ending
    assert "Techniques missed: Communication analysis, Encouragement of affect" in ending
    assert "I suppose I could ask him." in view._client.value
    transcript = _text(view._transcript.value)
    assert transcript.count("You chose:") == 3
    assert "What happened?" in transcript
    assert view._progress.value == 1.0
    assert "Ending reached after 3 decisions" in view._progress_text.value


def test_all_sound_path_scores_100_and_says_so(view: RolePlayView) -> None:
    _walk(view, "AA")
    summary = view.model.summary()
    assert summary.score == 100.0
    assert summary.techniques_missed == []
    assert summary.practise_next[0].startswith("Every reply was a sound IPT move.")
    assert "Expectations on the table" in view._ending.value


def test_progress_counts_decisions_against_the_longest_way_to_an_ending(
        view: RolePlayView) -> None:
    assert view.model.progress == 0.0
    assert "0 of up to 3 decisions made" in view._progress_text.value
    _walk(view, "A")
    assert view.model.progress == pytest.approx(1 / 2)
    assert "1 of up to 2 decisions made" in view._progress_text.value


def test_back_undoes_a_choice_and_restores_own_words(view: RolePlayView) -> None:
    assert view._back.disabled
    assert view._save.disabled
    _walk(view, "C", own_words="My first try")
    assert view.model.node_id == "guarded"
    view._back.click()
    assert view.model.node_id == "opening"
    assert view.model.history == []
    assert view._own_words.value == "My first try"
    assert len(view.choice_buttons) == 3
    _button(view, 0).click()
    view._back.click()
    assert view.model.history == [] and not view.model.awaiting_continue
    assert len(view.choice_buttons) == 3


def test_back_from_an_ending_returns_to_the_last_decision(view: RolePlayView) -> None:
    _walk(view, "AB")
    assert view.model.is_ended
    view._back.click()
    assert view.model.node_id == "explore" and not view.model.is_ended
    assert view._ending.layout.display == "none"
    _button(view, 0).click()
    view._continue.click()
    assert view.model.node_id == "ending_agreed"


def test_restart_clears_everything(view: RolePlayView) -> None:
    _walk(view, "CB")
    assert view.model.is_ended
    view._restart.click()
    assert view.model.node_id == "opening"
    assert view.model.history == []
    assert view._transcript.value == ""
    assert view._ending.layout.display == "none"
    assert view.choice_buttons == []
    assert view._progress.value == 0.0


def test_choose_is_refused_while_feedback_is_showing(view: RolePlayView) -> None:
    view._reveal.click()
    view.model.choose(0)
    with pytest.raises(RuntimeError, match="continue or go back first"):
        view.model.choose(1)


def test_buttons_are_real_labelled_controls_in_a_sensible_order(view: RolePlayView) -> None:
    view._reveal.click()
    buttons = [w for w in _flatten(view) if isinstance(w, widgets.Button)
               and w.layout.display != "none"]
    labels = [b.description for b in buttons]
    assert labels[0].startswith("A. ") and labels[2].startswith("C. ")
    assert labels[-3:] == ["Back", "Restart", "Save transcript"]
    assert all(b.description and b.tooltip for b in buttons)
    assert view._own_words.description == "Your reply"


def test_the_case_shows_in_full_once_then_in_one_line(view: RolePlayView) -> None:
    assert view._case.layout.display != "none"
    assert view.model.scenario.client.situation[:20] in _text(view._case.value)
    view._own_words.value = "What happened last night?"
    view._reveal.click()
    assert view._case.layout.display == "none"
    line = _text(view._progress_text.value)
    assert view.model.scenario.title in line and "0 of up to 3 decisions made" in line
    # the typed reply is quoted above the choices, in place of its box
    assert view._own_words_box.layout.display == "none"
    assert "What happened last night?" in view._your_reply.value
    assert view._your_reply.layout.display != "none"
    view.choice_buttons[0].click()
    view._continue.click()
    assert view._case.layout.display == "none" and "1 of up to" in view._progress_text.value
    view._case_open.value = True
    assert view._case.layout.display != "none"
    view._restart.click()
    assert view._case_open.value and view._own_words_box.layout.display == ""


def _flatten(widget: widgets.Widget) -> list[widgets.Widget]:
    found = [widget]
    if isinstance(widget, widgets.Box) and widget.layout.display != "none":
        for child in widget.children:
            found += _flatten(child)
    return found


def test_projector_mode_adds_the_scoped_class_and_style() -> None:
    scenario = load_scenario(FIXTURES / "good.yaml")
    plain = RolePlayView(scenario)
    projected = RolePlayView(scenario, projector=True)
    assert ROOT_CLASS in plain._dom_classes and PROJECTOR_CLASS not in plain._dom_classes
    assert PROJECTOR_CLASS in projected._dom_classes
    style = projected.children[0].value
    assert style.startswith("<style>")
    selectors = [part.strip() for rule in re.findall(r"([^{}]+)\{", style.removeprefix("<style>"))
                 for part in rule.split(",")]
    assert len(selectors) > 10
    assert all(selector.startswith(f".{ROOT_CLASS}") for selector in selectors), selectors
    assert f".{PROJECTOR_CLASS} .widget-button" in style


def _hostile(tmp_path: Path) -> Path:
    data = yaml.safe_load((FIXTURES / "good.yaml").read_text(encoding="utf-8"))
    attack = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    data["title"] = f"Title {attack}"
    data["client"]["name"] = f"Priya {attack}"
    data["nodes"]["opening"]["client"] = f"Client line {attack}"
    data["nodes"]["opening"]["direction"] = f"looks {attack}"
    data["nodes"]["opening"]["choices"][0]["feedback"] = f"Feedback {attack}"
    data["nodes"]["explore"]["choices"][0]["text"] = f"Choice {attack}"
    data["nodes"]["ending_agreed"]["ending"]["summary"] = f"Summary {attack}"
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_text_from_yaml_and_trainees_is_escaped_in_html(tmp_path: Path) -> None:
    view = RolePlayView(load_scenario(_hostile(tmp_path)), save_dir=tmp_path)
    pages = [_all_html(view)]
    view._own_words.value = "<script>steal()</script>"
    view._reveal.click()
    _button(view, 0).click()
    pages.append(_all_html(view))
    view._continue.click()
    _button(view, 0).click()
    view._continue.click()
    pages.append(_all_html(view))
    html = "\n".join(pages)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;script&gt;steal()&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()


def test_own_words_with_long_emoji_and_right_to_left_text_survive(tmp_path: Path) -> None:
    arabic = "أشعر بالحزن منذ وفاة والدتي"
    hebrew = "אני מרגישה עייפה מאוד"
    emoji = "😢👶🏽❤️‍🩹"
    long_text = ("word " * 2000)[:9_000]
    text = f"{arabic} {emoji}\n{hebrew}\n\n{long_text}"
    text = text + "x" * (10_000 - len(text))
    assert len(text) == 10_000
    view = RolePlayView(load_scenario(FIXTURES / "good.yaml"), save_dir=tmp_path)
    _walk(view, "AA", own_words=text)
    assert view.model.history[0].own_words == text
    assert arabic in view._transcript.value and hebrew in view._transcript.value
    assert emoji in view._transcript.value
    path = view.save()
    saved = path.read_text(encoding="utf-8")
    quoted = saved.split("**Your own words:**\n\n", 1)[1].split("\n\n**You chose:**", 1)[0]
    lines = [line[2:] if line.startswith("> ") else line.removeprefix(">")
             for line in quoted.split("\n")]
    assert "\n".join(lines) == text


def test_save_transcript_writes_markdown_beside_the_notebook_and_never_overwrites(
        tmp_path: Path) -> None:
    view = RolePlayView(load_scenario(FIXTURES / "good.yaml"), save_dir=tmp_path)
    _walk(view, "BA", own_words="Tell me more about the row.")
    first = view.save()
    assert first is not None and first.parent == tmp_path
    assert re.fullmatch(r"fixture-dispute-good-transcript-\d{8}-\d{4}\.md", first.name)
    assert first.name in view._status.value
    text = first.read_text(encoding="utf-8")
    assert text.startswith("# Role-play transcript: A row about the night feeds\n")
    assert "> Tell me more about the row." in text
    assert "**You chose:** Many new parents argue more when they are short of sleep." in text
    assert "- Quality: Partly helpful" in text
    assert "- Feedback: True and normalising" in text
    assert "## Ending: Expectations on the table" in text
    assert "- Adherence score: 75 out of 100" in text
    assert "- Techniques missed: Communication analysis" in text
    assert "### What to practise next" in text

    moment = datetime(2026, 3, 4, 9, 30)
    paths = [save_transcript(view.model, tmp_path, moment) for _ in range(3)]
    assert [p.name for p in paths] == [
        "fixture-dispute-good-transcript-20260304-0930.md",
        "fixture-dispute-good-transcript-20260304-0930-2.md",
        "fixture-dispute-good-transcript-20260304-0930-3.md",
    ]
    assert not list(tmp_path.glob(".saving-*"))


def test_an_unfinished_transcript_says_so_and_keeps_unsent_words() -> None:
    model = RolePlayModel(load_scenario(FIXTURES / "good.yaml"))
    model.draft = "Half a thought"
    text = transcript_markdown(model)
    assert "## Not finished" in text
    assert "> Half a thought" in text


def test_saving_into_a_missing_folder_says_why_instead_of_crashing(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    view = RolePlayView(load_scenario(FIXTURES / "good.yaml"), save_dir=blocked / "sub")
    assert view.save() is None
    assert "Could not save the transcript" in view._status.value


def test_play_resolves_paths_from_the_working_directory(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES.parent)
    widget = play("scenarios/good.yaml", projector=True)
    assert isinstance(widget, RolePlayView)
    assert PROJECTOR_CLASS in widget._dom_classes
    assert widget.save_dir == FIXTURES.parent


def test_play_shows_the_problems_of_a_broken_scenario(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    widget = play("bad-dead-end.yaml")
    assert not isinstance(widget, RolePlayView)
    html = _all_html(widget)
    assert "This role-play cannot be shown yet." in html
    assert "bad-dead-end.yaml: nodes.stuck (line 23): dead end" in html
    missing = play("no-such-file.yaml")
    assert "no-such-file.yaml: file not found" in _all_html(missing)


def test_summary_names_the_learning_outcomes_from_course_yaml(
        repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ipt_course.course import load_course

    monkeypatch.chdir(repo_root)
    view = RolePlayView(load_scenario(FIXTURES / "good.yaml"), save_dir=tmp_path)
    _walk(view, "AA")
    text = load_course(repo_root).outcome("d3.lo1").text
    assert _text(f"<li>d3.lo1: {text}</li>") in _text(view._ending.value)
    assert f"- d3.lo1: {text}" in view.save().read_text(encoding="utf-8")

    monkeypatch.chdir(tmp_path)
    outside = RolePlayView(load_scenario(FIXTURES / "good.yaml"), save_dir=tmp_path)
    _walk(outside, "AA")
    assert "<li>d3.lo1</li>" in outside._ending.value
