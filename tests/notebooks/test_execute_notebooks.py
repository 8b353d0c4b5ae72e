"""Every notebook the manifest lists runs top to bottom, as a trainee's kernel would run it."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from ipt_course.course import load_course
from tests.conftest import REPO

pytestmark = pytest.mark.notebooks

NOTEBOOKS = load_course(REPO).all_notebooks()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_without_errors(notebook: str, course_copy: Path) -> None:
    path = course_copy / notebook
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                first_line = cell.source.splitlines()[0] if cell.source else ""
                pytest.fail(f"{notebook}, cell {index} ({first_line!r}) failed:\n"
                            f"{error.ename}: {error.evalue}", pytrace=False)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []

