"""Saved work: one document class for every tool's file, written safely and read back with care.

A tool describes its file as a :class:`SavedDocument` (a ``kind`` and ``format`` header, then a
pydantic schema). :class:`WorkFile` reads and writes that file: atomic writes under a lock shared
by every kernel on the machine, a damaged file set aside (never deleted), and a file that can be
neither read nor set aside left untouched. :class:`SavedWork` is the traitlets side: a model's
one ``status`` (text and level) saying how loading and saving went.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Generic, Literal, Self, TypeVar

import traitlets
from filelock import FileLock
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from ipt_course.problems import problems_from_validation_error
from ipt_course.safe_files import keep_aside, unique_path, write_atomic

Level = Literal["info", "ok", "warning", "error"]
LOCK_WAIT_SECONDS = 30


@dataclass(frozen=True)
class Status:
    """What a tool tells the trainee now, and how much it matters (no view guesses from words)."""

    text: str = ""
    level: Level = "info"

    @property
    def role(self) -> str:
        """The ARIA role a view gives it: ``alert`` for problems, ``status`` otherwise."""
        return "alert" if self.level in ("warning", "error") else "status"


def where_saved(path: Path) -> str:
    """Where a file a tool wrote is, and how a trainee downloads it from JupyterLab."""
    return (f"It is in the folder {Path(path).resolve().parent.name}, beside this notebook. To "
            "download it, find it in the file list on the left, right-click it and choose "
            "Download.")


def whole_number(low: int, high: int, lenient: bool = False) -> BeforeValidator:
    """A pydantic check for a whole number from ``low`` to ``high``.

    ``lenient`` also takes the number written as 2.0 or "2", as a hand-edited file may have it.
    """

    def check(value: Any) -> int:
        problem = ValueError(f"expected a whole number from {low} to {high}, got {value!r}.")
        if isinstance(value, bool) or not isinstance(value, int | float | str if lenient else int):
            raise problem
        try:
            number = float(value)
        except ValueError:
            raise problem from None
        if not number.is_integer() or not low <= number <= high:
            raise problem
        return int(number)

    return BeforeValidator(check)


class SavedFileError(ValueError):
    """A saved-work file cannot be used; the message says what is wrong and where."""


class SavedDocument(BaseModel):
    """A tool's saved file: a ``kind`` and ``format`` header, then the tool's own fields.

    Subclasses name their ``KIND`` and describe themselves (``WHAT``, e.g. "an inventory file").
    ``MESSAGES`` rewords pydantic's error types in the tool's own terms.
    """

    model_config = ConfigDict(extra="forbid")

    KIND: ClassVar[str] = ""
    FORMAT: ClassVar[int] = 1
    WHAT: ClassVar[str] = "a saved file"
    HEADER_REQUIRED: ClassVar[bool] = True
    MESSAGES: ClassVar[Mapping[str, str]] = {}

    kind: str | None = None
    format: int = 1
    saved_at: str = ""

    @classmethod
    def check_header(cls, data: Any, error: type[SavedFileError]) -> dict[str, Any]:
        """``data`` as a mapping with this document's kind and format, or ``error``."""
        # A file written before its tool had a header stands for the first format of its kind.
        unstated = {} if cls.HEADER_REQUIRED else {"kind": cls.KIND, "format": 1}
        if not isinstance(data, dict) or data.get("kind", unstated.get("kind")) != cls.KIND:
            raise error(f"kind: expected {cls.KIND!r}; this is not {cls.WHAT}.")
        if data.get("format", unstated.get("format")) != cls.FORMAT:
            raise error(f"format: expected {cls.FORMAT}, got {data.get('format')!r}.")
        return data

    @classmethod
    def parse(cls, data: Any, error: type[SavedFileError] = SavedFileError) -> Self:
        """Check ``data`` (plain JSON values); ``error`` names the first key path that is wrong."""
        data = cls.check_header(data, error)
        try:
            return cls.model_validate({**data, "kind": cls.KIND})
        except ValidationError as problems:
            first = problems_from_validation_error("", problems)[0]
            detail = problems.errors(include_url=False)[0]
            message = cls.MESSAGES.get(detail["type"], first.message)
            # A rule about the whole document names its own keys in its message.
            raise error(f"{first.where}: {message}" if detail["loc"] else message) from None

    def dump(self) -> str:
        """The document as indented UTF-8 JSON, stamped with its header and the time now."""
        stamped = self.model_copy(update={
            "kind": self.KIND, "format": self.FORMAT,
            "saved_at": datetime.now().astimezone().isoformat(timespec="seconds")})
        return json.dumps(stamped.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def read_json(path: Path, error: type[SavedFileError] = SavedFileError) -> Any:
    """The JSON in ``path``; ``error`` says "not text" or where the JSON breaks. OSError passes."""
    try:
        return json.loads(Path(path).read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise error("the file is not text.") from None
    except json.JSONDecodeError as problem:
        raise error(f"the file is not valid JSON (line {problem.lineno}, column "
                    f"{problem.colno}).") from None


def lock_for(path: Path) -> FileLock:
    """A lock that every kernel saving ``path`` on this machine shares.

    The lock file lives in the user's Jupyter runtime folder, named from the saved file's full
    path, so nothing extra appears beside the trainee's notebook (which they may zip and hand in).
    """
    from jupyter_core.paths import jupyter_runtime_dir

    folder = Path(jupyter_runtime_dir()) / "ipt-course-locks"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = Path(tempfile.gettempdir()) / f"ipt-course-locks-{getpass.getuser()}"
        folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:32]
    return FileLock(folder / f"{digest}.lock", timeout=LOCK_WAIT_SECONDS)


D = TypeVar("D", bound=SavedDocument)


class WorkFile(Generic[D]):
    """The file one tool's work is saved in, beside the notebook.

    ``protected`` holds the reason when the file on disk could be neither read nor set aside:
    from then on nothing is written over it.
    """

    def __init__(self, path: str | Path, document: type[D],
                 error: type[SavedFileError] = SavedFileError) -> None:
        self.path = Path(path)
        self.document = document
        self.error = error
        self.protected = ""
        self.lock = lock_for(self.path)

    def exists(self) -> bool:
        """True when there is something at the path (even a folder, which is never replaced)."""
        return self.path.exists()

    def read_data(self) -> dict[str, Any]:
        """The file's JSON with its header checked; ``error`` if unusable, OSError if unopenable."""
        return self.document.check_header(read_json(self.path, self.error), self.error)

    def read(self) -> D:
        """The saved document, checked against its schema."""
        return self.document.parse(self.read_data(), self.error)

    def write(self, document: D) -> None:
        """Replace the file with ``document`` atomically, holding the lock while it does."""
        with self.lock:
            self._write(document)

    def update(self, change: Callable[[D | None], D], fallback: D | None = None) -> D:
        """Apply ``change`` to the newest saved document and save the result, all under the lock.

        Another kernel may have saved since this one last read the file: reading it again inside
        the lock means both kernels' changes are kept. Without a readable file, ``change`` gets
        ``fallback`` (the work in memory). An exception from ``change`` leaves the file as it was.
        """
        with self.lock:
            try:
                current = self.read() if self.path.is_file() else fallback
            except self.error:
                current = fallback
            updated = change(current)
            self._write(updated)
            return updated

    def _write(self, document: D) -> None:
        if self.protected:
            raise self.error(f"{self.path.name} was not overwritten because {self.protected}.")
        write_atomic(self.path, document.dump())

    def set_aside(self, label: str = "unreadable") -> Path:
        """Rename the file to ``stem.<label>-<time>.suffix`` beside it; it is never deleted."""
        return keep_aside(self.path, label)

    def keep_copy(self, label: str) -> Path:
        """Copy the file to ``stem.<label>-<time>.suffix`` beside it and leave it in place."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = unique_path(self.path.with_name(
            f"{self.path.stem}.{label}-{stamp}{self.path.suffix}"))
        shutil.copy2(self.path, copy)
        return copy


def why(error: Exception) -> str:
    """An OS error's reason in words ('Permission denied'), or the error itself."""
    return str(getattr(error, "strerror", None) or error)


class SavedWork(traitlets.HasTraits):
    """A model whose work is saved to a :class:`WorkFile` after every change.

    Subclasses name the work in messages (``work_name``: "Your saved <work_name> could not be
    read"; ``unsaved_name``: "Your <unsaved_name> could not be saved"; ``fresh_start``: "... and
    <fresh_start> has been started"). Without a file (``file`` None) saving is off.
    """

    status = traitlets.Instance(Status, args=(), help="How loading and saving went, for the "
                                "trainee, with a level so views need not read the words.")

    work_name = "work"
    unsaved_name = "work"
    fresh_start = "a new start"
    as_you_go = "as you work"

    file: WorkFile | None = None

    def open_file(self, path: str | Path | None, document: type[D],
                  error: type[SavedFileError]) -> dict[str, Any] | None:
        """Set up ``file`` and return the saved data's checked JSON, or None to start afresh.

        A file that cannot be read is set aside (or, if that fails too, left untouched and
        protected); ``status`` explains either way.
        """
        if path is None:
            self.file = None
            return None
        self.file = WorkFile(path, document, error)
        name = self.file.path.name
        if not self.file.exists():
            self.status = Status(f"Your {self.unsaved_name} will be saved in {name}, beside this "
                                 f"notebook, {self.as_you_go}.")
            return None
        try:
            return self.file.read_data()
        except OSError as problem:
            self.file.protected = f"it could not be opened ({why(problem)})"
            self.status = Status(
                f"{name} could not be opened ({why(problem)}). It has been left untouched, and "
                "nothing will be saved over it until that is fixed.", "error")
        except SavedFileError as problem:
            self.set_aside(problem)
        return None

    def open_document(self, path: str | Path | None, document: type[D],
                      error: type[SavedFileError]) -> D | None:
        """Like :meth:`open_file`, then checked against the schema (set aside if it fails)."""
        data = self.open_file(path, document, error)
        if data is None:
            return None
        try:
            return document.parse(data, error)
        except SavedFileError as problem:
            self.set_aside(problem)
            return None

    def set_aside(self, problem: Exception, label: str = "unreadable") -> None:
        """Keep an unreadable file under a new name and say so; protect it if that fails."""
        assert self.file is not None
        name = self.file.path.name
        try:
            kept = self.file.set_aside(label)
        except OSError as move_error:
            self.file.protected = f"no copy of it could be made ({why(move_error)})"
            self.status = Status(
                f"Your saved {self.work_name} ({name}) could not be read: {problem} No copy of "
                f"{name} could be made ({why(move_error)}), so it has been left untouched and "
                "nothing will be saved over it until it is moved or mended. Ask your trainer "
                "for help.", "error")
            return
        self.status = Status(
            f"Your saved {self.work_name} ({name}) could not be read: {problem} It has been kept, "
            f"unchanged, as {kept.name}, and {self.fresh_start} has been started. Ask your "
            "trainer if you need help recovering it.", "warning")

    def to_document(self) -> SavedDocument:
        """The work in its saved form."""
        raise NotImplementedError

    def save_change(self, change: Callable[[Any], Any], done: str | Callable[[Any], str],
                    take: Callable[[Any], None]) -> Any:
        """Apply ``change`` to the newest saved document under the file's lock and return it.

        ``take`` puts the result into the model; ``status`` says what was ``done`` (words, or
        a function of the saved document giving them). Another
        kernel's edits to the file are kept because the change is applied to the copy on disk.
        Without a file (or with a protected one) the change applies to the model's own copy and
        :meth:`autosave` reports. An error raised by ``change`` leaves model and file unchanged.
        """
        held = self.to_document()
        saved = None
        if self.file is not None and not self.file.protected:
            try:
                saved = self.file.update(lambda on_disk: change(on_disk or held), held)
            except OSError:
                saved = None
        document = saved or change(held)
        take(document)
        if callable(done):
            done = done(document)
        if saved is None:
            self.autosave(done)
        else:
            lead = f"{done} " if done else ""
            self.status = Status(f"{lead}Saved to {self.file.path.name} at "
                                 f"{datetime.now():%H:%M}.", "ok")
        return document

    def autosave(self, done: str = "") -> bool:
        """Save now (if saving is on); ``status`` says what was ``done`` and how saving went."""
        lead = f"{done} " if done else ""
        if self.file is None:
            if done:
                self.status = Status(done, "ok")
            return True
        try:
            self.file.write(self.to_document())
        except SavedFileError as refused:
            self.status = Status(f"{lead}Your {self.unsaved_name} was not saved: {refused}",
                                 "error")
            return False
        except OSError as error:
            self.status = Status(
                f"{lead}Your {self.unsaved_name} could not be saved to {self.file.path}: "
                f"{why(error)}. Your entries are still here; try again, or check that the folder "
                "can be written to.", "error")
            return False
        self.status = Status(f"{lead}Saved to {self.file.path.name} at {datetime.now():%H:%M}.",
                             "ok")
        return True
