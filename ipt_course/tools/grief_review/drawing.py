"""The balance picture: where the account sits now, the balance worked towards, both sides' tally.

A scale runs from "only the good side" (idealised) through "both sides held" to "only the hard
side" (blame, anger, guilt). Drawn with matplotlib's object interface, so no pyplot state.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from ipt_course.kit.render import figure_png
from ipt_course.tools.grief_review.review import ReviewDocument
from ipt_course.tools.grief_review.wording import Wording, wording

ZONES = (  # (from, to, fill, words above the scale)
    (-3.5, -1.5, "#dbe8f5", "Idealised\n(only the good side)"),
    (-1.5, 1.5, "#dcefdc", "Both sides held"),
    (1.5, 3.5, "#f7dede", "Only blamed\n(only the hard side)"),
)
NOW_COLOUR = "#1f4e79"
AIM_COLOUR = "#1b5e20"
GAVE_COLOUR = "#1f4e79"
HARD_COLOUR = "#b71c1c"
MAX_DOTS = 15


def _tally(axis: object, items: int, right: bool, words: str) -> None:
    """One side's count in words, and a dot for each entry (up to MAX_DOTS)."""
    edge, align, step = (3.5, "right", -0.2) if right else (-3.5, "left", 0.2)
    colour = HARD_COLOUR if right else GAVE_COLOUR
    axis.text(edge, -0.95, words, ha=align, va="center", fontsize=12, color="#1a1a1a")
    for index in range(min(items, MAX_DOTS)):
        axis.plot(edge + step * index + step / 2, -1.3, "o", color=colour, markersize=8)
    if items > MAX_DOTS:
        axis.text(edge + step * (MAX_DOTS + 0.5), -1.3, "…", ha=align, va="center",
                  fontsize=12, color=colour)


def balance_figure(review: ReviewDocument, words: Wording | None = None) -> Figure:
    """The balance scale with the account now, the aim by the ending and both sides' tally."""
    words = words or wording()
    name = review.person()
    fig = Figure(figsize=(10, 3.7), layout="constrained")
    axis = fig.add_subplot()
    axis.set_xlim(-3.7, 3.7)
    axis.set_ylim(-1.55, 1.35)
    axis.set_axis_off()
    heading = f"How the relationship with {name} is told" if review.name.strip() else (
        "How the relationship is told")
    fig.suptitle(heading, fontsize=14, fontweight="bold")
    for start, end, fill, label in ZONES:
        axis.add_patch(FancyBboxPatch((start, -0.22), end - start, 0.44, facecolor=fill,
                                      edgecolor="#8c959f",
                                      boxstyle="round,pad=0,rounding_size=0.1"))
        axis.text((start + end) / 2, 1.0, label, ha="center", va="center", fontsize=12,
                  fontweight="bold", color="#1a1a1a")
    for position in range(-3, 4):
        axis.plot([position, position], [-0.22, 0.22], color="#8c959f", linewidth=1)
    now, aim = review.balance_now, review.balance_aim
    if now is not None and aim is not None and now != aim:
        axis.annotate("", xy=(aim, 0), xytext=(now, 0), arrowprops={
            "arrowstyle": "-|>", "color": AIM_COLOUR, "linewidth": 2.2, "mutation_scale": 22,
            "shrinkA": 12, "shrinkB": 12})
    if now is not None:
        axis.plot(now, 0, "o", color=NOW_COLOUR, markersize=18, zorder=4)
        label = "Now and by the ending" if now == aim else "Now"
        axis.text(now, 0.55, label, ha="center", va="center", fontsize=12, color=NOW_COLOUR,
                  fontweight="bold")
    if aim is not None and aim != now:
        axis.plot(aim, 0, "o", markerfacecolor="white", markeredgecolor=AIM_COLOUR,
                  markeredgewidth=3, markersize=18, zorder=4)
        axis.text(aim, -0.55, "By the ending", ha="center", va="center", fontsize=12,
                  color=AIM_COLOUR, fontweight="bold")
    if now is None and aim is None:
        axis.text(0, 0.55, "Choose where the account sits now, and the aim, to draw the balance.",
                  ha="center", va="center", fontsize=12, color="#444444")
    _tally(axis, len(review.gave), False, f"What {name} gave: {_count(len(review.gave))}")
    _tally(axis, len(review.hard), True, f"What was hard: {_count(len(review.hard))}")
    return fig


def _count(items: int) -> str:
    return "none listed" if not items else f"{items} listed"


def balance_png(review: ReviewDocument, words: Wording | None = None) -> bytes:
    """The balance picture as PNG bytes."""
    return figure_png(balance_figure(review, words))


def balance_alt_text(review: ReviewDocument, words: Wording | None = None) -> str:
    """What the picture shows, in words, for screen readers and the printed page."""
    words = words or wording()
    name = review.person()
    now = words.position(review.balance_now) or "not placed yet"
    aim = words.position(review.balance_aim) or "not placed yet"
    return (f"Balance picture. The account now: {now}. The balance worked towards by the "
            f"ending: {aim}. What {name} gave: {_count(len(review.gave))}; what was hard: "
            f"{_count(len(review.hard))}.")
