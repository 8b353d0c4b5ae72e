"""PHQ-9 and GAD-7 scoring, the item 9 risk flag, incomplete forms and the EPDS description."""

from __future__ import annotations

import re

import pytest

from ipt_course.tools.measures import (
    GAD7,
    PHQ9,
    GAD7Scorer,
    PHQ9Scorer,
    ScoreSheet,
    epds_overview,
    gad7_band,
    nice_severity,
    phq9_band,
)
from tests.screen import press, shown_html

PHQ9_BOUNDARIES = [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "moderately severe"), (19, "moderately severe"), (20, "severe"),
    (27, "severe"),
]
GAD7_BOUNDARIES = [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "severe"), (21, "severe"),
]


@pytest.mark.parametrize(("total", "band"), PHQ9_BOUNDARIES)
def test_phq9_band_at_every_boundary(total: int, band: str) -> None:
    assert phq9_band(total) == band


@pytest.mark.parametrize(("total", "band"), GAD7_BOUNDARIES)
def test_gad7_band_at_every_boundary(total: int, band: str) -> None:
    assert gad7_band(total) == band


@pytest.mark.parametrize(("total", "group"), [(0, "less severe"), (15, "less severe"),
                                              (16, "more severe"), (27, "more severe")])
def test_nice_split_at_16(total: int, group: str) -> None:
    assert nice_severity(total) == group


@pytest.mark.parametrize("bad", [-1, 28, 3.5, True, None])
def test_phq9_total_out_of_range_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="PHQ-9 total must be a whole number from 0 to 27"):
        phq9_band(bad)  # type: ignore[arg-type]


def test_gad7_total_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="0 to 21"):
        gad7_band(22)


def answers_totalling(total: int, items: int, item9: int | None = None) -> list[int]:
    """Answers summing to ``total`` (item 9 fixed when given)."""
    answers = [0] * items
    remaining = total - (item9 or 0)
    for index in range(items):
        if item9 is not None and index == 8:
            answers[index] = item9
            continue
        answers[index] = min(3, remaining)
        remaining -= answers[index]
    assert remaining == 0
    return answers


@pytest.mark.parametrize(("total", "band"), PHQ9_BOUNDARIES)
def test_phq9_sheet_total_band_and_nice(total: int, band: str) -> None:
    sheet = ScoreSheet(PHQ9)
    sheet.answers = answers_totalling(total, 9, item9=0 if total <= 24 else 3)
    assert sheet.total == total
    assert sheet.band == band
    assert sheet.nice_group == ("less severe" if total < 16 else "more severe")


def test_incomplete_form_has_no_total_and_names_missing_items() -> None:
    sheet = ScoreSheet(PHQ9)
    sheet.set_answer(1, 3)
    sheet.set_answer(4, 2)
    assert sheet.total is None
    assert sheet.band is None
    assert sheet.missing == [2, 3, 5, 6, 7, 8, 9]


def test_answers_outside_0_to_3_are_refused() -> None:
    sheet = ScoreSheet(GAD7)
    with pytest.raises(Exception, match="item 2: answer must be 0, 1, 2 or 3"):
        sheet.answers = [0, 4, 0, 0, 0, 0, 0]
    with pytest.raises(ValueError, match="items 1 to 7"):
        sheet.set_answer(8, 1)


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_phq9_view_flags_item9_above_zero(item9: int) -> None:
    scorer = PHQ9Scorer()
    scorer.item_buttons[8].value = item9
    shown = scorer.result_text
    assert scorer.model.risk_flag is True
    assert "Risk flag: PHQ-9 item 9 is above 0" in shown
    assert "Carry out a risk assessment now" in shown
    assert "never replaces a clinical risk assessment" in shown
    assert "Samaritans: 116 123" in shown
    assert "NHS 111, option 2" in shown
    assert "999" in shown
    assert "does not rule risk out" in shown


def test_phq9_view_item9_zero_has_no_flag_but_keeps_the_caveat() -> None:
    scorer = PHQ9Scorer()
    scorer.set_answers([3, 3, 3, 3, 3, 3, 3, 3, 0])
    shown = scorer.result_text
    assert scorer.model.risk_flag is False
    assert "Risk flag" not in shown
    assert "Item 9 alone never settles risk" in shown
    assert "71.6%" in shown and "Louzon" in shown
    assert "Total 24 of 27" in shown
    assert "severe" in shown
    assert "more severe depression" in shown


