"""Notebooks open in JupyterLab already holding the course kernel's details: nothing to change."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel

from ipt_course.contents import (
    PLACEHOLDER_TEXT,
    CourseContentsManager,
    is_tool_cell,
    kernel_metadata,
    placeholder_output,
    with_kernel_metadata,
    with_placeholders,
)

REPOSITORY = Path(__file__).resolve().parents[2]


# The server's own thread: browser tests in the same session leave an event loop running in the
# test's thread, and the contents manager's notary keeps a SQLite connection that only the thread
# which opened it may use, as the one server thread does in JupyterLab.
SERVER_THREAD = ThreadPoolExecutor(1)


def _get(manager: CourseContentsManager, path: str, **options: object) -> dict:
    """``manager.get`` run to completion in the server thread's event loop."""
    return SERVER_THREAD.submit(asyncio.run, manager.get(path, **options)).result()


@pytest.fixture(scope="module")
def kernel_info() -> dict:
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        return client.kernel_info(reply=True, timeout=60)["content"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_the_details_are_what_the_running_kernel_reports(kernel_info: dict) -> None:
    assert kernel_metadata()["language_info"] == kernel_info["language_info"]
    assert kernel_metadata()["kernelspec"] == {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def test_contents_manager_fills_them_in_and_leaves_the_file_alone(tmp_path: Path) -> None:
    source = REPOSITORY / "curriculum" / "00-welcome.ipynb"
    (tmp_path / "welcome.ipynb").write_bytes(source.read_bytes())
    manager = CourseContentsManager(root_dir=str(tmp_path))

    model = _get(manager, "welcome.ipynb")

    assert model["content"]["metadata"]["language_info"] == kernel_metadata()["language_info"]
    assert model["content"]["metadata"]["kernelspec"]["display_name"] == "Python 3 (ipykernel)"
    assert (tmp_path / "welcome.ipynb").read_bytes() == source.read_bytes()
    listing = _get(manager, "", content=True)
    assert [entry["name"] for entry in listing["content"]] == ["welcome.ipynb"]
    bare = _get(manager, "welcome.ipynb", content=False)
    assert bare["content"] is None


def test_a_notebook_for_another_kernel_keeps_its_own_details() -> None:
    notebook = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"name": "ir", "display_name": "R", "language": "R"},
        "language_info": {"name": "R"}})
    before = json.dumps(notebook, sort_keys=True)
    assert json.dumps(with_kernel_metadata(notebook), sort_keys=True) == before


def _save(manager: CourseContentsManager, model: dict, path: str) -> dict:
    return SERVER_THREAD.submit(asyncio.run, manager.save(model, path)).result()


def test_each_tool_shows_how_to_switch_it_on_and_saving_writes_the_file_back(
        tmp_path: Path) -> None:
    source = REPOSITORY / "curriculum" / "day2" / "01-interpersonal-inventory.ipynb"
    (tmp_path / "inventory.ipynb").write_bytes(source.read_bytes())
    manager = CourseContentsManager(root_dir=str(tmp_path))

    model = _get(manager, "inventory.ipynb")
    tools = [cell for cell in model["content"]["cells"] if cell["cell_type"] == "code"]
    assert tools and all(is_tool_cell(cell) for cell in tools)
    for cell in tools:
        assert cell["outputs"] == [placeholder_output()]
    assert "press **Switch on the tools** at the top" in PLACEHOLDER_TEXT

    # What JupyterLab sends after the tools have run: widget views and execution counts.
    for number, cell in enumerate(tools, start=1):
        cell["outputs"] = [{"output_type": "display_data", "metadata": {}, "data": {
            "application/vnd.jupyter.widget-view+json": {"model_id": "x", "version_major": 2,
                                                         "version_minor": 0}}}]
        cell["execution_count"] = number
    _save(manager, {"type": "notebook", "format": "json", "content": model["content"]},
          "inventory.ipynb")
    assert nbformat.read(tmp_path / "inventory.ipynb", as_version=4) == nbformat.read(
        source, as_version=4)
    again = _get(manager, "inventory.ipynb")
    assert all(cell["outputs"] == [placeholder_output()]
               for cell in again["content"]["cells"] if cell["cell_type"] == "code")


def test_marking_cells_get_no_placeholder() -> None:
    release = nbformat.read(REPOSITORY / "release" / "day1-quiz" / "day1-quiz.ipynb",
                            as_version=4)
    with_placeholders(release)
    for cell in release.cells:
        grading = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and grading.get("grade"):
            assert cell.outputs == [], grading["grade_id"]
        elif cell.cell_type == "code":
            assert cell.outputs == [placeholder_output()], grading.get("grade_id")
