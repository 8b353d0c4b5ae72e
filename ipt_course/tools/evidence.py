"""The evidence base for IPT: a table of key studies and an explorer with an effect-size plot.

The studies live in ``data/trials.yaml``; every figure there comes from the course reference
pack and carries its source key.
"""

from __future__ import annotations

import textwrap
from importlib import resources
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets
import yaml
from matplotlib.figure import Figure

from ipt_course.kit.render import box_html, escape, figure_png
from ipt_course.kit.widgets import Picture, make_readable

POPULATIONS = (
    "adult depression",
    "perinatal",
    "adolescent",
    "group",
    "eating disorders",
    "PTSD",
    "maintenance",
)
COLUMNS = (
    "study",
    "year",
    "population",
    "also",
    "participants",
    "n",
    "comparison",
    "design",
    "outcome",
    "result",
    "effect_size",
    "effect_measure",
    "source",
    "caveat",
)
REQUIRED_TEXT = (
    "study",
    "population",
    "participants",
    "comparison",
    "design",
    "outcome",
    "result",
    "source",
    "caveat",
)
SOURCES = {
    "ELK": "Elkin I et al. (1989). NIMH Treatment of Depression Collaborative Research "
    "Program. Arch Gen Psychiatry 46:971.",
    "GRT": "NIMH TDCRP grant records.",
    "C11": "Cuijpers P et al. (2011). Interpersonal psychotherapy for depression: a "
    "meta-analysis. Am J Psychiatry (PMC3646065).",
    "C16": "Cuijpers P et al. (2016). Interpersonal psychotherapy for mental health problems: "
    "a comprehensive meta-analysis. Am J Psychiatry.",
    "HB-m": "Frank E et al. (1990), summarised in the IPT chapter of Freeman & Power's "
    "Handbook of Evidence-based Psychotherapies (Wiley, 2007).",
    "FR07": "Frank E et al. (2007). Randomized trial of weekly, twice-monthly, and monthly IPT "
    "as maintenance treatment for women with recurrent depression (PMC3579577).",
    "NICE": "NICE (2022). Depression in adults: treatment and management (NG222).",
    "OH": "O'Hara MW et al. (2000). Efficacy of interpersonal psychotherapy for postpartum "
    "depression. Arch Gen Psychiatry 57:1039.",
    "SP03": "Spinelli MG, Endicott J (2003). Controlled clinical trial of interpersonal "
    "psychotherapy versus parenting education program for depressed pregnant women. "
    "Am J Psychiatry 160:555.",
    "SP13": "Spinelli MG et al. (2013). Randomised trial of IPT vs parenting education for "
    "depression in pregnancy.",
    "BOL": "Bolton P et al. (2003). Group interpersonal psychotherapy for depression in rural "
    "Uganda: a randomized controlled trial. JAMA 289:3117.",
    "BASS": "Bass J et al. (2006). Group interpersonal psychotherapy for depression in rural "
    "Uganda: 6-month outcomes. Br J Psychiatry 188:567.",
    "MUF99": "Mufson L et al. (1999). Efficacy of interpersonal psychotherapy for depressed "
    "adolescents. Arch Gen Psychiatry 56:573.",
    "MUF04": "Mufson L et al. (2004). A randomized effectiveness trial of interpersonal "
    "psychotherapy for depressed adolescents.",
    "AG": "Agras WS et al. (2000). A multicenter comparison of cognitive-behavioral therapy and "
    "interpersonal psychotherapy for bulimia nervosa.",
    "WIL": "Wilfley DE et al. (2002). A randomized comparison of group cognitive-behavioral "
    "therapy and group interpersonal psychotherapy for binge eating disorder. Arch Gen "
    "Psychiatry 59:713.",
    "MK15": "Markowitz JC et al. (2015). Is exposure necessary? A randomized clinical trial of "
    "interpersonal psychotherapy for PTSD. Am J Psychiatry.",
}
ALL = "all"


class EvidenceDataError(ValueError):
    """The studies file is malformed; the message names the entry and key."""


def _check_row(raw: Any, where: str) -> dict[str, Any]:
    """One validated row with every column present."""
    if not isinstance(raw, dict):
        raise EvidenceDataError(f"{where}: expected a mapping")
    for key in REQUIRED_TEXT:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise EvidenceDataError(f"{where}.{key}: expected non-empty text")
    if not isinstance(raw.get("year"), int):
        raise EvidenceDataError(f"{where}.year: expected a year such as 2011")
    also = raw.get("also", [])
    if not isinstance(also, list):
        raise EvidenceDataError(f"{where}.also: expected a list of populations")
    for key in (raw["population"], *also):
        if key not in POPULATIONS:
            raise EvidenceDataError(
                f"{where}: unknown population {key!r}; expected one of {', '.join(POPULATIONS)}"
            )
    if raw.get("n") is not None and not isinstance(raw["n"], int):
        raise EvidenceDataError(f"{where}.n: expected a whole number or null")
    has_size, has_measure = raw.get("effect_size") is not None, bool(raw.get("effect_measure"))
    if has_size != has_measure:
        raise EvidenceDataError(f"{where}: effect_size and effect_measure go together")
    for key in raw.get("source", "").split(","):
        if key.strip() not in SOURCES:
            raise EvidenceDataError(f"{where}.source: unknown source key {key.strip()!r}")
    row = {column: raw.get(column) for column in COLUMNS}
    row["also"] = ", ".join(raw.get("also", []))
    row["result"] = " ".join(row["result"].split())
    row["effect_size"] = float(raw["effect_size"]) if has_size else None
    row["effect_measure"] = raw.get("effect_measure") or ""
    return row


