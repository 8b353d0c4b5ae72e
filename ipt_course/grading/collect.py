"""Collect trainees' quiz submissions into nbgrader's ``submitted/`` folder.

Accepted layouts of SOURCE (a folder, or a ``.zip`` such as a Microsoft Teams assignment
download, which is unpacked safely first):

1. A folder per trainee, named by trainee id, optionally followed by a separator and anything
   else (``t001/``, ``t001 - Alex Smith/``, ``t001_day1/``). The notebook and responses file
   may sit anywhere inside it (``t001/day1-quiz/day1-quiz.ipynb`` is fine).
2. Flat files named ``<trainee id>_<anything>.ipynb`` and ``<trainee id>_<anything>.responses.json``
   (``t001_day1-quiz.ipynb``, ``t001_day1-quiz.responses.json``); ``-`` or a space may
   replace the ``_``.
3. Either of the above wrapped in one outer folder (``Day 1 quiz/t001/...``), as zips often are.

For each trainee the notebook becomes ``submitted/<id>/<quiz>/<quiz>.ipynb`` and the responses
file ``submitted/<id>/<quiz>/<quiz>.responses.json`` whatever they were called. Nothing is
silently dropped: files of trainees not on the roster, duplicates (the newest copy is used),
files that cannot be mapped to a trainee, files for another quiz and unsafe zip entries are
listed in the report, and every such file that is safe to keep is copied under
``unmatched/<quiz>/<run>/`` beside ``report.json``. A previous submission that a new one
replaces is moved to ``unmatched/<quiz>/<run>/replaced/`` rather than deleted. A trainee's
folder with nothing in it is reported as an empty upload; an earlier submission of theirs
stays, and autograde says it was graded from that one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from ipt_course.quiz.generate import notebook_name
from ipt_course.quiz.store import RESPONSES_SUFFIX, responses_name

SYSTEM_NOISE = {".DS_Store", "Thumbs.db", "desktop.ini"}
NOISE_FOLDERS = {"__MACOSX", ".ipynb_checkpoints"}
MAX_ZIP_MEMBER_BYTES = 200_000_000
MAX_ZIP_TOTAL_BYTES = 2_000_000_000
SEPARATORS = "_- .("
QUESTIONS_SUFFIX = ".questions.json"
SAVE_LOCK_SUFFIX = ".responses.json.lock"


@dataclass
class Collected:
    """One trainee's submission as copied into ``submitted/``."""

    trainee: str
    notebook_from: str | None
    responses_from: str | None
    renamed_notebook: bool
    notes: list[str] = field(default_factory=list)


@dataclass
class Unmatched:
    """A file (or zip entry) that was not collected, and why."""

    path: str
    reason: str
    kept_as: str | None = None


@dataclass
class CollectReport:
    """Everything one collection did."""

    quiz: str
    source: str
    run: str
    collected: list[Collected] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    report_file: str | None = None

    def to_json(self) -> str:
        """The report as indented JSON."""
        return json.dumps(asdict(self), indent=2)


@dataclass
class _Candidate:
    path: Path
    relative: str
    trainee: str
    kind: str
    mtime: float


class CollectError(ValueError):
    """SOURCE cannot be collected from at all (missing, not a folder or zip, corrupt zip)."""


def collect(root: Path, quiz_id: str, source: Path, roster: set[str]) -> CollectReport:
    """Copy every submission for ``quiz_id`` found in ``source`` into ``root/submitted``."""
    run = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    report = CollectReport(quiz=quiz_id, source=str(source), run=run)
    unmatched_dir = root / "unmatched" / quiz_id / run
    with _opened(source, report) as opened:
        folder = _unwrap(opened, roster)
        candidates = _scan(folder, quiz_id, roster, report)
        grouped = _by_trainee(candidates)
        for trainee, files in sorted(grouped.items()):
            report.collected.append(
                _store(root, quiz_id, trainee, files, unmatched_dir, report))
        report.empty = _empty_uploads(folder, roster, set(grouped), report)
        _keep_unmatched(folder, unmatched_dir, report)
    report.report_file = str(_write_report(root, quiz_id, unmatched_dir, report))
    return report


def match_trainee(name: str, roster: set[str]) -> str | None:
    """The roster id that ``name`` is, or starts with followed by a separator."""
    lowered = name.lower()
    best = None
    for trainee in roster:
        key = trainee.lower()
        exact = lowered == key
        prefixed = lowered.startswith(key) and len(lowered) > len(key) and (
            lowered[len(key)] in SEPARATORS)
        if (exact or prefixed) and (best is None or len(trainee) > len(best)):
            best = trainee
    return best


