"""Writing the formulation from the trainee's notes, in words to offer the client."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import Annotated

import yaml
from pydantic import ConfigDict, StrictStr

from ipt_course.kit.saved import whole_number
from ipt_course.kit.vocabulary import ProblemAreaId
from ipt_course.tools.problem_area.rules import PROBLEM_AREAS

FIELD_LABELS = {
    "client_name": "Client's first name",
    "diagnosis": "Diagnosis in plain words",
    "symptoms": "Main symptoms",
    "onset": "When it began",
    "onset_events": "What happened with people then",
    "problem_area": "Problem area",
    "people": "Who is involved",
    "link": "Link between mood and problem",
    "second_area": "Second problem area (optional)",
    "sessions": "Number of weekly sessions",
}
SESSION_RANGE = (1, 40)
OPTIONAL_FIELDS = ("second_area", "sessions")



@dataclass(frozen=True)
class Wording:
    """The formulation's wording for the client, from data/wording.yaml."""

    explain: dict[str, str]
    focus: dict[str, str]
    as_second: dict[str, str]
    blaming_words: tuple[str, ...]
    jargon_words: tuple[str, ...]
    sentence_starts: frozenset[str]


@cache
def wording() -> Wording:
    """The packaged wording."""
    text = resources.files("ipt_course.tools.formulation").joinpath(
        "data", "wording.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    areas = data["areas"]
    return Wording(
        explain={area: " ".join(w["explain"].split()) for area, w in areas.items()},
        focus={area: " ".join(w["focus"].split()) for area, w in areas.items()},
        as_second={area: w["as_second"] for area, w in areas.items()},
        blaming_words=tuple(data["blaming_words"]),
        jargon_words=tuple(data["jargon_words"]),
        sentence_starts=frozenset(data["sentence_starts"]),
    )


class FormulationError(ValueError):
    """The formulation cannot be written: ``missing`` lists the labels of empty fields."""

    def __init__(self, missing: list[str], problems: list[str] | None = None) -> None:
        self.missing = missing
        self.problems = problems or []
        parts = []
        if missing:
            parts.append("Please fill in: " + ", ".join(missing) + ".")
        parts.extend(self.problems)
        super().__init__(" ".join(parts))


@dataclass
class FormulationFields:
    """The trainee's notes for a formulation (all plain text, in the trainee's words).

    Making one checks nothing (:func:`write_formulation` says what is missing); a saved file is
    checked against the types below.
    """

    __pydantic_config__ = ConfigDict(extra="forbid")

    client_name: StrictStr = ""
    diagnosis: StrictStr = "depression"
    symptoms: StrictStr = ""
    onset: StrictStr = ""
    onset_events: StrictStr = ""
    problem_area: ProblemAreaId = ""
    people: StrictStr = ""
    link: StrictStr = ""
    second_area: ProblemAreaId = ""
    sessions: Annotated[int, whole_number(*SESSION_RANGE)] = 16


def _clean(text: str) -> str:
    """Collapse spaces and drop a trailing full stop, so the text can sit inside a sentence."""
    return " ".join(str(text or "").split()).rstrip(" .")


def _lower_first(text: str) -> str:
    """Lower-case a leading everyday word ('Your mum...') but never a name ('Nadia...')."""
    first, _, rest = text.partition(" ")
    if first.lower() in wording().sentence_starts:
        return first.lower() + (" " + rest if rest else "")
    return text


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def split_symptoms(text: str) -> list[str]:
    """Split symptoms written one per line, or separated by commas or semicolons."""
    parts = re.split(r"[\n,;]+", text or "")
    items = [_clean(p) for p in parts]
    items = [re.sub(r"^(and|or)\s+", "", item, flags=re.IGNORECASE) for item in items]
    return [_lower_symptom(item) for item in items if item]


def _lower_symptom(item: str) -> str:
    first = item.split(" ", 1)[0]
    return item[0].lower() + item[1:] if len(first) > 1 and first.istitle() else item


def missing_fields(notes: FormulationFields) -> list[str]:
    """Return the labels of required fields left empty."""
    missing = []
    for f in fields(notes):
        if f.name in OPTIONAL_FIELDS:
            continue
        if f.name == "people" and notes.problem_area == "interpersonal_sensitivities":
            continue
        if not _clean(getattr(notes, f.name)):
            missing.append(FIELD_LABELS[f.name])
    return missing


def formulation_warnings(notes: FormulationFields) -> list[str]:
    """Gentle warnings: blaming words, jargon, pairing sensitivities with an acute area."""
    warnings = []
    text = " ".join(str(getattr(notes, f.name) or "") for f in fields(notes)).lower()
    blaming = [w for w in wording().blaming_words if w in text]
    if blaming:
        warnings.append(
            "Some words may sound blaming to the client (" + ", ".join(blaming) + "). The "
            "formulation puts the problem in the illness and the situation, not in the person."
        )
    jargon = [w for w in wording().jargon_words if re.search(rf"\b{re.escape(w)}", text)]
    if jargon:
        warnings.append("Technical terms the client may not know: " + ", ".join(jargon) + ".")
    if "depress" not in notes.diagnosis.lower():
        warnings.append(
            "The diagnosis does not mention depression. IPT names the illness plainly "
            "(e.g. 'depression', 'postnatal depression') so that the client can take the sick role."
        )
    areas = {notes.problem_area, notes.second_area}
    if notes.second_area and "interpersonal_sensitivities" in areas:
        warnings.append(
            "Sensitivities is the focus of last resort and is not paired with an acute problem "
            "area; think of it as colouring the work instead."
        )
    return warnings


def write_formulation(notes: FormulationFields) -> str:
    """Return the formulation to offer the client, ending with a check for agreement.

    Raises FormulationError listing the empty fields (by their labels) or invalid choices.
    """
    missing = missing_fields(notes)
    problems = []
    if notes.problem_area and notes.problem_area not in PROBLEM_AREAS:
        problems.append(f"Problem area: expected one of {', '.join(PROBLEM_AREAS)}.")
    if notes.second_area and notes.second_area not in PROBLEM_AREAS:
        problems.append(f"Second problem area: expected one of {', '.join(PROBLEM_AREAS)}.")
    if notes.second_area and notes.second_area == notes.problem_area:
        problems.append("Second problem area: choose a different area from the first, or none.")
    sessions = notes.sessions
    if isinstance(sessions, bool) or not isinstance(sessions, int) or not 1 <= sessions <= 40:
        problems.append(
            f"Number of weekly sessions: expected a whole number from 1 to 40, got {sessions!r}."
        )
    if missing or problems:
        raise FormulationError(missing, problems)

    name = _clean(notes.client_name)
    diagnosis = _clean(notes.diagnosis)
    people = _clean(notes.people) or "the people around you"
    words = wording()
    area_text, focus = words.explain[notes.problem_area], words.focus[notes.problem_area]
    events = _lower_first(_clean(notes.onset_events))
    link = _lower_first(_clean(notes.link))
    symptom_list = split_symptoms(notes.symptoms)
    these = "these are" if len(symptom_list) > 1 else "this is"

    paragraphs = [
        f"{name}, from everything you have told me, I think you have been going through "
        f"{diagnosis}. You have described {_join(symptom_list)}: {these} part of the illness. "
        f"{diagnosis[0].upper() + diagnosis[1:]} is a common illness, and it can be treated. "
        "It is not your fault, and it is not a sign of weakness.",
        f"It began {_clean(notes.onset)}, when {events}. Depression and what happens "
        "in our relationships often go hand in hand: troubles with people can lower our mood, "
        "and low mood makes those relationships harder to manage.",
        area_text.format(people=people) + f" You have noticed that {link}.",
    ]
    proposal = (
        f"What I suggest is that, over our {sessions} weekly sessions, we concentrate on "
        f"{focus.format(people=people)}"
    )
    if notes.second_area:
        proposal += ", and also on " + words.as_second[notes.second_area].format(people=people)
    paragraphs.append(proposal + ". As that gets easier, we would expect your mood to lift too.")
    paragraphs.append(
        "Does that fit with how you see it? Is there anything I have missed, or anything you "
        "would change?"
    )
    return "\n\n".join(paragraphs)
