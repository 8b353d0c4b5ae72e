"""The recording checklist (Day 6, supervision and recordings): its rules, the widget, saving and
reloading, two kernels at once, and the printable page."""

from __future__ import annotations

import html
import json

import pytest

from ipt_course.kit.datafile import DataFileError, parse_data
from ipt_course.kit.saved import WorkFile
from ipt_course.tools.recording_checklist import (
    ChecklistContent,
    RecordingChecklist,
    RecordingChecklistDocument,
    RecordingChecklistFileError,
    RecordingChecklistModel,
    checklist_content,
    names_in_file_name,
)
from ipt_course.tools.recording_checklist.rules import checklist_findings
from tests.screen import control, press, shown_html

HOSTILE = "<img src=x onerror=alert(1)>"
# Lucy's arrangements for Helen, as the supervision and recordings notebook gives them.
LUCY = {
    "consent_form": "Scanned into her clinical record, with the recording's code noted on it",
    "location": "The folder on the team's encrypted drive that information governance approved",
    "file_name": "LA-TC1-S03",
    "route": "Teams: the private chat my supervisor set up for my training cases",
    "deletion_plan": "When my supervisor and our policy say; each deletion noted in her record",
}
CONTENT = checklist_content()
DETAILS = {section.detail.id: section.detail.title for section in CONTENT.sections}
STATEMENTS = {item.id: item.text for section in CONTENT.sections for item in section.items}


def fill(view: RecordingChecklist, entries: dict[str, str]) -> None:
    for part_id, text in entries.items():
        control(view, DETAILS[part_id]).value = text


def tick_all(view: RecordingChecklist) -> None:
    for text in STATEMENTS.values():
        control(view, text).value = True


def findings_for(entries: dict[str, str], client: str = "Helen Ward") -> list[tuple[str, str]]:
    return [(finding.part, finding.message)
            for finding in checklist_findings(CONTENT, entries, client)]


def test_the_sections_are_the_five_the_plan_names() -> None:
    assert [section.title for section in CONTENT.sections] == [
        "Consent", "Storage", "Naming", "Upload", "Deletion"]
    text = " ".join(STATEMENTS.values()).lower()
    for words in ("in writing", "kept with the recording", "withdraw", "encrypted",
                  "own phone", "never her name", "microsoft teams", "deletion is recorded"):
        assert words in text


def test_lucys_arrangements_from_the_notebook_pass_every_check() -> None:
    assert findings_for(LUCY) == []


@pytest.mark.parametrize("file_name", [
    "helen_ward_session3.m4a", "HelenWard-3", "Session 3 Helen", "WARD s03"])
def test_the_clients_name_in_a_file_name_is_caught_however_it_is_joined(file_name: str) -> None:
    assert names_in_file_name(file_name, "Helen Ward")
    messages = findings_for({**LUCY, "file_name": file_name})
    assert [part for part, _message in messages] == ["file_name"]
    assert "contains the client's name" in messages[0][1]


@pytest.mark.parametrize("file_name", ["LA-TC1-S03", "TC1 session 3", "hw-s3"])
def test_a_coded_file_name_is_not_mistaken_for_a_name(file_name: str) -> None:
    assert names_in_file_name(file_name, "Helen Ward") == []


@pytest.mark.parametrize(("part", "text", "words"), [
    ("location", "On my phone until I get back to the office", "personal device or account"),
    ("location", "Somewhere secure", "Name the approved, encrypted location"),
    ("file_name", "TC1 S3 DOB 1997", "This identifies the client"),
    ("route", "WhatsApp to my supervisor", "not secure for a recording"),
    ("route", "Upload it", "Which route, exactly?"),
    ("consent_form", "She agreed verbally", "not written consent"),
    ("deletion_plan", "Eventually", "When exactly?"),
])
def test_the_checks_catch_what_the_notebook_warns_about(part: str, text: str, words: str) -> None:
    messages = findings_for({**LUCY, part: text})
    assert messages and {found for found, _message in messages} == {part}
    assert any(words in message for _part, message in messages)


def test_a_deletion_with_no_record_is_prompted() -> None:
    findings = checklist_findings(CONTENT, {**LUCY, "deletion_plan": "After assessment"},
                                  "Helen Ward")
    assert [(f.part, f.level) for f in findings] == [("deletion_plan", "prompt")]
    assert "where the deletion will be recorded" in findings[0].message


