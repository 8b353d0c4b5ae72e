"""Breakout-room cards (client, therapist, observer) and the observer's checklist export."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path
from typing import Literal

import ipywidgets as widgets
from traitlets import HasTraits, List

from ipt_course.kit.vocabulary import technique_label
from ipt_course.roleplay.schema import Breakout, Scenario
from ipt_course.roleplay.style import PROJECTOR_CLASS, ROOT_CLASS, style_block
from ipt_course.roleplay.transcript import save_new_file
from ipt_course.roleplay.validation import REVEAL_PREFIX
from ipt_course.roleplay.view import html_text

Role = Literal["client", "therapist", "observer"]
ROLES: tuple[Role, ...] = ("client", "therapist", "observer")


def _bullets(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html_text(item)}</li>" for item in items) + "</ul>"


def _who(scenario: Scenario) -> str:
    client = scenario.client
    return (f"<p><strong>{html_text(client.name)}</strong>, {client.age}: "
            f"{html_text(client.situation)}</p>")


def client_card_html(scenario: Scenario, breakout: Breakout) -> str:
    """The client's card: background, feelings, what to reveal and when, how to play."""
    card = breakout.client_card
    reveals = "".join(
        f"<li><strong>{REVEAL_PREFIX} {html_text(r.when)}:</strong> {html_text(r.reveal)}</li>"
        for r in card.reveals
    )
    return (
        f'<div class="ipt-card"><h3>Client card: {html_text(scenario.title)}</h3>{_who(scenario)}'
        f"<h4>Background</h4><p>{html_text(card.background)}</p>"
        + (f"<h4>How you feel</h4>{_bullets(card.feelings)}" if card.feelings else "")
        + (f"<h4>Keep back until asked well</h4><ul>{reveals}</ul>" if reveals else "")
        + f"<h4>How to play</h4><p>{html_text(card.how_to_play)}</p></div>"
    )


def therapist_card_html(scenario: Scenario, breakout: Breakout) -> str:
    """The therapist's card: what is known of the client, goals, openings and reminders."""
    card = breakout.therapist_card
    return (
        f'<div class="ipt-card"><h3>Therapist card: {html_text(scenario.title)}</h3>'
        f"{_who(scenario)}<h4>Your goals for this conversation</h4>{_bullets(card.goals)}"
        + (f"<h4>Ways to open</h4>{_bullets(card.openings)}" if card.openings else "")
        + (f"<h4>Remember</h4>{_bullets(card.reminders)}" if card.reminders else "")
        + "</div>"
    )


