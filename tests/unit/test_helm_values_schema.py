"""deploy/kubernetes/values.yaml against the Zero to JupyterHub chart's own values schema.

Helm merges the chart's default values with the values given, then checks the result against
the chart's ``values.schema.json``; a misspelt or misplaced key stops ``helm install``. The
schema and defaults of chart 4.4.0 are kept in ``fixtures/z2jh`` (see its README).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from ipt_course.hub.helm import helm_values
from ipt_course.hub.settings import CohortSettings

ROOT = Path(__file__).resolve().parents[2]
CHART = Path(__file__).resolve().parent / "fixtures" / "z2jh"


def merged(defaults: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """Helm's merge: maps merge key by key, anything else given replaces the default."""
    result = copy.deepcopy(defaults)
    for key, value in given.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = value
    return result


@pytest.fixture(scope="module")
def chart() -> tuple[jsonschema.Draft7Validator, dict[str, Any]]:
    schema = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
    defaults = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema), defaults


def problems(chart: tuple[jsonschema.Draft7Validator, dict[str, Any]],
             values: dict[str, Any]) -> list[str]:
    validator, defaults = chart
    return [f"{'.'.join(map(str, error.path))}: {error.message}"
            for error in validator.iter_errors(merged(defaults, values))]


def test_the_committed_values_pass_the_charts_schema(chart) -> None:
    values = yaml.safe_load((ROOT / "deploy" / "kubernetes" / "values.yaml").read_text())
    assert problems(chart, values) == []


@pytest.mark.parametrize("memory", ["512M", "2G"])
def test_values_for_other_cohorts_pass_too(chart, memory: str) -> None:
    cohort = CohortSettings(course_id="ipt-level-a", trainers=["lead", "second"],
                            limits={"memory": memory, "cpu": 2})
    assert problems(chart, helm_values(cohort)) == []


def test_the_schema_check_catches_a_misplaced_key(chart) -> None:
    values = yaml.safe_load((ROOT / "deploy" / "kubernetes" / "values.yaml").read_text())
    values["singleuser"]["memroy"] = values["singleuser"].pop("memory")
    values["cull"]["timeout"] = "an hour"
    found = problems(chart, values)
    assert any("'memroy' was unexpected" in problem for problem in found)
    assert any(problem.startswith("cull.timeout") for problem in found)