def load_studies(data: Any = None) -> list[dict[str, Any]]:
    """Validated study rows from ``data`` (default: the packaged trials.yaml)."""
    if data is None:
        text = (
            resources.files("ipt_course.tools")
            .joinpath("data/trials.yaml")
            .read_text(encoding="utf-8")
        )
        data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("studies"), list):
        raise EvidenceDataError("trials.yaml: studies: expected a list")
    return [_check_row(raw, f"trials.yaml: studies[{i}]") for i, raw in enumerate(data["studies"])]


def trials_table(population: str | None = None) -> pd.DataFrame:
    """Key IPT studies as a DataFrame, optionally only those for one population.

    Columns: study, year, population, also, participants, n, comparison, design, outcome,
    result, effect_size (only where a pooled d or g was reported), effect_measure, source,
    caveat.
    """
    frame = pd.DataFrame(load_studies(), columns=list(COLUMNS))
    frame["n"] = frame["n"].astype("Int64")
    frame["effect_size"] = frame["effect_size"].astype("Float64")
    if population and population != ALL:
        if population not in POPULATIONS:
            raise ValueError(
                f"unknown population {population!r}; choose from {', '.join(POPULATIONS)}"
            )
        mask = (frame["population"] == population) | frame["also"].str.split(", ").apply(
            lambda others: population in others
        )
        frame = frame[mask]
    return frame.reset_index(drop=True)


def effect_size_label(row: pd.Series) -> str:
    """'Cuijpers 2011: IPT vs control conditions' (the plot's row label)."""
    name = row["study"].split(" (")[0].replace(" et al.", "")
    return f"{name} {row['year']}: {row['comparison']}"


def effect_size_figure(frame: pd.DataFrame) -> Figure | None:
    """A dot plot of the pooled effect sizes in ``frame``, or None when there are none."""
    rows = frame[frame["effect_size"].notna()]
    if rows.empty:
        return None
    fig = Figure(figsize=(9, 1.6 + 0.75 * len(rows)), layout="constrained")
    ax = fig.add_subplot()
    labels = [textwrap.fill(effect_size_label(row), 42) for _i, row in rows.iterrows()]
    positions = list(range(len(rows)))[::-1]
    values = [float(value) for value in rows["effect_size"]]
    colours = ["#1f4e79" if value >= 0 else "#b35806" for value in values]
    ax.hlines(positions, 0, values, color=colours, linewidth=3)
    ax.scatter(values, positions, s=110, color=colours, zorder=3)
    for y, value, measure in zip(positions, values, rows["effect_measure"], strict=True):
        text = f"{measure} = {value:.2f}".replace("-", "\u2212")
        ax.annotate(
            text,
            (value, y),
            xytext=(10 if value >= 0 else -10, 9),
            textcoords="offset points",
            ha="left" if value >= 0 else "right",
            fontsize=11,
            fontweight="bold",
        )
    ax.axvline(0, color="#333333", linewidth=1.2)
    ax.set_yticks(positions, labels, fontsize=10)
    ax.set_xlim(-0.5, 1.0)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlabel(
        "Effect size (standardised mean difference)\n← favours the comparison      favours IPT →",
        fontsize=10.5,
    )
    ax.set_title("Pooled effect sizes for IPT (meta-analyses)", fontsize=13, fontweight="bold")
    ax.grid(axis="x", color="#e0e0e0")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def study_card_html(row: pd.Series) -> str:
    """One study as a readable card: who, compared with what, result, caveat and source."""
    n_text = f"n = {row['n']:,}" if pd.notna(row["n"]) else "n not quoted"
    sources = " ".join(
        f"[{key.strip()}] {SOURCES[key.strip()]}" for key in row["source"].split(",")
    )
    return (
        "<div style='border:1px solid #d0d7de;border-radius:6px;padding:0.5em 0.8em;"
        "margin:0.4em 0;line-height:1.4'>"
        f"<div style='font-weight:bold;font-size:1.05em'>{escape(row['study'])}, "
        f"{row['year']}</div>"
        f"<div style='color:#444'>{escape(row['design'])} · {escape(row['population'])} · "
        f"{escape(n_text)}</div>"
        f"<div><b>Who:</b> {escape(row['participants'])}</div>"
        f"<div><b>Compared:</b> {escape(row['comparison'])}</div>"
        f"<div><b>Outcome:</b> {escape(row['outcome'])}</div>"
        f"<div><b>Result:</b> {escape(row['result'])}</div>"
        f"<div style='color:#7a4f00'><b>Caveat:</b> {escape(row['caveat'])}</div>"
        f"<div style='color:#555;font-size:0.88em'>Source: {escape(sources)}</div></div>"
    )


