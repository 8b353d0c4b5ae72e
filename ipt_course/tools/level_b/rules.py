"""What the tracker works out: progress against Level B as the syllabus states it, and what is
missing or worth taking to supervision. Pure functions of the saved record and today's date.

Two levels, so a trainee can tell them apart: a *warning* is something to act on (recording
without consent, a report still due, figures that cannot be right); a *prompt* is something to
plan or to agree with the supervisor. The rules use only the syllabus's figures (four cases,
about ten months), the trainee's own contract and the supervision frequency they agreed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ipt_course.kit.vocabulary import problem_areas
from ipt_course.tools.level_b.content import Content
from ipt_course.tools.level_b.record import CaseRecord, LevelBDocument

FindingLevel = Literal["warning", "prompt"]
DAYS_PER_MONTH = 365.25 / 12
FREQUENCY_DAYS = {"weekly": 7, "fortnightly": 14, "monthly": 28}
# One supervision short of the agreed pattern is ordinary (a holiday, a clash); two is a gap.
SUPERVISION_SLACK = 1


@dataclass(frozen=True)
class Finding:
    """One thing to act on or plan: where it is ('Level B' or 'Case 2') and what to do."""

    where: str
    message: str
    level: FindingLevel


def case_name(index: int) -> str:
    """'Case 1' for the first case."""
    return f"Case {index + 1}"


def long_date(day: date) -> str:
    """'14 March 2027'."""
    return f"{day.day} {day:%B %Y}"


def add_months(start: date, months: int) -> date:
    """``start`` moved on by ``months`` calendar months (the last day of a shorter month)."""
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    month += 1
    for day in range(start.day, 27, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, min(start.day, 28))


def parse_day(text: str) -> date | None:
    """The date in ``text`` (YYYY-MM-DD), or None when blank."""
    return date.fromisoformat(text) if text else None


def months_elapsed(record: LevelBDocument, today: date) -> float | None:
    """Months since supervised practice began (None without a start date; 0 before it)."""
    start = parse_day(record.started)
    if start is None:
        return None
    return max((today - start).days, 0) / DAYS_PER_MONTH


def deadline(record: LevelBDocument, content: Content) -> date | None:
    """The end of the syllabus's timescale, counted from the start date."""
    start = parse_day(record.started)
    return add_months(start, content.months) if start else None


def complete(case: CaseRecord) -> bool:
    """Finished and its reflective report submitted."""
    return case.status == "finished" and case.report == "submitted"


@dataclass(frozen=True)
class Progress:
    """The figures the tracker shows at the top: time, cases, recordings, reports, supervision."""

    months: float | None
    months_allowed: int
    deadline: date | None
    cases_required: int
    started: int
    finished: int
    reports: int
    recordings_submitted: int
    supervision_sessions: int

    @property
    def done(self) -> bool:
        """True when the required number of cases are finished and reported."""
        return self.reports >= self.cases_required and self.finished >= self.cases_required


def progress(record: LevelBDocument, content: Content, today: date) -> Progress:
    """Where the trainee stands today."""
    cases = record.cases
    return Progress(
        months=months_elapsed(record, today), months_allowed=content.months,
        deadline=deadline(record, content), cases_required=content.cases,
        started=sum(case.active for case in cases),
        finished=sum(case.status == "finished" for case in cases),
        reports=sum(complete(case) for case in cases),
        recordings_submitted=sum(case.recordings_submitted for case in cases),
        supervision_sessions=record.supervision_sessions)


def set_up_findings(record: LevelBDocument, content: Content, today: date) -> list[Finding]:
    """Eligibility, the supervisor, supervision arrangements and the recordings agreed."""
    say = content.messages
    found: list[Finding] = []

    def add(key: str, level: FindingLevel, **values: object) -> None:
        found.append(Finding("Level B", say[key].format(**values), level))

    if not record.started:
        add("no_start", "prompt", months=content.months)
    if not record.eligibility_confirmed:
        add("eligibility", "warning")
    if not record.supervisor_approved:
        add("supervisor", "warning")
    if record.supervision_by == "not_arranged":
        add("supervision_by", "warning")
    if record.frequency == "not_agreed":
        add("frequency", "prompt")
    elif record.started:
        days = max((today - date.fromisoformat(record.started)).days, 0)
        expected = days // FREQUENCY_DAYS[record.frequency]
        if record.supervision_sessions < expected - SUPERVISION_SLACK:
            add("supervision_behind", "prompt", n=record.supervision_sessions, expected=expected,
                frequency=content.label("frequency", record.frequency).lower())
    if record.recordings_asked == 0 and any(case.active for case in record.cases):
        add("recordings_asked", "prompt")
    return found


