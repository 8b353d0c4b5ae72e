"""The Level B tracker (Day 6): its rules, the data, saving and reloading, the view, the page."""

from __future__ import annotations

import html
import json
import multiprocessing
from datetime import date, timedelta
from pathlib import Path

import pytest

from ipt_course.kit.datafile import DataFileError, parse_data
from ipt_course.tools.level_b import (
    CaseRecord,
    Content,
    LevelBDocument,
    LevelBModel,
    LevelBTracker,
    TrackerError,
    findings,
    progress,
    tracker_content,
)
from tests.screen import control, press, select_tab, shown_html

TODAY = date(2027, 3, 1)
HOSTILE = "<script>alert(1)</script>"


def ago(weeks: int) -> str:
    return (TODAY - timedelta(weeks=weeks)).isoformat()


def ready(**changes: object) -> LevelBDocument:
    """A tracker with the set-up done, started six weeks before TODAY, cases not started."""
    values = {"started": ago(6), "eligibility_confirmed": True, "supervisor_approved": True,
              "supervision_by": "teams", "frequency": "weekly", "supervision_sessions": 6,
              "recordings_asked": 3}
    return LevelBDocument(**{**values, **changes})


def case(**changes: object) -> CaseRecord:
    values = {"focus": "role_transition", "status": "in_treatment", "started": ago(5),
              "sessions_contracted": 16, "sessions_held": 5, "sessions_measured": 5,
              "consent": "written", "recordings_made": 5, "recordings_submitted": 1}
    return CaseRecord(**{**values, **changes})


def messages(document: LevelBDocument, where: str | None = None, today: date = TODAY) -> list:
    return [(f.level, f.message) for f in findings(document, tracker_content(), today)
            if where is None or f.where == where]


def said(document: LevelBDocument, key: str, where: str | None = None, **values: object) -> bool:
    text = tracker_content().messages[key]
    expected = text.format(**values) if values else text
    return any(message == expected for _, message in messages(document, where))


# -- the data ------------------------------------------------------------------------------------


def test_the_data_states_level_b_as_the_syllabus_does_and_says_to_confirm_with_ipt_uk() -> None:
    content = tracker_content()
    assert (content.cases, content.months) == (4, 10)
    assert [r.id for r in content.requirements] == [
        "cases", "supervisor", "recordings", "reports", "timescale", "eligibility"]
    assert "IPT UK" in content.banner.title and "confirm" in content.banner.title.lower()


def test_a_data_file_missing_a_label_is_refused_with_file_and_key() -> None:
    text = Path("ipt_course/tools/level_b/data/tracker.yaml").read_text("utf-8")
    broken = text.replace("    withdrawn: Withdrawn\n", "")
    with pytest.raises(DataFileError, match=r"tracker.yaml: .*labels.consent.*withdrawn"):
        parse_data(broken, "level_b/data/tracker.yaml", Content)


# -- the rules -----------------------------------------------------------------------------------


def test_an_empty_tracker_asks_for_the_set_up_and_four_cases() -> None:
    found = messages(LevelBDocument())
    warnings = [m for level, m in found if level == "warning"]
    assert any("entry criteria" in m for m in warnings)
    assert any("IPT UK-approved" in m for m in warnings)
    assert said(LevelBDocument(), "cases_missing", n=4, total=4,
                names="Case 1, Case 2, Case 3, Case 4")


def test_a_finished_case_without_its_report_is_a_warning() -> None:
    doc = ready(cases=[case(status="finished", sessions_held=16, sessions_measured=16,
                            recordings_made=16, recordings_submitted=3)])
    assert ("warning", tracker_content().messages["report_due"].format(case="Case 1")) \
        in messages(doc, "Case 1")
    doc.cases[0].report = "submitted"
    assert not said(doc, "report_due", case="Case 1")


def test_recordings_without_consent_come_first_and_verbal_consent_asks_for_writing() -> None:
    doc = ready(cases=[case(consent="not_asked", recordings_made=2, sessions_held=2,
                            sessions_measured=2, recordings_submitted=0)])
    first = messages(doc, "Case 1")[0]
    assert first == ("warning", tracker_content().messages["no_consent_recorded"].format(n=2))
    doc.cases[0].consent = "verbal"
    assert said(doc, "consent_verbal", "Case 1")
    doc.cases[0].consent = "written"
    assert not said(doc, "consent_verbal", "Case 1")


def test_declined_and_withdrawn_consent_are_warned_about() -> None:
    doc = ready(cases=[case(consent="declined", recordings_made=0, recordings_submitted=0),
                       case(consent="withdrawn")])
    assert said(doc, "consent_declined", "Case 1")
    assert said(doc, "consent_withdrawn", "Case 2")


