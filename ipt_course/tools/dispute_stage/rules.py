"""Placing a role dispute: safety first, then four answers that suggest a stage with reasons.

The rules are few and written so a trainer can explain every suggestion:

1. Safety comes first. Until the client has been asked in private and there is no abuse or
   coercive control, no stage is suggested: with abuse, safety planning comes first; not yet
   asked, the aid says to ask.
2. All four questions must be answered (yes, no or not sure) before a stage is suggested.
3. One of them has decided to end it: dissolution, whatever else is true.
4. Not sure whether either has decided to end it: no stage until that is found out.
5. Both "still talking" and "talking has stopped": the answers contradict each other.
6. Talking has stopped with resentment underneath: impasse.
7. Still talking and still hoping: renegotiation.
8. Anything else: no stage, with notes on what to find out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ipt_course.kit.vocabulary import dispute_stages, vocabulary
from ipt_course.tools.dispute_stage.guide import QUESTION_IDS, SAFETY_ANSWERS, guide

ANSWER_LABELS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
Outcome = Literal["start", "safety", "ask", "stage", "none"]


def stage_labels() -> dict[str, str]:
    """Dispute stage id -> its name, e.g. 'impasse' -> 'Impasse'."""
    return {stage.id: stage.label for stage in vocabulary().dispute_stages}


@dataclass(frozen=True)
class Staging:
    """What the aid makes of the answers.

    ``outcome`` is ``start`` (safety not answered), ``safety`` (abuse or coercive control:
    safety first), ``ask`` (safety not asked yet), ``stage`` (``stage`` holds the suggested
    stage id) or ``none`` (no stage can be suggested yet). ``reasons`` say why a stage fits;
    ``notes`` what is missing, unsure or contradictory.
    """

    outcome: Outcome
    stage: str = ""
    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def stage_label(self) -> str:
        """The suggested stage's name ('' when there is none)."""
        return stage_labels().get(self.stage, "")


def _check(safety: str, answers: dict[str, str]) -> None:
    if safety and safety not in SAFETY_ANSWERS:
        raise ValueError(f"safety: expected one of {', '.join(SAFETY_ANSWERS)}, got {safety!r}.")
    for key, value in answers.items():
        if key not in QUESTION_IDS:
            raise ValueError(f"answers: unknown question {key!r}.")
        if value and value not in ANSWER_LABELS:
            raise ValueError(f"answers.{key}: expected yes, no or unsure, got {value!r}.")


def _reason(question_id: str, answer: str) -> str:
    question = guide().question(question_id)
    return question.if_yes if answer == "yes" else question.if_no


def _unsure_notes(answers: dict[str, str], skip: tuple[str, ...] = ()) -> list[str]:
    notes = guide().notes
    return [notes.unsure.format(short=q.short.rstrip("?"), find_out=q.find_out)
            for q in guide().questions if answers.get(q.id) == "unsure" and q.id not in skip]


def stage_dispute(safety: str, answers: dict[str, str]) -> Staging:
    """Apply the rules above to the safety answer and the four staging answers.

    ``safety`` is ``none``, ``present``, ``not_asked`` or '' (unanswered); ``answers`` maps
    question ids to ``yes``, ``no`` or ``unsure`` (a missing or empty answer is unanswered).
    """
    _check(safety, answers)
    notes = guide().notes
    if not safety:
        return Staging("start", notes=(notes.start,))
    if safety == "present":
        return Staging("safety")
    if safety == "not_asked":
        return Staging("ask")
    missing = [q.short for q in guide().questions if not answers.get(q.id)]
    if missing:
        return Staging("none", notes=(notes.unanswered.format(questions=", ".join(missing)),))
    talking, hope, ended, silent = (answers[q] for q in QUESTION_IDS)
    if ended == "yes":
        extra = [notes.dissolution_still_talking] if "yes" in (talking, hope) else []
        return Staging("stage", "dissolution", (_reason("ended", "yes"),), tuple(extra))
    if ended == "unsure":
        find_out = guide().question("ended").find_out
        return Staging("none", notes=(notes.ended_unsure.format(find_out=find_out),
                                      *_unsure_notes(answers, skip=("ended",))))
    if talking == "yes" and silent == "yes":
        return Staging("none", notes=(notes.contradiction, *_unsure_notes(answers)))
    if silent == "yes":
        extra = {"yes": [notes.impasse_hope], "no": [notes.impasse_no_hope]}.get(hope, [])
        return Staging("stage", "impasse", (_reason("silent", "yes"), _reason("ended", "no")),
                       (*extra, *_unsure_notes(answers)))
    if talking == "yes" and hope == "yes":
        reasons = (_reason("talking", "yes"), _reason("hope", "yes"), _reason("ended", "no"))
        return Staging("stage", "renegotiation", reasons, tuple(_unsure_notes(answers)))
    found = _unsure_notes(answers)
    if talking == "yes" and hope == "no":
        found.insert(0, notes.talking_without_hope)
    if talking == "no" and silent == "no":
        found.insert(0, notes.quiet_without_resentment)
    return Staging("none", notes=tuple(found))


def judgement_note(judgement: str, staging: Staging) -> str:
    """What the aid says about the trainee's own judgement ('' when there is nothing to say).

    ``judgement`` is a stage id, ``unclear`` or '' (not recorded).
    """
    if judgement and judgement not in (*dispute_stages(), "unclear"):
        raise ValueError(f"judgement: expected a dispute stage or 'unclear', got {judgement!r}.")
    words = guide().judgement
    if not judgement:
        return ""
    if staging.outcome in ("safety", "ask"):
        return words.during_safety
    named = stage_labels().get(judgement, "not yet clear").lower()
    if staging.outcome != "stage":
        return words.without_stage.format(judgement=named) if judgement != "unclear" else ""
    if judgement != staging.stage:
        return words.differs.format(judgement=named, stage=staging.stage_label.lower())
    return ""