def timescale_findings(record: LevelBDocument, content: Content, today: date) -> list[Finding]:
    """Cases not started, time running out, and the mix of problem areas."""
    say = content.messages
    found: list[Finding] = []
    cases = record.cases
    counted = [case for case in cases if case.status != "ended_early"]
    waiting = [case_name(i) for i, case in enumerate(cases) if not case.active]
    missing = max(content.cases - sum(case.active for case in counted), 0)
    if missing:
        found.append(Finding("Level B", say["cases_missing"].format(
            n=missing, total=content.cases, names=", ".join(waiting) or "add a case"),
            "prompt"))
    elapsed, end = months_elapsed(record, today), deadline(record, content)
    reports = sum(complete(case) for case in cases)
    if elapsed is not None and end is not None:
        if today > end and reports < content.cases:
            found.append(Finding("Level B", say["overdue"].format(
                months=int(elapsed), n=reports, total=content.cases), "warning"))
        for i, case in enumerate(cases):
            start = parse_day(case.started)
            if case.status == "in_treatment" and start is not None:
                finish = start + timedelta(weeks=case.sessions_contracted - 1)
                if finish > end >= today:
                    found.append(Finding(case_name(i), say["late_finish"].format(
                        case=case_name(i), end=long_date(finish), deadline=long_date(end)),
                        "prompt"))
        if missing and end >= today:
            sessions = max((case.sessions_contracted for case in cases if not case.active),
                           default=16)
            finish = today + timedelta(weeks=sessions - 1)
            if finish > end:
                found.append(Finding("Level B", say["late_start"].format(
                    sessions=sessions, end=long_date(finish), deadline=long_date(end),
                    n=len(waiting)), "prompt"))
    areas = [case.focus for case in cases if case.focus and case.status != "ended_early"]
    if len(areas) >= 2 and len(Counter(areas)) == 1:
        found.append(Finding("Level B", say["same_area"].format(
            n=len(areas), area=problem_areas()[areas[0]].lower()), "prompt"))
    if cases and cases[0].focus == "interpersonal_sensitivities":
        found.append(Finding(case_name(0), say["sensitivities_first"], "prompt"))
    return found


def case_findings(index: int, case: CaseRecord, content: Content,
                  recordings_asked: int) -> list[Finding]:
    """One case's figures, consent, recordings, measures and report."""
    if not case.active:
        return []
    say = content.messages
    name = case_name(index)
    found: list[Finding] = []

    def add(key: str, level: FindingLevel, **values: object) -> None:
        found.append(Finding(name, say[key].format(case=name, **values), level))

    held = case.sessions_held
    if case.recordings_made and case.consent in ("not_asked", "declined"):
        add("no_consent_recorded", "warning", n=case.recordings_made)
    elif case.consent == "declined":
        add("consent_declined", "warning")
    elif case.consent == "withdrawn":
        add("consent_withdrawn", "warning")
    elif case.consent == "verbal":
        add("consent_verbal", "warning")
    elif case.consent == "not_asked":
        add("consent_not_asked", "prompt")
    if case.recordings_made > held:
        add("recordings_over_held", "warning", n=case.recordings_made, total=held)
    if case.recordings_submitted > case.recordings_made:
        add("submitted_over_made", "warning", n=case.recordings_submitted,
            total=case.recordings_made)
    if case.sessions_measured > held:
        add("measures_over", "warning", n=case.sessions_measured, total=held)
    elif case.sessions_measured < held:
        add("measures_behind", "prompt", n=case.sessions_measured, total=held)
    if not case.started:
        add("no_case_start", "prompt")
    if held > case.sessions_contracted:
        add("over_contract", "prompt", n=held, total=case.sessions_contracted)
    if case.status == "ended_early":
        add("ended_early", "prompt")
    elif case.status == "finished":
        if held < case.sessions_contracted:
            add("finished_short", "prompt", n=held, total=case.sessions_contracted)
        if case.report != "submitted":
            add("report_due", "warning")
        if recordings_asked and case.recordings_submitted < recordings_asked:
            add("fewer_than_asked", "warning", n=case.recordings_submitted,
                total=recordings_asked)
    elif held and not case.recordings_submitted and case.consent in ("written", "verbal"):
        add("none_submitted", "prompt", n=held)
    return found


def findings(record: LevelBDocument, content: Content, today: date) -> list[Finding]:
    """Everything to act on or plan, Level B first, then case by case; warnings before prompts
    within each place."""
    found = [*set_up_findings(record, content, today),
             *timescale_findings(record, content, today)]
    for index, case in enumerate(record.cases):
        found += case_findings(index, case, content, record.recordings_asked)
    places = list(dict.fromkeys(finding.where for finding in found))
    return sorted(found, key=lambda f: (places.index(f.where), f.level != "warning"))
