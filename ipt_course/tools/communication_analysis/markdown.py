"""A worksheet written out as Markdown, to keep, print or bring to supervision."""

from __future__ import annotations

from datetime import date

from ipt_course.kit.render import markdown_literal
from ipt_course.tools.communication_analysis.content import problem_labels
from ipt_course.tools.communication_analysis.rules import by_person, lines_named
from ipt_course.tools.communication_analysis.schema import Analysis

UNTITLED = "Untitled worksheet"


def _cell(text: str) -> str:
    return markdown_literal(text, one_line=True) if text else ""


def _paragraphs(text: str) -> str:
    """Each line of a box as its own paragraph, so line breaks survive in the Markdown."""
    return "\n\n".join(markdown_literal(line) for line in text.splitlines() if line.strip())


def _label(problem: str, labels: dict[str, str]) -> str:
    return labels.get(problem, problem)


def worksheet_markdown(analysis: Analysis, today: date | None = None) -> str:
    """The whole worksheet as a Markdown document, every piece of the trainee's text escaped."""
    labels = problem_labels()
    title = analysis.title or UNTITLED
    parts = [f"# Communication analysis: {markdown_literal(title, one_line=True)}"]
    if analysis.client:
        parts.append(f"**Client:** {markdown_literal(analysis.client, one_line=True)}")
    if analysis.scene:
        parts += ["## The scene", _paragraphs(analysis.scene)]
    if analysis.lines:
        rows = ["| # | Who | What was said | How | Problems |", "|---|---|---|---|---|"]
        for number, line in enumerate(analysis.lines, 1):
            problems = "; ".join(_label(p, labels) for p in line.problems)
            rows.append(f"| {number} | {_cell(line.speaker)} | {_cell(line.said)} | "
                        f"{_cell(line.how)} | {_cell(problems)} |")
        parts += ["## The exchange, line by line", "\n".join(rows)]
    meanings = [(n, line) for n, line in enumerate(analysis.lines, 1)
                if line.meant or line.landed]
    if meanings:
        items = []
        for number, line in meanings:
            items.append(f"- **Line {number} ({_cell(line.speaker)})**")
            if line.meant:
                items.append(f"    - Meant: {_cell(line.meant)}")
            if line.landed:
                items.append(f"    - Landed: {_cell(line.landed)}")
        parts += ["## What was meant, and how it landed", "\n".join(items)]
    people = by_person(analysis)
    if people:
        items = [f"- **{_cell(name)}:** " + "; ".join(
            f"{_label(problem, labels)} ({lines_named(numbers)})" for problem, numbers in found)
            for name, found in people]
        parts += ["## The problems, by person", "\n".join(items)]
    for heading, text in (("The feelings", analysis.feelings),
                          ("What happened next", analysis.afterwards)):
        if text:
            parts += [f"## {heading}", _paragraphs(text)]
    alternatives = [(n, line) for n, line in enumerate(analysis.lines, 1) if line.alternative]
    if alternatives:
        parts += ["## Alternatives", "\n".join(
            f"- **Instead of line {n} ({_cell(line.speaker)}):** {_cell(line.alternative)}"
            for n, line in alternatives)]
    if analysis.script:
        parts += ["## Rehearsal script", _paragraphs(analysis.script)]
    day = today or date.today()
    when = f"{day.day} {day:%B %Y}"
    parts.append(f"*Written with the communication analysis worksheet (IPT Level A, Day 3) on "
                 f"{when}. The problems come from the course's teaching list.*")
    return "\n\n".join(parts) + "\n"