def test_the_widget_checks_the_whole_checklist_and_prints_it(tmp_path) -> None:
    view = RecordingChecklist(save_path=tmp_path / "my-recording-checklist.json")
    text = html.unescape(shown_html(view))
    assert "Never enter a real client's name" in text
    assert "special-category data under UK GDPR" in text
    press(view, "Check my checklist")
    assert "0 of 5 sections complete" in html.unescape(view.message.value)
    assert "Consent (not started)" in html.unescape(view.message.value)

    control(view, DETAILS["file_name"]).value = "helen_ward_s3.m4a"
    assert "“Helen”, “Ward”" in html.unescape(view.details["file_name"].feedback.value)
    fill(view, LUCY)
    tick_all(view)
    control(view, DETAILS["route"]).value = LUCY["route"] + "\n" + HOSTILE
    press(view, "Check my checklist")
    assert "5 of 5 sections complete" in html.unescape(view.message.value)

    control(view, STATEMENTS["storage_device"]).value = False
    press(view, "Check my checklist")
    message = html.unescape(view.message.value)
    assert "4 of 5 sections complete" in message
    assert "Storage (to finish): 1 statement not yet ticked." in message

    press(view, "Make a printable page")
    page = (tmp_path / "my-recording-checklist.html").read_text(encoding="utf-8")
    assert "<img" not in page and "&lt;img" in page
    assert "Recording checklist" in page and "For: Helen Ward" in page
    assert "☐ " + STATEMENTS["storage_device"] in html.unescape(page)
    assert "☑ " + STATEMENTS["consent_written"] in html.unescape(page)
    assert "LA-TC1-S03" in page and "not a consent form" in page
    assert "download='my-recording-checklist.html'" in view.download.value


def test_the_checklist_comes_back_after_a_restart_and_a_damaged_file_is_kept(tmp_path) -> None:
    path = tmp_path / "my-recording-checklist.json"
    first = RecordingChecklist(save_path=path)
    fill(first, LUCY)
    control(first, STATEMENTS["consent_written"]).value = True
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["kind"] == "ipt-recording-checklist"
    assert saved["entries"] == LUCY and saved["ticked"] == {"consent_written": True}

    again = RecordingChecklist(save_path=path)
    assert "Loaded your recording checklist" in html.unescape(again.status.value)
    assert {part: control(again, DETAILS[part]).value for part in LUCY} == LUCY
    assert control(again, STATEMENTS["consent_written"]).value is True
    assert control(again, STATEMENTS["consent_kept"]).value is False

    path.write_text("not json", encoding="utf-8")
    damaged = RecordingChecklist(save_path=path)
    assert "could not be read: the file is not valid JSON" in html.unescape(damaged.status.value)
    assert list(tmp_path.glob("my-recording-checklist.unreadable-*.json"))
    assert not any(box.value for box in damaged.boxes.values())


def test_two_kernels_ticking_different_statements_keep_both(tmp_path) -> None:
    path = tmp_path / "my-recording-checklist.json"
    one = RecordingChecklistModel(save_path=path)
    two = RecordingChecklistModel(save_path=path)
    one.tick("consent_written")
    two.tick("storage_encrypted")
    one.set_entry("file_name", "LA-TC1-S03")
    two.set_entry("route", LUCY["route"])
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["ticked"] == {"consent_written": True, "storage_encrypted": True}
    assert saved["entries"]["file_name"] == "LA-TC1-S03"
    assert saved["entries"]["route"] == LUCY["route"]


@pytest.mark.parametrize(("text", "message"), [
    ('{"kind": "ipt-staying-well-plan", "format": 1}', "kind: expected 'ipt-recording-checklist'"),
    ('{"kind": "ipt-recording-checklist", "format": 1, "ticked": {"consent_oral": true}}',
     "ticked: unknown statement 'consent_oral'"),
    ('{"kind": "ipt-recording-checklist", "format": 1, "ticked": {"consent_written": "yes"}}',
     "expected true or false"),
    ('{"kind": "ipt-recording-checklist", "format": 1, "entries": {"phone": "x"}}',
     "entries: unknown part 'phone'"),
])
def test_saved_checklists_are_checked_with_key_paths(tmp_path, text: str, message: str) -> None:
    path = tmp_path / "checklist.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordingChecklistFileError, match=message):
        WorkFile(path, RecordingChecklistDocument, RecordingChecklistFileError).read()


def test_the_data_file_loads_and_a_broken_one_names_the_key() -> None:
    assert len(CONTENT.item_ids) == len(set(CONTENT.item_ids)) == 18
    broken = """
banner: {title: T, lines: [x]}
client_label: C
page_title: P
practice_note: N
name_in_file: no placeholder here
sections:
- id: consent
  title: Consent
  items: [{id: a, text: t, why: w}]
  detail: {id: d, title: D, prompt: p, empty: e}
"""
    with pytest.raises(DataFileError, match=r"x\.yaml: name_in_file: .*\{word\}"):
        parse_data(broken, "x.yaml", ChecklistContent)
