"""The map's state: which part of the course is shown and which technique is looked up."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import traitlets

from ipt_course import course_root
from ipt_course.kit.vocabulary import Technique, techniques
from ipt_course.tools.strategy_map.links import CourseIndex, Link, StrandLinks
from ipt_course.tools.strategy_map.schema import Strand, StrategyMapData, strategy_map_data

OVERVIEW = "overview"


@dataclass(frozen=True)
class TechniqueUse:
    """Where one technique appears: the strands and strategies that name it, the role-plays."""

    technique: Technique
    uses: tuple[tuple[Strand, str], ...]
    practised: tuple[Link, ...]


class StrategyMapModel(traitlets.HasTraits):
    """The map and the course it points into; no widgets.

    ``root`` is the course folder (found from the working folder when not given) and ``base``
    the folder links are written relative to (the notebook's own folder).
    """

    part = traitlets.Unicode(OVERVIEW, help="'overview' or the id of the strand on show.")
    technique = traitlets.Unicode("", help="The technique id looked up, or '' for none.")

    def __init__(self, root: Path | None = None, base: Path | None = None,
                 data: StrategyMapData | None = None) -> None:
        super().__init__()
        self.base = Path(base or Path.cwd()).resolve()
        self.data = data or strategy_map_data()
        try:
            self.root = Path(root).resolve() if root else course_root(self.base)
        except FileNotFoundError as error:
            self.root = self.base
            self.index = CourseIndex(root=self.base, problems=[str(error)])
        else:
            self.index = CourseIndex.build(self.root)
        self._links = {strand.id: self.index.links_for(strand) for strand in self.data.strands}

    @traitlets.validate("part")
    def _known_part(self, proposal: traitlets.Bunch) -> str:
        if proposal.value != OVERVIEW and proposal.value not in self._links:
            raise traitlets.TraitError(f"no part of the map is called {proposal.value!r}")
        return proposal.value

    @traitlets.validate("technique")
    def _known_technique(self, proposal: traitlets.Bunch) -> str:
        if proposal.value and proposal.value not in techniques():
            raise traitlets.TraitError(f"no technique is called {proposal.value!r}")
        return proposal.value

    def parts(self) -> list[tuple[str, str]]:
        """(label, id) for every part of the map, the one-page overview first."""
        return [("The whole course on one page", OVERVIEW),
                *((strand.label, strand.id) for strand in self.data.strands)]

    def strand(self) -> Strand | None:
        """The strand on show, or None on the overview."""
        return None if self.part == OVERVIEW else self.data.strand(self.part)

    def links(self, strand_id: str) -> StrandLinks:
        """What the course offers for ``strand_id``."""
        return self._links[strand_id]

    def techniques_in_map(self) -> list[Technique]:
        """The techniques the map names, in the vocabulary's order."""
        named = {t for strand in self.data.strands for t in strand.technique_ids}
        return [technique for tid, technique in techniques().items() if tid in named]

    def technique_use(self) -> TechniqueUse | None:
        """Where the chosen technique appears, or None when none is chosen."""
        if not self.technique:
            return None
        uses = tuple((strand, strategy.text) for strand in self.data.strands
                     for strategy in strand.strategies if self.technique in strategy.techniques)
        return TechniqueUse(techniques()[self.technique], uses,
                            self.index.practised(self.technique))

    def href(self, path: str) -> str:
        """``path`` (relative to the course folder) as a link from the notebook's folder."""
        return Path(os.path.relpath(self.root / path, self.base)).as_posix()

    def shown_links(self) -> list[Link]:
        """Every file link any part of the map can show (the overview's and each strand's)."""
        shown = [link for strand_links in self._links.values() for link in strand_links.links]
        shown += [link for technique in self.techniques_in_map()
                  for link in self.index.practised(technique.id)]
        return shown
