"""Decision analysis (Day 3): a client's options weighed step by step.

``DecisionAnalysisAid(save_path="my-decision-analysis.json")`` (the same class as
:class:`DecisionView`) lets a trainee write the decision in the client's words, the options with
their likely consequences for the client and for the other person, the client's choice, the
first step to try before the next session and the review; check it against the steps taught
(this course's practical framework); compare Nadia's decision with the course's worked example;
and export it as Markdown. One file holds several decisions, saved at every change and
reloaded on a re-run.
"""

from ipt_course.tools.decision_analysis.content import ContentError, example, wording
from ipt_course.tools.decision_analysis.markdown import decision_markdown, decision_title
from ipt_course.tools.decision_analysis.model import DecisionModel
from ipt_course.tools.decision_analysis.rules import (
    Comparison,
    Review,
    compare,
    is_doing_nothing,
    make_option,
    names_someone,
    preference_phrases,
    review,
    safety_words,
)
from ipt_course.tools.decision_analysis.schema import (
    Decision,
    DecisionDocument,
    DecisionError,
    DecisionFileError,
    Option,
)
from ipt_course.tools.decision_analysis.view import DecisionView

# The name the Day 3 role disputes notebook uses.
DecisionAnalysisAid = DecisionView

__all__ = [
    "Comparison",
    "ContentError",
    "Decision",
    "DecisionAnalysisAid",
    "DecisionDocument",
    "DecisionError",
    "DecisionFileError",
    "DecisionModel",
    "DecisionView",
    "Option",
    "Review",
    "compare",
    "decision_markdown",
    "decision_title",
    "example",
    "is_doing_nothing",
    "make_option",
    "names_someone",
    "preference_phrases",
    "review",
    "safety_words",
    "wording",
]
