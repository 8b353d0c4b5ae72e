"""Notebooks open in JupyterLab already holding the course kernel's details: nothing to change."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel

from ipt_course.contents import CourseContentsManager, kernel_metadata, with_kernel_metadata

REPOSITORY = Path(__file__).resolve().parents[2]


def _get(manager: CourseContentsManager, path: str, **options: object) -> dict:
    """``manager.get`` run to completion in its own thread and event loop (browser tests in the
    same session leave one running in this thread)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, manager.get(path, **options)).result()


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
