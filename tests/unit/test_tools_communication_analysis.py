"""Communication analysis worksheet: its content, rules, saved file, export and the widget."""

from __future__ import annotations

import html
import json
import multiprocessing
import re
from pathlib import Path

import nbformat
import pytest

from ipt_course.kit.render import markdown_html
from ipt_course.tools.communication_analysis import (
    Analysis,
    CommunicationAnalysisWorksheet,
    ContentError,
    Line,
    WorksheetError,
    WorksheetModel,
    compare,
    example,
    make_line,
    problem_labels,
    problems,
    reads_as_summary,
    review,
    safety_words,
    suggested,
    worksheet_markdown,
)
from ipt_course.tools.communication_analysis.content import (
    Example,
    ProblemList,
    Wording,
    check_example,
    parse,
    read_data,
    yaml_data,
)
from tests.screen import button, control, press, select_tab

REPO = Path(__file__).resolve().parents[2]
HOSTILE = "<script>alert(1)</script>"
# The table "The communication problems it uncovers" in curriculum/day3/03-role-disputes.ipynb.
NOTEBOOK_TABLE = [
    ("Ambiguous or indirect communication", "A hint standing in for a request"),
    ("Assuming the other knows", '"He should know what I mean"'),
    ("The hidden expectation", "A wish that drives the row, never said"),
    ("Attacking rather than asking", 'Blame ("you never...") instead of a request'),
    ("Bringing up the past", "Old grievances added to today's"),
    ("Closing down the conversation", '"Not this again"; leaving the room'),
    ("Silence and withdrawal", "Not speaking for hours or days"),
    ("Giving in", "Dropping the point at the first push"),
]
LINE_7 = ("That's not the point. You never back me up. It's the food all over again. It's "
          "always what your mum wants.")


def problems_table(notebook: Path) -> list[tuple[str, str]]:
    """The rows of the communication-problems table in a notebook's Markdown."""
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type == "markdown" and "| Problem | What it looks like |" in cell.source:
            rows = re.findall(r"^\| \*\*(.+?)\*\* \| (.+?) \|$", cell.source, flags=re.M)
            return [(name, looks.strip()) for name, looks in rows]
    raise AssertionError(f"{notebook.name} has no communication-problems table")


def test_the_problems_are_the_notebooks_eight_in_its_words() -> None:
    assert [(p.label, p.description) for p in problems()] == NOTEBOOK_TABLE
    callers = [path for path in (REPO / "curriculum").rglob("*.ipynb")
               if "CommunicationAnalysisWorksheet" in path.read_text(encoding="utf-8")]
    for notebook in callers:
        assert problems_table(notebook) == [(p.label, p.description) for p in problems()]


def test_packaged_content_loads_and_the_example_is_nadias_row() -> None:
    assert len(problem_labels()) == 8 and all(p.question.endswith("?") for p in problems())
    row = example()
    assert [line.speaker for line in row.lines][:4] == ["Nadia", "Imran", "Nadia", "Rokeya"]
    assert len(row.lines) == 10 and row.lines[6].said == LINE_7
    assert row.lines[6].problems == ("attacking", "past")


