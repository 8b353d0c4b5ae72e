"""How depressive symptoms and interpersonal problems feed each other, and where IPT breaks in.

The content lives in ``data/symptom_cycle.yaml`` so that trainers can change it without Python.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from importlib import resources
from typing import Any

import ipywidgets as widgets
import traitlets
import yaml
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ipt_course.kit.render import SIGNPOSTING_HTML, box_html, escape, figure_png
from ipt_course.kit.widgets import Picture

STEP_TITLES = ("The symptom", "Between people", "Effect on mood", "The symptom worsens")
STEP_KEYS = ("symptom", "interpersonal", "mood", "worsens")
BREAK_POINTS = ("interpersonal", "mood")
IPT_STEP = len(STEP_KEYS) + 1
TECHNIQUE_NAMES = {
    "interpersonal_inventory": "interpersonal inventory",
    "psychoeducation": "psychoeducation",
    "linking_mood_to_events": "linking mood to events",
    "communication_analysis": "communication analysis",
    "clarification": "clarification",
    "role_play": "role play",
    "sick_role": "the sick role",
    "exploration": "exploration",
    "decision_analysis": "decision analysis",
    "encouragement_of_affect": "encouragement of affect",
    "risk_assessment": "risk assessment",
}


@dataclass(frozen=True)
class CycleExample:
    """One symptom followed round the cycle."""

    id: str
    label: str
    symptom: str
    interpersonal: str
    mood: str
    worsens: str
    breaks_at: str
    ipt_move: str
    techniques: tuple[str, ...]

    def step_text(self, step: int) -> str:
        """Text of step 1-4."""
        return getattr(self, STEP_KEYS[step - 1])

    @property
    def touches_risk(self) -> bool:
        """True when the example involves suicide risk (the view then adds signposting)."""
        return "risk_assessment" in self.techniques


class CycleContentError(ValueError):
    """The cycle content file is malformed; the message names the key."""


def parse_cycle_content(
    data: Any, source: str = "symptom_cycle.yaml"
) -> tuple[str, list[CycleExample]]:
    """Validate the YAML content and return (intro text, examples)."""
    if not isinstance(data, dict) or not isinstance(data.get("symptoms"), list):
        raise CycleContentError(f"{source}: symptoms: expected a list")
    examples = []
    for index, raw in enumerate(data["symptoms"]):
        where = f"{source}: symptoms[{index}]"
        if not isinstance(raw, dict):
            raise CycleContentError(f"{where}: expected a mapping")
        for key in ("id", "label", *STEP_KEYS, "ipt_move"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise CycleContentError(f"{where}.{key}: expected non-empty text")
        if raw.get("breaks_at") not in BREAK_POINTS:
            raise CycleContentError(f"{where}.breaks_at: expected one of {', '.join(BREAK_POINTS)}")
        techniques = raw.get("techniques", [])
        unknown = [t for t in techniques if t not in TECHNIQUE_NAMES]
        if unknown:
            raise CycleContentError(f"{where}.techniques: unknown {', '.join(map(str, unknown))}")
        examples.append(
            CycleExample(
                id=raw["id"],
                label=raw["label"],
                symptom=raw["symptom"].strip(),
                interpersonal=raw["interpersonal"].strip(),
                mood=raw["mood"].strip(),
                worsens=raw["worsens"].strip(),
                breaks_at=raw["breaks_at"],
                ipt_move=" ".join(raw["ipt_move"].split()),
                techniques=tuple(techniques),
            )
        )
    ids = [example.id for example in examples]
    if len(set(ids)) != len(ids):
        raise CycleContentError(f"{source}: symptoms: ids must be unique")
    return " ".join(str(data.get("intro", "")).split()), examples


def load_cycle_content() -> tuple[str, list[CycleExample]]:
    """The packaged cycle content."""
    text = (
        resources.files("ipt_course.tools")
        .joinpath("data/symptom_cycle.yaml")
        .read_text(encoding="utf-8")
    )
    return parse_cycle_content(yaml.safe_load(text))


class CycleModel(traitlets.HasTraits):
    """Which symptom is shown and how far round the cycle the trainee has gone (0-5)."""

    symptom_id = traitlets.Unicode()
    step = traitlets.Int(1)

    def __init__(self, examples: list[CycleExample], **kwargs: Any) -> None:
        self.examples = {example.id: example for example in examples}
        super().__init__(symptom_id=examples[0].id, **kwargs)

    @traitlets.validate("symptom_id")
    def _known(self, proposal: dict[str, Any]) -> str:
        if proposal["value"] not in self.examples:
            raise traitlets.TraitError(f"unknown symptom {proposal['value']!r}")
        return proposal["value"]

    @traitlets.validate("step")
    def _in_range(self, proposal: dict[str, Any]) -> int:
        return max(1, min(IPT_STEP, proposal["value"]))

    @traitlets.observe("symptom_id")
    def _restart(self, _change: dict[str, Any]) -> None:
        self.step = 1

    @property
    def example(self) -> CycleExample:
        """The symptom currently shown."""
        return self.examples[self.symptom_id]

    @property
    def ipt_shown(self) -> bool:
        """True once the IPT move has been revealed."""
        return self.step >= IPT_STEP

    def next_step(self) -> None:
        """Reveal the next part of the cycle."""
        self.step += 1

    def show_all(self) -> None:
        """Reveal every step and the IPT move."""
        self.step = IPT_STEP


_POSITIONS = ((0.0, 1.0), (1.0, 0.0), (0.0, -1.0), (-1.0, 0.0))
_COLOURS = ("#1f4e79", "#7b3f00", "#5b2c6f", "#7f1d1d")


def cycle_figure(example: CycleExample, step: int) -> Figure:
    """The cycle diagram: four boxes in a loop; the IPT move drawn where it breaks the loop."""
    fig = Figure(figsize=(9.5, 7.2))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-2.05, 2.05)
    ax.set_ylim(-1.75, 1.62)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.text(
        0,
        1.5,
        f"{example.label}: the depression–relationship cycle",
        ha="center",
        va="center",
        fontsize=14,
        fontweight="bold",
    )
    radius_x, radius_y = 1.3, 1.0
    centres = [(x * radius_x, y * radius_y) for x, y in _POSITIONS]
    for index, (x, y) in enumerate(centres):
        shown = index + 1 <= step
        colour = _COLOURS[index] if shown else "#9e9e9e"
        body = textwrap.fill(example.step_text(index + 1), 31) if shown else "?"
        ax.add_patch(
            FancyBboxPatch(
                (x - 0.68, y - 0.32),
                1.36,
                0.64,
                boxstyle="round,pad=0.03,rounding_size=0.08",
                facecolor="white" if shown else "#f2f2f2",
                edgecolor=colour,
                linewidth=2.2,
            )
        )
        ax.text(
            x,
            y + 0.22,
            f"{index + 1}. {STEP_TITLES[index]}",
            ha="center",
            va="center",
            fontsize=10.5,
            fontweight="bold",
            color=colour,
        )
        ax.text(
            x,
            y - 0.05,
            body,
            ha="center",
            va="center",
            fontsize=9.4 if shown else 16,
            color="#1a1a1a" if shown else "#9e9e9e",
            linespacing=1.25,
        )
    arrow_points = _arrow_points(centres)
    for index, (start, end) in enumerate(arrow_points):
        visible = index + 2 <= step or (index == 3 and step >= 4)
        ax.add_patch(
            FancyArrowPatch(
                start,
                end,
                connectionstyle="arc3,rad=-0.28",
                arrowstyle="-|>,head_length=8,head_width=5",
                color="#424242" if visible else "#cfcfcf",
                linewidth=2,
            )
        )
    if step >= IPT_STEP:
        _draw_break(ax, example, arrow_points)
    else:
        ax.text(
            0,
            0,
            "Round and round:\neach part keeps\nthe next going",
            ha="center",
            va="center",
            fontsize=10,
            color="#555555",
            style="italic",
        )
    return fig


def _arrow_points(
    centres: list[tuple[float, float]],
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Start and end of the arrow from each box to the next, just outside the boxes."""
    offsets = ((0.72, -0.02), (-0.05, -0.36), (-0.72, 0.02), (0.05, 0.36))
    ends = ((-0.05, 0.36), (0.72, 0.02), (0.05, -0.36), (-0.72, -0.02))
    points = []
    for index, (x, y) in enumerate(centres):
        nx, ny = centres[(index + 1) % 4]
        start = (x + offsets[index][0], y + offsets[index][1])
        end = (nx + ends[index][0], ny + ends[index][1])
        points.append((start, end))
    return points


