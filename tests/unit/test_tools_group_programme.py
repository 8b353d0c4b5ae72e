"""The group programme planner and measures tracker (Day 5, perinatal groups)."""

from __future__ import annotations

import html
from datetime import date
from itertools import pairwise

import pytest

from ipt_course.kit.datafile import DataFileError, parse_data
from ipt_course.tools.group_programme import (
    GroupMeasuresTracker,
    GroupProgrammePlanner,
    bands,
    flags,
    grid_shape,
    programme,
    published_models,
    review,
    strip_cells,
    thursday_group,
    weeks,
)
from ipt_course.tools.group_programme.layout import panel_positions
from ipt_course.tools.group_programme.programme import Programme
from ipt_course.tools.group_programme.scores import Group, change_over
from ipt_course.tools.group_programme.tracker_view import measures_alt_text
from tests.screen import control, press, shown_html, tab

GROUP = thursday_group()
NAMES = ["Bethan", "Kerry", "Dawn", "Priya", "Sophie", "Ama", "Lauren"]


# -- this service's model ------------------------------------------------------------------------


def test_the_twelve_weeks_follow_this_services_model() -> None:
    laid_out = weeks(None)
    assert [week.block.format for week in laid_out] == (
        ["one_to_one"] * 2 + ["group"] * 8 + ["ending"] * 2 + ["review"])
    assert laid_out[0].block.themes[0] == "The service's routine measures and other questionnaires"
    assert "The sick role" in laid_out[0].block.themes
    assert "The interpersonal inventory" in laid_out[1].block.themes
    group_week = laid_out[4].block
    assert group_week.minutes == 90 and "Conflict in relationships" in group_week.may_include
    assert "Staying well" in laid_out[10].block.themes
    assert laid_out[-1].label == "Review" and laid_out[-1].day is None


def test_the_model_is_presented_as_this_services_own() -> None:
    model = programme()
    assert model.name == "This service's 12-week perinatal group model"
    assert "No published manual or trial" in model.status
    frame = " ".join(model.frame)
    for fact in ("closed group", "Two facilitators", "six to eight mothers", "Ninety minutes",
                 "no homework", "first 30 minutes"):
        assert fact in frame


def test_a_programme_file_missing_a_week_is_refused_with_the_key() -> None:
    from importlib import resources

    text = resources.files("ipt_course.tools.group_programme").joinpath(
        "data/programme.yaml").read_text("utf-8")
    broken = text.replace("sessions: [11, 12]", "sessions: [11]")
    with pytest.raises(DataFileError, match=r"p\.yaml: sessions: expected sessions 1 to 12 and "
                                            r"the review, each once"):
        parse_data(broken, "p.yaml", Programme)


def test_published_models_carry_their_sources_and_ipt_b_is_not_a_group() -> None:
    models = {model.name: model for model in published_models().models}
    assert "(Wilfley et al., 2002)" in models["IPT-G"].evidence
    assert "16% against 31%" in models["ROSE (prevention)"].evidence
    assert "individual, not a group" in next(name for name in models if name.startswith("IPT-B"))
    assert "A local model" in models["This service's model"].evidence


# -- the planner ---------------------------------------------------------------------------------


def test_the_planner_dates_the_thursday_group_and_marks_bethans_july() -> None:
    planner = GroupProgrammePlanner()
    assert control(planner, "First session").value == date(2027, 5, 6)
    assert planner.model.hard_weeks() == frozenset({9, 10, 11, 12})
    assert "Session 1 · Thursday 6 May 2027: Screening, part 1" in html.unescape(
        planner.card.value)
    control(planner, "Session").value = 11
    card = html.unescape(planner.card.value)
    assert "Session 11 · Thursday 15 July 2027: Ending" in card
    assert "Bethan: Osian's first anniversary, then his due date" in card
    assert "Sessions left after this one: 1." in card


def test_stepping_through_the_weeks_stops_at_either_end() -> None:
    planner = GroupProgrammePlanner()
    press(planner, "Previous session")
    assert planner.model.selected == 1
    for _ in range(4):
        press(planner, "Next session")
    assert control(planner, "Session").value == 5
    assert "The first 30 minutes:" in planner.card.value
    control(planner, "Session").value = 12
    press(planner, "Next session")
    press(planner, "Next session")
    assert planner.model.selected == "review"
    assert "After the last group session" in planner.card.value


def test_a_new_start_date_redates_every_week_and_keeps_the_week_shown() -> None:
    planner = GroupProgrammePlanner(session=3)
    control(planner, "First session").value = date(2027, 9, 2)
    assert control(planner, "Session").value == 3
    assert "Thursday 16 September 2027" in planner.card.value
    assert planner.model.hard_weeks() == frozenset()
    assert "2 September 2027" in planner.table.value
    control(planner, "First session").value = None
    assert "Session 3: Group session" in html.unescape(planner.card.value)


def test_the_planner_shows_the_frame_aims_and_published_models() -> None:
    planner = GroupProgrammePlanner()
    frame = html.unescape(tab(planner, "Frame and aims").value)
    assert "Help with grief, loss and the trauma of miscarriage and stillbirth" in frame
    assert "ghosts in the nursery" in frame and "this course's suggestion" in frame
    assert "Johnson et al., 2016" in tab(planner, "Published models").value
    members = html.unescape(tab(planner, "The members").value)
    assert "Her son, born at 26 weeks, died on the neonatal unit at five days" in members
    assert "Dispute with her mother" in members
    assert "one-to-one screening at sessions 1 and 2" in planner.picture.value


