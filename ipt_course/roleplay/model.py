"""The state and rules of one role-play run, with no widgets: choose, continue, back, restart."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from traitlets import Bool, Float, HasTraits, Int, List, Unicode, observe

from ipt_course.kit.order import display_order, scenario_item
from ipt_course.kit.vocabulary import technique_label, techniques
from ipt_course.roleplay.graph import remaining_table
from ipt_course.roleplay.schema import (
    QUALITY_CREDIT,
    Node,
    Scenario,
)

QUALITY_ORDER = ("sound", "partial", "unhelpful")
MAX_WORST_CHOICES = 3


@dataclass(frozen=True)
class TranscriptEntry:
    """One decision: what the client said, what the trainee wrote and chose, and the feedback."""

    node_id: str
    client: str
    direction: str | None
    own_words: str | None
    choice_index: int
    choice_text: str
    technique: str
    quality: str
    feedback: str
    next: str


@dataclass(frozen=True)
class Summary:
    """How the run went, shown at an ending and written into the transcript."""

    ending_title: str
    ending_summary: str
    decisions: int
    counts: dict[str, int]
    score: float
    techniques_used: list[str]
    techniques_missed: list[str]
    outcomes: list[str]
    practise_next: list[str] = field(default_factory=list)


class RolePlayModel(HasTraits):
    """One trainee's way through a scenario; the view only reads and calls this."""

    node_id = Unicode(help="The node whose client line is on screen.")
    history = List(help="TranscriptEntry for every decision made, oldest first.")
    awaiting_continue = Bool(False, help="Feedback is showing; Continue moves on.")
    choices_revealed = Bool(False, help="The choices are visible (after own words, if asked).")
    draft = Unicode("", help="The trainee's own-words reply at the current node.")
    decisions = Int(0, help="Decisions made so far.")
    progress = Float(0.0, help="Fraction of the way to an ending, 0 to 1.")
    remaining = Int(0, help="The most decisions still to make before an ending.")
    revision = Int(0, help="Goes up by one after every action, once the state is consistent.")
    choice_order = List(help="The file indices of the node's choices, in the order shown.")

    def __init__(self, scenario: Scenario, seed: str | None = None, **kwargs: object) -> None:
        """Play ``scenario``; with a ``seed`` the choices are shown in that seed's order.

        Without a seed they are shown in file order (authoring tools and trainer views).
        Either way ``choose`` takes a choice's index in the file, so the history, the
        transcript and the summary never depend on the order on screen.
        """
        super().__init__(**kwargs)
        self.scenario = scenario
        self.seed = seed
        self._remaining = remaining_table(scenario)
        self.restart()

    def order_at(self, node_id: str) -> list[int]:
        """The file indices of the choices at ``node_id`` in the order this trainee sees them."""
        count = len(self.scenario.nodes[node_id].choices)
        if self.seed is None:
            return list(range(count))
        shown = display_order([str(index) for index in range(count)], seed=self.seed,
                              item=scenario_item(self.scenario.id, node_id))
        return [int(index) for index in shown]

    @property
    def node(self) -> Node:
        """The node on screen."""
        return self.scenario.nodes[self.node_id]

    @property
    def is_ended(self) -> bool:
        """True once an ending is on screen."""
        return self.node.is_ending and not self.awaiting_continue

    @property
    def last_entry(self) -> TranscriptEntry | None:
        """The most recent decision, if any."""
        return self.history[-1] if self.history else None

    @property
    def can_go_back(self) -> bool:
        """Back is possible once a decision has been made."""
        return bool(self.history)

    def restart(self) -> None:
        """Start again from the first client line with nothing chosen."""
        with self.hold_trait_notifications():
            self.awaiting_continue = False
            self.draft = ""
            self.history = []
            self.node_id = self.scenario.start
            self.choices_revealed = not self.scenario.nodes[self.scenario.start].own_words
        self._update_progress()
        self.revision += 1

    def reveal_choices(self) -> None:
        """Show the choices after the trainee has had the chance to write their own reply."""
        self.choices_revealed = True
        self.revision += 1

    def choose(self, index: int) -> TranscriptEntry:
        """Pick choice ``index`` at the current node and record it; feedback shows next."""
        if self.awaiting_continue or self.is_ended:
            raise RuntimeError("no choice can be made now: continue or go back first")
        if not self.choices_revealed:
            raise RuntimeError("the choices are not shown yet")
        node = self.node
        choice = node.choices[index]
        entry = TranscriptEntry(
            node_id=self.node_id,
            client=node.client,
            direction=node.direction,
            own_words=self.draft if node.own_words else None,
            choice_index=index,
            choice_text=choice.text,
            technique=choice.technique,
            quality=choice.quality,
            feedback=choice.feedback,
            next=choice.next,
        )
        with self.hold_trait_notifications():
            self.history = [*self.history, entry]
            self.awaiting_continue = True
        self.revision += 1
        return entry

    def continue_(self) -> None:
        """Move on to the client's reaction: the node the last choice leads to."""
        if not self.awaiting_continue:
            raise RuntimeError("there is no feedback to continue from")
        target = self.history[-1].next
        with self.hold_trait_notifications():
            self.draft = ""
            self.awaiting_continue = False
            self.node_id = target
            self.choices_revealed = not self.scenario.nodes[target].own_words
        self.revision += 1

    def back(self) -> None:
        """Undo the last decision, keeping what the trainee had written in their own words."""
        if not self.history:
            return
        entry = self.history[-1]
        with self.hold_trait_notifications():
            self.awaiting_continue = False
            self.history = self.history[:-1]
            self.node_id = entry.node_id
            self.draft = entry.own_words or ""
            self.choices_revealed = True
        self.revision += 1

    @observe("history", "node_id", "awaiting_continue")
    def _on_move(self, change: object) -> None:
        self._update_progress()

    @observe("node_id")
    def _on_node(self, change: object) -> None:
        self.choice_order = self.order_at(self.node_id)

    def _update_progress(self) -> None:
        if not self.node_id:
            return
        self.decisions = len(self.history)
        here = self.history[-1].next if self.awaiting_continue else self.node_id
        self.remaining = self._remaining[here]
        total = self.decisions + self.remaining
        self.progress = self.decisions / total if total else 1.0

    def score(self) -> float:
        """Adherence: 100 x the mean credit of the decisions (sound 1, partial 0.5, unhelpful 0)."""
        if not self.history:
            return 0.0
        credit = [QUALITY_CREDIT[entry.quality] for entry in self.history]
        return round(100 * sum(credit) / len(credit), 1)

    def summary(self) -> Summary:
        """Counts, score, techniques used and missed, and what to practise next."""
        ending = self.scenario.nodes[self.history[-1].next if self.awaiting_continue
                                     else self.node_id].ending
        counts = Counter(entry.quality for entry in self.history)
        used = _unique(entry.technique for entry in self.history)
        sound_here = _unique(
            choice.technique
            for entry in self.history
            for choice in self.scenario.nodes[entry.node_id].choices
            if choice.quality == "sound"
        )
        missed = [technique for technique in sound_here if technique not in used]
        return Summary(
            ending_title=ending.title if ending else "Not finished yet",
            ending_summary=ending.summary if ending else "",
            decisions=len(self.history),
            counts={quality: counts.get(quality, 0) for quality in QUALITY_ORDER},
            score=self.score(),
            techniques_used=used,
            techniques_missed=missed,
            outcomes=list(self.scenario.outcomes),
            practise_next=self._practise_next(missed),
        )

    def _practise_next(self, missed: list[str]) -> list[str]:
        """Advice from the techniques missed and the weakest choices made."""
        advice = []
        vocabulary = techniques()
        for technique in missed:
            known = vocabulary.get(technique)
            detail = f": {known.description[0].lower()}{known.description[1:]}" if known else ""
            advice.append(f"Practise {technique_label(technique).lower()}{detail}")
        worst = min((QUALITY_CREDIT[e.quality] for e in self.history), default=1.0)
        if worst < 1.0:
            weakest = [e for e in self.history if QUALITY_CREDIT[e.quality] == worst]
            for entry in weakest[:MAX_WORST_CHOICES]:
                advice.append(self._better_reply(entry))
        if not advice:
            advice.append(
                "Every reply was a sound IPT move. Try the scenario again in a breakout room, "
                "in your own words, and take one moment from it to supervision."
            )
        return advice

    def _better_reply(self, entry: TranscriptEntry) -> str:
        """Name a weak choice and the sound reply that was on offer at the same point."""
        node = self.scenario.nodes[entry.node_id]
        sound = next((c for c in node.choices if c.quality == "sound"), None)
        said = _shorten(entry.client)
        text = (f"When the client said \u201c{said}\u201d, you chose "
                f"{technique_label(entry.technique).lower()}")
        if sound is None:
            return text + "."
        return (f"{text}; a sound reply was \u201c{_shorten(sound.text)}\u201d "
                f"({technique_label(sound.technique).lower()}).")


def _unique(items: object) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))  # type: ignore[arg-type]


def _shorten(text: str, limit: int = 90) -> str:
    """A line cut at a word boundary so advice stays readable."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "\u2026"


def describe_outcomes(outcome_ids: list[str]) -> list[str]:
    """Each outcome as "id: text" from course.yaml, or the bare id outside a course folder."""
    from ipt_course import course_root

    try:
        manifest = course_root() / "course.yaml"
        texts = _outcome_texts(manifest, manifest.stat().st_mtime_ns)
    except FileNotFoundError:
        texts = {}
    return [f"{i}: {texts[i]}" if i in texts else i for i in outcome_ids]


@lru_cache(maxsize=4)
def _outcome_texts(manifest: Path, modified: int) -> dict[str, str]:
    """Outcome texts by id, read once per version of course.yaml (``modified`` keys the cache)."""
    from ipt_course.course import ManifestError, load_course

    try:
        course = load_course(manifest.parent)
    except (ManifestError, FileNotFoundError):
        return {}
    return {outcome.id: outcome.text for day in course.days for outcome in day.outcomes}
