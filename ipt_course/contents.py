"""How JupyterLab reads and saves course notebooks.

The committed notebooks keep their metadata minimal, so they do not depend on one Python
version. When a notebook opens, JupyterLab writes the running kernel's name and language
details into it and marks the tab as changed, and closing the tab then asks a trainee who has
done nothing whether to save. Filling in the same details as the file is read leaves JupyterLab
nothing to change; saving puts the file's own details back.

A course tool appears only once its cell has run. Until then, each tool cell is served with a
placeholder saying how to switch the tools on; tool output saved with a notebook is only dead
text once the kernel that drew it has gone, so it is never written to disk, and the
placeholder takes its place the next time the notebook opens.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

COURSE_KERNEL = "python3"
PLACEHOLDER_MARK = "ipt_course_placeholder"
PLACEHOLDER_TEXT = ("This tool switches on when you press **Switch on the tools** at the top "
                    "of the page. Nothing you saved is lost.")
KERNEL_KEYS = ("kernelspec", "language_info")


@cache
def kernel_metadata() -> dict[str, dict[str, Any]]:
    """The ``kernelspec`` and ``language_info`` JupyterLab sets for the course kernel."""
    from ipykernel.ipkernel import IPythonKernel
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(COURSE_KERNEL)
    return {
        "kernelspec": {"name": COURSE_KERNEL, "display_name": spec.display_name,
                       "language": spec.language},
        "language_info": dict(IPythonKernel.language_info),
    }


def with_kernel_metadata(notebook: dict[str, Any]) -> dict[str, Any]:
    """``notebook`` with the course kernel's details, if it runs on the course kernel."""
    metadata = notebook.setdefault("metadata", {})
    if metadata.get("kernelspec", {}).get("name", COURSE_KERNEL) == COURSE_KERNEL:
        metadata.update(kernel_metadata())
    return notebook


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def is_tool_cell(cell: dict[str, Any]) -> bool:
    """A hidden course cell that draws a tool (not a grading cell, which shows nothing)."""
    metadata = cell.get("metadata", {})
    grading = metadata.get("nbgrader", {})
    return (cell.get("cell_type") == "code"
            and metadata.get("jupyter", {}).get("source_hidden") is True
            and "ipt_course" in _source(cell)
            and not (grading.get("grade") and not grading.get("solution")))


def placeholder_output() -> dict[str, Any]:
    """The note shown where a tool will appear."""
    return {"output_type": "display_data",
            "data": {"text/markdown": f"> {PLACEHOLDER_TEXT}",
                     "text/plain": PLACEHOLDER_TEXT.replace("**", "")},
            "metadata": {PLACEHOLDER_MARK: True}}


def with_placeholders(notebook: dict[str, Any]) -> dict[str, Any]:
    """``notebook`` with a placeholder in every tool cell that shows nothing yet."""
    for cell in notebook.get("cells", []):
        if is_tool_cell(cell) and not cell.get("outputs"):
            cell["outputs"] = [placeholder_output()]
    return notebook


def for_disk(notebook: dict[str, Any], on_disk: dict[str, Any] | None) -> dict[str, Any]:
    """``notebook`` as it should be written: no tool output, the file's own kernel details."""
    for cell in notebook.get("cells", []):
        if is_tool_cell(cell):
            cell["outputs"] = []
            cell["execution_count"] = None
    metadata = notebook.setdefault("metadata", {})
    kept = (on_disk or {}).get("metadata", {})
    for key in KERNEL_KEYS:
        if metadata.get(key) == kernel_metadata()[key]:
            if key in kept:
                metadata[key] = kept[key]
            else:
                metadata.pop(key, None)
    return notebook


class CourseContentsManager(AsyncLargeFileManager):
    """Jupyter Server's file manager, serving course notebooks ready to open as they are."""

    async def get(self, path: str, content: bool = True, type: str | None = None,
                  format: str | None = None, **kwargs: Any) -> dict[str, Any]:
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        if model.get("type") == "notebook" and model.get("content"):
            with_placeholders(with_kernel_metadata(model["content"]))
        return model

    async def save(self, model: dict[str, Any], path: str = "") -> dict[str, Any]:
        if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
            for_disk(model["content"], self._notebook_on_disk(path))
        return await super().save(model, path)

    def _notebook_on_disk(self, path: str) -> dict[str, Any] | None:
        try:
            with open(self._get_os_path(path.strip("/")), encoding="utf-8") as stream:
                found = json.load(stream)
        except (OSError, ValueError):
            return None
        return found if isinstance(found, dict) else None
