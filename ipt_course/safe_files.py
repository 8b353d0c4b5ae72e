"""Saving trainees' work safely: atomic writes, no silent overwrites, damaged files kept."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

MAX_NUMBERED = 9999


def _sync_folder(folder: Path) -> None:
    """Make a rename durable where the platform allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _write_temporary(folder: Path, name: str, data: str | bytes) -> Path:
    """Write ``data`` to a new hidden temporary file in ``folder`` and flush it to disk."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return Path(temp_name)


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Replace ``path`` with ``data`` so readers see the old file or the new one, never half.

    The data goes to a temporary file in the same folder, which then replaces the target in one
    step (``os.replace``): the old version survives until the new one is complete.
    """
    path = Path(path)
    temporary = _write_temporary(path.parent, path.name, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    return path


def write_json_atomic(path: Path, data: Any) -> Path:
    """Write ``data`` as indented UTF-8 JSON, atomically."""
    return write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def unique_path(path: Path) -> Path:
    """``path`` if it is free, else the first free ``stem-2``, ``stem-3``... beside it."""
    path = Path(path)
    candidate, number = path, 2
    while candidate.exists():
        if number > MAX_NUMBERED:
            raise FileExistsError(f"too many files named {path.stem}-N{path.suffix} in "
                                  f"{path.parent}")
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


def write_new_file(path: Path, data: str | bytes) -> Path:
    """Save ``data`` at ``path``, or ``stem-2``, ``stem-3``... if taken; return where it went.

    The data is written to a temporary file first and then linked into place, so a reader never
    sees half a file and an existing file is never replaced, even if one appears meanwhile.
    """
    path = Path(path)
    temporary = _write_temporary(path.parent, path.name, data)
    try:
        while True:
            target = unique_path(path)
            try:
                os.link(temporary, target)
            except FileExistsError:
                continue
            except OSError:
                # Some file systems have no hard links; fall back to a checked rename.
                if target.exists():
                    continue
                os.replace(temporary, target)
            return target
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def keep_aside(path: Path, label: str = "unreadable") -> Path:
    """Rename a damaged file to ``stem.<label>-<time>.suffix`` beside it; never delete it."""
    path = Path(path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = unique_path(path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}"))
    os.replace(path, target)
    return target


def write_if_absent(path: Path, data: str | bytes) -> bool:
    """Create ``path`` holding ``data`` unless it already exists; True if this call created it.

    The complete file is linked into place in one step, so when two processes race to create
    it, one wins, the other leaves the winner's file alone, and nobody sees half a file.
    """
    path = Path(path)
    temporary = _write_temporary(path.parent, path.name, data)
    try:
        os.link(temporary, path)
    except FileExistsError:
        return False
    except OSError:
        # Some file systems have no hard links; fall back to a checked rename, as above.
        if path.exists():
            return False
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    _sync_folder(path.parent)
    return True


def swap_into_place(staging: Path, out: Path) -> None:
    """Put the finished folder ``staging`` where ``out`` is, replacing an earlier build whole.

    The earlier folder is moved aside before the new one takes its name, so a reader never
    sees half of each; it is removed once the new folder is in place.
    """
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        staging.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(out)
    out.chmod(0o755)