# -- the Thursday group's scores ----------------------------------------------------------------


def test_the_group_is_the_seven_mothers_of_the_notebook() -> None:
    assert [member.name for member in GROUP.members] == NAMES
    assert (GROUP.member("Kerry").age, GROUP.member("Dawn").age) == (27, 38)
    assert GROUP.size == "seven" and GROUP.title == "The Thursday group"


def test_the_scores_agree_with_the_notebook_and_the_role_play() -> None:
    bethan, lauren, kerry = (GROUP.member(name) for name in ("Bethan", "Lauren", "Kerry"))
    assert bethan.form(1)[0] == 17 and bethan.form(1)[2] == 0
    phq9 = [lauren.form(session)[0] for session in range(2, 6)]
    assert phq9[1] > phq9[0] and phq9[2] > phq9[1] and phq9[3] > phq9[2]
    assert next(flag.session for flag in flags(GROUP) if flag.name == "Lauren") == 5
    assert all(kerry.form(session)[2] == 0 for session in range(1, 13))
    assert "partner goes through her phone" in kerry.notes[6]


def test_who_is_improving_and_who_is_not() -> None:
    change = {member.name: change_over(member) for member in GROUP.members}
    assert change["Priya"] <= -6 and change["Bethan"] <= -5 and change["Ama"] <= -5
    assert change["Sophie"] == 0 and change["Kerry"] > -5


def test_the_review_gives_each_form_with_its_change() -> None:
    rows = {row.name: row for row in review(GROUP, 5)}
    assert rows["Lauren"].flagged and rows["Lauren"].phq9_change == 2
    assert rows["Lauren"].phq9_band == "moderately severe"
    absent = {row.name: row for row in review(GROUP, 7)}["Sophie"]
    assert absent.absent and absent.note.startswith("Absent")
    after_absence = {row.name: row for row in review(GROUP, 8)}["Sophie"]
    assert after_absence.phq9_change == 1  # against session 6, her last form


@pytest.mark.parametrize(("change", "message"), [
    ("[16, 13, 1]", "[17, 13, 4]", ),
    ("[16, 13, 1]", "[2, 13, 3]"),
    ("[16, 13, 1]", "[16, 30, 1]"),
])
def test_impossible_forms_are_refused_with_the_member_and_session(change: str,
                                                                  message: str) -> None:
    from importlib import resources

    text = resources.files("ipt_course.tools.group_programme").joinpath(
        "data/thursday_group.yaml").read_text("utf-8")
    assert change in text
    with pytest.raises(DataFileError, match=r"g\.yaml: members\[6\]\.scores\[4\]"):
        parse_data(text.replace(change, message), "g.yaml", Group)


def test_a_hard_date_for_someone_not_in_the_group_is_refused() -> None:
    from importlib import resources

    text = resources.files("ipt_course.tools.group_programme").joinpath(
        "data/thursday_group.yaml").read_text("utf-8")
    with pytest.raises(DataFileError, match="'Bronwen' is not a member of the group"):
        parse_data(text.replace("- member: Bethan", "- member: Bronwen"), "g.yaml", Group)


# -- the tracker ---------------------------------------------------------------------------------


def test_the_tracker_says_a_score_never_replaces_a_risk_conversation() -> None:
    tracker = GroupMeasuresTracker()
    text = html.unescape(shown_html(tracker))
    assert "A score never replaces a risk conversation" in text
    assert "71.6%" in text and "fictional" in text


def test_reviewing_session_5_shows_lauren_flagged_as_facilitators_read_it() -> None:
    tracker = GroupMeasuresTracker()
    control(tracker, "Session").value = 5
    shown = html.unescape(tracker.review.value)
    assert "Session 5, Thursday 3 June 2027: the first 30 minutes" in shown
    assert "Item 9 above 0: Lauren" in shown and "talks with her privately" in shown
    assert 'Session 5: Lauren, item 9 at 1 ("several days")' in shown
    assert "Session 6" not in shown
    assert "sessions 1 to 5" in tracker.picture.value
    press(tracker, "Previous session")
    assert tracker.model.session == 4
    assert "Item 9 above 0" not in tracker.review.value
    assert "None so far" in tracker.review.value


def test_one_member_can_be_followed_on_her_own() -> None:
    tracker = GroupMeasuresTracker()
    control(tracker, "Show").value = "Lauren"
    assert [row.name for row in tracker.model.rows()] == ["Lauren"]
    assert tracker.review.value.count("<th scope=\"row\">") == 1
    assert "Lauren 12 to 10" in measures_alt_text(tracker.model)
    assert "Bethan" not in measures_alt_text(tracker.model)


# -- the pictures' layout ------------------------------------------------------------------------


def test_the_strip_sets_the_review_apart_and_groups_the_weeks() -> None:
    cells = strip_cells(weeks(None))
    assert len(cells) == 13
    gaps = [round(after.x - before.x, 2) for before, after in pairwise(cells)]
    assert gaps[:-1] == [1.0] * 11 and gaps[-1] > 1.0
    titles = [(band.title, band.format) for band in bands(cells, programme().bands)]
    assert titles == [("One-to-one screening", "one_to_one"), ("Group sessions", "group"),
                      ("The ending", "ending"), ("Review", "review")]


def test_seven_charts_and_a_legend_fill_two_rows_of_four() -> None:
    assert grid_shape(8) == (2, 4)
    assert grid_shape(1) == (1, 1)
    assert panel_positions(7)[-1] == (1, 2)
    with pytest.raises(ValueError):
        grid_shape(0)
