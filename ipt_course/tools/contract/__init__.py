"""The IPT treatment contract (Day 2).

``ContractGenerator(save_path="my-contract.md")`` (the same class as :class:`ContractView`)
collects what a trainee agrees with a client
and writes a plain-English contract (Markdown), with the weekly dates and the fixed end date.
Planned breaks (weeks with no session, such as the therapist's leave or a bank holiday) are
skipped, and the end date moves on by one week for each week of break.
"""

from ipt_course.tools.contract.model import (
    ContractModel,
)
from ipt_course.tools.contract.schedule import (
    ALLOWED_SESSIONS,
    DATE_FORMATS,
    MANY_BREAK_WEEKS,
    USUAL_SESSIONS,
    ContractError,
    PlannedBreak,
    Slot,
    breaks_outside,
    parse_break,
    parse_breaks,
    parse_date,
    parse_time,
    schedule,
    session_dates,
    uk_date,
    week_of,
)
from ipt_course.tools.contract.view import ContractView
from ipt_course.tools.contract.writer import (
    ContractDetails,
    contract_defaults,
    validate_contract,
    write_contract,
)

# The name the Day 2 notebook uses.
ContractGenerator = ContractView

__all__ = [
    "ALLOWED_SESSIONS",
    "DATE_FORMATS",
    "MANY_BREAK_WEEKS",
    "USUAL_SESSIONS",
    "ContractDetails",
    "ContractError",
    "ContractGenerator",
    "ContractModel",
    "ContractView",
    "PlannedBreak",
    "Slot",
    "breaks_outside",
    "contract_defaults",
    "parse_break",
    "parse_breaks",
    "parse_date",
    "parse_time",
    "schedule",
    "session_dates",
    "uk_date",
    "validate_contract",
    "week_of",
    "write_contract",
]
