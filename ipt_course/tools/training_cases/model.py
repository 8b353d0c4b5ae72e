"""The checker's state: which referral is open, the trainee's verdicts, their own referral.

Nothing is saved, on purpose: even without names, what a trainee enters about a real referral
belongs in their service's records, not in a file beside the notebook. No widgets here.
"""

from __future__ import annotations

from typing import Any

import traitlets

from ipt_course.tools.training_cases.criteria import (
    UNKNOWN,
    WEIGHT,
    Criteria,
    Features,
    Referral,
    criteria,
    referrals,
)
from ipt_course.tools.training_cases.rules import Result, evaluate, identifying_details

OWN_CASE = "own"
DESCRIPTION_LIMIT = 1500


class CheckerError(ValueError):
    """An entry that cannot be accepted; the message says what to change."""


class CheckerModel(traitlets.HasTraits):
    """The open referral, the trainee's verdict for each, and the features of their own."""

    case_id = traitlets.Unicode(help="The open referral: a referral's id, or 'own' for the "
                                "trainee's own (described without identifying details).")
    guesses = traitlets.Dict(help="The trainee's verdict before checking: {case id: status}.")
    checked = traitlets.List(traitlets.Unicode(), help="The cases whose result is shown.")
    own_description = traitlets.Unicode("", help="The trainee's own referral in a few lines, "
                                        "without identifying details.")
    own_diagnosis = traitlets.Unicode(UNKNOWN["diagnosis"], help="Option id for the diagnosis.")
    own_risk = traitlets.Unicode(UNKNOWN["risk"], help="Option id for the current risk.")
    own_substance = traitlets.Unicode(UNKNOWN["substance"], help="Option id for alcohol/drugs.")
    own_focus = traitlets.Unicode(UNKNOWN["focus"], help="Option id for the problem area.")
    own_safety = traitlets.Unicode(UNKNOWN["safety"], help="Option id for the abuse enquiry.")
    own_consent = traitlets.Unicode(UNKNOWN["consent"], help="Option id for recording consent.")
    own_phq9 = traitlets.Int(None, allow_none=True, min=0, max=27,
                             help="The PHQ-9 total, or None when not known.")
    own_item9 = traitlets.Int(None, allow_none=True, min=0, max=3,
                              help="PHQ-9 item 9, or None when not known.")

    def __init__(self, **kwargs: Any) -> None:
        self.criteria: Criteria = criteria()
        self.referrals: dict[str, Referral] = {r.id: r for r in referrals()}
        kwargs.setdefault("case_id", next(iter(self.referrals)))
        super().__init__(**kwargs)

    @traitlets.validate("case_id")
    def _known_case(self, proposal: dict[str, Any]) -> str:
        if proposal["value"] not in (*self.referrals, OWN_CASE):
            raise traitlets.TraitError(f"There is no referral called {proposal['value']!r}.")
        return proposal["value"]

    @traitlets.validate("own_description")
    def _short_description(self, proposal: dict[str, Any]) -> str:
        if len(proposal["value"]) > DESCRIPTION_LIMIT:
            raise traitlets.TraitError(
                f"Your description is {len(proposal['value']):,} characters long; keep it to "
                f"{DESCRIPTION_LIMIT:,} or fewer.")
        return proposal["value"]

    @property
    def referral(self) -> Referral | None:
        """The open course referral (None for the trainee's own)."""
        return self.referrals.get(self.case_id)

    def features(self) -> Features:
        """The features of the open referral."""
        if self.referral is not None:
            return self.referral.features
        values = {cid: getattr(self, f"own_{cid}") for cid in UNKNOWN}
        return Features(**values, phq9=self.own_phq9, item9=self.own_item9)

    def result(self) -> Result:
        """Every criterion worked out for the open referral, and the verdict."""
        return evaluate(self.criteria, self.features())

    def problems(self) -> list[str]:
        """What stops the trainee's own referral being checked (empty when nothing does)."""
        if self.referral is not None:
            return []
        found = []
        kinds = identifying_details(self.own_description)
        if kinds:
            wording = self.criteria.identifying
            found.append(f"{wording.text} {'; '.join(wording.kinds[k] for k in kinds)}.")
        if (self.own_item9 is not None and self.own_phq9 is not None
                and self.own_item9 > self.own_phq9):
            found.append("Item 9 cannot score more than the PHQ-9 total.")
        return found

    @property
    def guess(self) -> str | None:
        """The trainee's verdict for the open referral, if they gave one."""
        return self.guesses.get(self.case_id)

    def set_guess(self, status: str | None) -> None:
        """Record (or clear, with None) the trainee's verdict for the open referral."""
        if status is not None and status not in WEIGHT:
            raise CheckerError(f"A verdict is one of {', '.join(WEIGHT)} (got {status!r}).")
        guesses = {k: v for k, v in self.guesses.items() if k != self.case_id}
        if status is not None:
            guesses[self.case_id] = status
        self.guesses = guesses

    @property
    def shown(self) -> bool:
        """Whether the result for the open referral is shown."""
        return self.case_id in self.checked

    def check(self) -> Result:
        """Show the result for the open referral; CheckerError says what to change first."""
        problems = self.problems()
        if problems:
            raise CheckerError(" ".join(problems))
        if not self.shown:
            self.checked = [*self.checked, self.case_id]
        return self.result()

    def hide(self) -> None:
        """Hide the result for the open referral again."""
        self.checked = [case for case in self.checked if case != self.case_id]
