"""A submitted notebook nbgrader cannot read, rebuilt so the quiz is still graded.

A copy and paste in JupyterLab duplicates an answer cell with its nbgrader metadata; a trainee
can add a cell that claims to be graded; a damaged file can hold cells that are not cells.
nbgrader stops on each of these ("Outdated schema version", a schema traceback), although the
answers themselves are in the responses file. :func:`gradable_notebook` rebuilds such a
notebook from the released one, carrying over the trainee's written answers, and says what it
did in plain words. The notebook as submitted is kept beside the rebuilt one.
"""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

CELL_TYPES = {"code", "markdown", "raw"}


def _text(source: Any) -> str | None:
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    return None


def _nbgrader(cell: Any) -> dict | None:
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    value = meta.get("nbgrader") if isinstance(meta, dict) else None
    return value if isinstance(value, dict) else None


def well_formed(cell: Any) -> bool:
    """Whether ``cell`` is a notebook cell nbgrader can read."""
    return (isinstance(cell, dict) and cell.get("cell_type") in CELL_TYPES
            and _text(cell.get("source", "")) is not None
            and isinstance(cell.get("metadata", {}), dict)
            and isinstance(cell.get("metadata", {}).get("nbgrader", {}), dict))


def _grade_id(cell: dict) -> str | None:
    meta = _nbgrader(cell) or {}
    value = meta.get("grade_id")
    return value if isinstance(value, str) else None


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def problems(submitted: dict[str, Any], released: dict[str, Any]) -> list[str]:
    """What in ``submitted`` would stop nbgrader, in plain words (empty when nothing would)."""
    cells = submitted.get("cells")
    if not isinstance(cells, list):
        return ["the notebook has no list of cells"]
    known = {_grade_id(cell) for cell in released.get("cells", []) if _grade_id(cell)}
    found = []
    damaged = sum(1 for cell in cells if not well_formed(cell))
    if damaged:
        entries = _plural(damaged, "entry", "entries")
        found.append(f"{entries} in the notebook could not be read as cells")
    good = [cell for cell in cells if well_formed(cell)]
    counts = Counter(_grade_id(cell) for cell in good if _grade_id(cell) in known)
    for grade_id, count in sorted(counts.items()):
        if count > 1:
            found.append(f"cell {grade_id} appears {count} times (copied and pasted?)")
    added = sorted({_grade_id(cell) or "without an id" for cell in good
                    if _nbgrader(cell) and _grade_id(cell) not in known})
    if added:
        found.append(f"{_plural(len(added), 'cell', 'cells')} added with grading marks "
                     f"({', '.join(added)}): not marked")
    return found


def gradable_notebook(submitted: dict[str, Any],
                      released: dict[str, Any]) -> tuple[dict[str, Any] | None, list[str]]:
    """``(rebuilt notebook, flags)``, or ``(None, [])`` when ``submitted`` can be graded as it is.

    The rebuilt notebook is the released one with, in each answer cell, the trainee's writing
    from the first copy of that cell holding any (so a pasted empty copy loses nothing).
    """
    found = problems(submitted, released)
    if not found:
        return None, []
    cells = submitted.get("cells") if isinstance(submitted.get("cells"), list) else []
    released_text = {_grade_id(cell): _text(cell.get("source", ""))
                     for cell in released.get("cells", []) if _grade_id(cell)}
    written: dict[str, str] = {}
    for cell in cells:
        if not well_formed(cell) or not (_nbgrader(cell) or {}).get("solution"):
            continue
        grade_id, text = _grade_id(cell), _text(cell.get("source", ""))
        if grade_id in released_text and grade_id not in written and (
                text or "").strip() and text != released_text[grade_id]:
            written[grade_id] = text or ""
    rebuilt = copy.deepcopy(released)
    for cell in rebuilt.get("cells", []):
        grade_id = _grade_id(cell)
        if grade_id in written and cell.get("cell_type") == "markdown":
            cell["source"] = written[grade_id]
    flags = [f"notebook repaired for grading: {'; '.join(found)}; answers marked from the "
             "saved answers file, written answers carried over, the notebook as submitted "
             "kept beside it"]
    return rebuilt, flags
