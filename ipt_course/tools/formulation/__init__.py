"""Choosing the problem area and wording the formulation (Day 2).

``ProblemAreaAid()`` is a decision aid: questions from the inventory and timeline lead to a
suggested problem area, with reasons, and the trainee's choice is checked against the rules
(one focus, at most two; sensitivities only when there is no acute life event).
``FormulationBuilder(save_path="my-formulation.json")`` turns the trainee's notes into words to
offer the client. Every change to the notes and to the edited wording is saved at once, and the
saved file is loaded again when the notebook is re-run or the kernel restarts.
"""

from ipt_course.tools.formulation.model import (
    FILE_FORMAT,
    FILE_KIND,
    SESSION_RANGE,
    FormulationFileError,
    FormulationModel,
    notes_from_dict,
    parse_formulation_file,
)
from ipt_course.tools.formulation.view import (
    FIELD_HINTS,
    FormulationBuilder,
)
from ipt_course.tools.formulation.writer import (
    AREA_WORDING,
    BLAMING_WORDS,
    FIELD_LABELS,
    JARGON_WORDS,
    OPTIONAL_FIELDS,
    SECOND_AREA_PHRASE,
    SENTENCE_STARTS,
    FormulationError,
    FormulationFields,
    formulation_warnings,
    missing_fields,
    split_symptoms,
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

__all__ = [
    "ACUTE_AREAS",
    "ACUTE_QUESTIONS",
    "ANSWER_LABELS",
    "AREA_WORDING",
    "BLAMING_WORDS",
    "CHECK_MARKS",
    "FIELD_HINTS",
    "FIELD_LABELS",
    "FILE_FORMAT",
    "FILE_KIND",
    "JARGON_WORDS",
    "OPTIONAL_FIELDS",
    "PROBLEM_AREAS",
    "QUESTIONS",
    "QUESTION_BY_ID",
    "SECOND_AREA_PHRASE",
    "SENTENCE_STARTS",
    "SESSION_RANGE",
    "Advice",
    "Check",
    "FormulationBuilder",
    "FormulationError",
    "FormulationFields",
    "FormulationFileError",
    "FormulationModel",
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
    "write_formulation",
]
