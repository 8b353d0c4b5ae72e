"""The evidence explorer: studies filtered by population, effect sizes, caveats."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from ipt_course.kit.render import box_html, escape, figure_png, render
from ipt_course.kit.widgets import Picture, apply_theme
from ipt_course.tools.evidence.drawing import effect_size_figure, effect_size_label
from ipt_course.tools.evidence.model import EvidenceModel
from ipt_course.tools.evidence.studies import ALL, POPULATIONS, SOURCES

TEMPLATES = "tools/evidence/templates"


def study_card_html(row: pd.Series) -> str:
    """One study as a readable card: who, compared with what, result, caveat and source."""
    n_text = f"n = {row['n']:,}" if pd.notna(row["n"]) else "n not quoted"
    cited = " ".join(f"[{key.strip()}] {SOURCES[key.strip()]}" for key in row["source"].split(","))
    return render(f"{TEMPLATES}/card.html.j2", study=row, n_text=n_text, sources=cited)


GENERAL_CAVEATS = (
    "Effect sizes from meta-analyses pool trials that differ in patients, settings, control "
    "conditions and quality.",
    "A d or g of 0.63 against control does not tell you how one person will respond.",
    "No difference from other therapies on average (d = 0.04) supports offering a choice.",
)




class EvidenceView(widgets.VBox):
    """Filter the key studies by population and see the pooled effect sizes with caveats.

    ``summary``, ``picture``, ``plot_note`` and ``cards`` are what the trainee reads.
    """

    def __init__(self) -> None:
        self.model = EvidenceModel()
        population = widgets.Dropdown(
            options=[("All studies", ALL), *[(p[0].upper() + p[1:], p) for p in POPULATIONS]],
            value=ALL, description="Population", layout=widgets.Layout(width="24em"))
        traitlets.link((self.model, "population"), (population, "value"))
        self.summary = widgets.HTML()
        self.picture = Picture(max_width="820px")
        self.plot_note = widgets.HTML()
        self.cards = widgets.HTML()
        caveats = "".join(f"<li>{escape(text)}</li>" for text in GENERAL_CAVEATS)
        footer = widgets.HTML(box_html("note", "Reading effect sizes with care",
                                       f"<ul class='ipt-list'>{caveats}</ul>"))
        super().__init__([
            widgets.HTML(render(f"{TEMPLATES}/header.html.j2")), population, self.summary,
            self.picture, self.plot_note, footer,
            widgets.HTML("<h4 class='ipt-heading'>The studies (scroll for more)</h4>"),
            self.cards,
        ])
        self.add_class("ipt-evidence-explorer")
        apply_theme(self)
        self.model.observe(self._refresh, "population")
        self._refresh()

    def _refresh(self, _change: dict[str, Any] | None = None) -> None:
        frame = self.model.table()
        label = "all populations" if self.model.population == ALL else self.model.population
        count = f"{len(frame)} {'study' if len(frame) == 1 else 'studies'}"
        self.summary.value = f"<p class='ipt-tight'><b>{count}</b> for {escape(label)}.</p>"
        figure = effect_size_figure(frame)
        if figure is None:
            self.picture.show(b"", "")
            self.plot_note.value = (
                "<p class='ipt-tight ipt-muted'>No pooled effect sizes for this group are quoted "
                "in this course, so there is no plot; see the results on each card.</p>")
        else:
            rows = [row for _i, row in frame[frame["effect_size"].notna()].iterrows()]
            lines = [{"label": effect_size_label(row), "measure": row["effect_measure"],
                      "size": f"{float(row['effect_size']):.2f}", "source": row["source"],
                      "caveat": row["caveat"]} for row in rows]
            alt = "Dot plot of pooled effect sizes (positive favours IPT): " + "; ".join(
                f"{line['label']}, {line['measure']} = {line['size']}" for line in lines)
            self.picture.show(figure_png(figure), alt)
            self.plot_note.value = render(f"{TEMPLATES}/effect_sizes.html.j2", lines=lines)
        cards = "".join(study_card_html(row) for _i, row in frame.iterrows())
        # A scrolling region needs keyboard focus so that it can be scrolled without a mouse.
        self.cards.value = (f"<div tabindex='0' role='region' aria-label='Studies' "
                            f"class='ipt-scroll-region'>{cards}</div>")

    def png(self) -> bytes:
        """The effect-size plot currently shown (empty bytes when there is none)."""
        return self.picture.png
