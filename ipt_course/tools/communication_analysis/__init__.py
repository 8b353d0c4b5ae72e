"""Communication analysis (Day 3): one exchange rebuilt line by line.

``CommunicationAnalysisWorksheet(save_path="my-communication-analysis.json")`` (the same class
as :class:`WorksheetView`) lets a trainee write who spoke, the words, how they were said, what
was meant and how it landed; tick the course's communication problems on each line; write
alternatives and a rehearsal script; check the worksheet against the steps taught; compare
Nadia's row with the notebook's analysis; and export the worksheet as Markdown. One file holds
several worksheets, saved at every change and reloaded on a re-run.
"""

from ipt_course.tools.communication_analysis.content import (
    ContentError,
    Problem,
    example,
    problem_labels,
    problems,
    wording,
)
from ipt_course.tools.communication_analysis.markdown import worksheet_markdown
from ipt_course.tools.communication_analysis.model import WorksheetModel
from ipt_course.tools.communication_analysis.rules import (
    Comparison,
    Review,
    compare,
    make_line,
    reads_as_summary,
    review,
    safety_words,
    suggested,
)
from ipt_course.tools.communication_analysis.schema import (
    Analysis,
    Line,
    WorksheetDocument,
    WorksheetError,
    WorksheetFileError,
)
from ipt_course.tools.communication_analysis.view import WorksheetView

# The name the Day 3 role disputes notebook uses.
CommunicationAnalysisWorksheet = WorksheetView

__all__ = [
    "Analysis",
    "CommunicationAnalysisWorksheet",
    "Comparison",
    "ContentError",
    "Line",
    "Problem",
    "Review",
    "WorksheetDocument",
    "WorksheetError",
    "WorksheetFileError",
    "WorksheetModel",
    "WorksheetView",
    "compare",
    "example",
    "make_line",
    "problem_labels",
    "problems",
    "reads_as_summary",
    "review",
    "safety_words",
    "suggested",
    "wording",
    "worksheet_markdown",
]
