"""The relationship review for grief (Day 4): the relationship with the person who died, both sides.

``RelationshipReview(save_path="my-relationship-review.json")`` (the same class as
:class:`GriefReviewView`) takes the person who died, or a baby and the hopes held for them;
memories; what they gave and what was hard; the story of the death and the time after; the
anniversaries and dates ahead; and where the account sits now against the balance worked
towards (neither idealised nor only blamed), drawn as a picture. Prompts from simple word rules
(``data/wording.yaml``) suggest the next question. The review is saved at every change,
reloaded on a re-run, and exported as a printable HTML page or a PNG of the picture.
"""

from ipt_course.tools.grief_review.drawing import balance_alt_text, balance_figure, balance_png
from ipt_course.tools.grief_review.model import GriefReviewModel
from ipt_course.tools.grief_review.review import (
    DateAhead,
    ReviewDocument,
    ReviewError,
    ReviewFileError,
    make_date,
    make_entry,
)
from ipt_course.tools.grief_review.rules import Prompt, review_prompts
from ipt_course.tools.grief_review.view import GriefReviewView
from ipt_course.tools.grief_review.wording import Wording, WordingError, parse_wording, wording

# The name the Day 4 notebook uses.
RelationshipReview = GriefReviewView

__all__ = [
    "DateAhead",
    "GriefReviewModel",
    "GriefReviewView",
    "Prompt",
    "RelationshipReview",
    "ReviewDocument",
    "ReviewError",
    "ReviewFileError",
    "Wording",
    "WordingError",
    "balance_alt_text",
    "balance_figure",
    "balance_png",
    "make_date",
    "make_entry",
    "parse_wording",
    "review_prompts",
    "wording",
]
