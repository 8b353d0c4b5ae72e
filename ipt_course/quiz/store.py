"""The trainee's saved quiz answers: ``<notebook stem>.responses.json`` beside the notebook.

Every write is atomic (a temporary file in the same folder, flushed to disk, then renamed over
the old one), so a crash or a full disk leaves the previous answers, never half a file. A file
that cannot be read is kept under a new name and the trainee is told; nothing is thrown away.
Saving an answer reads the file, changes one answer and writes it back under a lock on a hidden
``.<name>.lock`` file beside it, so two kernels saving at once never lose each other's answers.
The file also keeps the seed of the trainee's display order, so the options come back in the
same order wherever the quiz folder is reopened (files saved before the seed existed still load).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from ipt_course.safe_files import write_atomic

RESPONSES_FORMAT = 1
RESPONSES_SUFFIX = ".responses.json"
MAX_RESPONSES_BYTES = 1_000_000
MAX_SEED_LENGTH = 200
LOCK_TIMEOUT = 20.0


class AnswerTooLarge(ValueError):
    """Saving an answer would make the responses file larger than it may be; nothing was saved."""


class ResponsesError(ValueError):
    """A responses file is missing, too large or not in the expected shape."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def responses_name(stem: str) -> str:
    """The file name of the answers saved beside notebook ``stem`` (for a quiz, its id)."""
    return f"{stem}{RESPONSES_SUFFIX}"


def responses_path(folder: Path, stem: str) -> Path:
    """Where the answers for notebook ``stem`` are saved."""
    return Path(folder) / responses_name(stem)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def lock_path(path: Path) -> Path:
    """The hidden lock file that guards the responses file at ``path``."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


def parse_responses(path: Path, quiz_id: str | None = None) -> dict[str, Any]:
    """The answers mapping in the file at ``path``; ResponsesError says why it is unusable.

    Codes: ``missing``, ``too_large``, ``not_json``, ``wrong_shape``, ``wrong_quiz``.
    """
    return read_responses(path, quiz_id)["answers"]


def saved_seed(document: dict[str, Any]) -> str | None:
    """The display-order seed kept in a responses document, or None (older files have none)."""
    seed = document.get("seed")
    if isinstance(seed, str) and 0 < len(seed) <= MAX_SEED_LENGTH:
        return seed
    return None


def read_responses(path: Path, quiz_id: str | None = None) -> dict[str, Any]:
    """The whole responses document at ``path`` (answers, seed...); errors as parse_responses."""
    path = Path(path)
    if not path.is_file():
        raise ResponsesError("missing", f"no saved answers file ({path.name})")
    size = path.stat().st_size
    if size > MAX_RESPONSES_BYTES:
        raise ResponsesError("too_large", f"{path.name} is {size:,} bytes, over the "
                                          f"{MAX_RESPONSES_BYTES:,}-byte limit")
    try:
        # utf-8-sig: a file saved again in Notepad starts with a byte-order mark.
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, RecursionError) as error:  # bad UTF-8, bad JSON and huge ints
        raise ResponsesError("not_json", f"{path.name} is not readable JSON ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise ResponsesError("wrong_shape", f"{path.name} has no 'answers' mapping")
    if data.get("format") != RESPONSES_FORMAT:
        raise ResponsesError("wrong_shape", f"{path.name} has format {data.get('format')!r}, "
                                            f"expected {RESPONSES_FORMAT}")
    if quiz_id is not None and data.get("quiz") != quiz_id:
        raise ResponsesError("wrong_quiz", f"{path.name} holds answers for quiz "
                                           f"{data.get('quiz')!r}, not {quiz_id!r}")
    return data


@dataclass(frozen=True)
class ResponsesCheck:
    """What a grader found in a trainee's responses file: the answers, or why there are none."""

    answers: dict[str, Any]
    problem: str | None = None


def check_responses(path: Path, quiz_id: str) -> ResponsesCheck:
    """Read a submitted responses file for grading; never raises, says what is wrong."""
    path = Path(path)
    if path.is_file() and path.stat().st_size == 0:
        return ResponsesCheck({}, "responses file empty")
    try:
        answers = parse_responses(path, quiz_id)
    except ResponsesError as error:
        return ResponsesCheck({}, f"responses file {error.code.replace('_', ' ')}: {error}")
    return ResponsesCheck({str(key): value for key, value in answers.items()})


