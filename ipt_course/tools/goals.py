"""Checking treatment goals against IPT criteria (Day 2).

``GoalBuilder(save_path="my-goals.json")`` lets a trainee write goals and see, for each, which
criteria it meets. The checks are deliberately simple word rules, written out below so that a
trainer can explain every verdict: they prompt reflection and do not replace supervision. The
goals kept (and the focus, people and draft) are saved at every change and reloaded on re-run.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.saved import SavedWork, read_saved_document
from ipt_course.kit.widgets import make_readable, tidy_layout
from ipt_course.safe_files import write_new_file
from ipt_course.tools.formulation import PROBLEM_AREAS

FILE_KIND = "ipt-goals"
FILE_FORMAT = 1
SESSION_RANGE = (1, 30)
SAVED_SETTINGS = ("focus", "people", "sessions", "draft")

CRITERIA = {
    "focus": "Tied to the agreed focus",
    "interpersonal": "About people, not only symptoms",
    "specific": "Specific and observable",
    "realistic": "Realistic in the sessions agreed",
    "own_words": "In the client's own words",
    "positive": "Positively framed",
}

PEOPLE_WORDS = (
    "mum",
    "mother",
    "mom",
    "dad",
    "father",
    "parent",
    "parents",
    "sister",
    "sisters",
    "brother",
    "brothers",
    "sibling",
    "siblings",
    "partner",
    "husband",
    "wife",
    "boyfriend",
    "girlfriend",
    "son",
    "daughter",
    "child",
    "children",
    "kids",
    "baby",
    "family",
    "friend",
    "friends",
    "colleague",
    "colleagues",
    "manager",
    "boss",
    "neighbour",
    "neighbours",
    "aunt",
    "auntie",
    "uncle",
    "cousin",
    "grandma",
    "grandmother",
    "grandad",
    "grandfather",
    "nan",
    "in-laws",
    "people",
    "team",
    "group",
    "someone",
    "him",
    "her",
    "them",
    "he",
    "she",
    "they",
)
ACTION_WORDS = (
    "talk",
    "speak",
    "tell",
    "ask",
    "share",
    "invite",
    "meet",
    "call",
    "phone",
    "ring",
    "text",
    "message",
    "visit",
    "see",
    "spend",
    "listen",
    "discuss",
    "agree",
    "negotiate",
    "explain",
    "say",
    "arrange",
    "join",
    "go",
    "attend",
    "contact",
    "plan",
    "write",
    "start",
    "return",
    "take",
    "cook",
    "sing",
    "walk",
    "apply",
    "reconnect",
    "apologise",
    "compromise",
    "confide",
    "decide",
    "sort",
    "look",
)
SYMPTOM_WORDS = (
    "feel better",
    "happier",
    "happy",
    "less depressed",
    "depression",
    "mood",
    "sleep",
    "anxious",
    "anxiety",
    "crying",
    "energy",
    "motivation",
    "confidence",
    "cope",
    "okay",
    "normal",
    "myself again",
    "stress",
    "tired",
)
VAGUE_WORDS = (
    "better",
    "more",
    "improve",
    "sort out",
    "deal with",
    "work on",
    "be closer",
    "get on",
    "things",
    "stuff",
    "everything",
    "somehow",
)
DETAIL_PATTERNS = (
    r"by (?:session|week) \d+",
    r"\b(?:once|twice|three times|\d+ times)\b",
    r"\bevery \w+",
    r"\beach (?:week|day|month|weekend)\b",
    r"\bweekly\b",
    r"\ba week\b",
    r"\bper week\b",
    r"\bby the end\b",
    r"\bbefore (?:the )?\w+",
    r"\bat least\b",
    r"\b(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?)\b",
    r"\babout (?!things\b|stuff\b|everything\b|it\b)\w+",
    r"\b(?:tell|ask|say to|explain to|remind) \w+ (?:that|how|what|whether|if|for|to)\b",
    r"\b(?:when|whenever|after|if) (?:we|i|he|she|they|[a-z]+ and i)\b",
)
ABSOLUTE_WORDS = (
    "never",
    "always",
    "completely",
    "totally",
    "perfect",
    "perfectly",
    "forever",
    "all the time",
    "everyone",
    "everybody",
    "100%",
    "cure",
    "fix everything",
    "for good",
)
OTHERS_CHANGING = (
    r"\bmake (?:him|her|them|my \w+|\w+) (?:\w+ )?(?:stop|change|understand|see|listen|agree|be)\b",
    r"\bget (?!back\b|used\b|round\b|ready\b|out\b|up\b)(?:my |our )?\w+ to\b",
    r"\bwant (?:my |our )?(?!to\b)\w+ to\b",
    r"\bchange (?:him|her|them)\b",
    r"\b(?:he|she|they|my \w+) (?:will|would|should) (?:stop|change|listen|understand|agree)\b",
    r"\b(?:him|her|them|my \w+) to (?:stop|change|listen|understand|agree)\b",
)
JARGON = (
    "role dispute",
    "role transition",
    "problem area",
    "communication analysis",
    "non-reciprocal",
    "impasse",
    "dissolution",
    "deficit",
    "deficits",
    "affect",
    "facilitate",
    "mourning process",
    "support network",
    "psychoeducation",
)
JARGON_STEMS = (r"\binterpersonal\w*", r"\brenegotiat\w*", r"\bsensitivit\w*")
THIRD_PERSON = (r"\bthe client\b", r"\bclient\b", r"\bpatient\b", r"^(?:she|he|they) (?:will|to)\b")
FIRST_PERSON = r"\b(?:i|i'm|i'll|i'd|my|me|we|our|us|myself)\b"
NEGATIVE_START = (
    "stop",
    "not",
    "don't",
    "do not",
    "never",
    "no longer",
    "no more",
    "avoid",
    "quit",
    "less",
    "fewer",
    "give up",
    "cut out",
    "cut down",
)
LEAD_IN = re.compile(
    r"^(?:(?:i|we) (?:want|would like|'d like|will|'ll|need|hope|plan|am going|intend)"
    r"(?: to)?|i'd like(?: to)?|i'll|to|my goal is(?: to)?)\s+"
)
FOCUS_WORDS = {
    "grief": (
        "died",
        "death",
        "dead",
        "loss",
        "lost",
        "miss",
        "missing",
        "grave",
        "cemetery",
        "funeral",
        "memories",
        "memory",
        "remember",
        "photos",
        "mourn",
        "grieve",
        "grief",
        "anniversary",
        "late",
        "passed away",
        "ashes",
        "belongings",
    ),
    "role_dispute": (
        "argue",
        "argument",
        "arguing",
        "row",
        "rows",
        "disagree",
        "disagreement",
        "dispute",
        "fight",
        "shout",
        "shouting",
        "talk to",
        "talk with",
        "tell",
        "ask",
        "listen",
        "compromise",
        "negotiate",
        "expect",
        "agree",
        "decide",
        "decisions",
        "split",
    ),
    "role_transition": (
        "new",
        "change",
        "job",
        "baby",
        "move",
        "moved",
        "retire",
        "retirement",
        "routine",
        "role",
        "adjust",
        "diagnosis",
        "illness",
        "carer",
        "caring",
        "course",
        "study",
        "school",
        "divorce",
        "separation",
        "back to work",
        "return to work",
        "leave",
    ),
    "interpersonal_sensitivities": (
        "friend",
        "friends",
        "meet",
        "join",
        "group",
        "club",
        "invite",
        "conversation",
        "chat",
        "lonely",
        "connect",
        "reach out",
        "get to know",
        "new people",
        "colleague",
        "neighbour",
        "class",
        "volunteer",
    ),
}
REWRITE_PATTERNS = {
    "focus": {
        "grief": "I will [do something that connects me with the person who died, e.g. look "
        "at photos, visit the grave] with [someone I trust], by session [n].",
        "role_dispute": "I will [talk to / ask / tell] [the person in the dispute] about [the "
        "issue we disagree on], [how: e.g. calmly, without shouting], by session [n].",
        "role_transition": "I will [one step in the new role, or one thing I miss from the old "
        "one] and ask [a person] for [this kind of help], by session [n].",
        "interpersonal_sensitivities": "I will [invite / contact / join] [a person or group] "
        "to [an activity], [how often], by session [n].",
        "": "Choose the agreed focus above, then tie the goal to it.",
    },
    "interpersonal": "Say who is involved: 'I will [do what] with [whom]'. In IPT, symptoms "
    "are expected to ease as things change with people, so the goal names the people.",
    "specific": "Name something that someone watching could see or hear, and when: 'I will "
    "[do what] with [whom] about [what], [how often or by session n]'.",
    "realistic": "Choose a step that the client can take within {sessions} sessions and that "
    "depends on them, not on someone else changing: 'I will ask...' rather than 'make him...'.",
    "own_words": "Use the client's words, in the first person ('I will...', 'my sister'), and "
    "leave out IPT terms.",
    "positive": "Say what the client will do instead: 'stop arguing with my sister' becomes "
    "'talk with my sister calmly about Mum's care once a week'.",
}


HOW_CHECKED = {
    "focus": "The goal names someone listed under 'People involved', or uses a word that goes "
    "with the agreed problem area (for a role dispute: talk to, ask, argue, agree...; for grief: "
    "remember, miss, grave, photos...).",
    "interpersonal": "The goal names a person or group: a word such as sister, partner, friend "
    "or group, a name in capitals (Jo), or someone listed under 'People involved'.",
    "specific": "The goal has an action someone could see or hear (talk, ask, invite, visit...) "
    "and a detail of what about, when or how often ('about Mum's care', 'by session 8', "
    "'once a week').",
    "realistic": "No all-or-nothing words (never, always, completely...), no session beyond the "
    "number agreed, and nothing that depends on someone else changing ('get him to...', 'I "
    "want her to...').",
    "own_words": "Written in the first person ('I', 'my'), without IPT terms such as 'role "
    "dispute' or 'interpersonal', and not about 'the client'.",
    "positive": "Says what the client will do, not what they will stop or avoid. 'Without "
    "shouting' is fine: it describes how.",
}


@dataclass
class CriterionResult:
    """The verdict on one criterion: whether it is met, why, and a rewrite pattern if not."""

    criterion: str
    met: bool
    reason: str
    suggestion: str = ""

    @property
    def label(self) -> str:
        """The criterion's name as trainees read it."""
        return CRITERIA[self.criterion]


