"""Ungraded self-check questions with instant feedback, read from a YAML file beside a notebook.

In a notebook::

    from ipt_course.tools.selfcheck import self_check
    self_check("selfchecks/01-overview-of-ipt.yaml", "sick-role")

The file format is described in :mod:`ipt_course.tools.selfcheck.schema`.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from ipt_course.kit.order import display_order, selfcheck_item, trainee_seed
from ipt_course.tools.selfcheck.model import OptionResult, SelfCheckModel
from ipt_course.tools.selfcheck.schema import (
    CHECK_TYPES,
    OUTCOME_ID,
    Check,
    Option,
    SelfCheckError,
    check_problems,
    load_check,
    validate_selfcheck_file,
)
from ipt_course.tools.selfcheck.view import (
    SelfCheckView,
    error_widget,
    feedback_html,
    model_points_html,
)

__all__ = [
    "CHECK_TYPES",
    "OUTCOME_ID",
    "Check",
    "Option",
    "OptionResult",
    "SelfCheckError",
    "SelfCheckModel",
    "SelfCheckView",
    "check_problems",
    "error_widget",
    "feedback_html",
    "load_check",
    "model_points_html",
    "self_check",
    "validate_selfcheck_file",
]


def self_check(yaml_path: str | Path, check_id: str) -> widgets.Widget:
    """The widget for self-check ``check_id`` in ``yaml_path`` (relative to the notebook folder).

    Never raises for a missing or malformed file: it returns a message widget naming the file,
    the check id and what is wrong.
    """
    try:
        check = load_check(Path(yaml_path), str(check_id))
    except SelfCheckError as error:
        return error_widget(str(yaml_path), str(check_id), error.problems)
    ids = [option.id for option in check.options]
    item = selfcheck_item(Path(yaml_path).stem, check.id)
    return SelfCheckView(check, display_order(ids, seed=trainee_seed(), item=item))