def claimed_id(name: str) -> str | None:
    """The id a file or folder name claims (text before the first separator), if any."""
    match = re.match(r"^([A-Za-z0-9][A-Za-z0-9.]*?)(?:[_ ]|$)", name)
    return match.group(1) if match else None


@contextlib.contextmanager
def _opened(source: Path, report: CollectReport) -> Iterator[Path]:
    if source.is_dir():
        yield source
        return
    if not source.is_file():
        raise CollectError(f"{source}: no such folder or zip file")
    if not zipfile.is_zipfile(source):
        raise CollectError(f"{source}: not a folder or a zip file")
    with tempfile.TemporaryDirectory(prefix="ipt-collect-") as temp:
        _safe_extract(source, Path(temp), report)
        yield Path(temp)


def _unwrap(folder: Path, roster: set[str]) -> Path:
    """Step into a lone outer folder that is not itself a trainee's folder."""
    while True:
        entries = [entry for entry in folder.iterdir()
                   if entry.name not in NOISE_FOLDERS and entry.name not in SYSTEM_NOISE]
        lone = entries[0] if len(entries) == 1 else None
        if lone is None or not lone.is_dir() or lone.is_symlink():
            return folder
        if match_trainee(lone.name, roster) is not None:
            return folder
        folder = lone


def _safe_extract(archive: Path, dest: Path, report: CollectReport) -> None:
    total = 0
    try:
        with zipfile.ZipFile(archive) as bundle:
            for info in bundle.infolist():
                reason = _unsafe_reason(info)
                if reason is None and total + info.file_size > MAX_ZIP_TOTAL_BYTES:
                    reason = "zip too large in total; entry not extracted"
                if reason:
                    report.unmatched.append(Unmatched(f"{archive.name}:{info.filename}", reason))
                    continue
                target = dest.joinpath(*PurePosixPath(info.filename.replace("\\", "/")).parts)
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)  # an empty upload still shows
                    continue
                total += info.file_size
                target.parent.mkdir(parents=True, exist_ok=True)
                with bundle.open(info) as reader, target.open("wb") as writer:
                    shutil.copyfileobj(reader, writer)
                stamp = dt.datetime(*info.date_time).timestamp()
                os.utime(target, (stamp, stamp))
    except (zipfile.BadZipFile, OSError) as error:
        raise CollectError(f"{archive}: cannot unpack the zip: {error}") from error


def _unsafe_reason(info: zipfile.ZipInfo) -> str | None:
    name = info.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
        return "unsafe path in zip (outside the folder); not extracted"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link in zip; not extracted"
    if info.file_size > MAX_ZIP_MEMBER_BYTES:
        return f"file too large ({info.file_size / 1_000_000:.0f} MB); not extracted"
    return None


def _scan(folder: Path, quiz_id: str, roster: set[str],
          report: CollectReport) -> list[_Candidate]:
    candidates = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            report.unmatched.append(Unmatched(relative, "symbolic link; not followed"))
            continue
        if not path.is_file():
            continue
        released_copy = path.name.endswith(QUESTIONS_SUFFIX)  # handed out with the quiz
        save_lock = path.name.endswith(SAVE_LOCK_SUFFIX)  # left by saving answers; empty
        if (path.name in SYSTEM_NOISE or released_copy or save_lock
                or NOISE_FOLDERS & set(path.relative_to(folder).parts)):
            report.ignored.append(relative)
            continue
        candidate = _classify(path, relative, quiz_id, roster, report)
        if candidate:
            candidates.append(candidate)
    return candidates


def _classify(path: Path, relative: str, quiz_id: str, roster: set[str],
              report: CollectReport) -> _Candidate | None:
    parts = PurePosixPath(relative).parts
    owner_name = parts[0]
    trainee = match_trainee(owner_name, roster)
    if trainee is None:
        claim = claimed_id(owner_name if len(parts) > 1 else owner_name.split("_")[0])
        looks_like_submission = len(parts) > 1 or "_" in owner_name
        if claim and looks_like_submission:
            reason = f"trainee id {claim!r} is not on the roster"
        else:
            reason = "cannot tell which trainee this file belongs to"
        report.unmatched.append(Unmatched(relative, reason))
        return None
    kind = _kind(path.name)
    if kind is None:
        report.unmatched.append(Unmatched(relative, "not a quiz notebook or responses file"))
        return None
    other = re.search(r"day\d+-quiz", path.name)
    if other and other.group(0) != quiz_id and quiz_id not in path.name:
        report.unmatched.append(Unmatched(relative, f"looks like {other.group(0)}, not {quiz_id}"))
        return None
    return _Candidate(path, relative, trainee, kind, path.stat().st_mtime)


