"""The boxes for one line of the exchange, its problem ticks, and the list of lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from ipt_course.kit.render import render
from ipt_course.kit.widgets import ListEditor
from ipt_course.tools.communication_analysis.content import Problem
from ipt_course.tools.communication_analysis.rules import suggested
from ipt_course.tools.communication_analysis.schema import Line

LABEL_WIDTH = "11em"
WIDE = widgets.Layout(width="95%", max_width="60em")


def _box(kind: type[widgets.Widget], label: str, placeholder: str, **more: Any) -> Any:
    return kind(description=label, placeholder=placeholder, layout=WIDE,
                style={"description_width": LABEL_WIDTH}, **more)


def line_label(number: int, line: Line, width: int = 90) -> str:
    """One line as the list shows it: '3 · Nadia: “Oh. You've started his bath.”'."""
    text = f"{number} · {line.speaker}: {' '.join(line.said.split())}"
    marks = f"  [{len(line.problems)} ticked]" if line.problems else ""
    room = width - len(marks)
    return (text if len(text) <= room else text[:room - 1].rstrip() + "…") + marks


class LineEditor(widgets.VBox):
    """Who spoke, the words, how, meaning, impact, problems and an alternative for one line.

    ``ticks`` maps each problem id to its checkbox; ``list`` is the kit's list editor, whose
    buttons add, change and delete lines; ``up`` and ``down`` move the chosen line.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        self.speaker = _box(widgets.Combobox, "Who spoke", "e.g. Nadia", ensure_option=False)
        self.said = _box(widgets.Textarea, "What was said",
                         "The words, as near as the client remembers them", rows=2)
        self.how = _box(widgets.Text, "How it was said", "Tone, face, pauses, where they were")
        self.meant = _box(widgets.Textarea, "What was meant",
                          "What the speaker wanted to get across", rows=2)
        self.landed = _box(widgets.Textarea, "How it landed",
                           "What the other person heard, and how it felt", rows=2)
        self.ticks = {problem.id: widgets.Checkbox(
            description=problem.label, indent=False, tooltip=problem.description,
            layout=widgets.Layout(width="auto")) for problem in self.problems}
        ticks = widgets.GridBox(list(self.ticks.values()), layout=widgets.Layout(
            grid_template_columns="repeat(2, minmax(16em, 1fr))", width="95%",
            max_width="60em", margin="0 0 0 1em"))
        self.cues = widgets.HTML()
        self.alternative = _box(widgets.Textarea, "An alternative",
                                "What else could have been said (the client's ideas first)",
                                rows=2)
        heading = widgets.HTML("<p class='ipt-tight'><b>Problems on this line</b> (tick any "
                               "that fit; the list of problems above says what each looks "
                               "like)</p>")
        intro = widgets.HTML("<p class='ipt-tight'>Fill in the boxes for each line in turn "
                             "and press “Add line”. To change a line, choose it in the list "
                             "below: its boxes fill in here.</p>")
        self.list = ListEditor(
            [self.speaker, self.said, self.how, self.meant, self.landed, heading, ticks,
             self.cues, self.alternative], "Lines", "Add line", intro=intro)
        self.up = widgets.Button(description="Move up", icon="arrow-up")
        self.down = widgets.Button(description="Move down", icon="arrow-down")
        self.clear = widgets.Button(description="Empty the boxes", icon="eraser")
        super().__init__([self.list, widgets.HBox([self.up, self.down, self.clear])])
        for box in (self.said, self.how):
            box.observe(lambda _change: self.show_cues(), names="value")

    def values(self) -> dict[str, Any]:
        """What the boxes hold, with the ticked problems as ids."""
        return {"speaker": self.speaker.value, "said": self.said.value, "how": self.how.value,
                "meant": self.meant.value, "landed": self.landed.value,
                "alternative": self.alternative.value,
                "problems": [key for key, tick in self.ticks.items() if tick.value]}

    def fill(self, line: Line | None) -> None:
        """Show ``line`` in the boxes (None empties them)."""
        for key in ("speaker", "said", "how", "meant", "landed", "alternative"):
            getattr(self, key).value = getattr(line, key) if line else ""
        for key, tick in self.ticks.items():
            tick.value = bool(line) and key in line.problems
        self.show_cues()

    def show_lines(self, lines: Sequence[Line], speakers: Sequence[str]) -> None:
        """List ``lines``, nothing chosen, and offer ``speakers`` in the 'Who spoke' box."""
        labels = [line_label(n, line) for n, line in enumerate(lines, 1)]
        # Listing the same lines again would drop the line chosen for editing.
        if [label for label, _ in self.list.entries.options] != labels:
            self.list.show_entries(labels)
        self.speaker.options = tuple(dict.fromkeys(s for s in speakers if s))

    def show_cues(self) -> None:
        """Prompt for problems whose cue words appear in the line's words or manner."""
        found = suggested(self.said.value, self.how.value, self.problems)
        self.cues.value = render("tools/communication_analysis/templates/cues.html.j2",
                                 found=found)
