"""Careful file handling for the clinical tools: atomic writes, no silent overwrites."""

from __future__ import annotations

import io
import os
import tempfile
from datetime import datetime
from pathlib import Path

from matplotlib.figure import Figure


def atomic_write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` so that a crash never leaves a half-written file.

    The text goes to a temporary file in the same folder, which then replaces the target in one
    step (``os.replace``), so the old version survives until the new one is complete.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path


def unique_path(path: Path) -> Path:
    """Return ``path`` if free, else the first free ``stem-2``, ``stem-3``... beside it."""
    path = Path(path)
    if not path.exists():
        return path
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def write_new_file(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path``, or to ``stem-2``, ``stem-3``... if it exists; return the path.

    ``O_EXCL`` makes the claim on the name atomic, so two saves at once never overwrite each other.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    candidate = unique_path(path)
    while True:
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            candidate = unique_path(candidate)
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        return candidate


def keep_unreadable_file(path: Path, label: str = "unreadable") -> Path:
    """Rename an unreadable file to ``stem.<label>-<time>.suffix``; return the new path.

    The file is never deleted: the trainee (or a trainer) can still open it and copy work out.
    """
    path = Path(path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = unique_path(path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}"))
    os.replace(path, target)
    return target


def figure_png(figure: Figure, dpi: int = 100) -> bytes:
    """Render a matplotlib figure to PNG bytes (no pyplot, so no figures pile up in memory)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()
