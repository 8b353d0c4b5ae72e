"""The evidence explorer: studies filtered by population, effect sizes, caveats."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd

from ipt_course.kit.render import box_html, escape, figure_png
from ipt_course.kit.widgets import Picture, make_readable
from ipt_course.tools.evidence.drawing import effect_size_figure, effect_size_label
from ipt_course.tools.evidence.model import EvidenceModel
from ipt_course.tools.evidence.studies import ALL, POPULATIONS, SOURCES


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
