"""Every instructor notebook in source/ carries nbgrader metadata that nbgrader accepts."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator, ValidationError

from ipt_course.course import load_course
from tests.conftest import REPO

pytestmark = pytest.mark.nbgrader

SOURCE_NOTEBOOKS = sorted(p.relative_to(REPO).as_posix()
                          for p in (REPO / "source").glob("*/*.ipynb"))


def test_every_quiz_in_the_manifest_has_its_source_notebook() -> None:
    expected = {f"source/{Path(day.quiz).stem}-quiz/{Path(day.quiz).stem}-quiz.ipynb"
                for day in load_course(REPO).days if day.quiz}
    assert expected, "the manifest lists no quiz"
    assert expected <= set(SOURCE_NOTEBOOKS)


@pytest.mark.parametrize("notebook", SOURCE_NOTEBOOKS)
def test_nbgrader_metadata_validates(notebook: str) -> None:
    nb = nbformat.read(REPO / notebook, as_version=4)
    MetadataValidator().validate_nb(nb)
    grade_ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
                 if c.metadata.get("nbgrader", {}).get("grade_id")]
    assert len(grade_ids) == len(set(grade_ids)), "grade ids must be unique"
    assert any(c.metadata.get("nbgrader", {}).get("grade") for c in nb.cells)


def test_the_validator_rejects_broken_metadata() -> None:
    nb = nbformat.read(REPO / SOURCE_NOTEBOOKS[0], as_version=4)
    broken = copy.deepcopy(nb)
    graded = next(c for c in broken.cells if c.metadata.get("nbgrader", {}).get("grade"))
    del graded.metadata["nbgrader"]["points"]
    with pytest.raises(ValidationError):
        MetadataValidator().validate_nb(broken)
