"""Answer widgets, driven headless: each change is saved at once and restored after a restart."""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as widgets
import pytest

from ipt_course.quiz import ask, check_answers, start_quiz
from ipt_course.quiz import widgets as quiz_widgets
from ipt_course.quiz.bank import load_bank
from ipt_course.quiz.generate import write_source
from ipt_course.quiz.store import AnswerTooLarge
from ipt_course.quiz.widgets import (
    MatchingView,
    MultipleChoiceView,
    NumericView,
    OrderingView,
    SingleChoiceView,
    UnansweredList,
    parse_number,
)
from ipt_course.quiz.written import MAX_WRITTEN_CHARACTERS, WrittenAnswerView

FIXTURE = Path(__file__).parent / "fixtures" / "quizzes" / "fixture-quiz.yaml"


@pytest.fixture
def quiz_folder(tmp_path: Path) -> Path:
    """A folder like release/fixture-quiz: the public question data and nothing secret."""
    write_source(load_bank(FIXTURE), tmp_path)
    folder = tmp_path / "source" / "fixture-quiz"
    (folder / "fixture-quiz.ipynb").unlink()
    assert start_quiz("fixture-quiz", folder) is None
    return folder


def _saved(folder: Path) -> dict:
    return json.loads((folder / "fixture-quiz.responses.json").read_text())["answers"]


def _restart(folder: Path) -> None:
    """What a kernel restart amounts to: a fresh session read back from the file."""
    quiz_widgets._SESSION = None
    assert start_quiz("fixture-quiz", folder) is None


def _find(widget: widgets.Widget, kind: type) -> list:
    found = [widget] if isinstance(widget, kind) else []
    for child in getattr(widget, "children", ()):
        found += _find(child, kind)
    return found


def _html(widget: widgets.Widget) -> str:
    return " ".join(h.value for h in _find(widget, widgets.HTML))


def _shown(qid: str, key: str = "options") -> list[str]:
    """The ids of a question's options (or choices) in the order this trainee sees them."""
    return quiz_widgets.current_session().order(qid, key)


def test_single_choice_saves_at_once_and_restores(quiz_folder: Path) -> None:
    view = ask("q01")
    assert isinstance(view, SingleChoiceView)
    radio = _find(view, widgets.RadioButtons)[0]
    assert radio.value is None
    texts = {"a": "The ending phase", "b": "The initial phase", "c": "The middle phase"}
    assert radio._options_labels == tuple(texts[oid] for oid in _shown("q01"))
    assert sorted(_shown("q01")) == ["a", "b", "c"]
    assert "Not answered yet." in _html(view)
    radio.value = "a"
    assert _saved(quiz_folder) == {"q01": "a"}
    assert "Saved." in _html(view)
    _restart(quiz_folder)
    assert _find(ask("q01"), widgets.RadioButtons)[0].value == "a"


def test_multiple_choice(quiz_folder: Path) -> None:
    view = ask("q02")
    assert isinstance(view, MultipleChoiceView)
    boxes = {box.description: box for box in _find(view, widgets.Checkbox)}
    boxes["Grief"].value = True
    boxes["Role disputes"].value = True
    assert _saved(quiz_folder) == {"q02": ["a", "d"]}
    boxes["Grief"].value = False
    boxes["Role disputes"].value = False
    assert _saved(quiz_folder) == {}
    boxes["Role transitions"].value = True
    _restart(quiz_folder)
    restored = {box.description: box.value for box in _find(ask("q02"), widgets.Checkbox)}
    assert restored == {"Grief": False, "Core beliefs": False, "Role transitions": True,
                        "Role disputes": False}


def test_matching_has_a_dropdown_per_item(quiz_folder: Path) -> None:
    view = ask("q03")
    assert isinstance(view, MatchingView)
    menus = _find(view, widgets.Dropdown)
    assert len(menus) == 3
    texts = {"grief": "Grief", "dispute": "Role dispute", "transition": "Role transition"}
    shown = ("Choose...", *(texts[cid] for cid in _shown("q03", "choices")))
    assert all(menu._options_labels == shown for menu in menus)
    assert sorted(shown) == sorted(["Choose...", *texts.values()])
    menus[0].value = "grief"
    menus[2].value = "dispute"
    assert _saved(quiz_folder) == {"q03": {"v1": "grief", "v3": "dispute"}}
    _restart(quiz_folder)
    menus = _find(ask("q03"), widgets.Dropdown)
    assert [m.value for m in menus] == ["grief", "", "dispute"]
    # An item not matched yet reads "Choose...", not a blank box.
    assert menus[1].label == "Choose..."


