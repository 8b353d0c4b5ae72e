"""A gallery of every role-play scenario in course.yaml, each with a Play button."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets

from ipt_course.course import ManifestError, load_course
from ipt_course.kit.vocabulary import scenario_focuses
from ipt_course.problems import Problem
from ipt_course.roleplay.schema import Scenario
from ipt_course.roleplay.style import ROOT_CLASS, style_block
from ipt_course.roleplay.validation import check_scenario_file
from ipt_course.roleplay.view import RolePlayView, html_text

PROBLEM_AREAS = scenario_focuses()


@dataclass(frozen=True)
class GalleryEntry:
    """One scenario listed in the manifest, loaded (or the problems that stopped it loading)."""

    day: int
    path: str
    scenario: Scenario | None
    problems: tuple[Problem, ...]

    @property
    def area(self) -> str:
        """The problem area as a trainee reads it, with the dispute stage if any."""
        if self.scenario is None:
            return ""
        label = PROBLEM_AREAS[self.scenario.problem_area]
        stage = self.scenario.dispute_stage
        return f"{label} ({stage})" if stage else label


def gallery_entries(root: Path | None = None) -> list[GalleryEntry]:
    """Every scenario the manifest lists, day by day, in session order (root: found from cwd)."""
    course = load_course(root)
    entries = []
    for day in course.days:
        for relative in day.scenarios:
            scenario, problems = check_scenario_file(
                course.root / relative, course.outcome_ids(), display_name=relative
            )
            entries.append(GalleryEntry(day.number, relative, scenario, tuple(problems)))
    return entries


class ScenarioGallery(widgets.VBox):
    """A table of the course's scenarios; Play opens one below the table."""

    def __init__(self, course_root: Path | str | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.add_class(ROOT_CLASS)
        self.player: RolePlayView | None = None
        self.play_buttons: dict[str, widgets.Button] = {}
        self.projector = widgets.Checkbox(
            value=False, description="Projector mode (large type, high contrast)", indent=False,
        )
        self._stage = widgets.VBox()
        try:
            self.entries = gallery_entries(Path(course_root) if course_root else None)
            table: widgets.Widget = self._table()
        except (ManifestError, FileNotFoundError) as error:
            self.entries = []
            table = widgets.HTML(f'<p role="alert">The course manifest could not be read: '
                                 f"{html_text(str(error))}</p>")
        self.children = [style_block(), table, self.projector, self._stage]

    def _table(self) -> widgets.Widget:
        if not self.entries:
            return widgets.HTML("<p>No role-play scenarios are listed in course.yaml yet.</p>")
        header = ["Day", "Scenario", "Problem area", "Phase", "Decision points", ""]
        cells: list[widgets.Widget] = [widgets.HTML(f"<strong>{h}</strong>") for h in header]
        for entry in self.entries:
            cells += self._row(entry)
        return widgets.GridBox(cells, layout=widgets.Layout(
            grid_template_columns="3em 2fr 1.3fr 6em 7em 8em", grid_gap="0.3em 0.8em",
            align_items="center",
        ))

    def _row(self, entry: GalleryEntry) -> list[widgets.Widget]:
        scenario = entry.scenario
        if scenario is None:
            reasons = "".join(f"<li>{html_text(str(p))}</li>" for p in entry.problems)
            return [
                widgets.HTML(str(entry.day)),
                widgets.HTML(f"<p>{html_text(entry.path)}: cannot be played yet</p>"
                             f"<ul>{reasons}</ul>"),
                widgets.HTML(""), widgets.HTML(""), widgets.HTML(""), widgets.HTML(""),
            ]
        button = widgets.Button(description="Play", icon="play",
                                tooltip=f"Play the role-play: {scenario.title}")
        button.on_click(lambda _, e=entry: self.open_scenario(e.path))
        self.play_buttons[entry.path] = button
        client = scenario.client
        return [
            widgets.HTML(str(entry.day)),
            widgets.HTML(f"<strong>{html_text(scenario.title)}</strong><br>"
                         f"{html_text(client.name)}, {client.age}"),
            widgets.HTML(html_text(entry.area)),
            widgets.HTML(scenario.phase.capitalize()),
            widgets.HTML(str(scenario.decision_points)),
            button,
        ]

    def open_scenario(self, path: str) -> RolePlayView:
        """Open the scenario at ``path`` (as listed in course.yaml) below the table."""
        entry = next(e for e in self.entries if e.path == path)
        if entry.scenario is None:
            raise ValueError(f"{path} cannot be played: {entry.problems[0]}")
        if self.player is not None:
            self.player.close()
        self.player = RolePlayView(entry.scenario, projector=self.projector.value)
        self._stage.children = [self.player]
        return self.player

