"""The trainer's whole grading pipeline with real nbgrader on a temporary copy of the course.

Build the quiz, import a roster, let a synthetic cohort (honest and hostile) submit through a
folder and a Teams-style zip, collect, autograde in parallel, write feedback, export and
analyse; then a second round (a resubmission nbgrader cannot grade, an empty upload); then
check every score, every flag, that no older grade stands for a newer submission, and that
nothing trainee-facing leaks a key.
"""

from __future__ import annotations

import json
import math
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from ipt_course.grading import synthetic
from ipt_course.grading.autograde import BatchResult, autograde_all
from ipt_course.grading.collect import CollectReport, collect
from ipt_course.grading.export import quiz_tables, write_tables
from ipt_course.grading.feedback import feedback_all, find_leaks, secret_texts
from ipt_course.grading.reports import item_analysis, outcome_summary
from ipt_course.grading.results import load_results
from ipt_course.grading.roster import import_roster, read_roster
from ipt_course.quiz.bank import QuizBank, load_bank

pytestmark = pytest.mark.nbgrader

REPO = Path(__file__).resolve().parents[2]
FIXTURE_BANK = REPO / "tests" / "unit" / "fixtures" / "quizzes" / "fixture-quiz.yaml"
HUGE_BYTES = 50 * 1024 * 1024


def _bank_file() -> Path:
    day1 = REPO / "quizzes" / "day1.yaml"
    return day1 if day1.is_file() else FIXTURE_BANK


@dataclass
class Run:
    root: Path
    bank: QuizBank
    folder_report: CollectReport
    zip_report: CollectReport
    batch: BatchResult
    feedback: dict[str, list[str]]
    second_report: CollectReport
    second_batch: BatchResult
    first_feedback: dict[str, list[str]]

    def result(self, trainee: str):
        return next(item for item in self.batch.results if item.trainee == trainee)

    def page(self, trainee: str) -> Path:
        return self.root / "feedback" / trainee / self.bank.id / f"{self.bank.id}.html"


def _auto(bank: QuizBank) -> list:
    return [question for question in bank.questions if question.auto_graded]


def _edit_notebook(folder: Path, quiz_id: str, change) -> None:
    path = folder / f"{quiz_id}.ipynb"
    notebook = json.loads(path.read_text())
    change(notebook)
    path.write_text(json.dumps(notebook))


SECOND_ROUND = ("resubmit", "emptyup")
PASTED_TEXT = "Grief work needs the loss talked through, in the first copy of the cell."


def _paste_answer_cell_twice(notebook: dict) -> None:
    """What copy and paste in JupyterLab makes: the written answer cell, then a copy of it."""
    cells = notebook["cells"]
    index = next(i for i, cell in enumerate(cells)
                 if cell["metadata"].get("nbgrader", {}).get("solution")
                 and cell["cell_type"] == "markdown")
    copy = json.loads(json.dumps(cells[index]))
    copy["id"] = "pasted-copy"
    copy["source"] = "Type your answer here (double-click to edit)."
    cells.insert(index + 1, copy)


def _wrong_kinds(bank: QuizBank) -> dict:
    """The first single-choice question answered with a number, the first list one with text."""
    single = next(q for q in _auto(bank) if q.type == "single")
    listed = next(q for q in _auto(bank) if q.type in {"multiple", "ordering"})
    return {single.id: 2, listed.id: listed.answer[0]}


BOX_TEXT = "Typed in the answer box: the sick role lets Mei rest while she recovers."


