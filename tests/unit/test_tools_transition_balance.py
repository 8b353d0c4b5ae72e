"""Transition balance sheet: its entries and review, its layout and picture."""

from __future__ import annotations

import copy
import struct
from importlib import resources
from itertools import combinations

import pytest
import yaml
from matplotlib.backends.backend_agg import FigureCanvasAgg

from ipt_course.tools.transition_balance import (
    MAX_ENTRIES,
    BalanceError,
    Entry,
    RowContent,
    SheetWordingError,
    balance_figure,
    balance_png,
    make_entry,
    parse_wording,
    review_sheet,
    sheet_layout,
    wording,
)
from ipt_course.tools.transition_balance.layout import (
    FIGURE_WIDTH,
    MARGIN,
    estimate_width,
    wrap,
)

# Nadia's sheet at the end of session 7, as curriculum/day3/02-role-transitions.ipynb sets it out.
OLD, NEW = "At home on leave", "Back at work, a mother of two"
NADIA = {
    ("old", "gives"): ["\"Being there for all Yusuf's firsts\"", "Feeding him when he wants"],
    ("new", "gives"): ["Leanne and the team", "\"Being good at something again\"",
                       "Her own wage", "\"A few hours where I'm Nadia\""],
    ("old", "costs"): ["\"All day with Rokeya watching\"", "Losing touch with Leanne and Shirin",
                       "\"Just Mum, and a tired one\""],
    ("new", "costs"): ["Missing things with Yusuf", "Rokeya minding him more, her way",
                       "Broken sleep while Imran is on nights"],
    ("old", "feelings"): ["Sadness that his first year is ending", "Guilt at wanting to go"],
    ("new", "feelings"): ["Relief, then guilt at the relief",
                          "Fear of being \"pushed out of Yusuf's care\""],
    ("old", "support"): ["Coffee with Leanne", "Calls with Shirin"],
    ("new", "support"): ["A plan with Imran for nights and Yusuf's care", "Leanne", "Shirin",
                         "The health visitor about feeding"],
    ("old", "skills"): ["Knows Yusuf's every routine", "Runs a busy house"],
    ("new", "skills"): ["Saying what she needs without hinting, to Imran and her manager"],
}
ROW_LABELS = {"gives": "Gives", "costs": "Costs", "feelings": "Feelings", "support": "Support",
              "skills": "Skills"}


def nadia_entries() -> list[Entry]:
    return [make_entry(side, section, text) for (side, section), texts in NADIA.items()
            for text in texts]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


# -- entries and the review ------------------------------------------------------------------


@pytest.mark.parametrize(("side", "section", "text", "message"), [
    ("old", "gives", "   ", "Write the entry first. What did the old role give?"),
    ("new", "support", "", "Write the entry first. Who could be picked up again"),
    ("old", "gives", "x" * 161, r"Keep each entry to 160 characters or fewer \(this one has 161"),
    ("middle", "gives", "x", "Choose the old role or the new role"),
    ("old", "hopes", "x", "Choose a row"),
    ("old", "gives", "Everything", "“Everything” is too general .* What did the old role give?"),
    ("new", "costs", " all of it! ", "“all of it!” is too general .* What is genuinely hard"),
    ("old", "costs", "Nothing really.", "“Nothing really.” is too general"),
    ("new", "skills", "n/a", "“n/a” is too general"),
])
def test_entries_that_cannot_go_on_the_sheet_say_why(side, section, text, message):
    with pytest.raises(BalanceError, match=message):
        make_entry(side, section, text)


@pytest.mark.parametrize("text", ["Everything had a shape", "Good colleagues",
                                  "Nothing to prove", "It was hers"])
def test_a_specific_entry_may_use_the_general_words(text):
    assert make_entry("old", "gives", text).text == text


def test_an_entry_is_tidied_and_describes_itself_in_the_trainees_terms():
    entry = make_entry("new", "support", "  Leanne\n at   work ")
    assert entry == Entry("new", "support", "Leanne at work")
    assert entry.describe() == "New role · Support: to build · Leanne at work"
    assert make_entry("old", "skills", "Routines").describe() == (
        "Old role · Skills: already has · Routines")


def test_nadias_full_sheet_leaves_nothing_to_ask():
    assert review_sheet(OLD, NEW, nadia_entries()) == []
    assert review_sheet(OLD, NEW, []) == []


def test_one_column_all_good_and_the_other_all_bad_is_named():
    entries = [make_entry("old", "gives", "Colleagues"), make_entry("new", "costs", "No sleep")]
    review = review_sheet(OLD, NEW, entries)
    assert review[0].startswith("One column is all good and the other all bad.")
    reverse = [make_entry("old", "costs", "Marking"), make_entry("new", "gives", "Ruby")]
    assert review_sheet(OLD, NEW, reverse)[0].startswith("One column is all good")


@pytest.mark.parametrize(("entries", "expected"), [
    ([("old", "gives")], "The old role (At home on leave) has only what it gave."),
    ([("old", "costs")], "The old role (At home on leave) has only what it cost."),
    ([("new", "costs")], "The new role (Back at work, a mother of two) has only what it costs."),
    ([("new", "gives")], "The new role (Back at work, a mother of two) has only what it gives."),
    ([("new", "gives"), ("new", "costs")], "Nothing yet about the old role (At home on leave)."),
])
def test_a_one_sided_column_or_an_empty_one_is_asked_about(entries, expected):
    review = review_sheet(OLD, NEW, [make_entry(side, section, f"{side} {section}")
                                     for side, section in entries])
    assert review[0].startswith(expected)


