"""A decision written out as Markdown, to keep, print or bring to supervision."""

from __future__ import annotations

from datetime import date

from ipt_course.kit.render import markdown_literal
from ipt_course.tools.decision_analysis.schema import Decision

UNTITLED = "Untitled decision"


def _cell(text: str) -> str:
    return markdown_literal(text, one_line=True) if text else ""


def _paragraphs(text: str) -> str:
    """Each line of a box as its own paragraph, so line breaks survive in the Markdown."""
    return "\n\n".join(markdown_literal(line) for line in text.splitlines() if line.strip())


def decision_title(decision: Decision) -> str:
    """How a decision is named in lists and files: 'Nadia: Go back in April...'."""
    if not decision.decision:
        return f"{decision.client}: {UNTITLED.lower()}" if decision.client else UNTITLED
    words = " ".join(decision.decision.split())
    short = words if len(words) <= 60 else words[:59].rstrip() + "…"
    return f"{decision.client}: {short}" if decision.client else short


def decision_markdown(decision: Decision, today: date | None = None) -> str:
    """The whole decision analysis as a Markdown document, the trainee's text escaped."""
    client = decision.client or "The client"
    other = decision.other or "The other person"
    parts = [f"# Decision analysis: {markdown_literal(decision_title(decision), one_line=True)}"]
    if decision.decision:
        parts += ["## The decision", f"> {_cell(decision.decision)}"]
    if decision.options:
        rows = [f"| Option | For {_cell(client)} | For {_cell(other)} |", "|---|---|---|"]
        for option in decision.options:
            chosen = " (chosen)" if option.name == decision.choice else ""
            rows.append(f"| **{_cell(option.name)}**{chosen} | {_cell(option.for_client)} | "
                        f"{_cell(option.for_other)} |")
        parts += ["## The options and their likely consequences", "\n".join(rows)]
    if decision.matters:
        parts += [f"## What matters most to {_cell(client)}", _paragraphs(decision.matters)]
    parts += ["## The choice", (f"{_cell(client)} chose **{_cell(decision.choice)}**."
                                if decision.choice else "Not chosen yet.")]
    if decision.first_step:
        rehearsed = ("Rehearsed in the session by role play." if decision.rehearsed
                     else "Not rehearsed in the session yet.")
        parts += ["## The first step, before the next session", _paragraphs(decision.first_step),
                  f"*{rehearsed}*"]
    if decision.review_question or decision.review_notes:
        review = ["## The review next session"]
        if decision.review_question:
            review.append(f"**Opening question:** {_cell(decision.review_question)}")
        if decision.review_notes:
            review += ["**What happened:**", _paragraphs(decision.review_notes)]
        parts += review
    day = today or date.today()
    parts.append(f"*Written with the decision analysis aid (IPT Level A, Day 3) on {day.day} "
                 f"{day:%B %Y}. The steps are the course's practical framework.*")
    return "\n\n".join(parts) + "\n"
