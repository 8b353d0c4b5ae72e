"""PHQ-9 and GAD-7 scorers for practice, and a description of the EPDS (never its items).

PHQ-9 (Kroenke, Spitzer & Williams, 2001) and GAD-7 (Spitzer, Kroenke, Williams & Löwe, 2006)
were developed with an educational grant from Pfizer, which released them free to reproduce.
The EPDS (Cox, Holden & Sagovsky, 1987) is copyright of the Royal College of Psychiatrists, so
this module describes it and never reproduces its item wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.render import SIGNPOSTING_HTML, box_html, escape
from ipt_course.kit.widgets import make_readable

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


class ScoreSheet(traitlets.HasTraits):
    """The answers to one questionnaire (None = not yet answered) and what follows from them."""

    answers = traitlets.List()

    def __init__(self, measure: Measure, **kwargs: Any) -> None:
        self.measure = measure
        super().__init__(**kwargs)
        if not self.answers:
            self.answers = [None] * len(measure.items)

    @traitlets.validate("answers")
    def _valid_answers(self, proposal: dict[str, Any]) -> list[int | None]:
        answers = list(proposal["value"])
        if len(answers) != len(self.measure.items):
            raise traitlets.TraitError(
                f"{self.measure.name} has {len(self.measure.items)} items (got {len(answers)})"
            )
        for number, answer in enumerate(answers, start=1):
            if answer is not None and answer not in (0, 1, 2, 3):
                raise traitlets.TraitError(
                    f"{self.measure.name} item {number}: answer must be 0, 1, 2 or 3 "
                    f"(got {answer!r})"
                )
        return answers

    def set_answer(self, item: int, value: int | None) -> None:
        """Set the answer (0-3, or None to clear) for item number ``item`` (1-based)."""
        if not 1 <= item <= len(self.measure.items):
            raise ValueError(f"{self.measure.name} has items 1 to {len(self.measure.items)}")
        answers = list(self.answers)
        answers[item - 1] = value
        self.answers = answers

    def clear(self) -> None:
        """Forget every answer."""
        self.answers = [None] * len(self.measure.items)

    @property
    def missing(self) -> list[int]:
        """Item numbers (1-based) still unanswered."""
        return [number for number, answer in enumerate(self.answers, 1) if answer is None]

    @property
    def complete(self) -> bool:
        """True when every item has an answer."""
        return not self.missing

    @property
    def total(self) -> int | None:
        """The total once every item is answered, else None (a partial sum would mislead)."""
        return sum(self.answers) if self.complete else None

    @property
    def band(self) -> str | None:
        """The severity band of a complete form, else None."""
        return None if self.total is None else severity_band(self.measure, self.total)

    @property
    def nice_group(self) -> str | None:
        """NICE NG222 grouping for a complete PHQ-9, else None."""
        if self.measure.key != "phq9" or self.total is None:
            return None
        return nice_severity(self.total)

    @property
    def risk_item_score(self) -> int | None:
        """The PHQ-9 item 9 answer (None for other measures or when unanswered)."""
        if self.measure.key != "phq9":
            return None
        return self.answers[RISK_ITEM - 1]

    @property
    def risk_flag(self) -> bool:
        """True when PHQ-9 item 9 is above 0: a risk assessment is needed now."""
        return bool(self.risk_item_score)


def risk_flag_html(item_score: int) -> str:
    """The prominent warning shown whenever PHQ-9 item 9 is above 0."""
    response = dict(RESPONSES)[item_score]
    body = (
        f"<p style='margin:0.3em 0'>Item 9 was answered <b>{item_score} "
        f"(\u2018{escape(response.lower())}\u2019)</b>: thoughts of being better off dead or of "
        "self-harm. <b>Carry out a risk assessment now</b>, in this contact: ask directly about "
        "suicidal thoughts, plans, intent, means and what keeps the person safe, and follow "
        "your service's risk policy.</p>"
        "<p style='margin:0.3em 0'><b>A questionnaire score never replaces a clinical risk "
        "assessment.</b> The total does not tell you how safe someone is.</p>"
        f"{SIGNPOSTING_HTML}"
    )
    return box_html("risk", "⚠ Risk flag: PHQ-9 item 9 is above 0", body, role="alert")


def standing_note_html() -> str:
    """The note shown on every PHQ-9, whatever item 9 says."""
    return box_html(
        "note",
        "Item 9 alone never settles risk",
        f"<p style='margin:0.3em 0'>{escape(ITEM9_STANDING_NOTE)}</p>",
    )


def result_html(sheet: ScoreSheet) -> str:
    """Total, band and (for PHQ-9) NICE grouping, or which items are still missing."""
    measure = sheet.measure
    if not sheet.complete:
        missing = ", ".join(str(number) for number in sheet.missing)
        plural = "s" if len(sheet.missing) > 1 else ""
        return box_html(
            "info",
            f"No total yet: answer every item to see the {measure.name} score",
            f"<p style='margin:0.3em 0'>Still to answer: item{plural} {escape(missing)}. "
            "A total from a part-completed form would understate severity.</p>",
            role="status",
        )
    lines = [
        f"<p style='margin:0.3em 0;font-size:1.15em'><b>Total {sheet.total} of "
        f"{measure.max_total}</b>: {escape(sheet.band)} "
        f"{escape(measure.name)} severity range.</p>"
    ]
    if sheet.nice_group:
        lines.append(
            f"<p style='margin:0.3em 0'>NICE NG222 (2022) grouping: <b>{sheet.nice_group} "
            "depression</b> (PHQ-9 below 16 = less severe; 16 or above = more severe).</p>"
        )
    lines.append(
        "<p style='margin:0.3em 0;color:#444'>A score supports clinical judgement and helps "
        "track change; it is not a diagnosis.</p>"
    )
    return box_html("ok", f"{measure.name} result", "".join(lines), role="status")


def bands_html(measure: Measure) -> str:
    """A one-line summary of the severity bands."""
    parts = [f"{band.low}-{band.high} {band.label}" for band in measure.bands]
    return escape("; ".join(parts))


# The default pressed look of a toggle button is a slightly darker grey, too faint to check a
# completed form at a glance.
_SELECTED_ANSWER_CSS = """<style>
.ipt-measure-scorer .widget-toggle-button.mod-active,
.ipt-measure-scorer .jupyter-widget-toggle-button.mod-active {
  background-color: #1f4e79; color: #ffffff; font-weight: bold;
}
</style>"""


class MeasureScorer(widgets.VBox):
    """A practice form: one row of 0-3 buttons per item, with a live result panel."""

    def __init__(self, measure: Measure) -> None:
        self.model = ScoreSheet(measure)
        self._buttons: list[widgets.ToggleButtons] = []
        rows: list[widgets.Widget] = []
        for number, text in enumerate(measure.items, start=1):
            buttons = widgets.ToggleButtons(
                options=[(f"{score} {label}", score) for score, label in RESPONSES],
                value=None,
                style=widgets.ToggleButtonsStyle(button_width="auto"),
                tooltips=[label for _score, label in RESPONSES],
            )
            buttons.observe(self._on_answer, "value")
            self._buttons.append(buttons)
            rows.append(
                widgets.VBox(
                    [
                        widgets.HTML(f"<b>{number}.</b> {escape(text)}"),
                        buttons,
                    ],
                    layout=widgets.Layout(margin="0 0 0.6em 0"),
                )
            )
        self._clear = widgets.Button(
            description="Clear all answers", icon="eraser", layout=widgets.Layout(width="auto")
        )
        self._clear.on_click(lambda _button: self.clear())
        self._result = widgets.HTML()
        self._risk = widgets.HTML()
        self._standing = widgets.HTML(standing_note_html() if measure.key == "phq9" else "")
        header = widgets.HTML(
            f"{_SELECTED_ANSWER_CSS}"
            f"<h3 style='margin:0.2em 0'>{escape(measure.name)} practice scorer</h3>"
            f"<p style='margin:0.2em 0'>{escape(measure.stem)}</p>"
            "<p style='margin:0.2em 0;color:#444'>For practice with a fictional client: do not "
            "enter anything that identifies a real person.</p>"
        )
        extra: list[widgets.Widget] = []
        if measure.key == "phq9":
            self._difficulty = widgets.Dropdown(
                options=[
                    ("(not answered)", ""),
                    *[(text, text) for text in PHQ9_DIFFICULTY_OPTIONS],
                ],
                value="",
                description="Difficulty",
                layout=widgets.Layout(width="26em"),
            )
            extra = [
                widgets.VBox(
                    [
                        widgets.HTML(f"<i>Not scored:</i> {escape(PHQ9_DIFFICULTY_QUESTION)}"),
                        self._difficulty,
                    ]
                )
            ]
        footer = widgets.HTML(
            f"<p style='color:#444;font-size:0.9em'>Bands: {bands_html(measure)}. "
            f"{' '.join(escape(note) for note in measure.notes)}<br>"
            f"Source: {escape(measure.citation)}</p>"
        )
        super().__init__(
            [
                header,
                *rows,
                *extra,
                widgets.HBox([self._clear]),
                self._risk,
                self._result,
                self._standing,
                footer,
            ]
        )
        self.add_class(f"ipt-{measure.key}-scorer")
        self.add_class("ipt-measure-scorer")
        make_readable(self)
        self.model.observe(self._refresh, "answers")
        self._refresh()

    def _on_answer(self, _change: dict[str, Any]) -> None:
        self.model.answers = [buttons.value for buttons in self._buttons]

    def clear(self) -> None:
        """Reset every item to unanswered."""
        for buttons in self._buttons:
            buttons.value = None
        if self.model.measure.key == "phq9":
            self._difficulty.value = ""
        self.model.clear()

    def set_answers(self, answers: list[int | None]) -> None:
        """Fill the form (e.g. with a vignette's answers)."""
        for buttons, answer in zip(self._buttons, answers, strict=True):
            buttons.value = answer

    def _refresh(self, _change: dict[str, Any] | None = None) -> None:
        self._result.value = result_html(self.model)
        self._risk.value = (
            risk_flag_html(self.model.risk_item_score) if self.model.risk_flag else ""
        )

    @property
    def result_text(self) -> str:
        """Everything the result panels currently show, as HTML (for tests and screenshots)."""
        return self._risk.value + self._result.value + self._standing.value


class PHQ9Scorer(MeasureScorer):
    """PHQ-9 practice scorer with the item 9 risk flag and the standing item 9 caveat."""

    def __init__(self) -> None:
        super().__init__(PHQ9)


class GAD7Scorer(MeasureScorer):
    """GAD-7 practice scorer."""

    def __init__(self) -> None:
        super().__init__(GAD7)


EPDS_FACTS: tuple[tuple[str, str], ...] = (
    (
        "What it is",
        "A 10-item self-report screening questionnaire for depression after "
        "childbirth, developed by Cox, Holden and Sagovsky (1987). It screens; it does not "
        "diagnose.",
    ),
    ("Time frame", "How the person has felt over the past 7 days."),
    (
        "Scoring",
        "Each item is scored 0 to 3, so totals run from 0 to 30. Some items are "
        "reverse-scored (items 3 and 5 to 10), so the scoring key matters: the highest-scoring "
        "answer is not always the last one listed.",
    ),
    (
        "Thresholds",
        "13 or more suggests possible depression and calls for a fuller "
        "assessment; some services use 10 or more as a more sensitive cut-off (Cox et al., 1987). "
        "Follow the threshold your service uses.",
    ),
    (
        "Item 10",
        "Item 10 asks about thoughts of self-harm. Any score above 0 on item 10 needs "
        "a risk assessment, whatever the total, and a score never replaces a clinical risk "
        "assessment.",
    ),
    (
        "Copyright",
        "The Royal College of Psychiatrists holds the copyright. An individual "
        "clinician may use copies in their own practice, citing the source, but republishing the "
        "scale needs the College's written permission: that is why this course describes it and "
        "does not show the items. Use the copy your service provides.",
    ),
)


def epds_overview_html() -> str:
    """The EPDS description as HTML: scale, scoring, thresholds, item 10 and copyright."""
    rows = "".join(
        f"<tr><th scope='row' style='text-align:left;vertical-align:top;padding:0.3em 0.8em "
        f"0.3em 0;white-space:nowrap'>{escape(title)}</th><td style='padding:0.3em 0'>"
        f"{escape(text)}</td></tr>"
        for title, text in EPDS_FACTS
    )
    return (
        "<div class='ipt-epds-overview' style='line-height:1.45'>"
        "<h3 style='margin:0.2em 0'>The Edinburgh Postnatal Depression Scale (EPDS)</h3>"
        f"<table style='border-collapse:collapse'>{rows}</table>"
        + box_html(
            "risk",
            "⚠ If item 10 is above 0: assess risk the same day",
            "<p style='margin:0.3em 0'>Ask directly about thoughts of self-harm and "
            "suicide, follow your service's risk policy and talk to your supervisor. "
            "A screening score never replaces a clinical risk assessment.</p>" + SIGNPOSTING_HTML,
        )
        + "<p style='color:#444;font-size:0.9em'>Source: Cox JL, Holden JM, Sagovsky R (1987). "
        "Detection of postnatal depression: development of the 10-item Edinburgh Postnatal "
        "Depression Scale. Br J Psychiatry 150:782-786.</p></div>"
    )


def epds_overview() -> widgets.HTML:
    """A widget describing the EPDS; it never reproduces any EPDS item wording."""
    return widgets.HTML(epds_overview_html())