def test_gaps_in_feelings_support_and_skills_are_asked_about_and_roles_may_be_unnamed():
    entries = [make_entry(side, section, "x") for side in ("old", "new")
               for section in ("gives", "costs")]
    review = review_sheet("", "", entries)
    assert [text.split(".")[0] for text in review] == [
        "No feelings yet", "No support to build yet", "No skills needed yet"]
    assert "What does the new role ask the client to learn?" in review[2]


def test_the_wording_loads_with_five_rows_two_columns_and_a_note_that_it_is_not_a_vote():
    words = wording()
    assert [s.id for s in words.sections] == list(ROW_LABELS)
    assert [s.label for s in words.sections] == list(ROW_LABELS.values())
    assert words.section("support").choice_label("old") == "Support: lost"
    assert words.section("skills").choice_label("new") == "Skills: needed"
    assert "not a vote" in words.intro
    assert "no real client" in words.fictional.lower()


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["sections"].pop(2), "sheet.yaml: sections: .*expected the sections gives"),
    (lambda d: d["sections"][3]["new"].update(prompt=""),
     r"sheet.yaml: sections\[3\].new.prompt: .*expected non-empty text"),
    (lambda d: d["sides"].pop("new"), "sheet.yaml: sides: .*expected the sides old and new"),
    (lambda d: d["review"].pop("no_skills"),
     "sheet.yaml: review.no_skills: this key is required but missing"),
    (lambda d: d["picture"].update(colour="red"), "sheet.yaml: picture.colour: unknown key"),
    (lambda d: d["vague"].update(words=[]), "sheet.yaml: vague.words: .*expected a list of words"),
])
def test_a_mistake_in_the_wording_file_names_the_file_and_key(change, message):
    text = resources.files("ipt_course.tools.transition_balance").joinpath("data", "sheet.yaml")
    data = copy.deepcopy(yaml.safe_load(text.read_text(encoding="utf-8")))
    change(data)
    with pytest.raises(SheetWordingError, match=message):
        parse_wording(data)


# -- layout and picture ----------------------------------------------------------------------


def test_wrapping_keeps_within_the_width_and_splits_a_word_too_long():
    lines = wrap("one two three " + "x" * 80, 2.0, 12, estimate_width)
    assert lines[0] == "one two three"
    assert all(estimate_width(line, 12) <= 2.0 for line in lines)
    assert "".join(lines[1:]) == "x" * 80


def test_rows_follow_each_other_and_grow_with_their_fullest_cell():
    rows = [RowContent("Gives", ("", ""), (["a"], ["b", "c", "d"])),
            RowContent("Support", ("Lost", "To build"), ([], ["e"]))]
    layout = sheet_layout("Title", "Note", (("OLD ROLE", "Home"), ("NEW ROLE", "")), rows,
                          "(nothing yet)")
    first, second = layout.rows
    assert second.top == pytest.approx(first.top + first.height)
    assert [line.kind for line in first.cells[1]] == ["entry", "entry", "entry"]
    assert [(line.text, line.kind) for line in second.cells[0]] == [
        ("Lost", "qualifier"), ("(nothing yet)", "empty")]
    assert layout.headings == (("OLD ROLE", "Home"), ("NEW ROLE",))
    assert layout.height == pytest.approx(second.top + second.height + MARGIN)


def _text_boxes(figure):
    renderer = FigureCanvasAgg(figure).get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in figure.axes[0].texts
            if t.get_text().strip()]


@pytest.mark.parametrize("entries", [
    nadia_entries(),
    [Entry("old", "gives", "W" * 160), Entry("new", "costs", "MMMM " * 32),
     Entry("new", "feelings", "https://example.org/" + "x" * 120)],
])
def test_the_picture_keeps_every_text_in_its_column_and_nothing_overlaps(entries):
    figure = balance_figure("Nadia", "Q" * 60, "W" * 60, entries)
    boxes = _text_boxes(figure)
    dpi = figure.dpi
    middle = (MARGIN + 1.3 + 0.15 + 3.9 + 0.075) * dpi
    for text, box in boxes:
        assert box.x0 >= MARGIN * dpi - 1 and box.x1 <= (FIGURE_WIDTH - MARGIN) * dpi + 1, text
        assert box.x1 <= middle or box.x0 >= middle, f"{text!r} crosses the middle"
    for (text_a, a), (text_b, b) in combinations(boxes, 2):
        assert not a.overlaps(b), f"{text_a!r} overlaps {text_b!r}"
    shown = " ".join(text for text, _box in boxes)
    for entry in entries:
        assert entry.text.split()[0][:20] in shown


def test_every_entry_of_nadias_sheet_is_drawn_under_its_row():
    figure = balance_figure("Nadia", OLD, NEW, nadia_entries())
    texts = [t.get_text() for t in figure.axes[0].texts]
    for texts_in_cell in NADIA.values():
        for text in texts_in_cell:
            first_words = " ".join(text.split()[:3])
            assert any(drawn.startswith(first_words) for drawn in texts), text
    for label in (*ROW_LABELS.values(), "OLD ROLE", "NEW ROLE", OLD, NEW, "Lost", "To build",
                  "Needed"):
        assert label in texts
    assert "Nadia: transition balance sheet" in texts
    assert min(t.get_fontsize() for t in figure.axes[0].texts) >= 11


@pytest.mark.parametrize("count", [0, 12, MAX_ENTRIES])
def test_the_png_is_a_sensible_size(count):
    entries = [Entry(("old", "new")[n % 2], ("gives", "costs", "feelings", "support",
                                             "skills")[n % 5], f"Entry number {n} " * 4)
               for n in range(count)]
    width, height = png_size(balance_png("Jess", "Head of year", "Mother of Ruby", entries))
    assert width == 1000 and 400 <= height <= 6000
