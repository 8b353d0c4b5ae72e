"""Evidence table and explorer: the figures from the reference pack, filters and the plot."""

from __future__ import annotations

import pytest

from ipt_course.tools.evidence import (
    COLUMNS,
    POPULATIONS,
    EvidenceDataError,
    EvidenceExplorer,
    load_studies,
    trials_table,
)
from tests.screen import control

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def row(frame, study_start: str, year: int, comparison_part: str = ""):
    matches = frame[frame["study"].str.startswith(study_start) & (frame["year"] == year)
                    & frame["comparison"].str.contains(comparison_part, regex=False)]
    assert len(matches) == 1, (study_start, year, comparison_part)
    return matches.iloc[0]


def test_columns_and_every_row_has_a_source_and_caveat() -> None:
    frame = trials_table()
    assert tuple(frame.columns) == COLUMNS
    assert frame["source"].str.len().min() > 0
    assert frame["caveat"].str.len().min() > 0
    assert set(frame["population"]) == set(POPULATIONS)


def test_cuijpers_effect_sizes_match_the_reference_pack() -> None:
    frame = trials_table()
    assert row(frame, "Cuijpers", 2011, "control")["effect_size"] == pytest.approx(0.63)
    assert row(frame, "Cuijpers", 2011, "other psychotherapies")["effect_size"] == \
        pytest.approx(0.04)
    versus_drugs = row(frame, "Cuijpers", 2011, "antidepressant medication")
    assert versus_drugs["effect_size"] == pytest.approx(-0.19)
    recent = row(frame, "Cuijpers", 2016)
    assert recent["effect_size"] == pytest.approx(0.60)
    assert recent["effect_measure"] == "g"
    assert recent["n"] == 11434
    assert "OR" not in "".join(frame["effect_measure"])
    assert "odds ratio 0.37" in row(frame, "Cuijpers", 2011, "as maintenance")["result"]
    assert frame["effect_size"].notna().sum() == 4


def test_trial_figures_match_the_reference_pack() -> None:
    frame = trials_table()
    ohara = row(frame, "O'Hara", 2000)
    assert ohara["n"] == 120
    assert "37.5% vs 13.7%" in ohara["result"] and "19.4 to 8.3" in ohara["result"]
    assert row(frame, "NIMH TDCRP", 1989)["n"] == 250
    assert "not better" in row(frame, "Spinelli et al.", 2013)["result"]
    assert "63%" in row(frame, "Markowitz", 2015)["result"]
    assert "26%" in row(frame, "Frank", 2007)["result"]
    assert "75% recovered" in row(frame, "Mufson", 1999)["result"]
    assert "29%" in row(frame, "Agras", 2000)["result"]


def test_filter_by_population_includes_secondary_populations() -> None:
    group = trials_table("group")
    assert set(group["study"]) == {"Bolton et al.", "Wilfley et al."}
    assert len(trials_table("perinatal")) == 3
    with pytest.raises(ValueError, match="unknown population"):
        trials_table("children")


def test_bad_data_names_the_row_and_key() -> None:
    with pytest.raises(EvidenceDataError, match=r"studies\[0\]\.year"):
        load_studies({"studies": [{"study": "X", "population": "perinatal", "participants": "p",
                                   "comparison": "c", "design": "d", "outcome": "o",
                                   "result": "r", "source": "OH", "caveat": "c",
                                   "year": "recent"}]})


def test_explorer_filters_and_plots_with_caveats() -> None:
    explorer = EvidenceExplorer()
    assert explorer.png().startswith(PNG_SIGNATURE)
    assert "d = 0.63" in explorer.plot_note.value and "[C11]" in explorer.plot_note.value
    assert "g = 0.60" in explorer.plot_note.value
    assert "Caveat:" in explorer.cards.value
    control(explorer, "Population").value = "perinatal"
    assert "<b>3 studies</b> for perinatal" in explorer.summary.value
    assert "No pooled effect sizes" in explorer.plot_note.value
    assert explorer.png() == b""
    assert "O&#x27;Hara et al." in explorer.cards.value
    control(explorer, "Population").value = "adult depression"
    assert explorer.png().startswith(PNG_SIGNATURE)
    assert "d = -0.19" in explorer.plot_note.value


def test_the_2013_perinatal_trial_is_cited_by_its_real_title() -> None:
    explorer = EvidenceExplorer()
    control(explorer, "Population").value = "perinatal"
    assert ("[SP13] Spinelli MG, Endicott J, Leon AC, et al. (2013). A controlled clinical "
            "treatment trial of interpersonal psychotherapy for depressed pregnant women at 3 New "
            "York City sites. J Clin Psychiatry 74:393-399.") in explorer.cards.value


def test_frank_2007_counts_those_randomised_and_warns_about_stopping_medication() -> None:
    frank = row(trials_table(), "Frank", 2007)
    assert frank["n"] == 131
    assert "Of 233 who began it, 131 were randomised" in frank["participants"]
    assert "99 who remitted on IPT alone and 32" in frank["participants"]
    assert "the SSRI was withdrawn before maintenance with IPT alone" in frank["caveat"]
    assert "no reason to stop an antidepressant someone needs" in frank["caveat"]
    explorer = EvidenceExplorer()
    control(explorer, "Population").value = "maintenance"
    assert "n = 131" in explorer.cards.value and "n = 233" not in explorer.cards.value


def test_the_tdcrp_says_how_little_either_therapy_beat_placebo_overall() -> None:
    result = " ".join(row(trials_table(), "NIMH TDCRP", 1989)["result"].split())
    assert ("Across the whole sample, the evidence that IPT worked specifically, better than "
            "placebo with clinical management, was limited, and for CBT there was none") in result


def test_an_effect_of_0_6_is_called_moderate() -> None:
    recent = row(trials_table(), "Cuijpers", 2016)
    assert recent["result"].startswith("A moderate pooled effect")
    assert "moderate to large" not in " ".join(trials_table()["result"])
