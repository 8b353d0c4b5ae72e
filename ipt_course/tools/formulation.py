"""Choosing the problem area and wording the formulation (Day 2).

``ProblemAreaAid()`` is a decision aid: questions from the inventory and timeline lead to a
suggested problem area, with reasons, and the trainee's choice is checked against the rules
(one focus, at most two; sensitivities only when there is no acute life event).
``FormulationBuilder(save_path="my-formulation.json")`` turns the trainee's notes into words to
offer the client. Every change to the notes and to the edited wording is saved at once, and the
saved file is loaded again when the notebook is re-run or the kernel restarts.
"""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.saved import SavedWork, read_saved_document
from ipt_course.kit.widgets import make_readable, tidy_layout

PROBLEM_AREAS = {
    "grief": "Grief",
    "role_dispute": "Role dispute",
    "role_transition": "Role transition",
    "interpersonal_sensitivities": "Interpersonal sensitivities (deficits)",
}
ACUTE_AREAS = ("grief", "role_dispute", "role_transition")
FILE_KIND = "ipt-formulation"
FILE_FORMAT = 1
SESSION_RANGE = (1, 40)
ANSWER_LABELS = {"yes": "Yes", "no": "No", "unsure": "Not sure yet"}


@dataclass(frozen=True)
class Question:
    """One question of the decision aid, and the problem area a 'yes' points to."""

    id: str
    text: str
    area: str
    reason: str
    find_out: str


QUESTIONS = (
    Question(
        "death",
        "Did someone important to the client die around the time the depression began or "
        "got worse?",
        "grief",
        "A death of someone important is linked in time to the onset.",
        "Go back to the timeline: who died, when, and how has the client grieved since?",
    ),
    Question(
        "dispute",
        "Is there a dispute with a significant other in which each expects something different "
        "of the other (non-reciprocal expectations), and does the client's mood move with it?",
        "role_dispute",
        "A disagreement with someone who matters, with expectations that do not match, is "
        "linked to the mood.",
        "Ask what each person expects of the other, and what happens to the mood after a row.",
    ),
    Question(
        "change",
        "Did a life change alter the client's role around the onset (a move, a new baby, a new "
        "or lost job, retirement, becoming a carer, an illness, a separation)?",
        "role_transition",
        "A change of role came shortly before the depression began.",
        "Ask what changed, what was lost with the old role and what the new one demands.",
    ),
    Question(
        "isolation",
        "Does the client describe long-standing isolation or sensitivity: few close "
        "relationships, or relationships that repeatedly fail to start or to last?",
        "interpersonal_sensitivities",
        "No acute life event is linked to the onset, and there is a long-standing pattern of "
        "isolation or of relationships that do not last.",
        "Use the inventory: how many close relationships are there, and what usually happens "
        "to them?",
    ),
)
QUESTION_BY_ID = {q.id: q for q in QUESTIONS}
ACUTE_QUESTIONS = ("death", "dispute", "change")


@dataclass
class Suggestion:
    """A suggested problem area and the reason for it."""

    area: str
    reason: str

    @property
    def label(self) -> str:
        """The problem area's name as trainees read it."""
        return PROBLEM_AREAS[self.area]


