"""How JupyterLab reads course notebooks: with the kernel details the kernel will report.

The committed notebooks keep their metadata minimal, so they do not depend on one Python
version. When a notebook opens, JupyterLab writes the running kernel's name and language
details into it and marks the tab as changed, and closing the tab then asks a trainee who has
done nothing whether to save. Filling in the same details as the file is read leaves JupyterLab
nothing to change.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

COURSE_KERNEL = "python3"


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


class CourseContentsManager(AsyncLargeFileManager):
    """Jupyter Server's file manager, giving notebooks the course kernel's details on read."""

    async def get(self, path: str, content: bool = True, type: str | None = None,
                  format: str | None = None, **kwargs: Any) -> dict[str, Any]:
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        if model.get("type") == "notebook" and model.get("content"):
            with_kernel_metadata(model["content"])
        return model
