"""Which population the trainee is looking at."""

from __future__ import annotations

from typing import Any

import pandas as pd
import traitlets

from ipt_course.tools.evidence.studies import ALL, POPULATIONS, trials_table


class EvidenceModel(traitlets.HasTraits):
    """Which population the trainee is looking at."""

    population = traitlets.Unicode(ALL, help="The population whose studies are shown, or 'all'.")

    @traitlets.validate("population")
    def _known(self, proposal: dict[str, Any]) -> str:
        if proposal["value"] != ALL and proposal["value"] not in POPULATIONS:
            raise traitlets.TraitError(f"unknown population {proposal['value']!r}")
        return proposal["value"]

    def table(self) -> pd.DataFrame:
        """The studies for the chosen population."""
        return trials_table(self.population)
