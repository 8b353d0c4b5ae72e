"""Self-check widget: loading, feedback for right and wrong answers, clear errors."""

from __future__ import annotations

import ast
import json
import textwrap
from pathlib import Path

import ipywidgets as widgets
import pytest

from ipt_course.tools.selfcheck import (
    SelfCheckError,
    SelfCheckView,
    load_check,
    self_check,
    validate_selfcheck_file,
)
from tests.screen import press

GOOD = textwrap.dedent("""\
    checks:
      - id: sick-role
        prompt: "What does the **sick role** do?"
        type: single
        options:
          - {id: a, text: "Blames the patient", correct: false, feedback: "It does the opposite."}
          - id: b
            text: "Excuses some duties for now"
            correct: true
            feedback: "Yes: while working at recovery."
          - {id: c, text: "Sets homework", correct: false, feedback: "IPT sets no formal homework."}
        explanation: "Parsons described it in 1951."
      - id: areas
        prompt: "Which are IPT problem areas?"
        type: multiple
        options:
          - {id: grief, text: "Grief", correct: true, feedback: "A problem area."}
          - {id: disputes, text: "Role disputes", correct: true, feedback: "A problem area."}
          - {id: thoughts, text: "Automatic thoughts", correct: false, feedback: "That is CBT."}
        explanation: "Grief, disputes, transitions and sensitivities."
      - id: reflect
        prompt: "Think of a client whose mood changed after an event."
        type: reflection
        model_points: ["When the mood changed", "Who was involved"]
        explanation: "Link the onset to events."
    """)


@pytest.fixture
def checks_file(tmp_path: Path) -> Path:
    path = tmp_path / "selfchecks" / "01-overview.yaml"
    path.parent.mkdir()
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_single_choice_right_answer_shows_praise_and_explanation(checks_file: Path) -> None:
    view = self_check(checks_file, "sick-role")
    assert isinstance(view, SelfCheckView)
    view.choice.value = "b"
    press(view, "Check")
    shown = view.feedback.value
    assert "Well done" in shown
    assert "while working at recovery" in shown
    assert "Parsons described it in 1951." in shown
    assert view.model.verdict() == "right"


def test_a_wrong_answer_gets_a_second_try_then_the_answer_on_request(checks_file: Path) -> None:
    view = self_check(checks_file, "sick-role")
    view.choice.value = "a"
    press(view, "Check")
    shown = view.feedback.value
    assert "Not quite. Change your choice and press Check again." in shown
    assert "You chose this: not correct." in shown and "It does the opposite." in shown
    # Nothing gives the answer away yet: not the right option's line, nor the explanation.
    assert "This was the answer." not in shown and "Excuses some duties" not in shown
    assert "Parsons" not in shown
    assert view.show_answer.layout.display == "none"
    view.choice.value = "c"
    press(view, "Check")
    assert "IPT sets no formal homework." in view.feedback.value
    assert "This was the answer." not in view.feedback.value
    assert view.show_answer.layout.display is None
    press(view, "Show the answer")
    shown = view.feedback.value
    assert "This was the answer." in shown and "Excuses some duties" in shown
    assert "Parsons described it in 1951." in shown


def test_markdown_prompt_is_rendered_and_html_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(GOOD.replace("Blames the patient", "<script>alert(1)</script>"),
                    encoding="utf-8")
    view = self_check(path, "sick-role")
    assert "<strong>sick role</strong>" in view.prompt.value
    view.choice.value = "a"
    press(view, "Check")
    assert "<script>" not in view.feedback.value
    assert "&lt;script&gt;" in view.feedback.value


def test_check_without_a_choice_asks_for_one(checks_file: Path) -> None:
    view = self_check(checks_file, "sick-role")
    press(view, "Check")
    assert "Choose an answer first" in view.feedback.value
    assert view.model.checked is False


def _box(view, text: str) -> widgets.Checkbox:
    """The tick box a trainee reads as ``text`` (boxes follow each trainee's display order)."""
    return next(box for box in view.boxes if box.description == text)


def test_multiple_choice_partly_right(checks_file: Path) -> None:
    view = self_check(checks_file, "areas")
    _box(view, "Grief").value = True
    press(view, "Check")
    shown = view.feedback.value
    assert "Partly right" in shown
    assert "This one is correct and you did not choose it." not in shown
    _box(view, "Role disputes").value = True
    assert view.feedback.value == ""
    press(view, "Check")
    assert "Well done" in view.feedback.value


def test_multiple_choice_wrong_pick(checks_file: Path) -> None:
    view = self_check(checks_file, "areas")
    _box(view, "Automatic thoughts").value = True
    press(view, "Check")
    assert "Not quite" in view.feedback.value
    assert "That is CBT." in view.feedback.value


def test_reflection_shows_model_points_on_request(checks_file: Path) -> None:
    view = self_check(checks_file, "reflect")
    assert view.feedback.value == ""
    view.notes.value = "My client felt worse after moving house."
    press(view, "Compare with model points")
    assert "When the mood changed" in view.feedback.value
    assert "Link the onset to events." in view.feedback.value
    assert view.model.notes.startswith("My client")


def test_missing_file_gives_a_message_naming_file_and_id(tmp_path: Path) -> None:
    view = self_check(tmp_path / "nope.yaml", "q1")
    assert isinstance(view, widgets.HTML)
    assert "could not be shown" in view.value
    assert "nope.yaml" in view.value
    assert "q1" in view.value
    assert "file not found" in view.value


