"""The course handbook: the curriculum as a static HTML site and one PDF for trainees."""

from ipt_course.handbook.build import (
    Handbook,
    HandbookError,
    HandbookLeak,
    build_handbook,
    check_handbook,
)

__all__ = ["Handbook", "HandbookError", "HandbookLeak", "build_handbook", "check_handbook"]
