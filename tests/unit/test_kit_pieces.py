"""The kit's rendering, widget pieces and vocabulary, as the tools use them."""

from __future__ import annotations

import html

import pandas as pd
import pytest

from ipt_course.kit.render import (
    box_html,
    markdown_html,
    markdown_literal,
    render,
    signposting_html,
    table_html,
    trusted_markdown_html,
)
from ipt_course.kit.saved import Status
from ipt_course.kit.vocabulary import (
    acute_areas,
    problem_areas,
    scenario_focuses,
    technique_label,
    techniques,
)
from ipt_course.kit.widgets import THEME_CLASS, Field, Form, ListEditor, StatusLine, apply_theme
from ipt_course.roleplay.gallery import PROBLEM_AREAS as GALLERY_AREAS
from ipt_course.tools.formulation import PROBLEM_AREAS as TOOL_AREAS

HOSTILE = "<script>alert(1)</script>"


def test_markdown_escapes_raw_html_unless_the_source_is_the_course_itself() -> None:
    assert "<script>" not in markdown_html(f"**Note** {HOSTILE}")
    assert "&lt;script&gt;" in markdown_html(HOSTILE)
    assert "<strong>Note</strong>" in markdown_html("**Note**")
    assert "<details>" in trusted_markdown_html("<details><summary>More</summary>x</details>")
    assert "<table>" in markdown_html("| a | b |\n|---|---|\n| 1 | 2 |")


@pytest.mark.parametrize("typed", [
    "- not a list", "12. not a list either", "1) nor this", "a | b", "*not bold* _nor this_",
    "# not a heading", "> not a quote", "`not code`", "[not](link)", HOSTILE, "AT&amp;T",
    "back\\slash", "===", "+ plus",
])
def test_trainee_text_in_markdown_reads_as_typed(typed: str) -> None:
    page = markdown_html(markdown_literal(typed))
    assert page == f"<p>{html.escape(typed, quote=False)}</p>".replace("&#x27;", "'")


def test_markdown_literal_keeps_a_table_cell_on_one_line() -> None:
    cell = markdown_literal("one\ntwo | three", one_line=True)
    assert cell == "one two \\| three"
    table = markdown_html(f"| a |\n|---|\n| {cell} |")
    assert "<td>one two | three</td>" in table


def test_templates_escape_what_they_are_given() -> None:
    html = box_html("note", HOSTILE, "<p>built here</p>", role="status")
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<p>built here</p>" in html and 'role="status"' in html
    status = render("kit/templates/status.html.j2", status=Status(HOSTILE, "error"))
    assert "role='alert'" in status and "<script>" not in status
    assert "Samaritans: 116 123" in signposting_html()


def test_tables_escape_every_cell_and_hide_the_index() -> None:
    frame = pd.DataFrame({"Name": [HOSTILE, "Jo"], "Ring": pd.array([1, None], dtype="Int64")})
    html = table_html(frame, caption="People")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'class="ipt-table"' in html and "<caption>People</caption>" in html
    assert "<style" not in html and ">0<" not in html


def test_status_line_announces_problems_and_stays_polite_otherwise() -> None:
    line = StatusLine()
    line.show(Status("Saved to x.json at 10:00.", "ok"))
    assert "role='status'" in line.value and "ipt-status-ok" in line.value
    line.show(Status("Your notes could not be saved.", "error"))
    assert "role='alert'" in line.value
    line.show(Status())
    assert line.value == ""


def test_a_form_is_built_from_field_specs() -> None:
    form = Form([Field("name", "Name"), Field("ring", "Ring", "dropdown", options=[1, 2, 3]),
                 Field("notes", "Notes", "textarea", rows=2, wide=True)])
    assert [control.description for control in form.children] == ["Name", "Ring", "Notes"]
    changes = []
    form.on_change(lambda key, value: changes.append((key, value)))
    form.fill({"name": "Jo", "ring": 3})
    assert form.values() == {"name": "Jo", "ring": 3, "notes": ""}
    assert changes == [("name", "Jo"), ("ring", 3)]
    assert form.controls["notes"].layout.width == "95%"


def test_a_list_editor_reports_actions_and_choices() -> None:
    editor = ListEditor([], "Items", "Add item")
    actions, picked = [], []
    editor.on_action(lambda action, index: actions.append((action, index)))
    editor.on_select(picked.append)
    editor.show_entries(["first", "second"])
    assert picked == [] and editor.selected is None
    editor.add.click()
    editor.entries.value = 1
    editor.delete.click()
    assert actions == [("add", None), ("delete", 1)] and picked == [1]


def test_the_theme_is_attached_once_and_hidden() -> None:
    import ipywidgets as widgets

    box = widgets.VBox([widgets.HTML("x")])
    apply_theme(box)
    styles = [c for c in box.children if f"{THEME_CLASS}-style" in c._dom_classes]
    assert len(styles) == 1 and styles[0].layout.display == "none"
    assert ".ipt-box-error" in styles[0].value and THEME_CLASS in box._dom_classes


def test_one_vocabulary_serves_the_tools_and_the_role_plays() -> None:
    assert list(problem_areas()) == ["grief", "role_dispute", "role_transition",
                                     "interpersonal_sensitivities"]
    assert problem_areas() == TOOL_AREAS
    assert TOOL_AREAS["interpersonal_sensitivities"] == "Interpersonal sensitivities (deficits)"
    assert scenario_focuses() == GALLERY_AREAS
    assert set(scenario_focuses()) == {"assessment", *problem_areas(), "ending"}
    assert acute_areas() == ("grief", "role_dispute", "role_transition")
    assert len(techniques()) > 10 and technique_label("sick_role") == "Giving the sick role"

