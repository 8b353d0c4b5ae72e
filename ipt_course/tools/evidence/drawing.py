"""The effect-size dot plot drawn with matplotlib."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure


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
