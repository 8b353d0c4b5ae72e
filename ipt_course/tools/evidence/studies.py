"""The key studies of IPT, read and checked from trials.yaml, as a table."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pandas as pd
import yaml

POPULATIONS = (
    "adult depression",
    "perinatal",
    "adolescent",
    "group",
    "eating disorders",
    "PTSD",
    "maintenance",
)
COLUMNS = (
    "study",
    "year",
    "population",
    "also",
    "participants",
    "n",
    "comparison",
    "design",
    "outcome",
    "result",
    "effect_size",
    "effect_measure",
    "source",
    "caveat",
)
REQUIRED_TEXT = (
    "study",
    "population",
    "participants",
    "comparison",
    "design",
    "outcome",
    "result",
    "source",
    "caveat",
)
SOURCES = {
    "ELK": "Elkin I et al. (1989). NIMH Treatment of Depression Collaborative Research "
    "Program. Arch Gen Psychiatry 46:971.",
    "GRT": "NIMH TDCRP grant records.",
    "C11": "Cuijpers P et al. (2011). Interpersonal psychotherapy for depression: a "
    "meta-analysis. Am J Psychiatry (PMC3646065).",
    "C16": "Cuijpers P et al. (2016). Interpersonal psychotherapy for mental health problems: "
    "a comprehensive meta-analysis. Am J Psychiatry.",
    "HB-m": "Frank E et al. (1990), summarised in the IPT chapter of Freeman & Power's "
    "Handbook of Evidence-based Psychotherapies (Wiley, 2007).",
    "FR07": "Frank E et al. (2007). Randomized trial of weekly, twice-monthly, and monthly IPT "
    "as maintenance treatment for women with recurrent depression (PMC3579577).",
    "NICE": "NICE (2022). Depression in adults: treatment and management (NG222).",
    "OH": "O'Hara MW et al. (2000). Efficacy of interpersonal psychotherapy for postpartum "
    "depression. Arch Gen Psychiatry 57:1039.",
    "SP03": "Spinelli MG, Endicott J (2003). Controlled clinical trial of interpersonal "
    "psychotherapy versus parenting education program for depressed pregnant women. "
    "Am J Psychiatry 160:555.",
    "SP13": "Spinelli MG et al. (2013). Randomised trial of IPT vs parenting education for "
    "depression in pregnancy.",
    "BOL": "Bolton P et al. (2003). Group interpersonal psychotherapy for depression in rural "
    "Uganda: a randomized controlled trial. JAMA 289:3117.",
    "BASS": "Bass J et al. (2006). Group interpersonal psychotherapy for depression in rural "
    "Uganda: 6-month outcomes. Br J Psychiatry 188:567.",
    "MUF99": "Mufson L et al. (1999). Efficacy of interpersonal psychotherapy for depressed "
    "adolescents. Arch Gen Psychiatry 56:573.",
    "MUF04": "Mufson L et al. (2004). A randomized effectiveness trial of interpersonal "
    "psychotherapy for depressed adolescents.",
    "AG": "Agras WS et al. (2000). A multicenter comparison of cognitive-behavioral therapy and "
    "interpersonal psychotherapy for bulimia nervosa.",
    "WIL": "Wilfley DE et al. (2002). A randomized comparison of group cognitive-behavioral "
    "therapy and group interpersonal psychotherapy for binge eating disorder. Arch Gen "
    "Psychiatry 59:713.",
    "MK15": "Markowitz JC et al. (2015). Is exposure necessary? A randomized clinical trial of "
    "interpersonal psychotherapy for PTSD. Am J Psychiatry.",
}
ALL = "all"


class EvidenceDataError(ValueError):
    """The studies file is malformed; the message names the entry and key."""


def _check_row(raw: Any, where: str) -> dict[str, Any]:
    """One validated row with every column present."""
    if not isinstance(raw, dict):
        raise EvidenceDataError(f"{where}: expected a mapping")
    for key in REQUIRED_TEXT:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise EvidenceDataError(f"{where}.{key}: expected non-empty text")
    if not isinstance(raw.get("year"), int):
        raise EvidenceDataError(f"{where}.year: expected a year such as 2011")
    also = raw.get("also", [])
    if not isinstance(also, list):
        raise EvidenceDataError(f"{where}.also: expected a list of populations")
    for key in (raw["population"], *also):
        if key not in POPULATIONS:
            raise EvidenceDataError(
                f"{where}: unknown population {key!r}; expected one of {', '.join(POPULATIONS)}"
            )
    if raw.get("n") is not None and not isinstance(raw["n"], int):
        raise EvidenceDataError(f"{where}.n: expected a whole number or null")
    has_size, has_measure = raw.get("effect_size") is not None, bool(raw.get("effect_measure"))
    if has_size != has_measure:
        raise EvidenceDataError(f"{where}: effect_size and effect_measure go together")
    for key in raw.get("source", "").split(","):
        if key.strip() not in SOURCES:
            raise EvidenceDataError(f"{where}.source: unknown source key {key.strip()!r}")
    row = {column: raw.get(column) for column in COLUMNS}
    row["also"] = ", ".join(raw.get("also", []))
    row["result"] = " ".join(row["result"].split())
    row["effect_size"] = float(raw["effect_size"]) if has_size else None
    row["effect_measure"] = raw.get("effect_measure") or ""
    return row


def load_studies(data: Any = None) -> list[dict[str, Any]]:
    """Validated study rows from ``data`` (default: the packaged trials.yaml)."""
    if data is None:
        text = (
            resources.files("ipt_course.tools.evidence")
            .joinpath("data/trials.yaml")
            .read_text(encoding="utf-8")
        )
        data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("studies"), list):
        raise EvidenceDataError("trials.yaml: studies: expected a list")
    return [_check_row(raw, f"trials.yaml: studies[{i}]") for i, raw in enumerate(data["studies"])]


def trials_table(population: str | None = None) -> pd.DataFrame:
    """Key IPT studies as a DataFrame, optionally only those for one population.

    Columns: study, year, population, also, participants, n, comparison, design, outcome,
    result, effect_size (only where a pooled d or g was reported), effect_measure, source,
    caveat.
    """
    frame = pd.DataFrame(load_studies(), columns=list(COLUMNS))
    frame["n"] = frame["n"].astype("Int64")
    frame["effect_size"] = frame["effect_size"].astype("Float64")
    if population and population != ALL:
        if population not in POPULATIONS:
            raise ValueError(
                f"unknown population {population!r}; choose from {', '.join(POPULATIONS)}"
            )
        mask = (frame["population"] == population) | frame["also"].str.split(", ").apply(
            lambda others: population in others
        )
        frame = frame[mask]
    return frame.reset_index(drop=True)
