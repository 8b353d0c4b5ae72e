"""The trainer's grading pipeline around nbgrader (``ipt-course grade ...``).

- :mod:`~ipt_course.grading.roster`: check and import the trainee roster CSV.
- :mod:`~ipt_course.grading.collect`: submissions from a folder or a Teams zip into ``submitted/``.
- :mod:`~ipt_course.grading.autograde`: parallel autograde with per-trainee flags.
- :mod:`~ipt_course.grading.feedback`: sanitised feedback pages with no answer key.
- :mod:`~ipt_course.grading.results`, :mod:`~ipt_course.grading.reports`,
  :mod:`~ipt_course.grading.export`: pandas tables, item analysis and exports.
- :mod:`~ipt_course.grading.nbgrader_env`: the configured nbgrader API and checked results.
"""
