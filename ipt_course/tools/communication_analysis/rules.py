"""The worksheet's rules: building a line, cue words, the checklist, and the comparison.

All of them are plain word rules kept in data/*.yaml, so that a trainer can explain every
prompt. They prompt reflection; the problems on a line are the trainee's to name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ipt_course.kit import checklist
from ipt_course.kit.checklist import Check, Review
from ipt_course.tools.communication_analysis.content import (
    Example,
    Problem,
    Wording,
    example,
    problems,
    wording,
)
from ipt_course.tools.communication_analysis.schema import (
    LINE_FIELDS,
    Analysis,
    Line,
    WorksheetError,
    check_length,
    tidy,
)

LINE_LABELS = {"speaker": "Who spoke", "said": "What was said", "how": "How",
               "meant": "What was meant", "landed": "How it landed",
               "alternative": "An alternative"}


def normalise(text: str) -> str:
    """Lower case, straight apostrophes and quotes, single spaces."""
    return checklist.normalise(text, quotes=True)


def find_cues(text: str, cues: Iterable[str]) -> list[str]:
    """The cue words or phrases found in ``text`` as whole words."""
    return checklist.find_cues(text, cues, quotes=True)


def matches(text: str, patterns: Iterable[str]) -> list[str]:
    """The parts of ``text`` (normalised) that any of ``patterns`` matches."""
    return checklist.matches(text, patterns, quotes=True)


def make_line(values: dict[str, Any], known: Iterable[str] = ()) -> Line:
    """A line from the boxes' values; WorksheetError says what is missing or too long."""
    texts = {key: tidy(values.get(key, "")) for key in LINE_FIELDS}
    if not texts["speaker"]:
        raise WorksheetError("Who spoke? Write the speaker's name, e.g. Nadia.")
    if not texts["said"]:
        raise WorksheetError("What was said? Write the words, as near as the client remembers "
                             "them, or what was done instead (e.g. walked out).")
    for key, text in texts.items():
        try:
            check_length(key, text)
        except WorksheetError as error:
            raise WorksheetError(f"{LINE_LABELS[key]}: {error}") from None
    allowed = set(known) or {problem.id for problem in problems()}
    ticked = tuple(p for p in values.get("problems", ()) if p in allowed)
    return Line(**texts, problems=ticked)


def suggested(line_text: str, manner: str = "",
              listed: Sequence[Problem] | None = None) -> list[tuple[Problem, list[str]]]:
    """Problems whose cue words appear in a line's words or manner, with the words found."""
    found = []
    for problem in listed if listed is not None else problems():
        cues = find_cues(f"{line_text} {manner}", problem.cues)
        # 'again' adds nothing once 'all over again' has been found.
        cues = [cue for cue in cues if not any(cue != other and cue in other for other in cues)]
        if cues:
            found.append((problem, cues))
    return found


def reads_as_summary(said: str, text: Wording | None = None) -> list[str]:
    """Phrases that make a line read like a summary ('he told me that') rather than words said."""
    return matches(said, (text or wording()).patterns.summary)


def lines_named(numbers: Sequence[int]) -> str:
    """'line 3', 'lines 3 and 5', 'lines 1, 3 and 5'."""
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    listed = [str(n) for n in numbers]
    return f"lines {', '.join(listed[:-1])} and {listed[-1]}"


