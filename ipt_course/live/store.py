"""Shared live-day state (check-ins, confidence, evaluations, questions, attendance).

Every Voila viewer runs its own kernel, so anything the room shares lives in a database:
SQLite by default (one file beside the course, git-ignored), any SQLAlchemy URL for a larger
deployment. Responses are anonymous: a viewer is a random id per page, never a name, unless
the trainer turns on named attendance.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from pathlib import Path
from typing import Literal

import pandas as pd
from sqlalchemy import (
    Boolean,
    DateTime,
    Engine,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

DEFAULT_DATABASE = "live-data/live.sqlite"
SESSION_OVERRIDE = "session_override"  # setting: the session the trainer highlights
MAX_TEXT = 2000
MAX_WORD = 40
MAX_NAME = 120
Moment = Literal["start", "end"]


class LiveInputError(ValueError):
    """A trainee's entry cannot be stored; the message says what to change."""


class Base(DeclarativeBase):
    """Declarative base of the live-day tables."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class ViewerEntry:
    """The columns every viewer's entry has: its id, the day, who sent it and when."""

    # The same column order as before the columns were shared: id, day, viewer first, then
    # each table's own, created last.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-1)
    day: Mapped[int] = mapped_column(Integer, index=True, sort_order=-1)
    viewer: Mapped[str] = mapped_column(String(36), sort_order=-1)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, sort_order=1)


class CheckIn(ViewerEntry, Base):
    """How a viewer arrives: a mood or confidence rating and one word."""

    __tablename__ = "checkin"
    rating: Mapped[int] = mapped_column(Integer)
    word: Mapped[str] = mapped_column(String(MAX_WORD))


class Confidence(ViewerEntry, Base):
    """A viewer's confidence (1-5) in one learning outcome at the start or end of a day."""

    __tablename__ = "confidence"
    __table_args__ = (UniqueConstraint("day", "viewer", "outcome", "moment"),)
    outcome: Mapped[str] = mapped_column(String(20))
    moment: Mapped[str] = mapped_column(String(5))
    rating: Mapped[int] = mapped_column(Integer)


class Evaluation(ViewerEntry, Base):
    """An end-of-day evaluation: presentation and relevance ratings, free comments."""

    __tablename__ = "evaluation"
    presentation: Mapped[int] = mapped_column(Integer)
    relevance: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")


class Question(ViewerEntry, Base):
    """A question for the Q&A slot."""

    __tablename__ = "question"
    text: Mapped[str] = mapped_column(Text)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)


class Attendance(Base):
    """A trainee present on a day (from the roster or signed in on the live page)."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("day", "trainee"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[int] = mapped_column(Integer, index=True)
    trainee: Mapped[str] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(String(20))
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class Setting(Base):
    """A trainer setting shared by every viewer (named attendance, session override)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def new_viewer_id() -> str:
    """A random id for one page view: anonymous, but lets a viewer change their answer."""
    return str(uuid.uuid4())


def database_url(course_root: Path) -> str:
    """$IPT_LIVE_DATABASE if set, else a SQLite file under the course's live-data/."""
    configured = os.environ.get("IPT_LIVE_DATABASE")
    if configured:
        return configured
    path = course_root / DEFAULT_DATABASE
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    # WAL lets readers work while one writer commits; busy_timeout queues writers, not errors.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _create_tables(engine: Engine, attempts: int = 5) -> None:
    """Create the tables a database lacks.

    The trainee server, the trainer server and a pool of kernels open the store together on a
    live day. Two of them may both find a table missing and both create it; the one that comes
    second fails, and on looking again finds the table there.
    """
    for attempt in range(1, attempts + 1):
        try:
            Base.metadata.create_all(engine)
            return
        except (IntegrityError, OperationalError, ProgrammingError):
            if attempt == attempts:
                raise
            time.sleep(0.05 * attempt)


def _text(value: str, limit: int, what: str, required: bool = True) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise LiveInputError(f"Please write {what} before sending.")
    if len(cleaned) > limit:
        raise LiveInputError(f"{what.capitalize()} is {len(cleaned)} characters long; please "
                             f"keep it under {limit}. Your text is still in the box.")
    return cleaned


def _rating(value: int | None, what: str, low: int = 1, high: int = 5) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise LiveInputError(f"Choose a {what} from {low} to {high}.")
    return value


