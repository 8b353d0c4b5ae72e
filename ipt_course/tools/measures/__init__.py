"""PHQ-9 and GAD-7 scorers for practice, and a description of the EPDS (never its items).

PHQ-9 (Kroenke, Spitzer & Williams, 2001) and GAD-7 (Spitzer, Kroenke, Williams & Löwe, 2006)
were developed with an educational grant from Pfizer, which released them free to reproduce.
The EPDS (Cox, Holden & Sagovsky, 1987) is copyright of the Royal College of Psychiatrists, so
this module describes it and never reproduces its item wording.
"""

from ipt_course.tools.measures.epds import (
    EPDS_FACTS,
    epds_overview,
    epds_overview_html,
)
from ipt_course.tools.measures.model import MeasureModel, ScoreSheet
from ipt_course.tools.measures.panels import (
    bands_html,
    result_html,
    risk_flag_html,
    standing_note_html,
)
from ipt_course.tools.measures.scales import (
    GAD7,
    ITEM9_STANDING_NOTE,
    PHQ9,
    PHQ9_DIFFICULTY_OPTIONS,
    PHQ9_DIFFICULTY_QUESTION,
    RESPONSES,
    RISK_ITEM,
    Band,
    Measure,
    gad7_band,
    nice_severity,
    phq9_band,
    severity_band,
)
from ipt_course.tools.measures.view import GAD7View, MeasureView, PHQ9View

# The names the Day 1 notebook and earlier versions use.
MeasureScorer, PHQ9Scorer, GAD7Scorer = MeasureView, PHQ9View, GAD7View

__all__ = [
    "EPDS_FACTS",
    "GAD7",
    "ITEM9_STANDING_NOTE",
    "PHQ9",
    "PHQ9_DIFFICULTY_OPTIONS",
    "PHQ9_DIFFICULTY_QUESTION",
    "RESPONSES",
    "RISK_ITEM",
    "Band",
    "GAD7Scorer",
    "GAD7View",
    "Measure",
    "MeasureModel",
    "MeasureScorer",
    "MeasureView",
    "PHQ9Scorer",
    "PHQ9View",
    "ScoreSheet",
    "bands_html",
    "epds_overview",
    "epds_overview_html",
    "gad7_band",
    "nice_severity",
    "phq9_band",
    "result_html",
    "risk_flag_html",
    "severity_band",
    "standing_note_html",
]
