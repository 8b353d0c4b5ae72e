"""The prolonged grief explorer (Day 4): ICD-11 (6B42) and DSM-5-TR side by side for a case.

``ProlongedGriefExplorer()`` (the same class as :class:`ProlongedGriefView`) opens on Bethan,
offers two practice vignettes and the trainee's own case, lets the trainee mark each feature of
the story as shown, not shown or still to ask, and works out each system's criteria from the
marks: time since the death (ICD-11 at least 6 months; DSM-5-TR at least 12 for adults and 6 for
children and adolescents), core and accessory symptoms, cultural norms, impairment, and other
explanations. Criteria and cases are data (``data/criteria.yaml``, ``data/vignettes.yaml``), with
facts only from the course's reference pack; what the pack does not confirm is said to be
unconfirmed and never counted. A checklist is not a diagnosis, and the explorer says so.
"""

from ipt_course.tools.prolonged_grief.criteria import (
    Criteria,
    CriteriaDataError,
    Vignette,
    criteria,
    parse_criteria,
    parse_vignettes,
    vignettes,
)
from ipt_course.tools.prolonged_grief.model import ExplorerError, ExplorerModel
from ipt_course.tools.prolonged_grief.rules import Case, evaluate, summarise
from ipt_course.tools.prolonged_grief.view import ProlongedGriefView

# The name the Day 4 notebook uses.
ProlongedGriefExplorer = ProlongedGriefView

__all__ = [
    "Case",
    "Criteria",
    "CriteriaDataError",
    "ExplorerError",
    "ExplorerModel",
    "ProlongedGriefExplorer",
    "ProlongedGriefView",
    "Vignette",
    "criteria",
    "evaluate",
    "parse_criteria",
    "parse_vignettes",
    "summarise",
    "vignettes",
]