def test_a_bad_content_file_names_the_file_the_key_and_the_fault() -> None:
    one = {"id": "indirect", "label": "Indirect", "description": "A hint", "question": "Why?"}
    with pytest.raises(ContentError, match=r"problems\.yaml: problems\[0\]\.label: expected "
                                           "text, not empty"):
        parse(ProblemList, {"problems": [{**one, "label": " "}]}, "problems.yaml")
    with pytest.raises(ContentError, match="problems: each id once; repeated: indirect"):
        parse(ProblemList, {"problems": [one, one]}, "problems.yaml")
    wording = read_data("worksheet.yaml")
    del wording["checks"]["script_done"]
    with pytest.raises(ContentError, match=r"worksheet\.yaml: checks\.script_done: this key is "
                                           "required"):
        parse(Wording, wording, "worksheet.yaml")
    wording = read_data("worksheet.yaml")
    wording["patterns"]["summary"].append("(unclosed")
    with pytest.raises(ContentError, match=r"patterns\.summary\[7\]: not a valid pattern"):
        parse(Wording, wording, "worksheet.yaml")
    with pytest.raises(ContentError, match=r"worksheet\.yaml: line 2: YAML syntax error"):
        yaml_data("intro: fine\n  bad: [", "worksheet.yaml")
    row = read_data("example.yaml")
    row["lines"][0]["problems"] = ["shouting"]
    with pytest.raises(ContentError, match=r"lines\[0\]\.problems: not in problems\.yaml: "
                                           "shouting"):
        check_example(parse(Example, row, "example.yaml"), set(problem_labels()))


# -- the rules ------------------------------------------------------------------------------


def test_a_line_needs_a_speaker_and_words_and_fits_its_boxes() -> None:
    with pytest.raises(WorksheetError, match="Who spoke"):
        make_line({"speaker": " ", "said": "Hello"})
    with pytest.raises(WorksheetError, match="What was said"):
        make_line({"speaker": "Nadia", "said": "\n"})
    with pytest.raises(WorksheetError, match=r"What was meant: This is 5,000 characters long; "
                                             "the box holds up to 600"):
        make_line({"speaker": "Nadia", "said": "Hi", "meant": "x" * 5000})
    line = make_line({"speaker": " Nadia ", "said": " Oh. ", "problems": ["indirect", "nope"]})
    assert (line.speaker, line.said, line.problems) == ("Nadia", "Oh.", ("indirect",))


@pytest.mark.parametrize(("said", "how", "expected"), [
    (LINE_7, "Louder, arms folded", {"attacking": ["you never", "it's always"],
                                     "past": ["all over again"]}),
    ("Here we go. She's helping, Nadia.", "Standing up, sighing",
     {"closing_down": ["here we go"]}),
    ("Nothing. Forget it. Nothing’s ever wrong.", "Voice breaking", {"giving_in": ["forget it"]}),
    ("You're just tired. Go and lie down.", "Quieter",
     {"closing_down": ["you're just tired", "go and lie down"]}),
    ("(nothing)", "Said nothing for the rest of the day", {"silence": ["said nothing"]}),
    ("Can you keep an eye on Yusuf while I jump in the shower?", "In passing", {}),
])
def test_cue_words_prompt_the_problems_they_often_go_with(said, how, expected) -> None:
    found = {problem.id: cues for problem, cues in suggested(said, how)}
    assert found == expected


@pytest.mark.parametrize(("said", "summary"), [
    ("He told me that I was overreacting", True),
    ("I asked him to watch the baby", True),
    ("We argued about the bath", True),
    ("She went on about the weaning, the usual", True),
    ("I asked you to keep an eye on him.", False),
    ("Can you keep an eye on Yusuf while I jump in the shower?", False),
])
def test_a_summary_is_told_from_the_words_said(said, summary) -> None:
    assert bool(reads_as_summary(said)) is summary


def nadia_line(said: str, speaker: str = "Nadia", **more) -> Line:
    return Line(speaker=speaker, said=said, how=more.pop("how", "flat"), **more)


def test_an_empty_worksheet_has_every_step_to_do() -> None:
    checklist = review(Analysis(id="a"))
    assert checklist.done == 0 and len(checklist.checks) == 8
    assert [c.step for c in checklist.checks] == [
        "exchange", "words", "meaning", "feelings", "afterwards", "problems", "alternatives",
        "script"]
    assert checklist.safety_words == ()


