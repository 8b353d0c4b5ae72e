"""Markdown transcripts of a role-play, and saving files without ever overwriting one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ipt_course.kit.vocabulary import technique_label
from ipt_course.roleplay.model import RolePlayModel, describe_outcomes
from ipt_course.roleplay.schema import QUALITY_LABELS
from ipt_course.safe_files import write_new_file


def quoted(text: str) -> str:
    """Text as a Markdown block quote, every line kept (blank lines too)."""
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines() or [""])


def transcript_markdown(model: RolePlayModel, saved_at: datetime | None = None) -> str:
    """The whole run as Markdown: each client line, own words, choice, feedback, and summary."""
    scenario = model.scenario
    when = (saved_at or datetime.now()).strftime("%d %B %Y, %H:%M")
    lines = [
        f"# Role-play transcript: {scenario.title}",
        "",
        f"- Scenario: `{scenario.id}` (day {scenario.day}, "
        f"{scenario.problem_area.replace('_', ' ')}, {scenario.phase} phase)",
        f"- Client: {scenario.client.name}, {scenario.client.age}",
        f"- Saved: {when}",
        "",
    ]
    for number, entry in enumerate(model.history, start=1):
        lines += [f"## Decision {number}", "", f"**Client:** {entry.client}"]
        if entry.direction:
            lines += ["", f"*({entry.direction})*"]
        if entry.own_words is not None:
            lines += ["", "**Your own words:**", "", quoted(entry.own_words or "(left blank)")]
        lines += [
            "",
            f"**You chose:** {entry.choice_text}",
            "",
            f"- Technique: {technique_label(entry.technique)}",
            f"- Quality: {QUALITY_LABELS[entry.quality]}",
            f"- Feedback: {entry.feedback}",
            "",
        ]
    lines += _summary_markdown(model)
    return "\n".join(lines).rstrip() + "\n"


def _summary_markdown(model: RolePlayModel) -> list[str]:
    """The ending and summary section, or a note that the run is unfinished."""
    if not model.is_ended:
        draft = ["", "**Unsent own words:**", "", quoted(model.draft)] if model.draft else []
        return ["## Not finished", "", "The transcript was saved before an ending.", *draft, ""]
    summary = model.summary()
    used = ", ".join(technique_label(t) for t in summary.techniques_used) or "none"
    missed = ", ".join(technique_label(t) for t in summary.techniques_missed) or "none"
    return [
        f"## Ending: {summary.ending_title}",
        "",
        f"**Client:** {model.node.client}",
        "",
        summary.ending_summary,
        "",
        "## Summary",
        "",
        f"- Adherence score: {summary.score:g} out of 100",
        f"- Decisions: {summary.decisions} (sound {summary.counts['sound']}, "
        f"partly helpful {summary.counts['partial']}, unhelpful {summary.counts['unhelpful']})",
        f"- Techniques used: {used}",
        f"- Techniques missed: {missed}",
        "",
        "### Learning outcomes practised",
        "",
        *[f"- {outcome}" for outcome in describe_outcomes(summary.outcomes)],
        "",
        "### What to practise next",
        "",
        *[f"- {advice}" for advice in summary.practise_next],
        "",
    ]


def save_new_file(folder: Path, stem: str, suffix: str, text: str) -> Path:
    """Write ``text`` to a new file ``folder/stem+suffix`` (or ``-2``...); never overwrite."""
    return write_new_file(folder / f"{stem}{suffix}", text)


def transcript_stem(model: RolePlayModel, now: datetime | None = None) -> str:
    """``<scenario-id>-transcript-YYYYMMDD-HHMM``."""
    return f"{model.scenario.id}-transcript-{(now or datetime.now()).strftime('%Y%m%d-%H%M')}"


def save_transcript(model: RolePlayModel, folder: Path, now: datetime | None = None) -> Path:
    """Save the transcript as Markdown in ``folder`` under a new name and return its path."""
    moment = now or datetime.now()
    return save_new_file(folder, transcript_stem(model, moment), ".md",
                         transcript_markdown(model, moment))