@dataclass
class Advice:
    """What the decision aid suggests: areas with reasons, and notes on what to do next."""

    suggestions: list[Suggestion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Check:
    """One finding about the trainee's chosen problem areas: level is ok, warning or error."""

    level: str
    text: str


def _answer(answers: dict[str, str], question_id: str) -> str:
    value = answers.get(question_id) or ""
    if value and value not in ANSWER_LABELS:
        raise ValueError(f"{question_id}: expected one of yes, no, unsure; got {value!r}.")
    return value


def suggest_problem_areas(answers: dict[str, str]) -> Advice:
    """Suggest problem areas from answers ('yes', 'no', 'unsure' or '' for unanswered).

    Rules: each 'yes' to a death, a dispute or a life change suggests grief, role dispute or
    role transition. Sensitivities is suggested only when all three are 'no' and isolation is
    'yes' (the focus of last resort). More than two suggestions prompt the trainee to narrow.
    """
    advice = Advice()
    acute = {qid: _answer(answers, qid) for qid in ACUTE_QUESTIONS}
    isolation = _answer(answers, "isolation")
    for qid, value in acute.items():
        question = QUESTION_BY_ID[qid]
        if value == "yes":
            advice.suggestions.append(Suggestion(question.area, question.reason))
        elif value == "unsure":
            advice.notes.append(
                f"Not sure about {PROBLEM_AREAS[question.area].lower()} yet. {question.find_out}"
            )
    unanswered = [
        QUESTION_BY_ID[q].area for q, v in {**acute, "isolation": isolation}.items() if not v
    ]
    if unanswered:
        names = ", ".join(PROBLEM_AREAS[a].lower() for a in unanswered)
        advice.notes.append(f"Still to answer: the question(s) about {names}.")

    any_acute = any(v == "yes" for v in acute.values())
    all_acute_ruled_out = all(v == "no" for v in acute.values())
    if isolation == "yes":
        if all_acute_ruled_out:
            question = QUESTION_BY_ID["isolation"]
            advice.suggestions.append(Suggestion(question.area, question.reason))
            advice.notes.append(
                "Sensitivities is the focus of last resort: it fits here because there is no "
                "acute life event to work on. Plan to use the therapeutic relationship and to "
                "build new relationships."
            )
        elif any_acute:
            advice.notes.append(
                "The long-standing sensitivity will colour the work, but it is not the focus: "
                "while there is an acute life event, work on that problem area instead."
            )
        else:
            advice.notes.append(
                "Sensitivities can be considered only once a death, a dispute and a life change "
                "have all been ruled out; find out more first."
            )
    elif isolation == "unsure":
        advice.notes.append(
            f"Not sure about sensitivities yet. {QUESTION_BY_ID['isolation'].find_out}"
        )

    if len(advice.suggestions) > 2:
        advice.notes.append(
            "More than two areas fit. Agree one focus (two at most) with the client: the one "
            "most closely linked to the onset and that matters most to them."
        )
    answered_all = not unanswered and "unsure" not in (*acute.values(), isolation)
    if answered_all and not advice.suggestions:
        advice.notes.append(
            "None of the problem areas fits yet. Go back over the timeline and the inventory, "
            "and talk to your supervisor about whether IPT is the right treatment for this client."
        )
    return advice


def check_choice(answers: dict[str, str], chosen: list[str]) -> list[Check]:
    """Check the problem areas the trainee has chosen against the answers and IPT's rules."""
    unknown = [a for a in chosen if a not in PROBLEM_AREAS]
    if unknown:
        raise ValueError(f"Unknown problem area(s): {', '.join(unknown)}.")
    if not chosen:
        return [Check("warning", "Choose the problem area to focus on (one, or at most two).")]
    checks: list[Check] = []
    if len(chosen) > 2:
        checks.append(
            Check(
                "warning",
                f"You have chosen {len(chosen)} problem areas. IPT keeps to one focus, two at "
                "most, so that 12-16 sessions are enough to make a difference. Choose the one "
                "most closely linked to the onset.",
            )
        )
    acute_answers = [_answer(answers, q) for q in ACUTE_QUESTIONS]
    if "interpersonal_sensitivities" in chosen:
        if "yes" in acute_answers:
            checks.append(
                Check(
                    "error",
                    "Sensitivities is the focus of last resort: your answers show an acute "
                    "life event (a death, a dispute or a life change). Work on that problem "
                    "area instead.",
                )
            )
        elif "unsure" in acute_answers or "" in acute_answers:
            checks.append(
                Check(
                    "warning",
                    "Sensitivities is the focus of last resort: first make sure there is no death, "
                    "dispute or life change linked to the onset.",
                )
            )
    for area in chosen:
        question = next(q for q in QUESTIONS if q.area == area)
        if _answer(answers, question.id) == "no":
            checks.append(
                Check(
                    "warning",
                    f"You chose {PROBLEM_AREAS[area].lower()}, but you answered 'no' to the "
                    f"question that points to it. What in the inventory or timeline supports it?",
                )
            )
    if len(chosen) <= 2 and not any(c.level == "error" for c in checks):
        names = " and ".join(PROBLEM_AREAS[a].lower() for a in chosen)
        checks.append(
            Check(
                "ok",
                f"Focus: {names}. Next, put the formulation to the client in plain words and check "
                "that they agree with it.",
            )
        )
    return checks


class ProblemAreaModel(traitlets.HasTraits):
    """State of the decision aid: the answers and the chosen areas. No widgets."""

    answers = traitlets.Dict()
    chosen = traitlets.List(traitlets.Unicode())

    def advice(self) -> Advice:
        """Suggestions and notes for the current answers."""
        return suggest_problem_areas(dict(self.answers))

    def checks(self) -> list[Check]:
        """Findings about the current choice."""
        return check_choice(dict(self.answers), list(self.chosen))


def _advice_html(advice: Advice) -> str:
    parts = []
    if advice.suggestions:
        items = "".join(
            f"<li><b>{html.escape(s.label)}</b>: {html.escape(s.reason)}</li>"
            for s in advice.suggestions
        )
        parts.append(f"<p>Suggested problem area(s):</p><ul>{items}</ul>")
    else:
        parts.append("<p>No problem area can be suggested yet.</p>")
    if advice.notes:
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in advice.notes)
        parts.append(f"<p>Notes:</p><ul>{notes}</ul>")
    return "".join(parts)