def _kind(name: str) -> str | None:
    if name.endswith(RESPONSES_SUFFIX):
        return "responses"
    if name.endswith(".ipynb"):
        return "notebook"
    return None


def _by_trainee(candidates: list[_Candidate]) -> dict[str, list[_Candidate]]:
    grouped: dict[str, list[_Candidate]] = {}
    for candidate in candidates:
        grouped.setdefault(candidate.trainee, []).append(candidate)
    return grouped


def _empty_uploads(folder: Path, roster: set[str], collected: set[str],
                   report: CollectReport) -> list[str]:
    """Trainees whose own folder holds no file at all that was collected or set aside."""
    listed = {PurePosixPath(item.path).parts[0] for item in report.unmatched}
    empty = []
    for entry in sorted(folder.iterdir()):
        trainee = match_trainee(entry.name, roster) if entry.is_dir() else None
        if trainee and trainee not in collected and entry.name not in listed:
            empty.append(trainee)
    return sorted(set(empty))


def _pick(files: list[_Candidate], kind: str, quiz_id: str, report: CollectReport,
          trainee: str) -> _Candidate | None:
    matching = [item for item in files if item.kind == kind]
    if not matching:
        return None
    expected = notebook_name(quiz_id) if kind == "notebook" else responses_name(quiz_id)
    chosen = max(matching, key=lambda item: (item.mtime, item.path.name.endswith(expected)))
    for item in matching:
        if item is not chosen:
            report.unmatched.append(Unmatched(
                item.relative, f"duplicate {kind} for {trainee}; the newest "
                f"({chosen.relative}) was collected"))
    return chosen


def _store(root: Path, quiz_id: str, trainee: str, files: list[_Candidate],
           unmatched_dir: Path, report: CollectReport) -> Collected:
    notebook = _pick(files, "notebook", quiz_id, report, trainee)
    responses = _pick(files, "responses", quiz_id, report, trainee)
    dest = root / "submitted" / trainee / quiz_id
    if dest.exists() and any(dest.iterdir()):
        backup = unmatched_dir / "replaced" / trainee
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(dest), str(backup))
    dest.mkdir(parents=True, exist_ok=True)
    entry = Collected(trainee, notebook.relative if notebook else None,
                      responses.relative if responses else None, renamed_notebook=False)
    if notebook:
        shutil.copy2(notebook.path, dest / notebook_name(quiz_id))
        entry.renamed_notebook = not _same_stem(notebook.path.name, notebook_name(quiz_id))
        if entry.renamed_notebook:
            entry.notes.append(f"notebook renamed from {notebook.path.name}")
    else:
        entry.notes.append("no notebook submitted")
    if responses:
        shutil.copy2(responses.path, dest / responses_name(quiz_id))
    else:
        entry.notes.append("no responses file submitted")
    newest = max((item.mtime for item in files), default=None)
    if newest is not None:
        when = dt.datetime.fromtimestamp(newest, dt.UTC)
        (dest / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
    return entry


def _same_stem(name: str, expected: str) -> bool:
    return name == expected or name.lower().endswith(("_" + expected).lower()) or (
        name.lower().endswith(("-" + expected).lower()) or
        name.lower().endswith((" " + expected).lower()))


def _keep_unmatched(folder: Path, unmatched_dir: Path, report: CollectReport) -> None:
    for item in report.unmatched:
        source = folder / item.path
        if ":" in item.path and not source.exists():
            continue
        if source.is_file() and not source.is_symlink():
            target = unmatched_dir / "files" / item.path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            item.kept_as = str(target)


def _write_report(root: Path, quiz_id: str, unmatched_dir: Path, report: CollectReport) -> Path:
    unmatched_dir.mkdir(parents=True, exist_ok=True)
    path = unmatched_dir / "report.json"
    path.write_text(report.to_json(), encoding="utf-8")
    log = root / "unmatched" / quiz_id / "collected.json"
    merged = json.loads(log.read_text(encoding="utf-8")) if log.is_file() else {}
    for entry in report.collected:
        merged[entry.trainee] = asdict(entry) | {"run": report.run}
    for trainee in report.empty:
        merged.setdefault(trainee, {})["empty_upload"] = report.run
    log.write_text(json.dumps(merged, indent=2, sort_keys=True), encoding="utf-8")
    return path


def collected_notes(root: Path, quiz_id: str) -> dict[str, dict]:
    """Per-trainee notes from every collection of ``quiz_id`` (e.g. a renamed notebook)."""
    log = root / "unmatched" / quiz_id / "collected.json"
    if not log.is_file():
        return {}
    try:
        return json.loads(log.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
