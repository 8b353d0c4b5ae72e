"""The problem-area decision aid's rules: questions, suggestions and checks of a choice."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, field_validator

from ipt_course.kit.vocabulary import acute_areas, problem_areas

PROBLEM_AREAS = problem_areas()
ACUTE_AREAS = acute_areas()

ANSWER_LABELS = {"yes": "Yes", "no": "No", "unsure": "Not sure yet"}


class Question(BaseModel):
    """One question of the decision aid, and the problem area a 'yes' points to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str
    area: str
    reason: str
    find_out: str

    @field_validator("area")
    @classmethod
    def _known_area(cls, area: str) -> str:
        if area not in PROBLEM_AREAS:
            raise ValueError(f"expected one of {', '.join(PROBLEM_AREAS)}, got {area!r}")
        return area


def load_questions() -> tuple[Question, ...]:
    """The decision aid's questions, from data/questions.yaml."""
    text = resources.files("ipt_course.tools.problem_area").joinpath(
        "data", "questions.yaml").read_text("utf-8")
    return tuple(Question.model_validate(q) for q in yaml.safe_load(text)["questions"])


QUESTIONS = load_questions()
QUESTION_BY_ID = {q.id: q for q in QUESTIONS}
ACUTE_QUESTIONS = tuple(q.id for q in QUESTIONS if q.area in ACUTE_AREAS)


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