CHECK_MARKS = {"ok": "✓ Fine", "warning": "! Think again", "error": "✗ Not allowed"}


def _checks_html(checks: list[Check]) -> str:
    items = "".join(
        f"<li><b>{CHECK_MARKS[c.level]}:</b> {html.escape(c.text)}</li>" for c in checks
    )
    return f"<ul>{items}</ul>"


class ProblemAreaAid(widgets.VBox):
    """Decision aid: answer four questions, see the suggested problem area, check a choice."""

    def __init__(self) -> None:
        self.model = ProblemAreaModel()
        self._questions = {}
        rows = []
        for question in QUESTIONS:
            buttons = widgets.ToggleButtons(
                options=[(label, value) for value, label in ANSWER_LABELS.items()],
                value=None,
                style={"button_width": "8em"},
            )
            buttons.observe(self._on_answer, names="value")
            self._questions[question.id] = buttons
            rows.append(widgets.HTML(f"<p><b>{html.escape(question.text)}</b></p>"))
            rows.append(buttons)
        self._suggest = widgets.Button(
            description="Suggest a problem area", button_style="primary", icon="lightbulb-o"
        )
        self._advice = widgets.HTML()
        self._choices = {
            area: widgets.Checkbox(description=label, indent=False)
            for area, label in PROBLEM_AREAS.items()
        }
        self._check = widgets.Button(description="Check my choice", icon="check")
        self._result = widgets.HTML()
        intro = widgets.HTML(
            "<p>Answer from what you have learned in the timeline and the inventory. The aid "
            "suggests a problem area and explains why; the decision stays yours and the "
            "client's.</p>"
        )
        super().__init__(
            [
                intro,
                *rows,
                self._suggest,
                self._advice,
                widgets.HTML("<p><b>Which problem area(s) will you propose to the client?</b></p>"),
                *self._choices.values(),
                self._check,
                self._result,
            ]
        )
        self.add_class("ipt-problem-area-aid")
        make_readable(self)
        tidy_layout(self)
        for box in self._choices.values():
            box.observe(self._on_choose, names="value")
        self._suggest.on_click(self._on_suggest)
        self._check.on_click(self._on_check)

    def _on_answer(self, _change: Any) -> None:
        self.model.answers = {qid: w.value or "" for qid, w in self._questions.items()}

    def _on_choose(self, _change: Any) -> None:
        self.model.chosen = [area for area, box in self._choices.items() if box.value]

    def _on_suggest(self, _button: Any) -> None:
        self._advice.value = _advice_html(self.model.advice())

    def _on_check(self, _button: Any) -> None:
        self._result.value = _checks_html(self.model.checks())


# -- the formulation ----------------------------------------------------------------------

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
OPTIONAL_FIELDS = ("second_area", "sessions")

