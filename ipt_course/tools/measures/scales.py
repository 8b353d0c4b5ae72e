"""The PHQ-9 and GAD-7: items, answers, severity bands and the NICE grouping."""

from __future__ import annotations

from dataclasses import dataclass

RESPONSES: tuple[tuple[int, str], ...] = (
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
)


@dataclass(frozen=True)
class Band:
    """A severity band: totals from ``low`` to ``high`` inclusive."""

    low: int
    high: int
    label: str


@dataclass(frozen=True)
class Measure:
    """A questionnaire scored 0-3 per item."""

    key: str
    name: str
    stem: str
    items: tuple[str, ...]
    bands: tuple[Band, ...]
    citation: str
    notes: tuple[str, ...] = ()

    @property
    def max_total(self) -> int:
        """Highest possible total."""
        return 3 * len(self.items)


PHQ9 = Measure(
    key="phq9",
    name="PHQ-9",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following "
    "problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 19, "moderately severe"),
        Band(20, 27, "severe"),
    ),
    citation="Kroenke K, Spitzer RL, Williams JBW (2001). The PHQ-9: validity of a brief "
    "depression severity measure. J Gen Intern Med 16:606-613. Free to reproduce "
    "(Pfizer).",
    notes=(
        "A cut-off of 10 or more had a sensitivity and specificity of 88% for major depression "
        "(Kroenke et al., 2001).",
        "NICE NG222 (2022) splits depression into less severe (PHQ-9 below 16) and more severe "
        "(16 or above) when choosing treatment.",
    ),
)

GAD7 = Measure(
    key="gad7",
    name="GAD-7",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ),
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 21, "severe"),
    ),
    citation="Spitzer RL, Kroenke K, Williams JBW, Löwe B (2006). A brief measure for assessing "
    "generalized anxiety disorder: the GAD-7. Arch Intern Med 166:1092-1097. Free to "
    "reproduce (Pfizer).",
    notes=(
        "A total of 10 or more warrants further assessment for an anxiety disorder "
        "(Spitzer et al., 2006).",
    ),
)

PHQ9_DIFFICULTY_QUESTION = (
    "If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?"
)
PHQ9_DIFFICULTY_OPTIONS = (
    "Not difficult at all",
    "Somewhat difficult",
    "Very difficult",
    "Extremely difficult",
)
RISK_ITEM = 9

ITEM9_STANDING_NOTE = (
    "A score of 0 on item 9 does not rule risk out. Louzon et al. (2016) found that 71.6% of "
    "veterans who died by suicide had answered \u2018not at all\u2019 to item 9 on their most "
    "recent PHQ-9. Ask about suicidal thoughts directly, whatever the questionnaire shows."
)


def _check_total(measure: Measure, total: int) -> None:
    if not isinstance(total, int) or isinstance(total, bool) or not 0 <= total <= measure.max_total:
        raise ValueError(
            f"{measure.name} total must be a whole number from 0 to {measure.max_total} "
            f"(got {total!r})"
        )


def severity_band(measure: Measure, total: int) -> str:
    """The severity label for a complete total, e.g. 'moderately severe'."""
    _check_total(measure, total)
    return next(band.label for band in measure.bands if band.low <= total <= band.high)


def phq9_band(total: int) -> str:
    """PHQ-9 severity: minimal 0-4, mild 5-9, moderate 10-14, moderately severe 15-19,
    severe 20-27."""
    return severity_band(PHQ9, total)


def gad7_band(total: int) -> str:
    """GAD-7 severity: minimal 0-4, mild 5-9, moderate 10-14, severe 15-21."""
    return severity_band(GAD7, total)


def nice_severity(phq9_total: int) -> str:
    """NICE NG222 (2022) grouping from a PHQ-9 total: 'less severe' below 16, else 'more severe'."""
    _check_total(PHQ9, phq9_total)
    return "less severe" if phq9_total < 16 else "more severe"