def test_the_checklist_names_what_is_missing_or_vague() -> None:
    pattern = review(Analysis(id="a", scene="He always takes her side, every time."))
    assert "'always', 'every time'" in pattern.checks[0].text and not pattern.checks[0].done
    no_when = review(Analysis(id="a", scene="At home, in the kitchen, with his mum there."))
    assert "Say when it happened" in no_when.checks[0].text
    assert review(Analysis(id="a", scene="Sunday morning in the kitchen")).checks[0].done
    alone = Analysis(id="a", client="Nadia", lines=(nadia_line("I told him that I was tired"),))
    words = review(alone).checks[1]
    assert not words.done and "Only Nadia speaks so far" in words.text
    assert any("Line 1 reads like a summary ('i told him that')" in n for n in words.notes)
    theirs = Analysis(id="a", client="Nadia", lines=(
        nadia_line("Can you watch him?"),
        nadia_line("Here we go.", speaker="Imran", problems=("closing_down",))))
    check = review(theirs).checks[5]
    assert not check.done and "only on Imran's lines" in check.text
    assert "Nadia's side is the one Nadia can change" in check.text
    both = theirs.model_copy(update={"lines": (
        nadia_line("Can you watch him?", problems=("indirect",)), theirs.lines[1])})
    assert review(both).checks[5].done


def test_words_of_fear_or_force_raise_the_safety_check() -> None:
    row = Analysis(id="a", lines=(nadia_line("Leave it.", how="He grabbed my arm"),),
                   feelings="I was frightened")
    assert safety_words(row) == ["frightened", "grabbed"]
    assert review(row).safety_words == ("frightened", "grabbed")
    calm = Analysis(id="a", lines=(nadia_line("Here we go.", how="Standing up, sighing"),))
    assert safety_words(calm) == []


def nadias_row(**ticks: tuple[str, ...]) -> Analysis:
    """Nadia's row as 'Start from Nadia's row' gives it, with ``line<N>=problems`` ticked."""
    lines = tuple(Line(speaker=line.speaker, said=line.said, how=line.how,
                       problems=ticks.get(f"line{n}", ()))
                  for n, line in enumerate(example().lines, 1))
    return Analysis(id="a", title="Nadia", client="Nadia", lines=lines, example=example().id)


def test_the_comparison_reads_each_line_beside_the_notebook() -> None:
    row = nadias_row(line7=("attacking", "past"), line9=("giving_in", "silence"),
                     line2=("attacking",))
    result = compare(row)
    by_number = {line.number: line for line in result.lines}
    assert by_number[7].agreement == "agree"
    assert by_number[9].agreement == "agree"  # silence there is a fair reading too
    assert by_number[2].only_yours == ("attacking",)
    assert by_number[1].only_notebook == ("indirect", "assuming", "hidden_expectation")
    assert by_number[1].key and not by_number[1].key_written
    assert result.agreed == 4 and "silence and withdrawal" in result.after  # lines 4, 6, 7, 9


def test_the_comparison_follows_the_words_when_lines_move_or_go() -> None:
    row = nadias_row(line7=("attacking", "past"))
    lines = list(row.lines)
    lines.insert(0, lines.pop(6))
    del lines[-1]
    lines.append(nadia_line("Maybe we could talk later?"))
    result = compare(row.model_copy(update={"lines": tuple(lines)}))
    by_number = {line.number: line for line in result.lines}
    assert by_number[7].agreement == "agree" and by_number[7].yours == ("attacking", "past")
    assert by_number[10].agreement == "missing"
    assert result.extra_lines == (10,)


# -- the Markdown export ----------------------------------------------------------------------