def people_named(names: Sequence[str]) -> str:
    """'Nadia', 'Nadia and Imran', 'Nadia, Imran and Rokeya'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _same_person(name: str, other: str) -> bool:
    return normalise(name) == normalise(other)


def _exchange_check(analysis: Analysis, text: Wording) -> Check:
    checks = text.checks
    scene = analysis.scene
    if not scene:
        return Check("exchange", text.steps.exchange, False, checks.exchange_todo)
    pattern = find_cues(scene, text.patterns.pattern_words)
    if pattern:
        words = ", ".join(f"'{word}'" for word in pattern)
        return Check("exchange", text.steps.exchange, False,
                     checks.exchange_pattern.format(words=words))
    if not matches(scene, text.patterns.when):
        return Check("exchange", text.steps.exchange, False, checks.exchange_no_when)
    return Check("exchange", text.steps.exchange, True, checks.exchange_done)


def _words_check(analysis: Analysis, text: Wording) -> Check:
    checks, lines = text.checks, analysis.lines
    speakers = list(dict.fromkeys(line.speaker for line in lines))
    if not lines:
        return Check("words", text.steps.words, False, checks.words_todo)
    notes = []
    summaries = [(n, reads_as_summary(line.said, text)) for n, line in enumerate(lines, 1)]
    summaries = [(n, found) for n, found in summaries if found]
    if summaries:
        phrases = ", ".join(dict.fromkeys(f"'{p}'" for _, found in summaries for p in found))
        notes.append(checks.words_summary.format(
            lines=lines_named([n for n, _ in summaries]).capitalize(), phrases=phrases))
    no_how = [n for n, line in enumerate(lines, 1) if not line.how]
    if no_how:
        notes.append(checks.words_no_how.format(lines=lines_named(no_how)))
    if len(speakers) < 2:
        return Check("words", text.steps.words, False,
                     checks.words_one_speaker.format(speaker=speakers[0]), tuple(notes))
    return Check("words", text.steps.words, not summaries,
                 checks.words_done.format(count=len(lines), speakers=people_named(speakers)),
                 tuple(notes))


def _problems_check(analysis: Analysis, text: Wording) -> Check:
    checks = text.checks
    marked = [line for line in analysis.lines if line.problems]
    if not marked:
        return Check("problems", text.steps.problems, False, checks.problems_todo)
    count = len(marked)
    if not analysis.client:
        return Check("problems", text.steps.problems, True,
                     checks.problems_no_client.format(count=count))
    client = analysis.client
    on_client = [line for line in marked if _same_person(line.speaker, client)]
    if not on_client:
        others = people_named(list(dict.fromkeys(line.speaker for line in marked)))
        return Check("problems", text.steps.problems, False,
                     checks.problems_others_only.format(others=others, client=client))
    if len(on_client) == count and any(not _same_person(line.speaker, client)
                                       for line in analysis.lines):
        return Check("problems", text.steps.problems, False,
                     checks.problems_client_only.format(client=client))
    return Check("problems", text.steps.problems, True, checks.problems_done.format(count=count))


def _lines_with(analysis: Analysis, *keys: str) -> list[int]:
    return [n for n, line in enumerate(analysis.lines, 1)
            if all(getattr(line, key) for key in keys)]


def review(analysis: Analysis, text: Wording | None = None) -> Review:
    """The checklist of the eight steps for ``analysis``, and any safety words found in it."""
    text = text or wording()
    checks, steps = text.checks, text.steps
    explained = _lines_with(analysis, "meant", "landed")
    alternatives = _lines_with(analysis, "alternative")
    items = (
        _exchange_check(analysis, text),
        _words_check(analysis, text),
        Check("meaning", steps.meaning, bool(explained),
              checks.meaning_done.format(lines=lines_named(explained)) if explained
              else checks.meaning_todo),
        Check("feelings", steps.feelings, bool(analysis.feelings),
              checks.feelings_done if analysis.feelings else checks.feelings_todo),
        Check("afterwards", steps.afterwards, bool(analysis.afterwards),
              checks.afterwards_done if analysis.afterwards else checks.afterwards_todo),
        _problems_check(analysis, text),
        Check("alternatives", steps.alternatives, bool(alternatives),
              checks.alternatives_done.format(lines=lines_named(alternatives)) if alternatives
              else checks.alternatives_todo),
        Check("script", steps.script, bool(analysis.script),
              checks.script_done if analysis.script else checks.script_todo),
    )
    return Review(items, tuple(safety_words(analysis, text)))


def safety_words(analysis: Analysis, text: Wording | None = None) -> list[str]:
    """Words anywhere in the worksheet that may point to fear, force or control."""
    text = text or wording()
    parts = [analysis.scene, analysis.feelings, analysis.afterwards, analysis.script]
    parts += [getattr(line, key) for line in analysis.lines for key in LINE_FIELDS]
    return list(dict.fromkeys(find_cues(" \n ".join(parts), text.safety.cues)))


Agreement = Literal["agree", "differ", "missing"]


@dataclass(frozen=True)
class LineComparison:
    """One line of the notebook's example beside the trainee's reading of it."""

    number: int
    speaker: str
    said: str
    notebook: tuple[str, ...]
    yours: tuple[str, ...] = ()
    only_yours: tuple[str, ...] = ()
    only_notebook: tuple[str, ...] = ()
    key: bool = False
    key_written: bool = False
    found: bool = True

    @property
    def agreement(self) -> Agreement:
        """'missing' if the line is not in the worksheet, else whether the readings differ."""
        if not self.found:
            return "missing"
        return "differ" if self.only_yours or self.only_notebook else "agree"


@dataclass(frozen=True)
class Comparison:
    """The trainee's worksheet set beside the notebook's reading of the same exchange."""

    lines: tuple[LineComparison, ...]
    after: str
    extra_lines: tuple[int, ...] = field(default=())

    @property
    def agreed(self) -> int:
        """How many lines the two readings agree on."""
        return sum(line.agreement == "agree" for line in self.lines)


def _words_key(text: str) -> str:
    return re.sub(r"[^\w ]", "", normalise(text)).strip()


def compare(analysis: Analysis, course: Example | None = None) -> Comparison:
    """Match each example line to the trainee's line with the same words and compare problems.

    Lines are matched by their words, not their numbers, so a line added or moved does not
    shift the comparison.
    """
    course = course or example()
    by_words = {_words_key(line.said): (number, line)
                for number, line in enumerate(analysis.lines, 1)}
    rows, matched = [], set()
    for number, line in enumerate(course.lines, 1):
        hit = by_words.get(_words_key(line.said))
        if hit is None:
            rows.append(LineComparison(number, line.speaker, line.said, line.problems,
                                       key=line.key, found=False))
            continue
        matched.add(hit[0])
        yours = hit[1].problems
        fair = set(line.problems) | set(line.also_fair)
        rows.append(LineComparison(
            number, line.speaker, line.said, line.problems, yours,
            only_yours=tuple(p for p in yours if p not in fair),
            only_notebook=tuple(p for p in line.problems if p not in yours),
            key=line.key, key_written=bool(hit[1].meant and hit[1].landed)))
    extra = tuple(n for n in range(1, len(analysis.lines) + 1) if n not in matched)
    return Comparison(tuple(rows), course.after, extra)


def by_person(analysis: Analysis) -> list[tuple[str, list[tuple[str, list[int]]]]]:
    """Each speaker (as first written) with the problems ticked on their lines, and where."""
    people: dict[str, tuple[str, dict[str, list[int]]]] = {}
    for number, line in enumerate(analysis.lines, 1):
        _, found = people.setdefault(normalise(line.speaker), (line.speaker, {}))
        for problem in line.problems:
            found.setdefault(problem, []).append(number)
    return [(name, list(found.items())) for name, found in people.values() if found]
