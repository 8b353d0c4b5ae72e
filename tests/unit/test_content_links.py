"""Every link a trainee can click between course files leads to a file that exists.

Day notebooks point to each other, to role-plays and to earlier days by relative links; a file
renamed or not yet written would leave a trainee on JupyterLab's "file not found" page.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from ipt_course.course import load_course

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"\]\(\s*<?([^)#\s>]+)>?(?:#[^)]*)?\)")
OUTSIDE = ("http://", "https://", "mailto:", "tel:")


def broken_links(notebook: Path) -> list[str]:
    """The relative links in a notebook's Markdown cells whose target does not exist."""
    broken = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        for target in LINK.findall(cell.source):
            if not target.startswith(OUTSIDE) and not (notebook.parent / target).exists():
                broken.append(target)
    return broken


def test_every_relative_link_in_the_course_notebooks_leads_to_a_file() -> None:
    notebooks = [ROOT / nb for nb in load_course(ROOT).all_notebooks()]
    assert len(notebooks) > 30
    found = {str(nb.relative_to(ROOT)): broken_links(nb) for nb in notebooks}
    assert {nb: links for nb, links in found.items() if links} == {}


def test_a_link_to_a_missing_notebook_is_found(tmp_path: Path) -> None:
    notebook = tmp_path / "day.ipynb"
    (tmp_path / "there.ipynb").write_text("{}", encoding="utf-8")
    cells = [nbformat.v4.new_markdown_cell(
        "See [this](there.ipynb), [that](not-there.ipynb#part) and [the web](https://nhs.uk).")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), notebook)
    assert broken_links(notebook) == ["not-there.ipynb"]