def test_markdown_keeps_the_trainees_text_as_typed_and_the_table_whole() -> None:
    row = Analysis(id="a", title="Row | *one*", client="Nadia", scene=f"Sunday\n{HOSTILE}",
                   lines=(Line(speaker="Nadia", said="a | b", how="# loud",
                               problems=("attacking",), meant="- me", landed="1. him",
                               alternative="_ask_"),
                          Line(speaker="Imran", said="Fine.", problems=("giving_in",))),
                   script="Nadia: Can we talk?\nImran: Now?")
    text = worksheet_markdown(row)
    assert text.startswith("# Communication analysis: Row \\| \\*one\\*")
    table = next(line for line in text.splitlines() if line.startswith("| 1 |"))
    assert len(re.split(r"(?<!\\)\|", table)) == 7  # five cells: the pipe typed stays text
    page = markdown_html(text)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<li>me</li>" not in page and "- me" in html.unescape(page)
    assert "a | b" in html.unescape(page) and "# loud" in html.unescape(page)
    assert "**Nadia:** Attacking rather than asking (line 1)" in text
    assert "**Imran:** Giving in (line 2)" in text
    assert "Instead of line 1 (Nadia):** \\_ask\\_" in text
    assert "Nadia: Can we talk?\n\nImran: Now?" in text


# -- saving, reloading and two kernels ---------------------------------------------------------


def test_worksheets_are_saved_and_come_back_in_a_new_kernel(tmp_path: Path) -> None:
    path = tmp_path / "my-communication-analysis.json"
    model = WorksheetModel(save_path=path)
    assert "will be saved in my-communication-analysis.json" in model.status.text
    assert not path.exists()
    model.set_field("title", "Sunday's row")
    model.add_line(nadia_line("Can you keep an eye on him?", problems=("indirect",)))
    model.start_from_example()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["kind"], saved["format"]) == ("ipt-communication-analysis", 1)
    assert [a["title"] for a in saved["analyses"]] == ["Sunday's row",
                                                        "Nadia's Sunday row (session 6)"]
    again = WorksheetModel(save_path=path)
    assert again.status.text == "Loaded 2 worksheets from my-communication-analysis.json."
    assert again.analysis.title == "Nadia's Sunday row (session 6)"
    again.select(again.analyses[0].id)
    assert again.analysis.lines[0].problems == ("indirect",)


def test_a_damaged_file_is_set_aside_and_nothing_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "my-communication-analysis.json"
    damaged = '{"kind": "ipt-communication-analysis", "format": 1, "analyses": [{"id": 7}]}'
    path.write_text(damaged, encoding="utf-8")
    model = WorksheetModel(save_path=path)
    assert model.status.level == "warning"
    assert "analyses[0].id: expected text" in model.status.text
    kept = [p for p in tmp_path.iterdir() if ".unreadable-" in p.name]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == damaged
    assert f"kept, unchanged, as {kept[0].name}" in model.status.text
    model.set_field("title", "A fresh start")
    assert WorksheetModel(save_path=path).analysis.title == "A fresh start"


def test_a_worksheet_too_long_for_the_file_is_refused_not_cut(tmp_path: Path) -> None:
    path = tmp_path / "my-communication-analysis.json"
    model = WorksheetModel(save_path=path)
    model.set_field("scene", "Sunday morning")
    assert not model.set_field("scene", "x" * 20_000)
    assert model.status.level == "warning" and "20,000 characters" in model.status.text
    assert WorksheetModel(save_path=path).analysis.scene == "Sunday morning"


def test_two_windows_on_one_file_keep_each_others_lines(tmp_path: Path) -> None:
    path = tmp_path / "my-communication-analysis.json"
    first = WorksheetModel(save_path=path)
    first.set_field("title", "Shared")
    second = WorksheetModel(save_path=path)
    first.add_line(nadia_line("One"))
    second.add_line(nadia_line("Two", speaker="Imran"))
    second.new_worksheet()
    second.set_field("title", "Second's own")
    first.set_field("scene", "Sunday")
    final = WorksheetModel(save_path=path)
    assert [a.title for a in final.analyses] == ["Shared", "Second's own"]
    shared = final.analyses[0]
    assert [line.said for line in shared.lines] == ["One", "Two"] and shared.scene == "Sunday"