def _draw_break(ax: Any, example: CycleExample, arrow_points: list[Any]) -> None:
    """Mark where the IPT move interrupts the loop and describe the move in the centre."""
    arrow_index = 0 if example.breaks_at == "interpersonal" else 1
    (x0, y0), (x1, y1) = arrow_points[arrow_index]
    # The arc bulges outwards, so the break mark sits beyond the chord's midpoint.
    mid_x, mid_y = (x0 + x1) / 2, (y0 + y1) / 2
    length = math.hypot(mid_x, mid_y) or 1.0
    mark_x, mark_y = mid_x + 0.2 * mid_x / length, mid_y + 0.2 * mid_y / length
    ax.plot(
        [mark_x],
        [mark_y],
        marker="X",
        markersize=26,
        color="#1b7f3a",
        markeredgecolor="white",
        markeredgewidth=2,
        zorder=5,
    )
    move = textwrap.fill(example.ipt_move, 34)
    ax.text(
        0,
        -0.02,
        f"$\\bf{{IPT\\ move}}$\n{move}",
        ha="center",
        va="center",
        fontsize=8.8,
        color="#0f3d1f",
        linespacing=1.25,
        zorder=4,
        bbox={
            "boxstyle": "round,pad=0.45",
            "facecolor": "#e8f5e9",
            "edgecolor": "#1b7f3a",
            "linewidth": 2,
        },
    )
    ax.annotate(
        "",
        xy=(mark_x, mark_y),
        xytext=(0.45 * mark_x, 0.35 * mark_y),
        arrowprops={"arrowstyle": "-|>", "color": "#1b7f3a", "linewidth": 1.8},
    )
    ax.text(
        0,
        -1.62,
        "✕ marks where this IPT move interrupts the cycle",
        ha="center",
        va="center",
        fontsize=10,
        color="#1b7f3a",
    )


