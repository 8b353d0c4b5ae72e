"""A practice safety plan (Day 5), with Nadia, the course's fictional client, only.

``SafetyPlanBuilder(save_path="my-safety-plan.json")`` (the same class as
:class:`SafetyPlanView`) takes the trainee through the six Stanley-Brown steps and the client's
reasons for living. Each step has a prompt and simple word rules (``data/plan.yaml``) that flag an
empty step or a line too vague to use in a crisis ("call someone" with no name or number, "keep
safe" with nothing concrete). The UK crisis lines for all four nations are on every plan
(``data/crisis_lines.yaml``). The plan is saved as it is written and reloaded on a re-run, and
prints as a self-contained HTML page. A banner says it is practice with the fictional client only.
"""

from ipt_course.tools.safety_plan.content import (
    CrisisLines,
    SafetyPlanContent,
    crisis_lines,
    safety_plan_content,
    safety_plan_spec,
)
from ipt_course.tools.safety_plan.model import (
    SafetyPlanDocument,
    SafetyPlanFileError,
    SafetyPlanModel,
)
from ipt_course.tools.safety_plan.view import SafetyPlanView

# The name the Day 5 notebook uses.
SafetyPlanBuilder = SafetyPlanView

__all__ = [
    "CrisisLines",
    "SafetyPlanBuilder",
    "SafetyPlanContent",
    "SafetyPlanDocument",
    "SafetyPlanFileError",
    "SafetyPlanModel",
    "SafetyPlanView",
    "crisis_lines",
    "safety_plan_content",
    "safety_plan_spec",
]