def _add_lines(path: str, who: str, count: int, start: multiprocessing.synchronize.Barrier
               ) -> None:
    """One kernel with the worksheet open: wait for the other, then add its lines one by one."""
    model = WorksheetModel(save_path=path)
    start.wait()
    for number in range(count):
        model.add_line(Line(speaker=who, said=f"{who} {number}"))


def test_two_kernels_adding_lines_at_once_lose_none(tmp_path: Path) -> None:
    path = tmp_path / "my-communication-analysis.json"
    WorksheetModel(save_path=path).set_field("title", "Shared")
    # Forked, not spawned: a fresh interpreter per kernel would spend seconds on imports.
    context = multiprocessing.get_context("fork")
    start = context.Barrier(2)
    kernels = [context.Process(target=_add_lines, args=(str(path), who, 12, start))
               for who in ("First", "Second")]
    for kernel in kernels:
        kernel.start()
    for kernel in kernels:
        kernel.join(timeout=120)
    assert [kernel.exitcode for kernel in kernels] == [0, 0]
    said = {line.said for line in WorksheetModel(save_path=path).analysis.lines}
    assert said == {f"{who} {n}" for who in ("First", "Second") for n in range(12)}


def test_a_save_that_fails_says_so_and_keeps_the_entries(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    model = WorksheetModel(save_path=blocker / "my-communication-analysis.json")
    model.add_line(nadia_line("Still here"))
    assert model.status.level == "error" and "could not be saved" in model.status.text
    assert [line.said for line in model.analysis.lines] == ["Still here"]


# -- the widget -------------------------------------------------------------------------------


@pytest.fixture
def worksheet(tmp_path: Path) -> CommunicationAnalysisWorksheet:
    return CommunicationAnalysisWorksheet(save_path=tmp_path / "my-communication-analysis.json")


def add_line(view, speaker: str, said: str, *ticks: str, **boxes: str) -> None:
    control(view, "Who spoke").value = speaker
    control(view, "What was said").value = said
    for label, text in boxes.items():
        control(view, label).value = text
    for label in ticks:
        control(view, label).value = True
    press(view, "Add line")


def test_a_trainee_rebuilds_nadias_row_and_compares_it(worksheet, tmp_path: Path) -> None:
    press(worksheet, "Start from Nadia's row")
    assert worksheet.tabs.selected_index == 1
    listed = [label for label, _ in worksheet.lines.list.entries.options]
    assert listed[9] == "10 · Imran: You're just tired. Go and lie down."
    worksheet.lines.list.entries.value = 6
    assert control(worksheet, "What was said").value == LINE_7
    assert "Attacking rather than asking" in worksheet.lines.cues.value
    for label in ("Attacking rather than asking", "Bringing up the past"):
        control(worksheet, label).value = True
    control(worksheet, "What was meant").value = "I feel pushed out."
    control(worksheet, "How it landed").value = "His mother attacked."
    control(worksheet, "An alternative").value = "I felt pushed out when your mum bathed him."
    press(worksheet, "Save changes to selected")
    assert "Saved the changes to line 7." in worksheet.message.value
    assert "Attacking rather than asking<br>Bringing up the past" in worksheet.table.value
    select_tab(worksheet, "5 Check and export")
    press(worksheet, "Compare with the notebook's analysis")
    assert "You and the notebook agree on 4 of 10 lines." in worksheet.report.value
    press(worksheet, "Check my worksheet")
    assert "Meant and landed written for line 7." in worksheet.report.value
    press(worksheet, "Export as Markdown")
    exported = tmp_path / "my-communication-analysis-nadias-sunday-row-session-6.md"
    assert "Attacking rather than asking; Bringing up the past" in exported.read_text("utf-8")
    assert exported.name in worksheet.report.value


def test_the_worksheet_is_built_line_by_line_and_comes_back(worksheet, tmp_path: Path) -> None:
    control(worksheet, "Name of this worksheet").value = "Practice row"
    control(worksheet, "The client").value = "Sam"
    control(worksheet, "The scene").value = "Friday evening, at the front door"
    press(worksheet, "Add line")
    assert "Who spoke?" in worksheet.message.value
    add_line(worksheet, "Sam", "You're late again.", "Bringing up the past")
    add_line(worksheet, "Alex", "Here we go.", "Closing down the conversation")
    assert "Added line 2." in worksheet.message.value
    assert worksheet.lines.speaker.options == ("Sam", "Alex")
    worksheet.lines.list.entries.value = 1
    press(worksheet, "Move up")
    assert [line.speaker for line in worksheet.model.analysis.lines] == ["Alex", "Sam"]
    control(worksheet, "Rehearsal script").value = "Sam: I was worried."
    again = CommunicationAnalysisWorksheet(save_path=tmp_path / "my-communication-analysis.json")
    assert "Loaded 1 worksheet" in again.status.value
    assert control(again, "The scene").value == "Friday evening, at the front door"
    assert control(again, "Rehearsal script").value == "Sam: I was worried."
    assert [label for label, _ in again.lines.list.entries.options] == [
        "1 · Alex: Here we go.  [1 ticked]", "2 · Sam: You're late again.  [1 ticked]"]


def test_a_huge_paste_is_refused_and_stays_in_the_box(worksheet, tmp_path: Path) -> None:
    scene = control(worksheet, "The scene")
    scene.value = "Sunday morning"
    scene.value = "word " * 1000 + "end"
    assert "5,003 characters long" in worksheet.status.value
    assert "role='alert'" in worksheet.status.value
    control(worksheet, "Name of this worksheet").value = "Still typing"
    assert scene.value == "word " * 1000 + "end"
    saved = WorksheetModel(save_path=tmp_path / "my-communication-analysis.json").analysis
    assert (saved.scene, saved.title) == ("Sunday morning", "Still typing")


def test_saving_as_the_trainee_types_never_rewrites_the_box(worksheet) -> None:
    scene = control(worksheet, "The scene")
    scene.value = "Sunday "
    scene.value = "Sunday morning, "
    assert scene.value == "Sunday morning, "
    assert worksheet.model.analysis.scene == "Sunday morning,"


def test_deleting_a_worksheet_asks_first_and_keeps_a_copy(worksheet, tmp_path: Path) -> None:
    press(worksheet, "Start from Nadia's row")
    press(worksheet, "Delete this worksheet")
    assert "Press “Delete this worksheet” again" in worksheet.message.value
    assert len(worksheet.model.analyses) == 1
    press(worksheet, "Delete this worksheet")
    copy = json.loads((tmp_path / "my-communication-analysis-deleted.json").read_text("utf-8"))
    assert copy["analyses"][0]["title"] == "Nadia's Sunday row (session 6)"
    assert worksheet.model.analysis.is_empty
    assert "A copy is kept in my-communication-analysis-deleted.json" in worksheet.status.value


def test_trainee_text_is_escaped_on_screen(worksheet) -> None:
    control(worksheet, "Name of this worksheet").value = HOSTILE
    add_line(worksheet, HOSTILE, HOSTILE, **{"How it was said": HOSTILE})
    select_tab(worksheet, "5 Check and export")
    press(worksheet, "Check my worksheet")
    assert "&lt;script&gt;" in worksheet.table.value and "<script>" not in worksheet.table.value
    assert "&lt;script&gt;" in worksheet.report.value and "<script>" not in worksheet.report.value


def test_compare_waits_for_nadias_row_and_safety_words_show_a_warning(worksheet) -> None:
    assert button(worksheet, "Compare with the notebook's analysis").disabled
    add_line(worksheet, "Sam", "Leave it.", **{"How it was said": "He grabbed my arm"})
    select_tab(worksheet, "5 Check and export")
    press(worksheet, "Check my worksheet")
    assert "Check safety before any dispute work" in worksheet.report.value
    assert "role=\"alert\"" in worksheet.report.value and "“grabbed”" in worksheet.report.value
