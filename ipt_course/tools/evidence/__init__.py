"""The evidence base for IPT: a table of key studies and an explorer with an effect-size plot.

The studies live in ``data/trials.yaml``; every figure there comes from the course reference
pack and carries its source key.
"""

from ipt_course.tools.evidence.drawing import (
    effect_size_figure,
    effect_size_label,
)
from ipt_course.tools.evidence.model import (
    EvidenceModel,
)
from ipt_course.tools.evidence.studies import (
    ALL,
    COLUMNS,
    POPULATIONS,
    SOURCES,
    EvidenceDataError,
    Study,
    load_studies,
    sources,
    trials_table,
)
from ipt_course.tools.evidence.view import (
    GENERAL_CAVEATS,
    EvidenceView,
    study_card_html,
)

# The name the Day 1 notebook uses.
EvidenceExplorer = EvidenceView

__all__ = [
    "ALL",
    "COLUMNS",
    "GENERAL_CAVEATS",
    "POPULATIONS",
    "SOURCES",
    "EvidenceDataError",
    "EvidenceExplorer",
    "EvidenceModel",
    "EvidenceView",
    "Study",
    "effect_size_figure",
    "effect_size_label",
    "load_studies",
    "sources",
    "study_card_html",
    "trials_table",
]
