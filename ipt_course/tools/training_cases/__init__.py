"""The training-case checker (Day 6): a referral's features set against the selection criteria.

``TrainingCaseChecker()`` (the same class as :class:`TrainingCaseView`) opens on Helen Ward, the
first of Lucy Adeyemi's fictional referrals, and offers the others and a referral of the
trainee's own, described without identifying details. The trainee gives a verdict, then sees
each criterion (diagnosis, current risk, alcohol and drugs, interpersonal focus, safety at home,
consent to recording, and the PHQ-9 as a note) with its status and the reason. Criteria and
referrals are data (``data/criteria.yaml``, ``data/referrals.yaml``), with facts only from the
course's reference packs and syllabus; the final choice is the trainee's and their
supervisor's, under IPT UK's current rules. Nothing is saved.
"""

from ipt_course.tools.training_cases.criteria import (
    Criteria,
    CriteriaDataError,
    Features,
    Referral,
    criteria,
    parse_criteria,
    parse_referrals,
    referrals,
)
from ipt_course.tools.training_cases.model import CheckerError, CheckerModel
from ipt_course.tools.training_cases.rules import Result, Row, evaluate, identifying_details
from ipt_course.tools.training_cases.view import TrainingCaseView

# The name the Day 6 notebook uses.
TrainingCaseChecker = TrainingCaseView

__all__ = [
    "CheckerError",
    "CheckerModel",
    "Criteria",
    "CriteriaDataError",
    "Features",
    "Referral",
    "Result",
    "Row",
    "TrainingCaseChecker",
    "TrainingCaseView",
    "criteria",
    "evaluate",
    "identifying_details",
    "parse_criteria",
    "parse_referrals",
    "referrals",
]
