"""What the live page's forms and the room page say back after a send, worded once."""

from __future__ import annotations

CHECKIN_THANKS = "Thank you, your check-in is in."
QUESTION_THANKS = "Thank you, your question is with the trainer."
EVALUATION_THANKS = "Thank you, your evaluation is in."


def confidence_thanks(saved: int, unrated: int, moment: str | None = None) -> str:
    """Thanks for confidence ratings, naming the start or end of the day when given."""
    when = f" for the {moment} of the day" if moment else ""
    extra = f" ({unrated} left unrated)" if unrated else ""
    return f"Thank you, {saved} rating(s){when} saved{extra}."


def signed_in(day: int) -> str:
    """Confirmation of a sign-in for ``day``."""
    return f"Signed in for Day {day}. Thank you."