class ObserverChecklistModel(HasTraits):
    """What the observer ticked and noted for each checklist item; no widgets."""

    observed = List(help="One bool per checklist item.")
    notes = List(help="One note per checklist item.")

    def __init__(self, scenario: Scenario, **kwargs: object) -> None:
        super().__init__(**kwargs)
        if scenario.breakout is None:
            raise ValueError(f"scenario {scenario.id!r} has no breakout cards")
        self.scenario = scenario
        self.items = scenario.breakout.observer_checklist
        self.observed = [False] * len(self.items)
        self.notes = [""] * len(self.items)

    def set_observed(self, index: int, value: bool) -> None:
        """Tick or untick item ``index``."""
        self.observed = [value if i == index else old for i, old in enumerate(self.observed)]

    def set_note(self, index: int, text: str) -> None:
        """Replace the note on item ``index``."""
        self.notes = [text if i == index else old for i, old in enumerate(self.notes)]

    def to_markdown(self, now: datetime | None = None) -> str:
        """The checklist as Markdown, ticked items marked [x], notes quoted below each."""
        when = (now or datetime.now()).strftime("%d %B %Y, %H:%M")
        seen = sum(self.observed)
        lines = [
            f"# Observer checklist: {self.scenario.title}",
            "",
            f"- Scenario: `{self.scenario.id}`",
            f"- Saved: {when}",
            f"- Observed: {seen} of {len(self.items)}",
            "",
        ]
        for item, ticked, note in zip(self.items, self.observed, self.notes, strict=True):
            lines.append(f"- [{'x' if ticked else ' '}] {item.item} "
                         f"({technique_label(item.technique)})")
            lines.extend(f"    > {line}" if line else "    >" for line in note.splitlines())
        return "\n".join(lines) + "\n"

    def to_csv(self) -> str:
        """The checklist as CSV with a header row, for a spreadsheet."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["scenario", "technique", "item", "observed", "notes"])
        for item, ticked, note in zip(self.items, self.observed, self.notes, strict=True):
            writer.writerow([self.scenario.id, technique_label(item.technique), item.item,
                             "yes" if ticked else "no", note])
        return buffer.getvalue()

    def save(self, folder: Path, kind: Literal["md", "csv"], now: datetime | None = None) -> Path:
        """Save as a new Markdown or CSV file in ``folder`` and return its path."""
        moment = now or datetime.now()
        stem = f"{self.scenario.id}-observer-{moment.strftime('%Y%m%d-%H%M')}"
        # A byte-order mark lets spreadsheet programs read accents and other scripts in CSV.
        text = self.to_markdown(moment) if kind == "md" else "\ufeff" + self.to_csv()
        return save_new_file(folder, stem, f".{kind}", text)


class ObserverChecklist(widgets.VBox):
    """Tick boxes and a notes box per item, with Markdown and CSV export."""

    def __init__(self, scenario: Scenario, save_dir: Path | None = None, **kwargs: object):
        super().__init__(**kwargs)
        self.model = ObserverChecklistModel(scenario)
        self.save_dir = Path.cwd() if save_dir is None else Path(save_dir)
        self.checkboxes: list[widgets.Checkbox] = []
        self.note_boxes: list[widgets.Textarea] = []
        rows: list[widgets.Widget] = []
        for index, item in enumerate(self.model.items):
            check = widgets.Checkbox(
                value=False, description=f"{index + 1}. {item.item}", indent=False,
                layout={"width": "100%"},
                tooltip=technique_label(item.technique),
            )
            check.add_class("ipt-check")
            check.observe(lambda change, i=index: self.model.set_observed(i, change["new"]),
                          names="value")
            note = widgets.Textarea(
                description=f"Notes on {index + 1}",
                placeholder="What did you see or hear? Quote if you can.",
                layout={"width": "100%", "height": "4em"},
            )
            note.observe(lambda change, i=index: self.model.set_note(i, change["new"]),
                         names="value")
            self.checkboxes.append(check)
            self.note_boxes.append(note)
            technique = widgets.HTML(f"<em>{html_text(technique_label(item.technique))}</em>")
            rows.append(widgets.VBox([technique, check, note]))
        # Auto width: the default cuts "Save as Markdown" to "Save as Markdo...".
        self.save_markdown_button = widgets.Button(
            description="Save as Markdown", icon="save", layout={"width": "auto"},
            tooltip="Save the checklist and notes as a Markdown file beside this notebook",
        )
        self.save_markdown_button.on_click(lambda _: self.save("md"))
        self.save_csv_button = widgets.Button(
            description="Save as CSV", icon="table", layout={"width": "auto"},
            tooltip="Save the checklist and notes as a CSV file beside this notebook",
        )
        self.save_csv_button.on_click(lambda _: self.save("csv"))
        self.status = widgets.HTML()
        heading = widgets.HTML(
            f'<h3>Observer checklist: {html_text(scenario.title)}</h3>{_who(scenario)}'
            "<p>Tick what you see the therapist do and note the words used, for the debrief.</p>"
        )
        self.children = [
            heading, *rows,
            widgets.HBox([self.save_markdown_button, self.save_csv_button]), self.status,
        ]

    def save(self, kind: Literal["md", "csv"]) -> Path | None:
        """Save the checklist and tell the observer the file name."""
        try:
            path = self.model.save(self.save_dir, kind)
        except OSError as error:
            self.status.value = (f'<p role="alert">Could not save in '
                                 f"{html_text(str(self.save_dir))}: "
                                 f"{html_text(error.strerror or str(error))}.</p>")
            return None
        self.status.value = (f'<p role="status">Checklist saved as '
                             f"<strong>{html_text(path.name)}</strong>.</p>")
        return path


def make_breakout_card(
    scenario: Scenario, role: str, projector: bool = False, save_dir: Path | None = None
) -> widgets.VBox:
    """A widget showing only the card for ``role`` (client, therapist or observer)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    box = widgets.VBox()
    box.add_class(ROOT_CLASS)
    if projector:
        box.add_class(PROJECTOR_CLASS)
    breakout = scenario.breakout
    if breakout is None:
        body: widgets.Widget = widgets.HTML(
            f"<p>The scenario {html_text(scenario.title)} has no breakout cards.</p>"
        )
    elif role == "client":
        body = widgets.HTML(client_card_html(scenario, breakout))
    elif role == "therapist":
        body = widgets.HTML(therapist_card_html(scenario, breakout))
    else:
        body = ObserverChecklist(scenario, save_dir=save_dir)
    box.children = [style_block(), body]
    return box
