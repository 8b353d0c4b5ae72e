"""The two pictures, drawn with matplotlib (no pyplot state): the twelve weeks as a strip, and
each member's weekly PHQ-9 and GAD-7 with her item-9 flags."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ipt_course.tools.group_programme.layout import (
    bands,
    grid_shape,
    panel_positions,
    strip_cells,
    strip_width,
)
from ipt_course.tools.group_programme.programme import WEEKS, Week, programme
from ipt_course.tools.group_programme.scores import Group, Member
from ipt_course.tools.measures.scales import GAD7, PHQ9

# Dark fills so white text on them is easy to read.
FORMAT_COLOURS = {"one_to_one": "#1f4e79", "group": "#1b5e20", "ending": "#6a3d9a",
                  "review": "#1f4e79"}
HARD_DATE_COLOUR = "#b35900"
SELECTED_EDGE = "#111111"
PHQ9_COLOUR = "#1f4e79"
GAD7_COLOUR = "#b35900"
FLAG_COLOUR = "#b71c1c"
ONE_TO_ONE_SHADE = "#eef1f4"
FLAG_LANE = 25.5
CUT_OFF = 10
# Drawn at the size a notebook shows them (8.4 inches at 100 dpi is 840 pixels), so that no
# text is scaled down below 14 pixels; TEXT is in points (10.5 pt is 14.6 px at 100 dpi).
WIDTH = 8.4
DPI = 100
TEXT = 10.5


def programme_figure(weeks: list[Week], selected: int | str | None = None,
                     hard_weeks: frozenset[int | str] = frozenset()) -> Figure:
    """The twelve weeks and the review as coloured boxes, the chosen one outlined."""
    cells = strip_cells(weeks)
    model = programme()
    fig = Figure(figsize=(WIDTH, 3.1))
    # The whole figure is one axis with no frame, so no layout needs solving at each step.
    axis = fig.add_axes((0, 0, 1, 1))
    for band in bands(cells, model.bands):
        axis.annotate("", (band.start, 1.28), (band.end, 1.28),
                      arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 1.2})
        axis.text((band.start + band.end) / 2, 1.36, band.title, ha="center", va="bottom",
                  fontsize=TEXT + 0.5, color="#1a1a1a")
    for cell in cells:
        week = cell.week
        chosen = week.session == selected
        axis.add_patch(Rectangle((cell.x, 0.3), cell.width, 0.9,
                                 facecolor=FORMAT_COLOURS[week.block.format],
                                 edgecolor=SELECTED_EDGE if chosen else "white",
                                 linewidth=3.5 if chosen else 1.0))
        number = "R" if isinstance(week.session, str) else str(week.session)
        axis.text(cell.centre, 0.75, number, ha="center", va="center", fontsize=TEXT + 4,
                  fontweight="bold", color="white")
        if week.day is not None:
            axis.text(cell.centre, 0.1, f"{week.day.day}\n{week.day:%b}", ha="center",
                      va="center", fontsize=TEXT, color="#1a1a1a", linespacing=1.1)
        if week.session in hard_weeks:
            axis.plot([cell.centre], [-0.3], marker="D", color=HARD_DATE_COLOUR, markersize=8)
    handles = [Patch(facecolor=FORMAT_COLOURS["one_to_one"],
                     label=model.format_labels["one_to_one"]),
               *[Patch(facecolor=FORMAT_COLOURS[key], label=model.bands[key])
                 for key in ("group", "ending")]]
    if hard_weeks:
        handles.append(Line2D([], [], marker="D", linestyle="", color=HARD_DATE_COLOUR,
                              label="A hard date for a member"))
    axis.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.02),
                ncol=len(handles), frameon=False, fontsize=TEXT, handlelength=1.2,
                columnspacing=1.2)
    # Room either side for the first and last titles, which are wider than their boxes.
    axis.set_xlim(cells[0].x - 0.55, cells[0].x + strip_width(cells) + 0.3)
    axis.set_ylim(-0.95, 1.8)
    axis.set_axis_off()
    return fig


def _member_panel(axis: object, member: Member, up_to: int, selected: int,
                  alone: bool, label_axes: bool) -> None:
    sessions = range(1, up_to + 1)
    forms = [member.form(session) for session in sessions]
    phq9 = [form[0] if form else float("nan") for form in forms]
    gad7 = [form[1] if form else float("nan") for form in forms]
    axis.axvspan(0.5, 2.5, color=ONE_TO_ONE_SHADE, zorder=0)
    axis.axhline(CUT_OFF, color="#888888", linewidth=0.9, linestyle=":", zorder=1)
    axis.plot(list(sessions), phq9, "-o", color=PHQ9_COLOUR, markersize=4.5, linewidth=2,
              zorder=3)
    axis.plot(list(sessions), gad7, "--s", color=GAD7_COLOUR, markersize=3.5, linewidth=1.5,
              zorder=2)
    for session, form in zip(sessions, forms, strict=True):
        if form is None:
            axis.text(session, 1.0, "absent", rotation=90, ha="center", va="bottom",
                      fontsize=TEXT, color="#444444")
        elif form[2] > 0:
            axis.plot([session], [form[0]], marker="o", markersize=11, markerfacecolor="none",
                      markeredgecolor=FLAG_COLOUR, markeredgewidth=2.2, zorder=4)
            # A lane along the top keeps the item-9 scores clear of the lines and of each other.
            axis.plot([session], [FLAG_LANE], marker="v", color=FLAG_COLOUR, markersize=9,
                      zorder=4)
            axis.text(session, FLAG_LANE - 2.6, str(form[2]), ha="center", va="center",
                      fontsize=TEXT, fontweight="bold", color=FLAG_COLOUR)
    if 1 <= selected <= up_to:
        axis.axvline(selected, color="#333333", linewidth=1, alpha=0.6, zorder=1)
    axis.set_title(member.name, fontsize=TEXT + 1.5, fontweight="bold", loc="left")
    axis.set_xlim(0.5, WEEKS + 0.5)
    axis.set_ylim(0, PHQ9.max_total)
    axis.set_xticks(range(1, WEEKS + 1) if alone else [1, 6, 12])
    axis.set_yticks([0, 10, 20])
    axis.tick_params(labelsize=TEXT)
    axis.spines[["top", "right"]].set_visible(False)
    if label_axes:
        axis.set_xlabel("Session", fontsize=TEXT)
        axis.set_ylabel("Total", fontsize=TEXT)


LEGEND_LABELS = (f"{PHQ9.name} (0-{PHQ9.max_total})", f"{GAD7.name} (0-{GAD7.max_total})",
                 "Item 9 above 0\n(with its score)", f"{CUT_OFF}: the usual\ncut-off on both",
                 "One-to-one\nscreening")


def measures_figure(group: Group, names: list[str], up_to: int = WEEKS,
                    selected: int | None = None) -> Figure:
    """Each chosen member's PHQ-9 and GAD-7 up to session ``up_to``, item-9 flags circled."""
    selected = up_to if selected is None else selected
    single = len(names) == 1
    rows, columns = grid_shape(len(names) + (0 if single else 1))
    height = 4.6 if single else 2.55 * rows + 0.5
    # Fixed margins rather than a constrained layout: the tracker redraws at every step, and
    # solving the layout would take most of the time.
    fig = Figure(figsize=(WIDTH, height))
    grid = fig.add_gridspec(rows, columns, left=0.08, right=0.98, top=1 - 0.6 / height,
                            bottom=(1.3 if single else 0.55) / height, hspace=0.6,
                            wspace=0.3)
    for name, (row, column) in zip(names, panel_positions(len(names)), strict=False):
        axis = fig.add_subplot(grid[row, column])
        _member_panel(axis, group.member(name), up_to, selected, single, single or column == 0)
    labels = [label.replace("\n", " ") if single else label for label in LEGEND_LABELS]
    handles = [Line2D([], [], color=PHQ9_COLOUR, marker="o", label=labels[0]),
               Line2D([], [], color=GAD7_COLOUR, marker="s", linestyle="--", label=labels[1]),
               Line2D([], [], marker="v", linestyle="", color=FLAG_COLOUR, markersize=9,
                      label=labels[2]),
               Line2D([], [], color="#888888", linestyle=":", label=labels[3]),
               Patch(facecolor=ONE_TO_ONE_SHADE, label=labels[4])]
    if single:
        fig.axes[0].legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2),
                           ncol=3, fontsize=TEXT, frameon=False)
    else:
        legend_axis = fig.add_subplot(grid[rows - 1, columns - 1])
        legend_axis.set_axis_off()
        legend_axis.legend(handles=handles, loc="center", fontsize=TEXT, frameon=False,
                           handlelength=1.6, labelspacing=0.6)
    fig.suptitle(f"{group.title}: weekly totals, sessions 1 to {up_to}", fontsize=TEXT + 2.5,
                 fontweight="bold", y=1 - 0.12 / height)
    return fig