@pytest.mark.parametrize(("changes", "key"), [
    ({"recordings_made": 7}, "recordings_over_held"),
    ({"recordings_submitted": 6, "recordings_made": 5}, "submitted_over_made"),
    ({"sessions_measured": 6}, "measures_over"),
    ({"sessions_measured": 3}, "measures_behind"),
    ({"sessions_held": 18, "sessions_measured": 18}, "over_contract"),
    ({"status": "ended_early"}, "ended_early"),
    ({"started": ""}, "no_case_start"),
])
def test_case_figures_that_need_a_look_are_found(changes: dict, key: str) -> None:
    doc = ready(cases=[case(**changes)])
    assert any(message.startswith(tracker_content().messages[key].split("{")[0][:20])
               for _, message in messages(doc, "Case 1")), messages(doc, "Case 1")


def test_fewer_recordings_than_the_supervisor_asked_for_is_a_warning_on_a_finished_case() -> None:
    doc = ready(recordings_asked=4, cases=[case(
        status="finished", sessions_held=16, sessions_measured=16, recordings_made=16,
        recordings_submitted=2, report="submitted")])
    assert said(doc, "fewer_than_asked", "Case 1", n=2, total=4)


def test_no_number_of_recordings_is_invented_until_the_supervisor_agrees_one() -> None:
    doc = ready(recordings_asked=0, cases=[case()])
    assert said(doc, "recordings_asked")
    doc.recordings_asked = 2
    assert not said(doc, "recordings_asked")


def test_supervision_behind_the_agreed_frequency_is_prompted() -> None:
    doc = ready(supervision_sessions=3)  # six weeks, weekly: six expected
    assert said(doc, "supervision_behind", n=3, expected=6, frequency="weekly")
    doc.supervision_sessions = 5  # one short is ordinary
    assert not said(doc, "supervision_behind", n=5, expected=6, frequency="weekly")
    doc.frequency = "not_agreed"
    assert said(doc, "frequency")


def test_past_ten_months_with_cases_unreported_is_a_warning() -> None:
    late = TODAY - timedelta(days=320)
    doc = ready(started=late.isoformat(), cases=[case(started=late.isoformat())])
    found = messages(doc)
    assert any(level == "warning" and "past the syllabus's timescale" in m for level, m in found)
    assert progress(doc, tracker_content(), TODAY).months == pytest.approx(320 / 30.4375)


def test_a_course_of_sessions_that_would_end_after_ten_months_is_prompted() -> None:
    start = TODAY - timedelta(days=240)
    doc = ready(started=start.isoformat(), cases=[case(started=ago(2))])
    assert any("would end about" in m for _, m in messages(doc, "Case 1"))
    assert any("A case starting today" in m for _, m in messages(doc, "Level B"))
    early = ready(cases=[case(started=ago(2))])
    assert not any("would end about" in m for _, m in messages(early))


def test_four_cases_in_one_problem_area_are_prompted_to_vary() -> None:
    doc = ready(cases=[case() for _ in range(4)])
    assert any("Aim for different problem areas" in m for _, m in messages(doc))
    doc.cases[1].focus = "role_dispute"
    assert not any("Aim for different problem areas" in m for _, m in messages(doc))


def test_progress_counts_finished_and_reported_cases() -> None:
    doc = ready(cases=[case(status="finished", report="submitted"),
                       case(status="finished"), case(), CaseRecord()])
    figures = progress(doc, tracker_content(), TODAY)
    assert (figures.started, figures.finished, figures.reports) == (3, 2, 1)
    assert figures.recordings_submitted == 3 and not figures.done


# -- saving --------------------------------------------------------------------------------------


def test_the_tracker_is_saved_as_it_changes_and_comes_back_in_a_new_kernel(tmp_path) -> None:
    path = tmp_path / "my-level-b.json"
    model = LevelBModel(path, today=TODAY)
    model.started = ago(3)
    model.set_case(1, focus="grief", sessions_held=2)
    again = LevelBModel(path, today=TODAY)
    assert again.started == ago(3)
    assert (again.cases[1].focus, again.cases[1].sessions_held) == ("grief", 2)
    assert again.status.text.startswith("Loaded your Level B tracker")
    assert json.loads(path.read_text())["kind"] == "ipt-level-b-tracker"


def test_a_damaged_file_is_kept_aside_with_a_plain_message(tmp_path) -> None:
    path = tmp_path / "my-level-b.json"
    path.write_text('{"kind": "ipt-level-b-tracker", "format": 1, "cases": [{"status": "x"}]}')
    model = LevelBModel(path, today=TODAY)
    assert model.status.level == "warning"
    assert "cases[0].status" in model.status.text
    kept = list(tmp_path.glob("my-level-b.unreadable-*.json"))
    assert len(kept) == 1 and '"x"' in kept[0].read_text()


