"""A practice checklist for recording therapy sessions for supervision (Day 6).

``RecordingChecklist(save_path="my-recording-checklist.json")`` (the same class as
:class:`RecordingChecklistView`) goes through consent (written, explicit, kept with the
recording, the right to withdraw), storage (encrypted, the service's approved location, never a
personal device), naming (no client name), upload (Teams or the route the supervisor gives) and
deletion (when, and recorded). Each section has statements to tick, with the reason for each, and
one detail that simple word rules (``data/checklist.yaml``) check: a personal phone given as the
storage place, the client's name in a file name, a deletion with no time or record. The checklist
is saved as it is filled in, reloaded on a re-run, and prints as a self-contained HTML page.
"""

from ipt_course.tools.recording_checklist.content import (
    ChecklistContent,
    checklist_content,
    checklist_spec,
)
from ipt_course.tools.recording_checklist.model import (
    RecordingChecklistDocument,
    RecordingChecklistFileError,
    RecordingChecklistModel,
)
from ipt_course.tools.recording_checklist.rules import names_in_file_name
from ipt_course.tools.recording_checklist.view import RecordingChecklistView

# The name the Day 6 notebook uses.
RecordingChecklist = RecordingChecklistView

__all__ = [
    "ChecklistContent",
    "RecordingChecklist",
    "RecordingChecklistDocument",
    "RecordingChecklistFileError",
    "RecordingChecklistModel",
    "RecordingChecklistView",
    "checklist_content",
    "checklist_spec",
    "names_in_file_name",
]
