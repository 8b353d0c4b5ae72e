"""The transition balance sheet (Day 3), this course's practical aid for a role transition.

``TransitionBalanceSheet(save_path="my-transition-balance.json")`` (the same class as
:class:`TransitionBalanceView`) sets the old role beside the new one: what each gives and costs,
the feelings, the support lost and to build, and the skills. It turns away an entry too general
to work with ("everything"), asks what is missing when a column is one-sided, draws the two
columns as a picture the trainee can save as PNG, and saves the sheet as it changes (reloaded on
a re-run). The wording is in ``data/sheet.yaml``.
"""

from ipt_course.tools.transition_balance.drawing import (
    balance_alt_text,
    balance_figure,
    balance_layout,
    balance_png,
)
from ipt_course.tools.transition_balance.layout import RowContent, SheetLayout, sheet_layout
from ipt_course.tools.transition_balance.model import (
    BalanceDocument,
    BalanceFileError,
    BalanceModel,
)
from ipt_course.tools.transition_balance.sheet import (
    MAX_ENTRIES,
    MAX_TEXT,
    SECTION_IDS,
    SIDES,
    BalanceError,
    Entry,
    SheetWordingError,
    make_entry,
    parse_wording,
    review_sheet,
    wording,
)
from ipt_course.tools.transition_balance.view import TransitionBalanceView, table_html

# The name the Day 3 notebook uses.
TransitionBalanceSheet = TransitionBalanceView

__all__ = [
    "MAX_ENTRIES",
    "MAX_TEXT",
    "SECTION_IDS",
    "SIDES",
    "BalanceDocument",
    "BalanceError",
    "BalanceFileError",
    "BalanceModel",
    "Entry",
    "RowContent",
    "SheetLayout",
    "SheetWordingError",
    "TransitionBalanceSheet",
    "TransitionBalanceView",
    "balance_alt_text",
    "balance_figure",
    "balance_layout",
    "balance_png",
    "make_entry",
    "parse_wording",
    "review_sheet",
    "sheet_layout",
    "table_html",
    "wording",
]