def test_a_bad_case_value_is_refused_and_nothing_changes(tmp_path) -> None:
    model = LevelBModel(tmp_path / "my-level-b.json", today=TODAY)
    with pytest.raises(TrackerError, match="Case 1 was not changed"):
        model.set_case(0, sessions_held=-1)
    assert model.cases[0].sessions_held == 0


def _save_case(path: str, index: int, held: int, started) -> None:
    started.wait()
    model = LevelBModel(path, today=TODAY)
    model.set_case(index, sessions_held=held, status="in_treatment")


def test_two_kernels_saving_different_cases_at_once_lose_neither(tmp_path) -> None:
    path = str(tmp_path / "my-level-b.json")
    LevelBModel(path, today=TODAY).started = ago(4)
    context = multiprocessing.get_context("spawn")
    started = context.Event()
    workers = [context.Process(target=_save_case, args=(path, i, 3 + i, started))
               for i in range(2)]
    for worker in workers:
        worker.start()
    started.set()
    for worker in workers:
        worker.join(60)
    saved = LevelBModel(path, today=TODAY)
    assert [c.sessions_held for c in saved.cases[:2]] == [3, 4]
    assert saved.started == ago(4)


def test_start_afresh_keeps_a_copy_of_the_old_tracker(tmp_path) -> None:
    path = tmp_path / "my-level-b.json"
    model = LevelBModel(path, today=TODAY)
    model.load_example()
    kept = model.start_afresh()
    assert kept is not None and "role_transition" in kept.read_text()
    assert model.is_empty() and LevelBModel(path, today=TODAY).is_empty()


def test_the_example_is_never_loaded_over_the_trainees_entries(tmp_path) -> None:
    model = LevelBModel(tmp_path / "my-level-b.json", today=TODAY)
    model.supervision_sessions = 2
    with pytest.raises(TrackerError, match="already has entries"):
        model.load_example()
    assert model.supervision_sessions == 2


# -- the view ------------------------------------------------------------------------------------


def test_lucys_example_shows_her_progress_and_what_to_plan(tmp_path) -> None:
    tracker = LevelBTracker(save_path=tmp_path / "my-level-b.json", today=TODAY)
    press(tracker, "Start from Lucy's example")
    shown = html.unescape(shown_html(tracker))
    assert "Lucy Adeyemi's tracker, six weeks in" in shown
    assert "2 started, 0 finished, of 4" in shown
    assert "Consent is agreed but not yet in writing" in shown
    assert "Confirm the current rules with IPT UK" in shown


def test_editing_a_case_on_screen_updates_the_warnings(tmp_path) -> None:
    tracker = LevelBTracker(save_path=tmp_path / "my-level-b.json", today=TODAY)
    press(tracker, "Start from Lucy's example")
    select_tab(tracker, "Cases")
    control(tracker, "Case").value = 1
    control(tracker, "Consent to recording").value = "written"
    assert "Consent is agreed but not yet in writing" not in html.unescape(shown_html(tracker))
    assert tracker.model.cases[1].consent == "written"
    control(tracker, "Case").value = 0
    assert control(tracker, "Sessions held").value == 5
    control(tracker, "Where the case stands").value = "finished"
    assert "Case 1 is finished but its reflective report" in html.unescape(shown_html(tracker))


def test_the_printable_page_is_saved_beside_the_tracker_and_escapes_nothing_unsafe(
        tmp_path) -> None:
    tracker = LevelBTracker(save_path=tmp_path / "my-level-b.json", today=TODAY)
    press(tracker, "Start from Lucy's example")
    press(tracker, "Make a printable page")
    page = (tmp_path / "my-level-b.html").read_text("utf-8")
    assert "Level B progress" in page and "Case 2" in page
    assert "Confirm current rules with IPT UK" in page
    assert "fictional client" not in page
    assert "my-level-b.html" in tracker.download.value


def test_wording_from_a_hand_edited_data_file_is_escaped_on_the_page(tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(tracker_content().labels["report"], "drafting", HOSTILE)
    tracker = LevelBTracker(save_path=None, today=TODAY)
    tracker.model.set_case(0, status="in_treatment", report="drafting")
    assert HOSTILE not in tracker.page() and html.escape(HOSTILE) in tracker.page()


def test_adding_a_case_opens_it(tmp_path) -> None:
    tracker = LevelBTracker(save_path=tmp_path / "my-level-b.json", today=TODAY)
    press(tracker, "Add a case")
    assert control(tracker, "Case").value == 4 and len(tracker.model.cases) == 5