def _written_in_the_box(bank: QuizBank) -> dict:
    """Written answers as the answer box saves them, in the responses file."""
    return {question.id: f"{BOX_TEXT} ({question.id})" for question in bank.questions
            if not question.auto_graded}


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _grade_cell(notebook: dict, grade_id: str) -> dict:
    return next(cell for cell in notebook["cells"]
                if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    from ipt_course.quiz.generate import build_quiz

    root = tmp_path_factory.mktemp("course")
    shutil.copy(REPO / "course.yaml", root / "course.yaml")
    if (REPO / "nbgrader_config.py").is_file():
        shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    (root / "quizzes").mkdir()
    bank_path = shutil.copy(_bank_file(), root / "quizzes" / _bank_file().name)
    build_quiz(Path(bank_path), root)
    bank = load_bank(Path(bank_path))
    quiz = bank.id
    release = root / "release" / quiz / f"{quiz}.ipynb"
    first = _auto(bank)[0].id

    ids = ["perfect", "blank", "half", "wrong", "edited", "deleted", "renamed", "added",
           "nofile", "empty", "badjson", "shape", "huge", "brokennb", *SECOND_ROUND,
           "pasted", "addedgrade", "numbers", "bom", "wrongtype", "newformat", "boxed"]
    roster = root / "roster.csv"
    roster.write_text("ID,First Name,Last Name,Email\n" + "".join(
        f"{trainee},{trainee.title()},Trainee,{trainee}@example.org\n" for trainee in ids))
    import_roster(root, read_roster(roster))

    inbox = root.parent / f"{root.name}-inbox"
    teams = root.parent / f"{root.name}-teams"
    write = synthetic.write_submission
    write(inbox / "perfect", quiz, release, synthetic.perfect_answers(bank),
          synthetic.REFLECTION_TEXT)
    write(inbox, quiz, release, {}, None, f"blank_{quiz}.ipynb", f"blank_{quiz}.responses.json")
    write(inbox / "half", quiz, release, synthetic.half_right_answers(bank))
    write(teams / "wrong - Wrong Trainee", quiz, release, synthetic.wrong_answers(bank))
    write(teams / "edited", quiz, release, {})
    _edit_notebook(teams / "edited", quiz, lambda nb: _grade_cell(nb, first).update(
        source="print(1.0)\n1.0"))
    write(teams / "deleted", quiz, release, synthetic.perfect_answers(bank))
    _edit_notebook(teams / "deleted", quiz, lambda nb: nb.update(cells=[
        cell for cell in nb["cells"]
        if not cell["metadata"].get("nbgrader", {}).get("grade_id", "").startswith(first)]))
    write(teams / "renamed", quiz, release, synthetic.perfect_answers(bank), None,
          "Untitled (1).ipynb", "answers.responses.json")
    write(inbox / "added", quiz, release, {})
    _edit_notebook(inbox / "added", quiz, lambda nb: nb["cells"].insert(0, {
        "cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
        "source": "def score_saved_answer(*args, **kwargs):\n    return 99"}))
    write(inbox / "nofile", quiz, release, None)
    write(inbox / "empty", quiz, release, {})
    (inbox / "empty" / f"{quiz}.responses.json").write_text("")
    write(inbox / "badjson", quiz, release, {})
    (inbox / "badjson" / f"{quiz}.responses.json").write_text('{"answers": {"q01": ')
    write(inbox / "shape", quiz, release, {})
    (inbox / "shape" / f"{quiz}.responses.json").write_text('["a", "b"]')
    write(inbox / "huge", quiz, release, synthetic.perfect_answers(bank))
    with (inbox / "huge" / f"{quiz}.responses.json").open("w") as stream:
        perfect = json.dumps(synthetic.perfect_answers(bank))
        stream.write(f'{{"quiz": "{quiz}", "format": 1, "answers": {perfect}, "pad": "')
        stream.write("x" * HUGE_BYTES + '"}')
    write(inbox / "brokennb", quiz, release, synthetic.perfect_answers(bank))
    (inbox / "brokennb" / f"{quiz}.ipynb").write_text('{"cells": [')
    write(inbox / "stranger", quiz, release, synthetic.perfect_answers(bank))
    for trainee in SECOND_ROUND:
        write(inbox / trainee, quiz, release, synthetic.perfect_answers(bank),
              synthetic.REFLECTION_TEXT)
    write(inbox / "pasted", quiz, release, synthetic.perfect_answers(bank), PASTED_TEXT)
    _edit_notebook(inbox / "pasted", quiz, _paste_answer_cell_twice)
    write(inbox / "addedgrade", quiz, release, synthetic.perfect_answers(bank))
    _edit_notebook(inbox / "addedgrade", quiz, lambda nb: nb["cells"].append({
        "cell_type": "markdown", "id": "mine", "source": "Extra marks please",
        "metadata": {"nbgrader": {"grade": True, "solution": True, "grade_id": "bonus",
                                  "points": "lots", "schema_version": 3}}}))
    write(inbox / "numbers", quiz, release, synthetic.perfect_answers(bank))
    _edit_notebook(inbox / "numbers", quiz, lambda nb: nb.update(
        cells=list(range(len(nb["cells"])))))
    write(inbox / "bom", quiz, release, synthetic.perfect_answers(bank))
    saved = inbox / "bom" / f"{quiz}.responses.json"
    saved.write_bytes(b"\xef\xbb\xbf" + saved.read_bytes())
    write(inbox / "wrongtype", quiz, release, {**synthetic.perfect_answers(bank),
                                                **_wrong_kinds(bank)})
    write(inbox / "boxed", quiz, release, {**synthetic.perfect_answers(bank),
                                            **_written_in_the_box(bank)})
    write(inbox / "newformat", quiz, release, synthetic.perfect_answers(bank))
    _edit_notebook(inbox / "newformat", quiz, lambda nb: nb.update(nbformat=99))

    archive = root.parent / f"{root.name}-teams.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(teams.rglob("*")):
            if path.is_file():
                bundle.write(path, f"Day quiz/{path.relative_to(teams).as_posix()}")
        bundle.writestr("../escape.ipynb", "{}")

    folder_report = collect(root, quiz, inbox, set(ids))
    zip_report = collect(root, quiz, archive, set(ids))
    stranger = root / "submitted" / "stranger" / quiz
    shutil.copytree(inbox / "stranger", stranger)
    batch = autograde_all(root, quiz, jobs=2, progress=False)
    first_feedback = feedback_all(root, quiz, progress=False)

    again = root.parent / f"{root.name}-again"
    write(again / "resubmit", quiz, release, synthetic.perfect_answers(bank))
    (again / "resubmit" / f"{quiz}.ipynb").write_text('{"cells": [')
    (again / "emptyup").mkdir(parents=True)
    second_report = collect(root, quiz, again, set(ids))
    second_batch = autograde_all(root, quiz, jobs=2, progress=False,
                                 trainees=list(SECOND_ROUND))
    feedback = feedback_all(root, quiz, progress=False)
    return Run(root, bank, folder_report, zip_report, batch, feedback, second_report,
               second_batch, first_feedback)


def _score(run: Run, trainee: str) -> float | None:
    return run.result(trainee).score


def test_collect_maps_every_layout_and_reports_the_rest(run: Run) -> None:
    from_folder = {entry.trainee for entry in run.folder_report.collected}
    from_zip = {entry.trainee for entry in run.zip_report.collected}
    assert from_zip == {"wrong", "edited", "deleted", "renamed"}
    assert {"perfect", "blank", "half", "added", "huge", "brokennb"} <= from_folder
    reasons = [item.reason for item in run.folder_report.unmatched]
    assert reasons == ["trainee id 'stranger' is not on the roster"] * 2
    assert [item.reason for item in run.zip_report.unmatched] == [
        "unsafe path in zip (outside the folder); not extracted"]
    assert not (run.root.parent / "escape.ipynb").exists()


def test_honest_trainees_score_exactly_by_the_rules(run: Run) -> None:
    bank = run.bank
    auto = _auto(bank)
    auto_max = sum(question.points for question in auto)
    wrong = synthetic.expected_wrong_scores(bank)
    half = len(auto) // 2
    half_expected = sum(q.points for q in auto[:half]) + sum(wrong[q.id] for q in auto[half:])
    assert _score(run, "perfect") == pytest.approx(auto_max)
    assert run.result("perfect").to_mark == sum(1 for q in bank.questions if not q.auto_graded)
    assert _score(run, "blank") == 0
    assert _score(run, "half") == pytest.approx(round(half_expected, 2), abs=0.011)
    assert _score(run, "wrong") == pytest.approx(sum(wrong.values()), abs=0.011)
    results = load_results(run.root, bank.id, bank)
    per_question = results[results["trainee"] == "wrong"].set_index("question")["score"]
    for question_id, expected in wrong.items():
        assert per_question[question_id] == pytest.approx(expected, abs=0.005), question_id
    for trainee in ("perfect", "blank", "half", "wrong"):
        assert run.result(trainee).flags == [], trainee


def test_hostile_submissions_are_graded_right_or_flagged(run: Run) -> None:
    auto_max = sum(question.points for question in _auto(run.bank))
    expectations = {
        "edited": (0, "locked cells edited"),
        "deleted": (auto_max, "locked or graded cells deleted"),
        "renamed": (auto_max, "renamed notebook"),
        "added": (0, "code cell(s) added"),
        "nofile": (0, "responses file missing"),
        "empty": (0, "responses file empty"),
        "badjson": (0, "responses file not json"),
        "shape": (0, "responses file wrong shape"),
        "huge": (0, "responses file too large"),
        "brokennb": (None, "notebook not valid JSON"),
        "stranger": (None, "unknown trainee (not on the roster)"),
    }
    for trainee, (score, flag) in expectations.items():
        result = run.result(trainee)
        assert _score(run, trainee) == (pytest.approx(score) if score is not None else None), (
            trainee, result)
        assert any(flag in text for text in result.flags), (trainee, result.flags)
        assert result.graded is (score is not None), trainee
    assert len(run.batch.results) == 24
    summary = "\n".join(run.batch.summary_lines())
    assert "24 submission(s): 21 graded" in summary


def test_written_answers_from_the_box_reach_the_graded_notebook_and_feedback(run: Run) -> None:
    written = [question.id for question in run.bank.questions if not question.auto_graded]
    assert run.result("boxed").graded and run.result("boxed").flags == []
    assert run.result("boxed").to_mark == len(written)
    graded = json.loads((run.root / "autograded" / "boxed" / run.bank.id
                         / f"{run.bank.id}.ipynb").read_text())
    for question_id in written:
        assert _source(_grade_cell(graded, question_id)) == f"{BOX_TEXT} ({question_id})"
    page = (run.root / "feedback" / "boxed" / run.bank.id / f"{run.bank.id}.html").read_text()
    summary = page[page.index('id="ipt-feedback"'):page.index("</section>")]
    assert f"{BOX_TEXT} ({written[0]})" in summary
    # Written in the cell itself (a quiz released before the box): still carried through.
    perfect = json.loads((run.root / "autograded" / "perfect" / run.bank.id
                          / f"{run.bank.id}.ipynb").read_text())
    assert _source(_grade_cell(perfect, written[0])) == synthetic.REFLECTION_TEXT


def test_feedback_and_release_leak_no_key(run: Run) -> None:
    graded = {result.trainee for result in run.batch.results if result.graded} - {"resubmit"}
    assert {trainee for trainee, flags in run.feedback.items() if not flags} == graded, (
        run.feedback)
    secrets = secret_texts(run.bank)
    checked = 0
    for folder in (run.root / "feedback", run.root / "release"):
        for path in folder.rglob("*"):
            if path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                assert find_leaks(text, secrets) == [], path
                assert '"answer"' not in text and "tolerance" not in text, path
                checked += 1
    assert checked >= len(graded) + 1
    page = (run.root / "feedback" / "wrong" / run.bank.id / f"{run.bank.id}.html").read_text()
    summary = page[page.index('id="ipt-feedback"'):page.index("</section>")]
    for question in run.bank.questions:
        if question.type == "single":
            key_text = question.texts("options")[question.answer]
            if key_text not in question.prompt + question.explanation:
                assert key_text not in summary, question.id
    assert "Not correct" in summary or "Partly correct" in summary
    blank = (run.root / "feedback" / "blank" / run.bank.id / f"{run.bank.id}.html").read_text()
    blank = blank[blank.index('id="ipt-feedback"'):blank.index("</section>")]
    assert blank.count("<em>Not answered.</em>") == len(run.bank.questions)
    perfect = (run.root / "feedback" / "perfect" / run.bank.id / f"{run.bank.id}.html")
    perfect_text = perfect.read_text()
    assert perfect_text.count("Correct (") == len(_auto(run.bank))
    assert synthetic.REFLECTION_TEXT in perfect_text and "Awaiting marking" in perfect_text


def test_export_and_item_analysis(run: Run) -> None:
    results = load_results(run.root, run.bank.id, run.bank)
    assert results["trainee"].nunique() == 23
    written = write_tables(quiz_tables(results), run.root / "exports", run.bank.id, "csv")
    by_trainee = pd.read_csv(next(p for p in written if p.name.endswith("by-trainee.csv")))
    perfect = by_trainee.set_index("trainee").loc["perfect"]
    assert perfect["first_name"] == "Perfect"
    assert perfect["total"] == pytest.approx(sum(q.points for q in _auto(run.bank)))
    items = item_analysis(results)
    assert list(items["question"]) == [question.id for question in run.bank.questions]
    assert items["facility"].between(0, 1).all()
    assert set(outcome_summary(results)["outcome"]) == {q.outcome for q in run.bank.questions}


def test_cli_export_report_and_roster(run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    from ipt_course.cli import main

    root = str(run.root)
    assert main(["--root", root, "grade", "export", run.bank.id, "--format", "xlsx"]) == 0
    book = run.root / "exports" / f"{run.bank.id}.xlsx"
    assert pd.read_excel(book, sheet_name="by_trainee")["trainee"].nunique() == 23
    assert main(["--root", root, "grade", "export", "--course"]) == 0
    course = pd.read_csv(run.root / "exports" / "course-totals.csv")
    assert set(course["trainee"]) >= {"perfect", "brokennb"}
    assert main(["--root", root, "grade", "report", run.bank.id]) == 0
    printed = capsys.readouterr().out
    assert "Item analysis" in printed and "Outcomes, lowest first" in printed
    assert "left out, resubmit: not graded: could not be graded" in printed
    bad = run.root / "more.csv"
    bad.write_text("id,first name,last name,email\nok1,A,B,a@example.org\n,C,D,c@example.org\n")
    assert main(["--root", root, "grade", "roster", "import", str(bad)]) == 1
    assert "more.csv: line 3: missing id" in capsys.readouterr().err
    assert main(["--root", root, "grade", "collect", run.bank.id,
                 str(run.root / "nowhere")]) == 2


def test_cli_autograde_prints_the_summary_with_flags(
        run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    from ipt_course.cli import main

    code = main(["--root", str(run.root), "grade", "autograde", run.bank.id, "--jobs", "2",
                 "--no-progress"])
    printed = capsys.readouterr().out.splitlines()
    assert code == 1
    lines = {line.split()[0]: line for line in printed[:-1]}
    assert lines["perfect"].split()[1:3] == [f"{sum(q.points for q in _auto(run.bank)):g}/"
                                            f"{run.bank.total_points:g}", "ok"]
    assert "not graded  notebook not valid JSON" in lines["brokennb"]
    assert "unknown trainee" in lines["stranger"]
    assert printed[-1].startswith("24 submission(s): 20 graded")


def test_a_fresh_gradebook_gets_the_quiz_registered(run: Run, tmp_path: Path) -> None:
    from ipt_course.grading.autograde import ensure_assignment
    from ipt_course.grading.nbgrader_env import gradebook

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for name in ("course.yaml", "nbgrader_config.py"):
        if (run.root / name).is_file():
            shutil.copy(run.root / name, fresh / name)
    shutil.copytree(run.root / "source", fresh / "source")
    assert ensure_assignment(fresh, run.bank.id) is True
    assert ensure_assignment(fresh, run.bank.id) is False
    with gradebook(fresh) as book:
        notebook = book.find_notebook(run.bank.id, run.bank.id)
        assert {cell.name for cell in notebook.grade_cells} == {
            question.id for question in run.bank.questions}
    assert (fresh / "release" / run.bank.id / f"{run.bank.id}.ipynb").read_text() == (
        run.root / "release" / run.bank.id / f"{run.bank.id}.ipynb").read_text()


def test_copied_added_and_damaged_cells_are_graded_from_the_answers(run: Run) -> None:
    auto_max = sum(question.points for question in _auto(run.bank))
    expected = {"pasted": "appears 2 times (copied and pasted?)",
                "addedgrade": "1 cell added with grading marks (bonus): not marked",
                "numbers": "could not be read as cells"}
    for trainee, words in expected.items():
        result = run.result(trainee)
        assert result.graded and result.score == pytest.approx(auto_max), (trainee, result)
        assert any("notebook repaired for grading" in flag and words in flag
                   for flag in result.flags), (trainee, result.flags)
        assert not any("deleted" in flag or "Error" in flag for flag in result.flags), trainee
    folder = run.root / "submitted" / "pasted" / run.bank.id
    kept = json.loads((folder / f"{run.bank.id}.ipynb.as-submitted").read_text())
    assert sum(cell.get("id") == "pasted-copy" for cell in kept["cells"]) == 1
    assert PASTED_TEXT in run.page("pasted").read_text()
    autograded = (run.root / "autograded" / "pasted" / run.bank.id / f"{run.bank.id}.ipynb")
    assert autograded.read_text().count(PASTED_TEXT) == 1


def test_a_byte_order_mark_is_read_and_wrong_kinds_are_flagged(run: Run) -> None:
    auto_max = sum(question.points for question in _auto(run.bank))
    assert run.result("bom").score == pytest.approx(auto_max)
    assert run.result("bom").flags == []
    wrong = _wrong_kinds(run.bank)
    result = run.result("wrongtype")
    lost = sum(run.bank.question(question_id).points for question_id in wrong)
    assert result.score == pytest.approx(auto_max - lost)
    flagged = [flag for flag in result.flags if "check it by hand" in flag]
    assert len(flagged) == 2, result.flags
    single = next(question_id for question_id, value in wrong.items() if value == 2)
    assert f"{single}: the saved answer is a number, not one option" in flagged[0] + flagged[1]


def _trainee_rows(run: Run, trainee: str) -> pd.DataFrame:
    results = load_results(run.root, run.bank.id, run.bank)
    return results[results["trainee"] == trainee]


def test_a_submission_nbgrader_fails_on_is_not_graded_anywhere(run: Run) -> None:
    result = run.result("newformat")
    assert not result.graded and result.score is None
    assert any(flag.startswith("nbgrader failed") for flag in result.flags), result.flags
    rows = _trainee_rows(run, "newformat")
    assert rows["score"].isna().all() and not rows["graded"].any()
    assert rows["status"].iloc[0].startswith("not graded: could not be graded: nbgrader failed")
    tables = quiz_tables(load_results(run.root, run.bank.id, run.bank))
    row = tables["by_trainee"].set_index("trainee").loc["newformat"]
    assert math.isnan(row["total"]) and row["status"].startswith("not graded")
    assert "newformat" not in set(item_analysis_trainees(run))
    assert not run.page("newformat").exists()
    from ipt_course.grading.results import course_totals

    totals = course_totals(run.root).set_index("trainee")
    assert math.isnan(totals.loc["newformat", run.bank.id])
    assert totals.loc["newformat", "not graded"] == run.bank.id


def item_analysis_trainees(run: Run) -> list[str]:
    from ipt_course.grading.reports import score_distribution

    return list(score_distribution(load_results(run.root, run.bank.id, run.bank))["trainee"])


def test_a_resubmission_that_cannot_be_graded_leaves_no_older_grade(run: Run) -> None:
    auto_max = sum(question.points for question in _auto(run.bank))
    assert run.result("resubmit").score == pytest.approx(auto_max)
    assert run.first_feedback["resubmit"] == []
    again = next(item for item in run.second_batch.results if item.trainee == "resubmit")
    assert not again.graded and again.score is None
    assert any("notebook not valid JSON" in flag for flag in again.flags)
    rows = _trainee_rows(run, "resubmit")
    assert rows["score"].isna().all()
    assert rows["status"].iloc[0].startswith("not graded: could not be graded: notebook not "
                                             "valid JSON")
    assert "resubmit" not in item_analysis_trainees(run)
    assert run.feedback["resubmit"][0].startswith("not graded (could not be graded")
    assert "the page for the earlier submission was removed" in run.feedback["resubmit"]
    assert not run.page("resubmit").parent.exists()


def test_an_empty_upload_is_reported_and_the_older_submission_is_named(
        run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ipt_course.cli import main

    assert run.second_report.empty == ["emptyup"]
    assert [entry.trainee for entry in run.second_report.collected] == ["resubmit"]
    result = next(item for item in run.second_batch.results if item.trainee == "emptyup")
    assert result.graded
    assert result.flags[0].startswith("the last upload (") and result.flags[0].endswith(
        "was an empty folder: graded from the submission collected before it")
    (tmp_path / "inbox" / "emptyup").mkdir(parents=True)
    assert main(["--root", str(run.root), "grade", "collect", run.bank.id,
                 str(tmp_path / "inbox")]) == 1
    assert "EMPTY upload: emptyup's folder holds no files" in capsys.readouterr().err