class SymptomCycle(widgets.VBox):
    """Pick a symptom, step round the cycle, then reveal where IPT breaks it."""

    def __init__(self) -> None:
        intro, examples = load_cycle_content()
        self.model = CycleModel(examples)
        self._symptom = widgets.Dropdown(
            options=[(example.label, example.id) for example in examples],
            value=self.model.symptom_id,
            description="Symptom",
            layout=widgets.Layout(width="26em"),
        )
        self._symptom.observe(self._on_symptom, "value")
        self._next = widgets.Button(
            description="Next step",
            button_style="primary",
            icon="arrow-right",
            layout=widgets.Layout(width="auto"),
        )
        self._all = widgets.Button(
            description="Show where IPT breaks the cycle",
            icon="scissors",
            layout=widgets.Layout(width="auto"),
        )
        self._restart = widgets.Button(
            description="Start again", icon="undo", layout=widgets.Layout(width="auto")
        )
        self._next.on_click(lambda _b: self.model.next_step())
        self._all.on_click(lambda _b: self.model.show_all())
        self._restart.on_click(lambda _b: setattr(self.model, "step", 1))
        self._diagram = Picture(max_width="900px")
        self._text = widgets.HTML()
        header = widgets.HTML(
            "<h3 style='margin:0.2em 0'>The symptom–relationship cycle</h3>"
            f"<p style='margin:0.2em 0'>{escape(intro)}</p>"
        )
        super().__init__(
            [
                header,
                self._symptom,
                widgets.HBox([self._next, self._all, self._restart]),
                self._diagram,
                self._text,
            ]
        )
        self.add_class("ipt-symptom-cycle")
        self.model.observe(self._refresh, ["symptom_id", "step"])
        self._refresh()

    def _on_symptom(self, change: dict[str, Any]) -> None:
        self.model.symptom_id = change["new"]

    def _refresh(self, _change: dict[str, Any] | None = None) -> None:
        example, step = self.model.example, self.model.step
        self._next.disabled = step >= IPT_STEP
        self._diagram.show(figure_png(cycle_figure(example, step), dpi=100),
                           cycle_alt_text(example, step))
        self._text.value = cycle_text_html(example, step)


def cycle_alt_text(example: CycleExample, step: int) -> str:
    """A short description of the diagram for screen readers; the full text follows it."""
    shown = min(step, len(STEP_KEYS))
    text = (f"Cycle diagram for {example.label.lower()}: {shown} of {len(STEP_KEYS)} steps "
            "shown")
    if step >= IPT_STEP:
        text += ", with the point where the IPT move interrupts the cycle marked"
    return text + ". The same steps are written out below the diagram."


def cycle_text_html(example: CycleExample, step: int) -> str:
    """The revealed steps as text (what a screen reader or a trainer reads out)."""
    items = "".join(
        f"<li><b>{escape(STEP_TITLES[index])}.</b> {escape(example.step_text(index + 1))}</li>"
        for index in range(min(step, len(STEP_KEYS)))
    )
    html_text = f"<ol style='margin:0.3em 0 0.3em 1.2em;padding:0'>{items}</ol>"
    if step < IPT_STEP:
        html_text += (
            "<p style='color:#555;margin:0.2em 0'>Before going on: where would you "
            "step in, and how?</p>"
        )
        return html_text
    where = (
        "between the symptom and what happens with other people"
        if example.breaks_at == "interpersonal"
        else "between what happens with other people and mood"
    )
    techniques = ", ".join(TECHNIQUE_NAMES[t] for t in example.techniques)
    body = (
        f"<p style='margin:0.3em 0'>{escape(example.ipt_move)}</p>"
        f"<p style='margin:0.3em 0'>This interrupts the cycle {escape(where)}. "
        f"Techniques: {escape(techniques)}.</p>"
    )
    if example.touches_risk:
        body += SIGNPOSTING_HTML
    return html_text + box_html("ok", "Where IPT breaks the cycle", body, role="status")