@dataclass
class GoalReport:
    """All the criteria checked for one goal."""

    goal: str
    results: list[CriterionResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when every criterion is met."""
        return all(r.met for r in self.results)

    def unmet(self) -> list[CriterionResult]:
        """The criteria that are not met yet."""
        return [r for r in self.results if not r.met]


def normalise(text: str) -> str:
    """Lower-case, straighten curly apostrophes and collapse spaces."""
    text = str(text or "").replace("’", "'").replace("‘", "'").lower()
    return " ".join(text.split())


def find_words(text: str, words: tuple[str, ...]) -> list[str]:
    """Return the words or phrases of ``words`` that occur in ``text`` as whole words."""
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


def find_actions(text: str) -> list[str]:
    """Return the action words in ``text``, allowing everyday endings (asks, asked, asking)."""
    found = []
    for word in ACTION_WORDS:
        stem = word[:-1] if word.endswith("e") else word
        if re.search(
            rf"(?<![\w-])(?:{re.escape(word)}|{re.escape(stem)}(?:es|ed|ing|s|d))(?![\w-])", text
        ):
            found.append(word)
    return found


def find_patterns(text: str, patterns: tuple[str, ...]) -> list[str]:
    """Return the pieces of ``text`` matched by any of ``patterns``."""
    found = []
    for pattern in patterns:
        found.extend(m.group(0) for m in re.finditer(pattern, text))
    return found


def _quote(items: list[str]) -> str:
    return ", ".join(f"'{item}'" for item in dict.fromkeys(items))


def names_list(people: str | list[str] | tuple[str, ...]) -> list[str]:
    """Split the people involved into names: 'Nadia (sister), Mum' -> nadia, sister, mum."""
    if isinstance(people, str):
        people = re.split(r"[,;\n()]+| and ", people)
    return [normalise(p) for p in people if normalise(p)]


NOT_NAMES = {
    "i",
    "i'm",
    "i'll",
    "i'd",
    "i've",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "christmas",
    "easter",
    "eid",
    "diwali",
    "ipt",
}


def capitalised_names(goal: str) -> list[str]:
    """Capitalised words after the first word (e.g. 'Jo', 'Mum's'), taken to be people's names."""
    words = re.findall(r"[A-Z][\w'’.-]*", goal.strip())
    first = goal.strip().split(" ", 1)[0]
    names = []
    for word in words:
        name = re.sub(r"['’]s$", "", word).rstrip(".").lower()
        if word != first and name and name not in NOT_NAMES and name[:-1] not in NOT_NAMES:
            names.append(name)
    return names


def check_focus(text: str, focus: str, names: list[str]) -> CriterionResult:
    """Met when the goal mentions a person involved in the focus or a word tied to the area."""
    pattern = REWRITE_PATTERNS["focus"].get(focus, REWRITE_PATTERNS["focus"][""])
    if focus not in FOCUS_WORDS:
        return CriterionResult("focus", False, "No agreed focus has been chosen yet.", pattern)
    found = find_words(text, tuple(names)) + find_words(text, FOCUS_WORDS[focus])
    area = PROBLEM_AREAS[focus].lower()
    if found:
        return CriterionResult("focus", True, f"Linked to the {area} through {_quote(found)}.")
    others = find_words(text, PEOPLE_WORDS)
    hint = ""
    if others:
        hint = (
            f" It names {_quote(others)}: if that is who the {area} involves, add them under "
            "'People involved'."
        )
    return CriterionResult(
        "focus",
        False,
        f"Nothing in the goal ties it to the {area}: no person involved in it and none of the "
        f"words that go with it.{hint}",
        pattern,
    )


def check_interpersonal(text: str, names: list[str]) -> CriterionResult:
    """Met when the goal names a person or group (a word such as 'sister', or a name).

    ``names`` are the people involved plus capitalised names found in the goal.
    """
    people = find_words(text, tuple(names)) + find_words(text, PEOPLE_WORDS)
    if people:
        return CriterionResult("interpersonal", True, f"Names people: {_quote(people)}.")
    symptoms = find_words(text, SYMPTOM_WORDS)
    reason = "No person or group is named."
    if symptoms:
        reason = f"This is a symptom goal ({_quote(symptoms)}); no person or group is named."
    return CriterionResult("interpersonal", False, reason, REWRITE_PATTERNS["interpersonal"])


def check_specific(text: str) -> CriterionResult:
    """Met when the goal has an observable action and a concrete detail (when, how often, what)."""
    actions = find_actions(text)
    details = find_patterns(text, DETAIL_PATTERNS)
    if actions and details:
        return CriterionResult(
            "specific", True, f"Action {_quote(actions)} with detail {_quote(details)}."
        )
    missing = []
    if not actions:
        missing.append("an action someone could see or hear (talk, ask, invite, visit...)")
    if not details:
        missing.append("a detail of what about, when or how often (e.g. 'by session 8')")
    vague = find_words(text, VAGUE_WORDS)
    vague_note = f" Vague words: {_quote(vague)}." if vague else ""
    return CriterionResult(
        "specific",
        False,
        "Missing " + " and ".join(missing) + "." + vague_note,
        REWRITE_PATTERNS["specific"],
    )


def check_realistic(text: str, sessions: int) -> CriterionResult:
    """Not met for all-or-nothing words, a session beyond the contract, or changing others."""
    problems = []
    absolutes = find_words(text, ABSOLUTE_WORDS)
    if absolutes:
        problems.append(f"all-or-nothing words ({_quote(absolutes)})")
    late = [int(n) for n in re.findall(r"(?:session|week) (\d+)", text) if int(n) > sessions]
    if late:
        problems.append(f"a session beyond the {sessions} agreed (session {max(late)})")
    others = find_patterns(text, OTHERS_CHANGING)
    if others:
        problems.append(f"it depends on someone else changing ({_quote(others)})")
    suggestion = REWRITE_PATTERNS["realistic"].format(sessions=sessions)
    if problems:
        return CriterionResult(
            "realistic", False, "Check: " + "; ".join(problems) + ".", suggestion
        )
    return CriterionResult(
        "realistic",
        True,
        f"No all-or-nothing words, nothing beyond session {sessions}, and it is in the "
        "client's own hands.",
    )


def check_own_words(text: str) -> CriterionResult:
    """Met when written in the first person without IPT jargon or talk of 'the client'."""
    jargon = find_words(text, JARGON) + find_patterns(text, JARGON_STEMS)
    third = find_patterns(text, THIRD_PERSON)
    first = re.search(FIRST_PERSON, text)
    problems = []
    if jargon:
        problems.append(f"IPT terms the client would not use ({_quote(jargon)})")
    if third:
        problems.append(f"written about the client ({_quote(third)})")
    if not first:
        problems.append("not in the first person (no 'I' or 'my')")
    if problems:
        return CriterionResult(
            "own_words", False, "Check: " + "; ".join(problems) + ".", REWRITE_PATTERNS["own_words"]
        )
    return CriterionResult("own_words", True, "First person and everyday words.")


def check_positive(text: str) -> CriterionResult:
    """Not met when the goal is about stopping or avoiding rather than doing.

    'without ...' describes how something is done, so it is allowed ('talk ... without shouting').
    """
    core = LEAD_IN.sub("", text).strip()
    negative_start = next(
        (w for w in NEGATIVE_START if re.match(rf"{re.escape(w)}(?![\w-])", core)), ""
    )
    stopping = [
        w
        for w in find_words(text, ("stop", "quit", "avoid", "no longer", "never"))
        if not re.search(rf"without {w}", text)
    ]
    if negative_start or stopping:
        words = _quote([negative_start, *stopping] if negative_start else stopping)
        return CriterionResult(
            "positive",
            False,
            f"Framed as something to stop or avoid ({words}).",
            REWRITE_PATTERNS["positive"],
        )
    return CriterionResult("positive", True, "Says what the client will do.")


def as_written(reason: str, goal: str) -> str:
    """Quote words in ``reason`` as the goal spells them ('Imran', not the matched 'imran')."""
    original = goal.replace("’", "'").replace("‘", "'")

    def restore(match: re.Match[str]) -> str:
        found = re.search(
            rf"(?<![\w-]){re.escape(match.group(1))}(?![\w-])", original, flags=re.IGNORECASE
        )
        return f"'{found.group(0)}'" if found else match.group(0)

    return re.sub(r"'([^'\n]+)'", restore, reason)


def check_goal(
    goal: str, focus: str, people: str | list[str] = "", sessions: int = 16
) -> GoalReport:
    """Check one goal against the six criteria; ``focus`` is a problem area id (or '')."""
    text = normalise(goal)
    if not text:
        raise ValueError("Write a goal first.")
    names = names_list(people)
    results = [
        check_focus(text, focus, names),
        check_interpersonal(text, names + capitalised_names(goal)),
        check_specific(text),
        check_realistic(text, sessions),
        check_own_words(text),
        check_positive(text),
    ]
    return GoalReport(
        goal.strip(), [replace(r, reason=as_written(r.reason, goal)) for r in results]
    )


class GoalsFileError(ValueError):
    """A saved goals file cannot be read; the message names the key path and the problem."""


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise GoalsFileError(f"{where}: expected text.")
    return value


def report_from_dict(data: Any, where: str) -> GoalReport:
    """Rebuild a kept goal and its verdicts; errors name the key path, e.g. kept[1].goal."""
    if not isinstance(data, dict):
        raise GoalsFileError(f"{where}: expected a goal with its results.")
    goal = _text(data.get("goal"), f"{where}.goal")
    if not goal.strip():
        raise GoalsFileError(f"{where}.goal: expected the goal's words.")
    results_data = data.get("results")
    if not isinstance(results_data, list):
        raise GoalsFileError(f"{where}.results: expected a list of verdicts.")
    results = []
    for number, item in enumerate(results_data):
        here = f"{where}.results[{number}]"
        if not isinstance(item, dict):
            raise GoalsFileError(f"{here}: expected a verdict.")
        criterion = item.get("criterion")
        if criterion not in CRITERIA:
            raise GoalsFileError(f"{here}.criterion: expected one of {', '.join(CRITERIA)}.")
        met = item.get("met")
        if not isinstance(met, bool):
            raise GoalsFileError(f"{here}.met: expected true or false.")
        reason = _text(item.get("reason", ""), f"{here}.reason")
        suggestion = _text(item.get("suggestion", ""), f"{here}.suggestion")
        results.append(CriterionResult(criterion, met, reason, suggestion))
    return GoalReport(goal, results)


def parse_goals_file(path: Path) -> dict[str, Any]:
    """Read a saved goals file: the settings and ``kept`` reports. Raises GoalsFileError."""
    data = read_saved_document(path, FILE_KIND, FILE_FORMAT, "a goals file", GoalsFileError)
    focus = _text(data.get("focus", ""), "focus")
    if focus and focus not in PROBLEM_AREAS:
        raise GoalsFileError(f"focus: expected one of {', '.join(PROBLEM_AREAS)}, got {focus!r}.")
    sessions = data.get("sessions", 16)
    low, high = SESSION_RANGE
    if isinstance(sessions, bool) or not isinstance(sessions, int) or not low <= sessions <= high:
        raise GoalsFileError(f"sessions: expected a whole number from {low} to {high}.")
    kept_data = data.get("kept", [])
    if not isinstance(kept_data, list):
        raise GoalsFileError("kept: expected a list of goals.")
    return {
        "focus": focus,
        "people": _text(data.get("people", ""), "people"),
        "sessions": sessions,
        "draft": _text(data.get("draft", ""), "draft"),
        "kept": [report_from_dict(item, f"kept[{n}]") for n, item in enumerate(kept_data)],
    }


class GoalModel(SavedWork, traitlets.HasTraits):
    """State of the goal builder: focus, people, sessions, the draft and kept goals.

    With a ``save_path`` every change is saved at once, and the file is reloaded on creation.
    ``message`` reports what the trainee did; ``save_status`` reports saving and loading.
    """

    work_name = "goals"
    unsaved_name = "goals"
    fresh_start = "a new empty list"

    focus = traitlets.Unicode("")
    people = traitlets.Unicode("")
    sessions = traitlets.Int(16)
    draft = traitlets.Unicode("")
    kept = traitlets.List()
    message = traitlets.Unicode("")
    save_status = traitlets.Unicode("")

    def __init__(self, save_path: str | Path | None = "my-goals.json", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.save_path = Path(save_path) if save_path else None
        if self.save_path is not None:
            if self.save_path.exists():
                self.reload()
            else:
                self.save_status = (
                    f"Your goals will be saved in {self.save_path.name}, beside this notebook, "
                    "as you work."
                )
        self.observe(lambda _change: self.autosave(), names=[*SAVED_SETTINGS, "kept"])

    def check(self) -> GoalReport | None:
        """Check the draft; returns None (with a message) when there is nothing to check."""
        if not self.draft.strip():
            self.message = "Write a goal in the box first."
            return None
        self.message = ""
        return check_goal(self.draft, self.focus, self.people, self.sessions)

    def keep(self) -> GoalReport | None:
        """Check the draft and add it to the kept goals (even if some criteria are not met)."""
        report = self.check()
        if report is None:
            return None
        if any(r.goal.casefold() == report.goal.casefold() for r in self.kept):
            self.message = "That goal is already in your list."
            return report
        self.kept = [*self.kept, report]
        count = len(self.kept)
        self.message = f"Kept. You have {count} goal{'s' if count != 1 else ''}."
        if count > 3:
            self.message += " Two or three goals are usually enough for 12-16 sessions."
        return report

    def clear(self) -> None:
        """Empty the list of goals; the cleared goals are first copied to a new file beside it."""
        copy = None
        if self.kept and self.save_path is not None:
            try:
                copy = write_new_file(
                    self.save_path.with_name(f"{self.save_path.stem}-cleared.json"),
                    json.dumps(self.to_document(), indent=2, ensure_ascii=False) + "\n",
                )
            except OSError as error:
                self.message = f"Your goals were not cleared: no copy could be saved ({error})."
                return
        self.kept = []
        self.message = "Your list of goals is empty."
        if copy is not None:
            self.message += f" The goals you cleared are kept in {copy.name}."

    def to_document(self) -> dict[str, Any]:
        """The settings and kept goals in their saved form."""
        return {
            "kind": FILE_KIND,
            "format": FILE_FORMAT,
            "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            **{key: getattr(self, key) for key in SAVED_SETTINGS},
            "kept": [asdict(report) for report in self.kept],
        }

    def reload(self) -> None:
        """Load ``save_path``. An unreadable file is renamed and kept, never deleted."""
        assert self.save_path is not None
        name = self.save_path.name
        try:
            saved = parse_goals_file(self.save_path)
        except (GoalsFileError, OSError) as error:
            self._set_aside(error)
            return
        for key, value in saved.items():
            setattr(self, key, value)
        count = len(self.kept)
        self.save_status = f"Loaded {count} goal{'s' if count != 1 else ''} from {name}."


def report_html(report: GoalReport) -> str:
    """The verdicts as an HTML table: criterion, met or not (in words), reason, rewrite pattern."""
    rows = []
    for r in report.results:
        mark = "✓ Met" if r.met else "✗ Not yet"
        tip = f"<br><i>Try:</i> {html.escape(r.suggestion)}" if r.suggestion else ""
        rows.append(
            f"<tr><th scope='row'>{html.escape(r.label)}</th><td>{mark}</td>"
            f"<td>{html.escape(r.reason)}{tip}</td></tr>"
        )
    summary = (
        "All six criteria are met."
        if report.passed
        else f"{len(report.unmet())} of 6 criteria not met yet."
    )
    return (
        f"<p><b>Goal:</b> {html.escape(report.goal)}</p><p>{summary}</p>"
        "<table class='ipt-goal-report'><thead><tr><th>Criterion</th><th>Verdict</th>"
        f"<th>Why, and how to improve it</th></tr></thead><tbody>{''.join(rows)}</tbody>"
        "</table>"
    )


class GoalBuilder(widgets.VBox):
    """Write treatment goals and check each against six IPT criteria, with reasons.

    The goals kept, and the focus, people and draft, are saved to ``save_path`` as they change.
    """

    def __init__(self, save_path: str | Path | None = "my-goals.json") -> None:
        self.model = GoalModel(save_path=save_path)
        style = {"description_width": "16em"}
        wide = widgets.Layout(width="95%")
        self._focus = widgets.Dropdown(
            description="Agreed focus",
            options=[("(choose)", ""), *[(label, a) for a, label in PROBLEM_AREAS.items()]],
            style=style,
        )
        self._people = widgets.Text(
            description="People involved",
            placeholder="e.g. Imran (husband), Rokeya",
            style=style,
            layout=wide,
        )
        self._sessions = widgets.BoundedIntText(
            description="Number of sessions", value=16, min=1, max=30, style=style
        )
        self._draft = widgets.Textarea(
            description="Goal, in the client's words",
            placeholder="e.g. I will tell Imran calmly what I need on his nights off, by session 8",
            rows=3,
            style=style,
            layout=wide,
        )
        self._check = widgets.Button(
            description="Check this goal", button_style="primary", icon="check"
        )
        self._keep = widgets.Button(description="Keep this goal", icon="plus")
        self._clear = widgets.Button(description="Clear my goals", icon="eraser")
        self._report = widgets.HTML()
        self._status = widgets.HTML()
        self._saved = widgets.HTML()
        self._kept = widgets.HTML()
        intro = widgets.HTML(
            "<p>Write one goal at a time. Each goal is checked against six criteria with simple "
            "word rules, and every verdict says why: treat the verdicts as prompts to think, "
            "not marks.</p>"
        )
        rules = "".join(
            f"<li><b>{html.escape(CRITERIA[key])}:</b> {html.escape(text)}</li>"
            for key, text in HOW_CHECKED.items()
        )
        how = widgets.Accordion(
            children=[widgets.HTML(f"<ul>{rules}</ul>")], titles=("How the checks work",)
        )
        super().__init__(
            [
                intro,
                how,
                self._saved,
                self._focus,
                self._people,
                self._sessions,
                self._draft,
                widgets.HBox([self._check, self._keep, self._clear]),
                self._status,
                self._report,
                self._kept,
            ]
        )
        self.add_class("ipt-goals")
        make_readable(self)
        tidy_layout(self)
        for control, name in (
            (self._focus, "focus"),
            (self._people, "people"),
            (self._sessions, "sessions"),
            (self._draft, "draft"),
        ):
            control.value = getattr(self.model, name)
            traitlets.dlink((control, "value"), (self.model, name))
        self._check.on_click(lambda _b: self._show(self.model.check()))
        self._keep.on_click(lambda _b: self._show(self.model.keep()))
        self._clear.on_click(lambda _b: self.model.clear())
        self.model.observe(self._show_kept, names="kept")
        self.model.observe(self._show_status, names="message")
        self.model.observe(self._show_saved, names="save_status")
        self._show_kept()
        self._show_saved()

    def _show(self, report: GoalReport | None) -> None:
        self._report.value = report_html(report) if report else ""

    def _show_status(self, _change: Any = None) -> None:
        self._status.value = f"<p role='status'>{html.escape(self.model.message)}</p>"

    def _show_saved(self, _change: Any = None) -> None:
        status = self.model.save_status
        role = "alert" if "could not" in status else "status"
        self._saved.value = f"<p role='{role}'><i>{html.escape(status)}</i></p>" if status else ""

    def _show_kept(self, _change: Any = None) -> None:
        if not self.model.kept:
            self._kept.value = ""
            return
        items = "".join(
            f"<li>{html.escape(r.goal)} ({6 - len(r.unmet())} of 6 criteria met)</li>"
            for r in self.model.kept
        )
        self._kept.value = f"<p><b>My goals</b></p><ol>{items}</ol>"

