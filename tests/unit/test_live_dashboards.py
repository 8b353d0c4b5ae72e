"""Trainer dashboards on a real nbgrader gradebook and a real live-day database."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd
import pytest

from ipt_course.course import load_course
from ipt_course.live.agenda import AgendaModel, AgendaView
from ipt_course.live.attendance import mark_present
from ipt_course.live.dashboards import (
    NO_RESULTS,
    SESSION_OVERRIDE,
    SHARE_LINK,
    CohortProgressView,
    EvaluationReportView,
    LiveRoomView,
    QuizResultsView,
    QuizReviewPage,
    cohort_progress_table,
    evaluation_tables,
    quiz_choices,
    quiz_report,
    requested_quiz,
    review_address,
    score_histogram_png,
    weakest_outcomes,
)
from ipt_course.live.dashboards.quiz_results import distractor_table, facility_table
from ipt_course.live.store import LiveStore, Question
from tests.conftest import REPO


@pytest.fixture
def store(course_copy: Path, monkeypatch: pytest.MonkeyPatch) -> LiveStore:
    monkeypatch.delenv("IPT_LIVE_DATABASE", raising=False)
    return LiveStore.for_course(course_copy)


def test_quiz_choices_come_from_course_yaml(course_copy: Path) -> None:
    choices = dict((quiz, title) for title, quiz in quiz_choices(course_copy))
    assert "day1-quiz" in choices and choices["day1-quiz"].startswith("Day 1 quiz")


def test_empty_gradebook_gives_a_friendly_message_and_makes_no_gradebook(
        course_copy: Path) -> None:
    view = QuizResultsView(course_copy)
    assert "No graded submissions yet" in view._summary.value
    assert view._chart.layout.display == "none"
    assert not (course_copy / "gradebook.db").exists()
    assert quiz_report(course_copy, "day1-quiz").empty


def test_quiz_report_from_a_graded_cohort(course_copy: Path, fill_gradebook) -> None:
    fill_gradebook(course_copy)
    report = quiz_report(course_copy, "day1-quiz")
    assert sorted(report.distribution["trainee"]) == ["t01", "t02", "t03"]
    best = report.distribution.iloc[0]
    assert best["trainee"] == "t01" and best["percent"] == 100.0
    assert report.distribution.set_index("trainee").loc["t03", "total"] == 0
    single = report.items[report.items["type"] == "single"].iloc[0]
    assert single["facility"] == pytest.approx(2 / 3, abs=0.001)
    first = report.bank.questions[0]
    chosen = report.distractors[report.distractors["question"] == first.id].set_index("choice")
    assert chosen.loc[first.answer, "count"] == 2
    assert chosen["count"].sum() == 3
    weakest = weakest_outcomes(report, load_course(course_copy))
    assert len(weakest) == 3
    assert weakest["mean_proportion"].is_monotonic_increasing
    notebooks = [nb for places in weakest["sections"] for nb, _ in places]
    assert notebooks and all(nb.startswith("curriculum/day1/") for nb in notebooks)


def test_quiz_view_draws_chart_and_tables(course_copy: Path, fill_gradebook) -> None:
    fill_gradebook(course_copy)
    view = QuizResultsView(course_copy)
    assert view._chart.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "3 graded submission(s)" in view._summary.value
    assert "Weakest outcomes" in view._details.value
    assert 'href="../curriculum/day1/' in view._details.value
    assert NO_RESULTS not in view._summary.value
    view._picker.value = "day2-quiz"
    assert "No graded submissions yet" in view._summary.value


def test_histogram_is_a_png_even_for_one_trainee() -> None:
    png = score_histogram_png(pd.DataFrame({"percent": [100.0]}))
    assert png.startswith(b"\x89PNG")


def test_live_room_shows_the_day_and_marks_questions_answered(course_copy: Path,
                                                              store: LiveStore) -> None:
    store.check_in(1, "v1", 4, "curious")
    store.check_in(1, "v2", 2, "Curious")
    store.check_in(2, "v3", 5, "elsewhere")
    store.rate_confidence(1, "v1", "start", {"d1.lo1": 2})
    store.rate_confidence(1, "v1", "end", {"d1.lo1": 4})
    store.ask(1, "v1", "How long is the initial phase?")
    store.evaluate(1, "v1", 5, 4, "Clear <b>examples</b>")
    view = LiveRoomView(course_copy, store, day=1)
    assert "<strong>2</strong> check-in(s)" in view._checkins.value
    assert "curious (2)" in view._checkins.value and "elsewhere" not in view._checkins.value
    assert "d1.lo1" in view._confidence.value and "Describe where IPT came from" in \
        view._confidence.value
    assert "presentation 5.00, relevance 4.00" in view._evaluations.value
    assert "&lt;b&gt;examples&lt;/b&gt;" in view._evaluations.value
    row = view._questions.children[0]
    row.children[1].click()
    assert store.table(Question, 1)["answered"].tolist() == [True]
    assert "(answered)" in view._questions.children[0].value
    store.check_in(1, "v4", 5, "ready")
    view._refresh.click()
    assert "<strong>3</strong> check-in(s)" in view._checkins.value


def test_live_room_switches_named_attendance_and_highlight(course_copy: Path,
                                                           store: LiveStore) -> None:
    view = LiveRoomView(course_copy, store, day=1)
    assert not store.named_attendance
    view._named.value = True
    assert store.named_attendance
    view._highlight.value = "d1.s3"
    assert store.setting(SESSION_OVERRIDE) == "d1.s3"
    assert "highlight 11:15 " in view._status.value and "until you choose From the clock" \
        in view._status.value
    other = LiveRoomView(course_copy, store, day=1)
    assert other._highlight.value == "d1.s3"
    # the live page reads the same one setting and says where its highlight comes from
    agenda = AgendaView(AgendaModel(load_course(course_copy).day(1), trainer_choice=lambda:
                                    store.setting(SESSION_OVERRIDE, "automatic")))
    assert agenda.model.current().id == "d1.s3"
    assert "Highlighted by the trainer in the live-room dashboard" in agenda._source.value
    view._highlight.value = "automatic"
    assert store.setting(SESSION_OVERRIDE) == "automatic"


def test_cohort_progress_joins_attendance_and_quiz_scores(course_copy: Path,
                                                          store: LiveStore,
                                                          fill_gradebook) -> None:
    fill_gradebook(course_copy)
    course = load_course(course_copy)
    mark_present(store, course, 1, ["t01", "t02"], known={"t01", "t02", "t03"})
    table = cohort_progress_table(course_copy, store).set_index("trainee")
    assert table.loc["t01", "name"] == "Ria Okafor"
    assert table.loc["t01", "Day 1"] == "present" and table.loc["t03", "Day 1"] == "absent"
    assert table.loc["t01", "Day 1 quiz %"] == 100.0
    assert table.loc["t03", "Day 1 quiz %"] == 0.0
    assert pd.isna(table.loc["t01", "Day 2 quiz %"])
    view = CohortProgressView(course_copy, store)
    assert "Ria Okafor" in view._table.value and "3 trainee(s)" in view._table.value


def test_cohort_progress_with_nobody_says_what_to_do(course_copy: Path,
                                                     store: LiveStore) -> None:
    assert "No trainees yet" in CohortProgressView(course_copy, store)._table.value


def test_evaluation_report_and_csv_export(course_copy: Path, store: LiveStore) -> None:
    store.evaluate(1, "v1", 4, 5, "More role-play please")
    store.evaluate(1, "v2", 2, 3)
    store.rate_confidence(1, "v1", "start", {"d1.lo3": 2})
    store.rate_confidence(1, "v1", "end", {"d1.lo3": 5})
    tables = evaluation_tables(course_copy, store)
    ratings = tables["ratings"].set_index("day")
    assert ratings.loc[1, "presentation"] == 3.0 and ratings.loc[1, "relevance"] == 4.0
    confidence = tables["confidence"].set_index("outcome")
    assert confidence.loc["d1.lo3", "change"] == 3.0
    assert tables["comments"]["comment"].tolist() == ["More role-play please"]
    view = EvaluationReportView(course_copy, store)
    assert "More role-play please" in view._report.value
    view._export.click()
    written = course_copy / "exports" / "evaluation-ratings.csv"
    assert pd.read_csv(written)["presentation"].tolist() == [3.0]
    assert "evaluation-comments.csv" in view._status.value
    assert json.loads(json.dumps(sorted(p.name for p in (course_copy / "exports").iterdir()))) \
        == ["evaluation-checkins.csv", "evaluation-comments.csv", "evaluation-confidence.csv",
            "evaluation-ratings.csv"]


def test_trainee_text_reaches_every_dashboard_as_text(course_copy: Path,
                                                      store: LiveStore) -> None:
    planted = '<img src=x onerror="alert(1)">'
    store.check_in(1, "v1", 3, "<script>x</script>")
    store.ask(1, "v1", planted + " why?")
    store.evaluate(1, "v1", 4, 4, planted)
    room = LiveRoomView(course_copy, store, day=1)
    report = EvaluationReportView(course_copy, store)
    shown = [room._checkins.value, room._evaluations.value, report._report.value,
             *(row.value for row in room._questions.children if hasattr(row, "value")),
             *(child.value for row in room._questions.children
               for child in getattr(row, "children", ()) if hasattr(child, "value")
               and isinstance(child.value, str))]
    assert not any("<img" in text or "<script" in text for text in shown)
    assert "&lt;script&gt;x&lt;/script&gt;" in room._checkins.value
    assert sum("&lt;img src=x onerror=" in text for text in shown) >= 3


def _words(widget) -> str:
    """Every word a view puts on the page: its HTML, labels, options and button captions."""
    parts = [str(getattr(widget, name, "")) for name in ("value", "description", "tooltip")]
    parts += [str(option) for option in getattr(widget, "options", ())]
    parts += [_words(child) for child in getattr(widget, "children", ())]
    return "\n".join(parts)


def test_the_quiz_review_is_a_page_of_its_own_with_nothing_of_the_results(
        course_copy: Path, fill_gradebook) -> None:
    fill_gradebook(course_copy)
    page = QuizReviewPage(course_copy)
    assert page.quiz == "day1-quiz"
    review = page.view
    report = quiz_report(course_copy, "day1-quiz")
    first = report.bank.questions[0]
    shown = review._item.value
    assert html.escape(first.prompt) in shown and "Question 1 of" in _words(page)
    assert "Chosen by" in shown and "Answer</strong>" not in shown
    words = _words(page)
    assert "<h1>Quiz review</h1>" in words
    for results_only in ("Quiz results", "rainer only", "Weakest outcomes", "graded submission",
                         "Score distribution", "Id in the bank", "Refresh", "Answer</strong>"):
        assert results_only not in words, results_only
    review._reveal.click()
    assert shown != review._item.value and review._item.value.count("Answer</strong>") == 1
    review._next.click()
    assert "Question 2 of" in _words(page) and "Answer</strong>" not in review._item.value
    everything = ""
    for index in range(len(review.items)):
        review.show(index)
        review._reveal.click()
        everything += _words(page)
    ids = {"t01", "t02", "t03", "Ria Okafor", "Okafor"} | {q.id for q in report.bank.questions}
    assert [word for word in ids if word in everything] == []


def test_the_review_opens_on_the_quiz_its_address_names(course_copy: Path) -> None:
    assert requested_quiz("token=abc&quiz=day2-quiz") == "day2-quiz"
    assert requested_quiz("token=abc") is None and requested_quiz("") is None
    page = QuizReviewPage(course_copy, quiz="day2-quiz")
    assert page.quiz == "day2-quiz"
    assert "Nothing to review until this quiz is graded" in page.view._item.value
    assert QuizReviewPage(course_copy, quiz="no-such-quiz").quiz == "day1-quiz"
    page._picker.value = "day3-quiz"
    assert page.view.items == [] and page.quiz == "day3-quiz"


def test_the_results_page_links_to_the_review_of_its_quiz_in_a_new_tab(
        course_copy: Path, fill_gradebook) -> None:
    fill_gradebook(course_copy)
    view = QuizResultsView(course_copy)
    words = _words(view)
    assert "Anonymous review" not in words and "Results (trainer only)" not in words
    link = view._share.value
    assert SHARE_LINK in link and 'target="_blank"' in link and 'rel="noopener"' in link
    assert 'href="quiz-review.ipynb?quiz=day1-quiz"' in link
    view._picker.value = "day2-quiz"
    assert 'href="quiz-review.ipynb?quiz=day2-quiz"' in view._share.value
    assert review_address("day 2/quiz") == "quiz-review.ipynb?quiz=day%202/quiz"
    # The link is relative: the review must sit beside the results page in dashboards/.
    notebook = json.loads((REPO / "dashboards" / "quiz-review.ipynb").read_text())
    assert "quiz_review()" in "".join(notebook["cells"][-1]["source"])


def test_present_trainer_keeps_a_kernel_ready_for_the_review_too() -> None:
    import argparse

    from ipt_course.live.cli import presentation_settings

    args = argparse.Namespace(trainer=True, day=None, network=False, ip=None, pool=4,
                              room_url="")
    preheat = presentation_settings(REPO, args, 8123).preheat
    assert preheat["quiz-review.ipynb"] == 1 and preheat["quiz-results.ipynb"] == 1
    assert len(preheat) == len(list((REPO / "dashboards").glob("*.ipynb")))


def test_trainer_tables_read_as_questions_with_the_ids_last(course_copy: Path,
                                                            fill_gradebook) -> None:
    fill_gradebook(course_copy)
    report = quiz_report(course_copy, "day1-quiz")
    facility = facility_table(report)
    assert list(facility.columns)[:2] == ["No.", "Question"]
    assert list(facility.columns)[-1] == "Id in the bank"
    assert facility.iloc[0]["Question"][:30] == " ".join(report.bank.questions[0].prompt.split()
                                                         )[:30]
    options = distractor_table(report)
    assert list(options.columns)[:3] == ["No.", "Option", "Text"]
    assert options.iloc[0]["Option"] == "A" and options.iloc[0]["No."] == 1
    assert "<details" in QuizResultsView(course_copy)._details.value
