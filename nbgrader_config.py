"""nbgrader configuration: the course root is the folder holding this file."""

from pathlib import Path

from ipt_course.grading.safe_html import configure_exporters
from ipt_course.quiz.autograde import QUIZ_AUTOGRADE_PREPROCESSORS
from ipt_course.quiz.generate import WRITTEN_STUB

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

COURSE_ROOT = Path(__file__).resolve().parent

c.CourseDirectory.root = str(COURSE_ROOT)
c.CourseDirectory.course_id = "ipt-level-a"
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.db_url = f"sqlite:///{COURSE_ROOT / 'gradebook.db'}"

# Quizzes generated from quizzes/*.yaml are scored from each trainee's saved answers by trusted
# code (no trainee code runs); any other notebook is executed as nbgrader normally does.
c.Autograde.autograde_preprocessors = QUIZ_AUTOGRADE_PREPROCESSORS
# Written answers are typed in a box that saves itself; grading brings the text into this cell.
c.ClearSolutions.text_stub = WRITTEN_STUB

# Formgrader and feedback pages show trainees' writing inside the trainer's logged-in JupyterLab
# and the trainee's browser: their Markdown and outputs are cleaned, and nothing loads from a CDN.
configure_exporters(c)