AREA_WORDING = {
    "grief": (
        "Much of this seems to be tied to the death of {people}, and to how hard it has been "
        "to grieve. In IPT we call this focus grief.",
        "remembering {people}, making sense of the loss and, in time, reconnecting with the "
        "people and activities that matter to you",
    ),
    "role_dispute": (
        "Much of this seems to centre on your relationship with {people}: you each seem to "
        "want different things from the other, and that has not been settled. In IPT we call "
        "this a role dispute.",
        "the disagreement with {people}: what each of you wants, and new ways of talking it "
        "through",
    ),
    "role_transition": (
        "Much of this seems to follow a big change in your life, which has affected you and "
        "{people}. A change like this means losing parts of the old way of life and learning a "
        "new one, which takes time and support. In IPT we call this a role transition.",
        "this change: what you have lost, what the new situation asks of you, and the support "
        "you need from {people} and others",
    ),
    "interpersonal_sensitivities": (
        "For a long time it seems to have been hard to find and keep the kind of close "
        "relationships that would support you, and being on your own so much has fed the "
        "depression. In IPT we call this interpersonal sensitivity.",
        "building relationships that give you more support, starting with {people}",
    ),
}
SECOND_AREA_PHRASE = {
    "grief": "the loss of {people}",
    "role_dispute": "the disagreement with {people}",
    "role_transition": "the change you are going through",
    "interpersonal_sensitivities": "finding more people to lean on",
}
BLAMING_WORDS = (
    "your fault",
    "you should",
    "should have",
    "lazy",
    "weak",
    "overreact",
    "attention seeking",
    "attention-seeking",
    "failure",
    "failed",
    "refuse",
    "manipulat",
    "can't cope",
    "neurotic",
    "personality disorder",
    "difficult patient",
)
JARGON_WORDS = (
    "non-reciprocal",
    "deficit",
    "interpersonal inventory",
    "affect",
    "dysthymi",
    "anhedonia",
    "psychomotor",
    "comorbid",
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
    """The trainee's notes for a formulation (all plain text, in the trainee's words)."""

    client_name: str = ""
    diagnosis: str = "depression"
    symptoms: str = ""
    onset: str = ""
    onset_events: str = ""
    problem_area: str = ""
    people: str = ""
    link: str = ""
    second_area: str = ""
    sessions: int = 16


def _clean(text: str) -> str:
    """Collapse spaces and drop a trailing full stop, so the text can sit inside a sentence."""
    return " ".join(str(text or "").split()).rstrip(" .")


SENTENCE_STARTS = {
    "a",
    "after",
    "an",
    "as",
    "before",
    "each",
    "every",
    "he",
    "her",
    "his",
    "it",
    "my",
    "she",
    "since",
    "the",
    "their",
    "they",
    "we",
    "when",
    "whenever",
    "you",
    "your",
}


def _lower_first(text: str) -> str:
    """Lower-case a leading everyday word ('Your mum...') but never a name ('Nadia...')."""
    first, _, rest = text.partition(" ")
    if first.lower() in SENTENCE_STARTS:
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
    blaming = [w for w in BLAMING_WORDS if w in text]
    if blaming:
        warnings.append(
            "Some words may sound blaming to the client (" + ", ".join(blaming) + "). The "
            "formulation puts the problem in the illness and the situation, not in the person."
        )
    jargon = [w for w in JARGON_WORDS if re.search(rf"\b{re.escape(w)}", text)]
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
    area_text, focus = AREA_WORDING[notes.problem_area]
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
        proposal += ", and also on " + SECOND_AREA_PHRASE[notes.second_area].format(people=people)
    paragraphs.append(proposal + ". As that gets easier, we would expect your mood to lift too.")
    paragraphs.append(
        "Does that fit with how you see it? Is there anything I have missed, or anything you "
        "would change?"
    )
    return "\n\n".join(paragraphs)


class FormulationFileError(ValueError):
    """A saved formulation file cannot be read; the message names the key path and the problem."""


def _check_sessions(value: Any, where: str) -> int:
    low, high = SESSION_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise FormulationFileError(f"{where}: expected a whole number from {low} to {high}.")
    return value


def notes_from_dict(data: Any, where: str = "notes") -> FormulationFields:
    """Build FormulationFields from a saved mapping; errors name the key, e.g. notes.onset."""
    if not isinstance(data, dict):
        raise FormulationFileError(f"{where}: expected the formulation notes as a mapping.")
    known = {f.name for f in fields(FormulationFields)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise FormulationFileError(f"{where}.{unknown[0]}: not a formulation field.")
    notes = FormulationFields()
    for key, value in data.items():
        if key == "sessions":
            value = _check_sessions(value, f"{where}.sessions")
        elif not isinstance(value, str):
            raise FormulationFileError(f"{where}.{key}: expected text.")
        elif key in ("problem_area", "second_area") and value and value not in PROBLEM_AREAS:
            raise FormulationFileError(
                f"{where}.{key}: expected one of {', '.join(PROBLEM_AREAS)}, got {value!r}."
            )
        setattr(notes, key, value)
    return notes


def parse_formulation_file(path: Path) -> tuple[FormulationFields, str, str]:
    """Read a saved formulation: (notes, draft, edited wording); raise FormulationFileError."""
    data = read_saved_document(path, FILE_KIND, FILE_FORMAT, "a formulation file",
                               FormulationFileError)
    notes = notes_from_dict(data.get("notes", {}))
    texts = []
    for key in ("draft", "edited"):
        value = data.get(key, "")
        if not isinstance(value, str):
            raise FormulationFileError(f"{key}: expected text.")
        texts.append(value)
    return notes, texts[0], texts[1]


class FormulationModel(SavedWork, traitlets.HasTraits):
    """State of the formulation builder: notes, draft, edited wording and saving. No widgets.

    ``text`` is the latest draft the tool wrote; ``edited`` is the trainee's own wording of it.
    With a ``save_path``, every change is saved at once and the file is reloaded on creation.
    """

    work_name = "formulation"
    unsaved_name = "notes"
    fresh_start = "a new empty formulation"

    text = traitlets.Unicode("")
    edited = traitlets.Unicode("")
    error = traitlets.Unicode("")
    warnings = traitlets.List(traitlets.Unicode())
    save_status = traitlets.Unicode("")

    def __init__(
        self, save_path: str | Path | None = "my-formulation.json", **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.notes = FormulationFields()
        self.save_path = Path(save_path) if save_path else None
        if self.save_path is None:
            return
        if self.save_path.exists():
            self.reload()
        else:
            self.save_status = (
                f"Your notes will be saved in {self.save_path.name}, beside this notebook, as "
                "you type."
            )

    def set_note(self, key: str, value: Any) -> None:
        """Change one field of the notes and save."""
        if key not in FIELD_LABELS:
            raise KeyError(f"{key}: not a formulation field.")
        setattr(self.notes, key, value)
        self.autosave()

    def set_edited(self, text: str) -> None:
        """Keep the trainee's own wording of the formulation and save it."""
        if text != self.edited:
            self.edited = text
            self.autosave()

    def build(self) -> str:
        """Write the formulation from ``notes``; on failure set ``error`` and clear ``text``.

        The edited wording follows the new draft only while the trainee has not changed it;
        otherwise their own wording is kept as it is.
        """
        self.warnings = formulation_warnings(self.notes)
        previous = self.text
        try:
            self.text = write_formulation(self.notes)
        except FormulationError as error:
            self.text = ""
            self.error = str(error)
            self.autosave()
            return ""
        self.error = ""
        if not self.edited.strip() or self.edited == previous:
            self.edited = self.text
        self.autosave()
        return self.text

    def edits_kept(self) -> bool:
        """True when the trainee's own wording differs from the latest draft."""
        return bool(self.text) and bool(self.edited.strip()) and self.edited != self.text

    def to_document(self) -> dict[str, Any]:
        """The notes, draft and edited wording in their saved form."""
        return {
            "kind": FILE_KIND,
            "format": FILE_FORMAT,
            "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "notes": asdict(self.notes),
            "draft": self.text,
            "edited": self.edited,
        }

    def reload(self) -> None:
        """Load ``save_path``. An unreadable file is renamed and kept, never deleted."""
        assert self.save_path is not None
        name = self.save_path.name
        try:
            self.notes, self.text, self.edited = parse_formulation_file(self.save_path)
        except (FormulationFileError, OSError) as error:
            self._set_aside(error)
            return
        if self.text:
            self.warnings = formulation_warnings(self.notes)
        self.save_status = f"Loaded your saved formulation notes from {name}."


FIELD_HINTS = {
    "client_name": "e.g. Nadia",
    "diagnosis": "e.g. depression",
    "symptoms": "one per line, e.g. low mood, poor sleep, tearfulness",
    "onset": "e.g. about four months ago",
    "onset_events": "e.g. Rokeya moved in and Imran went on to night shifts",
    "people": "e.g. Imran",
    "link": "e.g. after a row with Imran you go quiet for days and feel lower",
}


class FormulationBuilder(widgets.VBox):
    """Write an interpersonal formulation from the trainee's notes, in words for the client.

    Notes and the edited wording are saved to ``save_path`` (beside the notebook) as they change.
    """

    def __init__(self, save_path: str | Path | None = "my-formulation.json") -> None:
        self.model = FormulationModel(save_path=save_path)
        self._fields: dict[str, Any] = {}
        wide = widgets.Layout(width="95%")
        style = {"description_width": "18em"}
        for key, hint in FIELD_HINTS.items():
            multiline = key in ("symptoms", "onset_events", "link")
            factory = widgets.Textarea if multiline else widgets.Text
            control = factory(
                description=FIELD_LABELS[key], placeholder=hint, layout=wide, style=style
            )
            self._fields[key] = control
        area_options = [("(choose)", ""), *[(label, a) for a, label in PROBLEM_AREAS.items()]]
        self._fields["problem_area"] = widgets.Dropdown(
            description=FIELD_LABELS["problem_area"], options=area_options, style=style
        )
        self._fields["second_area"] = widgets.Dropdown(
            description=FIELD_LABELS["second_area"],
            options=[("(none)", ""), *area_options[1:]],
            style=style,
        )
        self._fields["sessions"] = widgets.BoundedIntText(
            description=FIELD_LABELS["sessions"], value=16, min=1, max=40, style=style
        )
        order = [
            "client_name",
            "diagnosis",
            "symptoms",
            "onset",
            "onset_events",
            "problem_area",
            "second_area",
            "people",
            "link",
            "sessions",
        ]
        self._write = widgets.Button(
            description="Write the formulation", button_style="primary", icon="pencil"
        )
        self._output = widgets.HTML()
        self._saved = widgets.HTML()
        self._editable = widgets.Textarea(
            description="Edit into your own words",
            rows=12,
            layout=widgets.Layout(width="95%", display="none"),
            style={"description_width": "18em"},
        )
        intro = widgets.HTML(
            "<p>Fill in your notes in plain words. The tool drafts what you might say to the "
            "client; change it to suit your own voice, then check that the client agrees.</p>"
        )
        super().__init__(
            [
                intro,
                self._saved,
                *[self._fields[k] for k in order],
                self._write,
                self._output,
                self._editable,
            ]
        )
        self.add_class("ipt-formulation")
        make_readable(self)
        tidy_layout(self)
        for key, control in self._fields.items():
            control.value = getattr(self.model.notes, key)
            control.observe(self._sync(key), names="value")
        self._editable.observe(self._on_edit, names="value")
        self.model.observe(self._show_edited, names="edited")
        self.model.observe(self._show_saved, names="save_status")
        self._write.on_click(self._on_write)
        self._show_saved()
        self._show_edited()
        if self.model.text:
            self._show_draft()

    def _sync(self, key: str) -> Any:
        def update(change: dict[str, Any]) -> None:
            self.model.set_note(key, change["new"] or "")

        return update

    def _on_edit(self, change: dict[str, Any]) -> None:
        self.model.set_edited(change["new"])

    def _show_edited(self, _change: Any = None) -> None:
        self._editable.value = self.model.edited
        self._editable.layout.display = None if self.model.edited else "none"

    def _show_saved(self, _change: Any = None) -> None:
        status = self.model.save_status
        role = "alert" if "could not" in status else "status"
        self._saved.value = f"<p role='{role}'><i>{html.escape(status)}</i></p>" if status else ""

    def _warnings_html(self) -> str:
        warnings = "".join(f"<li>{html.escape(w)}</li>" for w in self.model.warnings)
        return f"<p><b>Things to think about:</b></p><ul>{warnings}</ul>" if warnings else ""

    def _show_draft(self) -> None:
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in self.model.text.split("\n\n"))
        kept = ""
        if self.model.edits_kept():
            kept = (
                "<p><b>Your own wording below has been kept as it was.</b> Copy from this new "
                "draft anything you want to use.</p>"
            )
        self._output.value = (
            "<div style='border-left: 4px solid #1F3A5F; padding-left: 1em'>"
            f"{paragraphs}</div>{kept}{self._warnings_html()}"
        )

    def _on_write(self, _button: Any) -> None:
        if not self.model.build():
            self._output.value = (
                f"<p role='alert'><b>Not yet:</b> {html.escape(self.model.error)}</p>"
                f"{self._warnings_html()}"
            )
            return
        self._show_draft()