class LiveStore:
    """Reads and writes the live-day tables through one SQLAlchemy engine."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        _create_tables(self.engine)

    @classmethod
    def for_course(cls, course_root: Path) -> LiveStore:
        """The store configured for this course."""
        return cls(database_url(course_root))

    def _add(self, row: Base) -> None:
        with Session(self.engine) as session, session.begin():
            session.add(row)

    def check_in(self, day: int, viewer: str, rating: int | None, word: str) -> None:
        """Record how a viewer arrives (1 = low to 5 = great, and one word)."""
        word = _text(word, MAX_WORD, "one word")
        if len(word.split()) > 3:
            raise LiveInputError("Just one word (or a very short phrase), please.")
        self._add(CheckIn(day=day, viewer=viewer, rating=_rating(rating, "rating"), word=word))

    def rate_confidence(self, day: int, viewer: str, moment: Moment,
                        ratings: dict[str, int]) -> None:
        """Record (or update) a viewer's confidence in each outcome at the start or end."""
        if moment not in ("start", "end"):
            raise LiveInputError("Confidence is rated at the start or the end of the day.")
        if not ratings:
            raise LiveInputError("Rate at least one outcome before sending.")
        checked = {outcome: _rating(value, f"confidence for {outcome}")
                   for outcome, value in ratings.items()}
        with Session(self.engine) as session, session.begin():
            for outcome, rating in checked.items():
                existing = session.scalar(select(Confidence).filter_by(
                    day=day, viewer=viewer, outcome=outcome, moment=moment))
                if existing:
                    existing.rating = rating
                else:
                    session.add(Confidence(day=day, viewer=viewer, outcome=outcome,
                                           moment=moment, rating=rating))

    def evaluate(self, day: int, viewer: str, presentation: int | None, relevance: int | None,
                 comment: str = "") -> None:
        """Record an end-of-day evaluation."""
        self._add(Evaluation(day=day, viewer=viewer,
                             presentation=_rating(presentation, "presentation rating"),
                             relevance=_rating(relevance, "relevance rating"),
                             comment=_text(comment, MAX_TEXT, "your comment", required=False)))

    def ask(self, day: int, viewer: str, text: str) -> None:
        """Add a question for the Q&A slot."""
        self._add(Question(day=day, viewer=viewer, text=_text(text, MAX_TEXT, "your question")))

    def mark_answered(self, question_id: int) -> None:
        """Mark a question as dealt with."""
        with Session(self.engine) as session, session.begin():
            question = session.get(Question, question_id)
            if question:
                question.answered = True

    def sign_in(self, day: int, trainee: str, source: str = "sign-in") -> None:
        """Mark a trainee present (idempotent)."""
        trainee = _text(trainee, MAX_NAME, "your name")
        with Session(self.engine) as session, session.begin():
            if not session.scalar(select(Attendance).filter_by(day=day, trainee=trainee)):
                session.add(Attendance(day=day, trainee=trainee, source=source))

    def setting(self, key: str, default: str = "") -> str:
        """A shared trainer setting."""
        with Session(self.engine) as session:
            row = session.get(Setting, key)
            return row.value if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Change a shared trainer setting."""
        with Session(self.engine) as session, session.begin():
            session.merge(Setting(key=key, value=value))

    @property
    def named_attendance(self) -> bool:
        """Whether the live page asks trainees for their name (off: fully anonymous)."""
        return self.setting("named_attendance", "off") == "on"

    def table(self, model: type[Base], day: int | None = None) -> pd.DataFrame:
        """A whole table (optionally one day) as a DataFrame, for dashboards and exports."""
        query = select(model)
        if day is not None:
            query = query.where(model.day == day)
        with self.engine.connect() as connection:
            return pd.read_sql(query, connection)

    def count(self, model: type[Base], day: int) -> int:
        """How many rows a day has in a table."""
        with Session(self.engine) as session:
            return session.scalar(select(func.count()).select_from(model)
                                  .where(model.day == day)) or 0

    def checkin_summary(self, day: int) -> dict:
        """Count, mean rating, rating distribution and the words given at check-in."""
        frame = self.table(CheckIn, day)
        return {
            "count": len(frame),
            "mean": round(float(frame["rating"].mean()), 2) if len(frame) else None,
            "ratings": {r: int((frame["rating"] == r).sum()) for r in range(1, 6)},
            "words": frame["word"].str.lower().value_counts().to_dict() if len(frame) else {},
        }

    def confidence_summary(self, day: int) -> pd.DataFrame:
        """Mean confidence per outcome at the start and end of the day, with the change."""
        frame = self.table(Confidence, day)
        if frame.empty:
            return pd.DataFrame(columns=["outcome", "start", "end", "change", "responses"])
        means = frame.pivot_table(index="outcome", columns="moment", values="rating",
                                  aggfunc="mean")
        summary = pd.DataFrame({
            "start": means.get("start"), "end": means.get("end"),
        }).round(2)
        summary["change"] = (summary["end"] - summary["start"]).round(2)
        summary["responses"] = frame.groupby("outcome")["viewer"].nunique()
        return summary.reset_index()
