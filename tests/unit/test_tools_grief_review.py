"""The relationship review for grief: its prompts, its file, two kernels, bad input, the view."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from ipt_course.tools.grief_review import (
    GriefReviewModel,
    RelationshipReview,
    ReviewDocument,
    ReviewFileError,
    WordingError,
    make_date,
    parse_wording,
    review_prompts,
    wording,
)
from ipt_course.tools.timeline import MonthYear
from tests.screen import control, press, select_tab, shown_html, tab

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def keys(review: ReviewDocument) -> list[str]:
    return [prompt.key for prompt in review_prompts(review)]


def saved(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# -- the wording and its schema ------------------------------------------------------------

def test_the_wording_loads_with_seven_positions_and_every_prompt() -> None:
    words = wording()
    assert words.position(-3).startswith("Only the good side")
    assert words.position(0) == "Both sides held"
    assert words.position(3).startswith("Only the hard side")
    assert words.position(None) == ""
    assert "i should have" in words.words.self_blame


def _raw_wording() -> dict:
    path = Path(__file__).resolve().parents[2] / "ipt_course/tools/grief_review/data/wording.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("change", "message"), [
    (lambda data: data["prompts"].pop("self_blame"), "wording.yaml: prompts: missing self_blame"),
    (lambda data: data["balance_positions"].pop(), "balance_positions: expected 7 positions"),
    (lambda data: data["prompts"].update(no_dates="On {when}"),
     "no_dates: only {name} and {found} may stand in braces"),
    (lambda data: data["sections"].update(person=""), "sections.person: expected non-empty text"),
    (lambda data: data["words"].update(self_blame=[]), "words.self_blame: expected a list"),
])
def test_a_broken_wording_file_names_the_key(change, message: str) -> None:
    data = _raw_wording()
    change(data)
    with pytest.raises(WordingError, match=re.escape(message)):
        parse_wording(data)


# -- the rules ---------------------------------------------------------------------------

def test_the_sides_prompt_says_which_side_is_missing() -> None:
    assert "nothing_yet" in keys(ReviewDocument(name="Osian"))
    assert "only_gave" in keys(ReviewDocument(name="Dad", gave=["Taught me to swim"]))
    baby = review_prompts(ReviewDocument(name="Osian", baby=True, gave=["Made me a mother"]))
    assert [p.key for p in baby if p.key.startswith("only")] == ["only_gave_baby"]
    assert any("Only what Osian gave is listed" in p.text for p in baby)
    assert "only_hard" in keys(ReviewDocument(hard=["Angry with the hospital"]))
    both = review_prompts(ReviewDocument(name="Osian", gave=["a"], hard=["b"]))
    assert [(p.key, p.level) for p in both if p.key == "both_sides"] == [("both_sides", "ok")]


def test_memories_only_of_the_death_are_noticed() -> None:
    about_death = ReviewDocument(name="Osian", memories=[
        "The silence on the monitor in the delivery room", "The day he died"])
    assert "memories_about_the_death" in keys(about_death)
    with_him = about_death.model_copy(update={"memories": [
        *about_death.memories, "He kicked when Rhys talked to the bump"]})
    assert "memories_about_the_death" not in keys(with_him)
    assert "no_memories" in keys(ReviewDocument())


@pytest.mark.parametrize(("hard", "found"), [
    (["I should have gone in a day earlier"], "I should have"),
    (["It was my fault, I should’ve gone in"], 'I should’ve", "my fault'),
    (["If only I'd rung the midwife"], "If only I"),
])
def test_self_blame_is_noticed_and_quoted(hard: list[str], found: str) -> None:
    prompts = {p.key: p.text for p in review_prompts(ReviewDocument(hard=hard))}
    assert "self_blame" in prompts
    assert f'("{found}")' in prompts["self_blame"]
    assert "red flag" in prompts["self_blame"]


def test_words_that_only_look_like_self_blame_are_not_counted() -> None:
    text = ["The hospital should have listened", "She has said nothing about blame yet"]
    assert "self_blame" not in keys(ReviewDocument(hard=text))


def test_the_balance_prompts() -> None:
    assert "now_unplaced" in keys(ReviewDocument())
    assert "aim_unplaced" in keys(ReviewDocument(balance_now=2))
    assert "aim_at_an_end" in keys(ReviewDocument(balance_now=2, balance_aim=-3))
    placed = keys(ReviewDocument(balance_now=2, balance_aim=0))
    assert not {"now_unplaced", "aim_unplaced", "aim_at_an_end"} & set(placed)


def test_the_story_and_dates_prompts() -> None:
    assert {"story_missing", "no_dates"} <= set(keys(ReviewDocument()))
    told = keys(ReviewDocument(death_story="She noticed fewer movements"))
    assert "story_missing" not in told and "time_after_missing" in told
    assert "hopes_for_a_baby" in keys(ReviewDocument(baby=True))
    assert "hopes_for_a_baby" not in keys(ReviewDocument(baby=True, hopes="A beach holiday"))


# -- the saved file ----------------------------------------------------------------------

def test_the_review_is_saved_and_reloaded_whole(tmp_path: Path) -> None:
    path = tmp_path / "my-relationship-review.json"
    model = GriefReviewModel(save_path=path)
    model.client, model.name, model.baby = "Bethan", "Osian", True
    model.add_item("memories", "He kicked when Rhys talked to the bump")
    model.add_item("gave", "Made her a mother")
    model.add_item("hard", "I should have gone in a day earlier")
    model.death_story = "Fewer movements on the Sunday."
    model.add_date(make_date(MonthYear(2027, 8), "Osian's due date"))
    model.add_date(make_date(MonthYear(2027, 7), "First anniversary", "A walk with Rhys"))
    model.balance_now, model.balance_aim = 2, 0
    data = saved(path)
    assert (data["kind"], data["format"]) == ("ipt-grief-review", 1)
    assert [d["date"] for d in data["dates"]] == ["2027-07", "2027-08"]

    again = GriefReviewModel(save_path=path)
    assert again.status.text == "Loaded your relationship review from my-relationship-review.json."
    assert (again.client, again.name, again.baby) == ("Bethan", "Osian", True)
    assert again.memories == ["He kicked when Rhys talked to the bump"]
    assert again.hard == ["I should have gone in a day earlier"]
    assert [d.describe() for d in again.dates] == [
        "Jul 2027 · First anniversary · Plan: A walk with Rhys", "Aug 2027 · Osian's due date"]
    assert (again.balance_now, again.balance_aim) == (2, 0)


def test_a_damaged_file_is_kept_and_a_new_review_begins(tmp_path: Path) -> None:
    path = tmp_path / "my-relationship-review.json"
    path.write_text('{"kind": "ipt-grief-review", "format": 1, "balance_now": 9}',
                    encoding="utf-8")
    model = GriefReviewModel(save_path=path)
    kept = list(tmp_path.glob("my-relationship-review.unreadable-*.json"))
    assert len(kept) == 1 and '"balance_now": 9' in kept[0].read_text(encoding="utf-8")
    assert "balance_now: expected a whole number from -3 to 3" in model.status.text
    assert model.status.level == "warning"
    model.name = "Osian"
    assert saved(path)["name"] == "Osian"


def test_a_file_of_another_tool_is_not_read_as_a_review(tmp_path: Path) -> None:
    path = tmp_path / "my-relationship-review.json"
    path.write_text('{"kind": "ipt-timeline", "format": 1}', encoding="utf-8")
    with pytest.raises(ReviewFileError, match="not a relationship review file"):
        ReviewDocument.parse(saved(path), ReviewFileError)


def test_two_kernels_saving_one_review_keep_each_others_work(tmp_path: Path) -> None:
    path = tmp_path / "my-relationship-review.json"
    first, second = GriefReviewModel(save_path=path), GriefReviewModel(save_path=path)
    first.add_item("memories", "The first scan")
    second.add_item("gave", "Made her a mother")
    second.name = "Osian"
    first.death_story = "Fewer movements on the Sunday."
    data = saved(path)
    assert data["memories"] == ["The first scan"]
    assert data["gave"] == ["Made her a mother"]
    assert (data["name"], data["death_story"]) == ("Osian", "Fewer movements on the Sunday.")
    assert first.gave == ["Made her a mother"] and first.name == "Osian"


def test_a_huge_paste_is_refused_plainly_and_stays_on_screen(tmp_path: Path) -> None:
    path = tmp_path / "my-relationship-review.json"
    review = RelationshipReview(save_path=path)
    story = control(tab(review, "Death and after"), "The story of the death")
    story.value = "x" * 9000
    assert "9,000 characters long; keep it to 8,000" in review.status.value
    assert "still in the box" in review.status.value
    assert "xxxxxxxxxx" not in review.status.value
    assert not path.exists() or saved(path)["death_story"] == ""
    review.model.add_item("memories", "The first scan")
    assert story.value == "x" * 9000, "saving something else wiped the unsaved text"
    assert saved(path)["memories"] == ["The first scan"] and saved(path)["death_story"] == ""
    story.value = "Fewer movements on the Sunday."
    assert saved(path)["death_story"] == "Fewer movements on the Sunday."


def test_without_a_save_path_nothing_is_written(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    model = GriefReviewModel(save_path=None)
    model.add_item("gave", "Company on Sunday walks")
    assert model.gave == ["Company on Sunday walks"]
    assert list(tmp_path.iterdir()) == []


# -- the view ----------------------------------------------------------------------------

def test_the_view_builds_a_review_and_shows_the_balance(tmp_path: Path) -> None:
    path = tmp_path / "my-relationship-review.json"
    review = RelationshipReview(save_path=path)
    person = tab(review, "The person")
    control(person, "Who died").value = "Osian"
    control(person, "A baby or a pregnancy").value = True
    assert saved(path)["name"] == "Osian" and saved(path)["baby"] is True

    select_tab(review, "Memories")
    memories = tab(review, "Memories")
    press(memories, "Add memory")
    assert "Write the memory in the box first." in review.message.value
    control(memories, "Memory").value = "The day he died"
    press(memories, "Add memory")
    control(memories, "Memory").value = "He kicked when Rhys talked to the bump"
    press(memories, "Add memory")
    assert control(memories, "Memories").options == (
        ("The day he died", 0), ("He kicked when Rhys talked to the bump", 1))
    control(memories, "Memories").value = 0
    assert control(memories, "Memory").value == "The day he died"
    control(memories, "Memory").value = "The day he was born, silent"
    press(memories, "Save changes to selected")
    control(memories, "Memories").value = 1
    press(memories, "Delete selected")
    assert saved(path)["memories"] == ["The day he was born, silent"]

    control(tab(review, "What was hard"), "Was hard").value = "I should have gone in sooner"
    press(tab(review, "What was hard"), "Add to what was hard")
    shown = shown_html(review)
    assert "Only what was hard is listed so far" in shown
    assert "Self-blame appears in the review" in shown

    dates = tab(review, "Dates ahead")
    control(dates, "When").value = 7
    control(dates, "Year").value = "2027"
    control(dates, "What").value = "First anniversary of Osian's death"
    press(dates, "Add date")
    assert saved(path)["dates"] == [{"date": "2027-07", "what":
                                     "First anniversary of Osian's death", "plan": ""}]

    blank = review.picture.png
    control(review, "The account now").value = 2
    control(review, "By the ending").value = 0
    assert (saved(path)["balance_now"], saved(path)["balance_aim"]) == (2, 0)
    assert review.picture.png.startswith(PNG_SIGNATURE) and review.picture.png != blank
    assert "The account now: Mostly the hard side" in review.picture.value
    assert "by the ending: Both sides held" in review.picture.value
    control(review, "The account now").value = ""
    assert saved(path)["balance_now"] is None

    again = RelationshipReview(save_path=path)
    assert control(tab(again, "The person"), "Who died").value == "Osian"
    assert "Loaded your relationship review" in again.status.value


def test_a_date_needs_a_month_and_words(tmp_path: Path) -> None:
    review = RelationshipReview(save_path=tmp_path / "my-relationship-review.json")
    dates = tab(review, "Dates ahead")
    control(dates, "What").value = "Osian's due date"
    press(dates, "Add date")
    assert "Choose a month" in review.message.value
    control(dates, "When").value = 8
    control(dates, "Year").value = "2027"
    control(dates, "What").value = "  "
    press(dates, "Add date")
    assert "Say what the date is" in review.message.value
    assert review.model.dates == []


def test_the_printable_page_escapes_what_was_typed(tmp_path: Path) -> None:
    path = tmp_path / "my-relationship-review.json"
    review = RelationshipReview(save_path=path)
    review.model.name = "<script>alert(1)</script>"
    review.model.add_item("gave", "Love & <b>laughter</b>")
    press(review, "Export a printable page (HTML)")
    page = (tmp_path / "my-relationship-review.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Love &amp; &lt;b&gt;laughter&lt;/b&gt;" in page
    assert 'src="data:image/png;base64,' in page and 'alt="Balance picture.' in page
    assert "The printable page saved as my-relationship-review.html" in review.status.value
    press(review, "Export the picture (PNG)")
    assert (tmp_path / "my-relationship-review.png").read_bytes().startswith(PNG_SIGNATURE)


def test_an_export_that_cannot_be_written_says_why(tmp_path: Path) -> None:
    review = RelationshipReview(save_path=tmp_path / "my-relationship-review.json")
    (tmp_path / "my-relationship-review.html").mkdir()
    press(review, "Export a printable page (HTML)")
    assert "could not be saved" in review.status.value
    assert "role='alert'" in review.status.value
