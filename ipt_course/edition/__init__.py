"""The trainee edition: what a trainee receives, built from the trainer's course and scanned."""

from ipt_course.edition.build import (
    MARKER,
    Edition,
    EditionError,
    EditionLeak,
    build_trainee_edition,
    read_marker,
)
from ipt_course.edition.scan import Finding, bank_secrets, scan_folder

__all__ = ["MARKER", "Edition", "EditionError", "EditionLeak", "Finding", "bank_secrets",
           "build_trainee_edition", "read_marker", "scan_folder"]