def test_phq9_view_missing_items_then_complete() -> None:
    scorer = PHQ9Scorer()
    assert "Still to answer: items 1, 2, 3, 4, 5, 6, 7, 8, 9" in scorer.result_text
    for buttons in scorer.item_buttons[:8]:
        buttons.value = 1
    assert "Still to answer: item 9." in scorer.result_text
    scorer.item_buttons[8].value = 0
    assert "Total 8 of 27" in scorer.result_text
    assert "mild" in scorer.result_text
    assert "less severe depression" in scorer.result_text
    press(scorer, "Clear all answers")
    assert scorer.model.answers == [None] * 9
    assert "No total yet" in scorer.result_text


def test_gad7_view_scores_without_phq9_extras() -> None:
    scorer = GAD7Scorer()
    scorer.set_answers([2, 2, 2, 2, 2, 0, 0])
    shown = scorer.result_text
    assert "Total 10 of 21" in shown
    assert "moderate" in shown
    assert "NICE" not in shown
    assert "Item 9" not in shown


def test_item_text_is_the_published_wording() -> None:
    assert PHQ9.items[0] == "Little interest or pleasure in doing things"
    assert PHQ9.items[8].startswith("Thoughts that you would be better off dead")
    assert GAD7.items[1] == "Not being able to stop or control worrying"
    assert len(PHQ9.items) == 9 and len(GAD7.items) == 7
    assert "Kroenke" in PHQ9.citation and "Spitzer" in GAD7.citation


def test_epds_overview_describes_the_scale_without_items() -> None:
    text = epds_overview().value
    for fact in ("10-item", "0 to 3", "0 to 30", "past 7 days", "reverse-scored",
                 "13 or more", "10 or more", "Item 10", "risk assessment",
                 "Royal College of Psychiatrists", "Cox", "Samaritans: 116 123"):
        assert fact in text, fact
    assert "not show the items" in text


def phq9_shown(total: int) -> str:
    """What the PHQ-9 scorer shows for a complete form totalling ``total`` (item 9 at 0)."""
    scorer = PHQ9Scorer()
    scorer.set_answers(answers_totalling(total, 9, item9=0))
    return re.sub(r"\s+", " ", scorer.result_text)


@pytest.mark.parametrize("total", [0, 4])
def test_a_minimal_phq9_is_never_labelled_depression(total: int) -> None:
    shown = phq9_shown(total)
    assert f"Total {total} of 27" in shown and "minimal" in shown
    assert "less severe depression" not in shown and "NICE" not in shown


@pytest.mark.parametrize(("total", "group"), [(5, "less severe"), (15, "less severe"),
                                              (16, "more severe")])
def test_the_nice_grouping_is_conditional_and_its_scope_is_named(total: int, group: str) -> None:
    shown = phq9_shown(total)
    assert (f"If a new depressive episode has been diagnosed, NICE NG222 (2022) would group "
            f"this as <b>{group} depression</b>") in shown
    assert "only as an indicator of more severe depression, with clinical judgement" in shown
    assert "NICE CG192 governs treatment choice" in shown


def test_a_band_and_a_nice_group_that_seem_to_disagree_are_explained() -> None:
    assert ("15 is in the moderately severe band but below NICE's indicator of 16"
            in phq9_shown(15))
    for total in (5, 14, 16):
        assert "Why both labels" not in phq9_shown(total)


def test_the_phq9_footer_names_the_indicator_and_the_perinatal_guideline() -> None:
    footer = " ".join(PHQ9.notes)
    assert "used a PHQ-9 of 16 or more as an indicator" in footer
    assert "alongside clinical judgement" in footer and "NICE CG192" in footer
    assert "splits depression into less severe (PHQ-9 below 16)" not in footer


def test_the_gad7_scorer_states_the_uk_caseness_threshold() -> None:
    scorer = GAD7Scorer()
    assert "NHS Talking Therapies counts a GAD-7 of 8 or more as caseness" in shown_html(scorer)
    scorer.set_answers([2, 2, 2, 1, 1, 0, 0])
    assert "Total 8 of 21" in scorer.result_text
    assert "At or above the NHS Talking Therapies caseness threshold (GAD-7 8 or more)" in (
        scorer.result_text)
    scorer.set_answers([2, 2, 2, 1, 0, 0, 0])
    assert "Total 7 of 21" in scorer.result_text and "caseness" not in scorer.result_text


def test_the_epds_card_says_it_is_used_in_pregnancy_too() -> None:
    text = epds_overview().value
    assert "used in pregnancy as well" in text and "after childbirth" in text