def test_unknown_id_lists_the_ids_that_exist(checks_file: Path) -> None:
    view = self_check(checks_file, "missing-id")
    assert isinstance(view, widgets.HTML)
    assert "missing-id" in view.value
    assert "sick-role, areas, reflect" in view.value


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("checks:\n  - id: a\n    prompt: [unclosed\n", encoding="utf-8")
    view = self_check(path, "a")
    assert isinstance(view, widgets.HTML)
    assert "YAML syntax error" in view.value
    assert "line" in view.value


def test_malformed_check_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace("correct: true\n", "correct: yes-ish\n", 1), encoding="utf-8")
    with pytest.raises(SelfCheckError) as caught:
        load_check(path, "sick-role")
    assert "checks[0].options[1].correct: expected true or false" in str(caught.value)
    view = self_check(path, "sick-role")
    assert "checks[0].options[1].correct" in view.value


def test_single_choice_needs_exactly_one_correct_option(tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    path.write_text(GOOD.replace('text: "Sets homework", correct: false',
                                 'text: "Sets homework", correct: true'), encoding="utf-8")
    problems = validate_selfcheck_file(path)
    assert [p.where for p in problems] == ["checks[0].options"]
    assert "exactly 1 correct" in problems[0].message


def test_valid_file_has_no_problems_and_duplicates_are_found(checks_file: Path,
                                                             tmp_path: Path) -> None:
    assert validate_selfcheck_file(checks_file) == []
    dup = tmp_path / "dup.yaml"
    dup.write_text(GOOD.replace("id: areas", "id: sick-role"), encoding="utf-8")
    assert any("duplicate id" in p.message for p in validate_selfcheck_file(dup))


def test_relative_path_is_resolved_from_the_notebook_folder(checks_file: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.chdir(checks_file.parent.parent)
    view = self_check("selfchecks/01-overview.yaml", "areas")
    assert isinstance(view, SelfCheckView)


def test_optional_outcome_is_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "outcome.yaml"
    path.write_text(GOOD.replace("  - id: areas\n", "  - id: areas\n    outcome: d1.lo3\n"),
                    encoding="utf-8")
    assert load_check(path, "areas").outcome == "d1.lo3"
    assert load_check(path, "sick-role").outcome == ""
    assert validate_selfcheck_file(path, {"d1.lo3"}) == []
    unknown = validate_selfcheck_file(path, {"d1.lo1"})
    assert [(p.where, p.message) for p in unknown] == [
        ("checks[1].outcome", "unknown learning outcome 'd1.lo3' (not in course.yaml)")
    ]
    path.write_text(GOOD.replace("  - id: areas\n", "  - id: areas\n    outcome: lo3\n"),
                    encoding="utf-8")
    problems = validate_selfcheck_file(path)
    assert [p.where for p in problems] == ["checks[1].outcome"]
    assert "expected a learning outcome id such as d1.lo3 (got 'lo3')" in problems[0].message


COURSE_ROOT = Path(__file__).resolve().parents[2]


def test_every_course_selfcheck_file_is_valid() -> None:
    files = sorted(path for path in (COURSE_ROOT / "curriculum").glob("**/selfchecks/*.yaml")
                   if ".ipynb_checkpoints" not in path.parts)
    assert files, "no self-check files found under curriculum/: nothing was checked"
    problems = [str(p) for path in files for p in validate_selfcheck_file(path)]
    assert problems == []


def self_check_calls(source: str) -> list[tuple[str, str] | None]:
    """Every ``self_check(...)`` call in a cell: (file, id), or None when they are not literals.

    Positional and keyword arguments are both read, so no way of writing the call is skipped.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    calls: list[tuple[str, str] | None] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "self_check":
            given = dict(zip(("yaml_path", "check_id"), node.args, strict=False))
            given |= {keyword.arg: keyword.value for keyword in node.keywords}
            values = [given.get(name) for name in ("yaml_path", "check_id")]
            if all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in values):
                calls.append((values[0].value, values[1].value))
            else:
                calls.append(None)
    return calls


def test_the_call_finder_reads_every_way_of_writing_a_call() -> None:
    assert self_check_calls('self_check("a.yaml", "q1")') == [("a.yaml", "q1")]
    assert self_check_calls('self_check(check_id="q1", yaml_path="a.yaml")') == [("a.yaml", "q1")]
    assert self_check_calls('self_check("a.yaml", check_id="q1")') == [("a.yaml", "q1")]
    assert self_check_calls("self_check(path, 'q1')") == [None]


def test_every_self_check_call_in_a_notebook_finds_its_check() -> None:
    broken, found = [], 0
    for notebook in sorted(path for path in (COURSE_ROOT / "curriculum").glob("**/*.ipynb")
                           if ".ipynb_checkpoints" not in path.parts):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            source = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
            for call in self_check_calls(source):
                found += 1
                if call is None:
                    broken.append(f"{notebook.relative_to(COURSE_ROOT)}: a self_check call "
                                  "whose file or id is not written out cannot be checked")
                    continue
                try:
                    load_check(notebook.parent / call[0], call[1])
                except SelfCheckError as error:
                    broken.append(f"{notebook.relative_to(COURSE_ROOT)}: {error}")
    assert found, "no self_check calls found in the curriculum: nothing was checked"
    assert broken == []