def test_numeric_explains_a_non_number_and_keeps_the_last_good_answer(quiz_folder) -> None:
    view = ask("q04")
    assert isinstance(view, NumericView)
    box = _find(view, widgets.Text)[0]
    box.value = "27"
    assert _saved(quiz_folder) == {"q04": 27}
    box.value = "twenty"
    assert "twenty is not a number" in _html(view)
    assert _saved(quiz_folder) == {"q04": 27}
    box.value = "2.5"
    assert "not a number" not in _html(view)
    assert _saved(quiz_folder) == {"q04": 2.5}
    _restart(quiz_folder)
    assert _find(ask("q04"), widgets.Text)[0].value == "2.5"
    _find(ask("q04"), widgets.Text)[0].value = ""
    assert _saved(quiz_folder) == {}


def test_numeric_text_is_escaped(quiz_folder: Path) -> None:
    view = ask("q04")
    _find(view, widgets.Text)[0].value = "<script>x</script>"
    assert "<script>" not in _html(view)


def test_parse_number() -> None:
    assert parse_number(" 1,200 ") == 1200
    assert parse_number("-3.5") == -3.5
    assert parse_number("nan") is None
    assert parse_number("inf") is None
    assert parse_number("") is None


def test_ordering_with_up_and_down_buttons(quiz_folder: Path) -> None:
    view = ask("q05")
    assert isinstance(view, OrderingView)
    assert view.order == _shown("q05")
    texts = {"middle": "Middle phase", "ending": "Ending phase", "initial": "Initial phase"}
    top = texts[view.order[0]]

    def button(option_text: str, label: str) -> widgets.Button:
        for row in _find(view, widgets.HBox):
            if option_text in row.children[-1].value:
                return next(b for b in row.children if getattr(b, "description", "") == label)
        raise AssertionError(option_text)

    assert button(top, "Up").disabled
    for _ in range(2):
        button("Initial phase", "Up").click()
    if view.order[1] != "middle":
        button("Middle phase", "Up").click()
    assert view.order == ["initial", "middle", "ending"]
    assert _saved(quiz_folder) == {"q05": ["initial", "middle", "ending"]}
    _restart(quiz_folder)
    assert ask("q05").order == ["initial", "middle", "ending"]


def test_ordering_keep_button_saves_the_starting_order(quiz_folder: Path) -> None:
    view = ask("q05")
    next(b for b in _find(view, widgets.Button) if b.description == "Keep this order").click()
    assert _saved(quiz_folder) == {"q05": _shown("q05")}


def _press(widget: widgets.Widget, label: str) -> None:
    next(b for b in _find(widget, widgets.Button) if b.description == label).click()


def test_check_lists_unanswered_without_saying_right_or_wrong(quiz_folder: Path) -> None:
    checker = check_answers()
    assert isinstance(checker, UnansweredList)
    # Running the cell lists nothing: the list comes when the trainee asks for it.
    assert "not answered" not in _html(checker)
    _press(checker, "Check my answers")
    report = _html(checker)
    assert "6 question(s) still to finish" in report
    assert "Question 1: not answered</li>" in report
    assert "Question 6: not answered</li>" in report   # the written answer counts too
    _find(ask("q01"), widgets.RadioButtons)[0].value = "a"   # a wrong answer
    _press(checker, "Check again")
    report = _html(checker)
    assert "5 question(s) still to finish" in report and "Question 1:" not in report
    for word in ("correct", "wrong", "right answer", "incorrect"):
        assert word not in report.lower()


def test_check_lists_a_matching_answered_in_part(quiz_folder: Path) -> None:
    checker = check_answers()
    _find(ask("q03"), widgets.Dropdown)[0].value = "grief"
    _press(checker, "Check my answers")
    assert "Question 3: 1 of 3 items matched</li>" in _html(checker)
    for menu, choice in zip(_find(ask("q03"), widgets.Dropdown), ("grief", "dispute", "grief"),
                            strict=True):
        menu.value = choice
    _press(checker, "Check again")
    assert "Question 3" not in _html(checker)


