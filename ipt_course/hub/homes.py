"""The trainee edition delivered into a home folder: new files arrive, own work stays.

On every login the hub runs ``python -m ipt_course.hub.homes EDITION`` as the person logging
in (never as root, so a link planted in a home folder can lead nowhere the person could not
write already). What was delivered is recorded in ``~/.ipt-course-delivered.json`` with each
file's checksum, so that on later logins:

- a course file the person has never had is copied in;
- a course file they have not touched is brought up to date when the course changes;
- a file they changed is never replaced, and one they deleted is not brought back.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ipt_course.safe_files import write_atomic

# Runs before every server starts, 25 at once at 9:00: it loads nothing beyond the standard
# library (the edition's builder would cost each login seconds of a shared CPU).
MARKER = ".ipt-course-edition.json"  # the edition's record (ipt_course.edition.build.MARKER)
RECORD = ".ipt-course-delivered.json"


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_marker(folder: Path) -> dict | None:
    """The edition's record of its files, or None if ``folder`` holds no edition."""
    try:
        data = json.loads((Path(folder) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("files"), dict) else None


@dataclass
class Delivery:
    """What one delivery did, path by path (relative to the home folder)."""

    copied: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the hub's log."""
        return (f"{len(self.copied)} new, {len(self.updated)} updated, {len(self.kept)} of the "
                "person's own kept")


class DeliveryError(RuntimeError):
    """The edition cannot be delivered (missing or not an edition)."""


def deliver(edition: Path, home: Path) -> Delivery:
    """Bring ``home`` up to date with the edition at ``edition`` without losing anyone's work."""
    record = read_marker(edition)
    if record is None:
        raise DeliveryError(f"{edition}: no trainee edition here (run ipt-course hub setup)")
    delivered = _read_delivered(home)
    outcome = Delivery()
    for relative, digest in sorted(record["files"].items()):
        target = home / relative
        before = delivered.get(relative)
        if target.is_symlink() or (target.exists() and not target.is_file()):
            outcome.kept.append(relative)
            continue
        if not target.exists():
            if before is not None:
                outcome.kept.append(relative)  # delivered once, deleted since: their choice
                continue
            _copy(edition / relative, target)
            outcome.copied.append(relative)
        elif file_digest(target) == digest:
            pass
        elif before is not None and file_digest(target) == before:
            _copy(edition / relative, target)
            outcome.updated.append(relative)
        else:
            outcome.kept.append(relative)
            continue
        delivered[relative] = digest
    write_atomic(home / RECORD, json.dumps({"files": delivered}, indent=1) + "\n")
    return outcome


def _read_delivered(home: Path) -> dict[str, str]:
    try:
        data = json.loads((home / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.delivering")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)


def main(argv: list[str] | None = None) -> int:
    """``python -m ipt_course.hub.homes EDITION``: deliver into this person's home folder."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m ipt_course.hub.homes EDITION", file=sys.stderr)
        return 2
    try:
        outcome = deliver(Path(args[0]), Path.home())
    except (DeliveryError, OSError) as error:
        print(f"ipt-course: {error}", file=sys.stderr)
        return 1
    print(outcome.summary())
    return 0


__all__ = ["MARKER", "RECORD", "Delivery", "DeliveryError", "deliver", "main"]

if __name__ == "__main__":
    sys.exit(main())
