"""Wording the formulation (Day 2), and the problem-area aid that comes before it.

``FormulationBuilder(save_path="my-formulation.json")`` (the same class as
:class:`FormulationView`) turns the trainee's notes into words to offer the client. Every change
to the notes and to the edited wording is saved at once, and the saved file is loaded again
when the notebook is re-run or the kernel restarts. The wording is in ``data/wording.yaml``.
``ProblemAreaAid`` lives in :mod:`ipt_course.tools.problem_area` and is importable from here.
"""

from ipt_course.tools.formulation.model import (
    FormulationDocument,
    FormulationFileError,
    FormulationModel,
    notes_from_dict,
    parse_formulation_file,
)
from ipt_course.tools.formulation.view import FIELD_HINTS, FormulationView
from ipt_course.tools.formulation.writer import (
    FIELD_LABELS,
    OPTIONAL_FIELDS,
    SESSION_RANGE,
    FormulationError,
    FormulationFields,
    formulation_warnings,
    missing_fields,
    split_symptoms,
    wording,
    write_formulation,
)
from ipt_course.tools.problem_area import (
    ACUTE_AREAS,
    ACUTE_QUESTIONS,
    ANSWER_LABELS,
    CHECK_MARKS,
    PROBLEM_AREAS,
    QUESTION_BY_ID,
    QUESTIONS,
    Advice,
    Check,
    ProblemAreaAid,
    ProblemAreaModel,
    Question,
    Suggestion,
    check_choice,
    suggest_problem_areas,
)

# The name the Day 2 notebook uses.
FormulationBuilder = FormulationView

__all__ = [
    "ACUTE_AREAS",
    "ACUTE_QUESTIONS",
    "ANSWER_LABELS",
    "CHECK_MARKS",
    "FIELD_HINTS",
    "FIELD_LABELS",
    "OPTIONAL_FIELDS",
    "PROBLEM_AREAS",
    "QUESTIONS",
    "QUESTION_BY_ID",
    "SESSION_RANGE",
    "Advice",
    "Check",
    "FormulationBuilder",
    "FormulationDocument",
    "FormulationError",
    "FormulationFields",
    "FormulationFileError",
    "FormulationModel",
    "FormulationView",
    "ProblemAreaAid",
    "ProblemAreaModel",
    "Question",
    "Suggestion",
    "check_choice",
    "formulation_warnings",
    "missing_fields",
    "notes_from_dict",
    "parse_formulation_file",
    "split_symptoms",
    "suggest_problem_areas",
    "wording",
    "write_formulation",
]