def test_written_answer_is_saved_as_typed_and_restored(quiz_folder: Path) -> None:
    view = ask("q06")
    assert isinstance(view, WrittenAnswerView)
    view.type_text("Depression is an illness,")
    view.type_text("Depression is an illness, and it is treatable.")
    assert _saved(quiz_folder) == {"q06": "Depression is an illness, and it is treatable."}
    assert view.status == "Saved."
    _restart(quiz_folder)
    assert ask("q06").text == "Depression is an illness, and it is treatable."
    ask("q06").type_text("   ")
    assert _saved(quiz_folder) == {}


def test_a_huge_paste_is_refused_plainly_and_loses_nothing(quiz_folder: Path) -> None:
    view = ask("q06")
    view.type_text("My first answer.")
    view.type_text("x" * (MAX_WRITTEN_CHARACTERS + 1))
    assert view.status.startswith("Not saved: this answer is 20,001 characters long")
    assert "Your last saved answer is kept" in _html(view)
    assert _saved(quiz_folder) == {"q06": "My first answer."}
    view.type_text("My first answer.")
    assert view.status == "Saved."
    # Within the limit for one answer, but the file as a whole would be too large.
    _find(ask("q01"), widgets.RadioButtons)[0].value = "b"
    store = quiz_widgets.current_session().store
    store.set("q04", 14)
    with pytest.raises(AnswerTooLarge):
        store.set("q06", "y" * 1_100_000)
    assert _saved(quiz_folder) == {"q01": "b", "q04": 14, "q06": "My first answer."}


def test_corrupt_responses_are_reported_in_the_first_cell(quiz_folder: Path) -> None:
    (quiz_folder / "fixture-quiz.responses.json").write_text("{oops", encoding="utf-8")
    quiz_widgets._SESSION = None
    notice = start_quiz("fixture-quiz", quiz_folder)
    assert isinstance(notice, widgets.HTML)
    assert "could not be read" in notice.value and ".corrupt-" in notice.value
    assert _find(ask("q01"), widgets.RadioButtons)[0].value is None


def test_tampered_saved_values_show_as_unanswered(quiz_folder: Path) -> None:
    (quiz_folder / "fixture-quiz.responses.json").write_text(json.dumps({
        "quiz": "fixture-quiz", "format": 1,
        "answers": {"q01": "zz", "q02": "a", "q03": {"v1": 5}, "q04": True, "q05": ["x"]}}))
    _restart(quiz_folder)
    assert _find(ask("q01"), widgets.RadioButtons)[0].value is None
    assert not any(b.value for b in _find(ask("q02"), widgets.Checkbox))
    checker = check_answers()
    _press(checker, "Check my answers")
    assert "6 question(s) still to finish" in _html(checker)


def test_missing_question_file_and_unknown_question(tmp_path: Path, quiz_folder: Path) -> None:
    assert "no question q99 to answer here" in ask("q99").value
    notice = start_quiz("fixture-quiz", tmp_path)
    assert "fixture-quiz.questions.json is missing" in notice.value
    assert "press switch on the tools" in ask("q01").value.lower()


def test_widgets_never_read_the_bank(quiz_folder: Path) -> None:
    data = (quiz_folder / "fixture-quiz.questions.json").read_text()
    assert '"answer"' not in data and "rubric" not in data
    assert sorted(p.name for p in quiz_folder.iterdir()) == ["fixture-quiz.questions.json"]


def test_damaged_question_file_gives_a_message(quiz_folder: Path) -> None:
    (quiz_folder / "fixture-quiz.questions.json").write_text("{", encoding="utf-8")
    notice = start_quiz("fixture-quiz", quiz_folder)
    assert "is damaged" in notice.value


def test_a_failed_save_is_shown_to_the_trainee(quiz_folder: Path) -> None:
    view = ask("q01")
    quiz_widgets.current_session().store.writable = False
    _find(view, widgets.RadioButtons)[0].value = "b"
    assert "could not be saved" in _html(view)
