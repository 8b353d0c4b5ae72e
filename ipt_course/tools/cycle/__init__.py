"""How depressive symptoms and interpersonal problems feed each other, and where IPT breaks in.

``SymptomCycle()`` (the same class as :class:`CycleView`) is what the Day 1 notebook shows. The
content lives in ``data/symptom_cycle.yaml`` so that trainers can change it without Python.
"""

from ipt_course.tools.cycle.content import (
    BREAK_POINTS,
    IPT_STEP,
    STEP_KEYS,
    STEP_TITLES,
    CycleContentError,
    CycleExample,
    load_cycle_content,
    parse_cycle_content,
)
from ipt_course.tools.cycle.drawing import (
    cycle_figure,
)
from ipt_course.tools.cycle.model import (
    CycleModel,
)
from ipt_course.tools.cycle.view import (
    CycleView,
    cycle_alt_text,
    cycle_text_html,
)

# The name the Day 1 notebook uses.
SymptomCycle = CycleView

__all__ = [
    "BREAK_POINTS",
    "IPT_STEP",
    "STEP_KEYS",
    "STEP_TITLES",
    "CycleContentError",
    "CycleExample",
    "CycleModel",
    "CycleView",
    "SymptomCycle",
    "cycle_alt_text",
    "cycle_figure",
    "cycle_text_html",
    "load_cycle_content",
    "parse_cycle_content",
]