GENERAL_CAVEATS = (
    "Effect sizes from meta-analyses pool trials that differ in patients, settings, control "
    "conditions and quality.",
    "A d or g of 0.63 against control does not tell you how one person will respond.",
    "No difference from other therapies on average (d = 0.04) supports offering a choice.",
)


class EvidenceModel(traitlets.HasTraits):
    """Which population the trainee is looking at."""

    population = traitlets.Unicode(ALL)

    @traitlets.validate("population")
    def _known(self, proposal: dict[str, Any]) -> str:
        if proposal["value"] != ALL and proposal["value"] not in POPULATIONS:
            raise traitlets.TraitError(f"unknown population {proposal['value']!r}")
        return proposal["value"]

    def table(self) -> pd.DataFrame:
        """The studies for the chosen population."""
        return trials_table(self.population)


class EvidenceExplorer(widgets.VBox):
    """Filter the key studies by population and see the pooled effect sizes with caveats."""

    def __init__(self) -> None:
        self.model = EvidenceModel()
        self._population = widgets.Dropdown(
            options=[("All studies", ALL), *[(p[0].upper() + p[1:], p) for p in POPULATIONS]],
            value=ALL,
            description="Population",
            layout=widgets.Layout(width="24em"),
        )
        self._population.observe(self._on_population, "value")
        self._summary = widgets.HTML()
        self._plot = Picture(max_width="820px")
        self._plot_note = widgets.HTML()
        self._cards = widgets.HTML()
        caveats = "".join(f"<li>{escape(text)}</li>" for text in GENERAL_CAVEATS)
        header = widgets.HTML(
            "<h3 style='margin:0.2em 0'>The evidence for IPT</h3>"
            "<p style='margin:0.2em 0'>Choose a population to see the key studies. The plot "
            "shows the pooled effect sizes that exist; single trials report percentages "
            "instead, shown on each card.</p>"
        )
        footer = widgets.HTML(
            box_html(
                "note",
                "Reading effect sizes with care",
                f"<ul style='margin:0.2em 0 0 1.2em;padding:0'>{caveats}</ul>",
            )
        )
        super().__init__(
            [
                header,
                self._population,
                self._summary,
                self._plot,
                self._plot_note,
                footer,
                widgets.HTML(
                    "<h4 style='margin:0.6em 0 0.2em 0'>The studies (scroll for more)</h4>"
                ),
                self._cards,
            ]
        )
        self.add_class("ipt-evidence-explorer")
        make_readable(self)
        self.model.observe(self._refresh, "population")
        self._refresh()

    def _on_population(self, change: dict[str, Any]) -> None:
        self.model.population = change["new"]

    def _refresh(self, _change: dict[str, Any] | None = None) -> None:
        frame = self.model.table()
        label = "all populations" if self.model.population == ALL else self.model.population
        self._summary.value = (
            f"<p style='margin:0.3em 0'><b>{len(frame)} "
            f"{'study' if len(frame) == 1 else 'studies'}</b> for "
            f"{escape(label)}.</p>"
        )
        figure = effect_size_figure(frame)
        if figure is None:
            self._plot.show(b"", "")
            self._plot_note.value = (
                "<p style='color:#444;margin:0.3em 0'>No pooled effect sizes for this group "
                "are quoted in this course, so there is no plot; see the results on each card.</p>"
            )
        else:
            rows = frame[frame["effect_size"].notna()]
            alt = "Dot plot of pooled effect sizes (positive favours IPT): " + "; ".join(
                f"{effect_size_label(row)}, {row['effect_measure']} = "
                f"{float(row['effect_size']):.2f}" for _i, row in rows.iterrows())
            self._plot.show(figure_png(figure), alt)
            lines = "".join(
                f"<li>{escape(effect_size_label(row))}: {escape(row['effect_measure'])} = "
                f"{float(row['effect_size']):.2f} [{escape(row['source'])}]. "
                f"<i>{escape(row['caveat'])}</i></li>"
                for _i, row in rows.iterrows()
            )
            self._plot_note.value = f"<ul style='margin:0.3em 0 0 1.2em;padding:0'>{lines}</ul>"
        cards = "".join(study_card_html(row) for _i, row in frame.iterrows())
        # A scrolling region needs keyboard focus so that it can be scrolled without a mouse.
        self._cards.value = (
            "<div tabindex='0' role='region' aria-label='Studies' style='max-height:34em;"
            f"overflow:auto;border:1px solid #d0d7de;padding:0 0.5em'>{cards}</div>"
        )

    def png(self) -> bytes:
        """The effect-size plot currently shown (empty bytes when there is none)."""
        return self._plot.png