def is_answered(value: Any) -> bool:
    """Whether a saved answer counts as given (empty strings and lists do not)."""
    if value is None:
        return False
    if isinstance(value, str | list | dict):
        return bool(value.strip() if isinstance(value, str) else value)
    return True


@dataclass
class ResponseStore:
    """Loads and saves one quiz's answers; ``notice`` tells the trainee about a damaged file."""

    path: Path
    quiz_id: str
    answers: dict[str, Any] = field(default_factory=dict)
    notice: str | None = None
    writable: bool = True
    seed: str | None = None

    @classmethod
    def open(cls, path: Path, quiz_id: str) -> ResponseStore:
        """Load the saved answers, setting a damaged file aside rather than losing it."""
        store = cls(Path(path), quiz_id)
        try:
            store._take(read_responses(store.path, quiz_id))
        except ResponsesError as error:
            if error.code != "missing":
                store.notice = store._set_aside(str(error))
        except OSError as error:
            store.writable = False
            store.notice = (f"Your saved answers could not be opened ({error.strerror or error}),"
                            " so nothing will be saved for now. Tell your trainer.")
        return store

    def _set_aside(self, reason: str) -> str:
        stamp = _now().strftime("%Y%m%dT%H%M%SZ")
        kept = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        counter = 1
        while kept.exists():
            counter += 1
            kept = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{counter}")
        try:
            os.replace(self.path, kept)
        except OSError as error:
            # Overwriting the damaged file would lose it, so saving stays off.
            self.writable = False
            return (f"Your saved answers could not be read ({reason}) or set aside "
                    f"({error.strerror or error}), so nothing will be saved for now. "
                    "Tell your trainer.")
        return (f"Your saved answers could not be read ({reason}). The file has been kept as "
                f"{kept.name} and nothing has been deleted. Please answer the questions again, "
                "and tell your trainer so they can look at the kept file.")

    def _take(self, document: dict[str, Any]) -> None:
        """Adopt the answers of a document read from disk, and its seed if it has one."""
        self.answers = dict(document["answers"])
        self.seed = saved_seed(document) or self.seed

    def document(self) -> dict[str, Any]:
        """The JSON document written to disk."""
        document = {
            "quiz": self.quiz_id,
            "format": RESPONSES_FORMAT,
            "saved_at": _now().isoformat(),
            "answers": self.answers,
        }
        if self.seed is not None:
            document["seed"] = self.seed
        return document

    def _check_writable(self) -> None:
        if not self.writable:
            raise OSError(f"saving is switched off because {self.path.name} could not be read")

    def save(self) -> None:
        """Write every answer to disk now, atomically (OSError if saving is switched off).

        A file over the size limit would be set aside unread the next time, losing every
        answer, so it is never written: :class:`AnswerTooLarge` is raised instead.
        """
        self._check_writable()
        text = json.dumps(self.document(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        if len(text.encode("utf-8")) > MAX_RESPONSES_BYTES:
            raise AnswerTooLarge(f"the answers would take more than {MAX_RESPONSES_BYTES:,} "
                                 "bytes")
        write_atomic(self.path, text)

    def reload(self) -> None:
        """Take in answers saved by another view or kernel (two tabs, a re-run first cell)."""
        try:
            self._take(read_responses(self.path, self.quiz_id))
        except ResponsesError as error:
            if error.code != "missing":
                self.notice = self._set_aside(str(error))

    def set(self, qid: str, value: Any) -> None:
        """Record (or, with None, forget) one answer and save at once.

        An answer that would take the file over its size limit raises :class:`AnswerTooLarge`
        and leaves both the file and the answers held here as they were. Under the file's
        lock, the file is read first so that only this question changes: the
        last answer given to each question wins, whichever kernel gave it, and no kernel's
        answer is lost to another kernel writing at the same moment.
        """
        self._check_writable()
        try:
            with FileLock(lock_path(self.path), timeout=LOCK_TIMEOUT):
                self.reload()
                before = dict(self.answers)
                if value is None:
                    self.answers.pop(qid, None)
                else:
                    self.answers[qid] = value
                try:
                    self.save()
                except AnswerTooLarge:
                    self.answers = before
                    raise
        except Timeout:
            raise OSError(f"another window kept {self.path.name} busy for over "
                          f"{LOCK_TIMEOUT:g} seconds") from None
