"""The checklist's own rules, beside the kit's plan rules: a client's name in a file name, and
how far each section has got. Pure functions, no widgets."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ipt_course.kit.plans import Finding, check_part, entry_lines
from ipt_course.tools.recording_checklist.content import (
    ChecklistContent,
    Section,
    checklist_spec,
)

SectionState = Literal["done", "revisit", "empty"]
LETTERS = re.compile(r"[^\W\d_]+")
# One- and two-letter words ("Jo", "de") are left out: they would match codes like "S03".
MIN_NAME_LETTERS = 3


def _lower_first(line: str) -> str:
    return line[:1].lower() + line[1:]


def name_words(client: str) -> list[str]:
    """The words of a client's name long enough to look for, lower case."""
    return [word.lower() for word in LETTERS.findall(client or "")
            if len(word) >= MIN_NAME_LETTERS]


def names_in_file_name(file_name: str, client: str) -> list[str]:
    """The words of ``client``'s name that appear in ``file_name``, whatever joins them.

    "helen_ward_s3.m4a", "HelenWard-3" and "Session 3 Helen" all count; a code does not.
    """
    text = (file_name or "").lower()
    words = set(LETTERS.findall(text))
    joined = "".join(LETTERS.findall(text))
    return [word for word in name_words(client) if word in words or word in joined]


def checklist_findings(content: ChecklistContent, entries: Mapping[str, str],
                       client: str) -> list[Finding]:
    """Every detail box's findings (the kit's plan rules), and the client's name in a file name."""
    spec = checklist_spec()
    findings: list[Finding] = []
    for part in spec.parts:
        # No detail here asks for a person's name, so a capital at the start of a line ("Somewhere
        # safe") must not count as one and hide a vague entry.
        lines = entry_lines(entries.get(part.id, ""))
        as_typed = {_lower_first(line): line for line in lines}
        findings.extend(replace(finding, line=as_typed.get(finding.line, finding.line))
                        for finding in check_part(part, "\n".join(as_typed), spec.words))
    for section in content.sections:
        part = section.detail
        if part.id != "file_name":
            continue
        for line in entry_lines(entries.get(part.id, "")):
            found = names_in_file_name(line, client)
            if found:
                words = "”, “".join(word.capitalize() for word in found)
                findings.append(Finding(part.id, part.title, line,
                                        content.name_in_file.format(word=words), "problem"))
    return findings


@dataclass(frozen=True)
class SectionProgress:
    """One section: the statements not yet ticked, the detail's blocking findings, its state."""

    section: Section
    unticked: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def state(self) -> SectionState:
        """'empty' with nothing ticked or written, 'done' when all is ticked and sound."""
        blocking = [finding for finding in self.findings if finding.blocks]
        if len(self.unticked) == len(self.section.items) and any(
                finding.level == "empty" for finding in blocking):
            return "empty"
        return "revisit" if self.unticked or blocking else "done"


def progress(content: ChecklistContent, ticked: Mapping[str, bool],
             findings: Sequence[Finding]) -> list[SectionProgress]:
    """Each section's progress, in order."""
    return [SectionProgress(
        section,
        tuple(item.text for item in section.items if not ticked.get(item.id, False)),
        tuple(finding for finding in findings if finding.part == section.detail.id))
        for section in content.sections]


def headline(sections: Sequence[SectionProgress]) -> str:
    """'3 of 5 sections complete'."""
    done = sum(section.state == "done" for section in sections)
    return f"{done} of {len(sections)} sections complete"
