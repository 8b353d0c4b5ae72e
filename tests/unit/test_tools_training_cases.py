"""The training-case checker: its data, the rules behind each verdict, and the view."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from ipt_course.tools.training_cases import (
    CheckerError,
    CheckerModel,
    CriteriaDataError,
    Features,
    TrainingCaseChecker,
    criteria,
    evaluate,
    identifying_details,
    parse_criteria,
    parse_referrals,
    referrals,
)
from tests.screen import control, press, shown_html

DATA = Path(__file__).resolve().parents[2] / "ipt_course/tools/training_cases/data"
SUITABLE = {"diagnosis": "depression", "risk": "none", "substance": "none", "focus": "dispute",
            "safety": "asked_none", "consent": "agreed", "phq9": 13, "item9": 0}


def raw(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def statuses(**changes: object) -> dict[str, str]:
    """{criterion id: status} for a suitable referral with ``changes``."""
    result = evaluate(criteria(), Features(**{**SUITABLE, **changes}))
    return {row.id: row.status for row in result.rows}


def verdict(**changes: object) -> str:
    return evaluate(criteria(), Features(**{**SUITABLE, **changes})).verdict


# -- the data ----------------------------------------------------------------------------

def test_the_criteria_and_the_referrals_load_with_helen_first() -> None:
    assert [c.id for c in criteria().criteria] == ["diagnosis", "risk", "substance", "focus",
                                                   "safety", "consent"]
    names = [r.name for r in referrals()]
    assert names[0] == "Helen Ward" and len(names) >= 8
    assert "supervisor" in criteria().banner.title


def test_each_referral_gets_the_verdict_its_story_teaches() -> None:
    got = {r.id: evaluate(criteria(), r.features).verdict for r in referrals()}
    assert got == {"helen": "open", "sofia": "fits", "ruth": "rules_out", "stacey": "rules_out",
                   "chantelle": "rules_out", "priya": "rules_out", "gwen": "rules_out",
                   "eilidh": "supervisor", "tegan": "open"}


def test_a_misspelt_key_or_an_unknown_option_names_the_file_and_key() -> None:
    data = raw("criteria.yaml")
    broken = copy.deepcopy(data)
    broken["criteria"][0]["optoins"] = broken["criteria"][0].pop("options")
    with pytest.raises(CriteriaDataError, match=r"criteria.yaml: criteria\[0\]"):
        parse_criteria(broken)
    no_unknown = copy.deepcopy(data)
    no_unknown["criteria"][5]["options"] = [o for o in no_unknown["criteria"][5]["options"]
                                            if o["id"] != "not_agreed"]
    with pytest.raises(CriteriaDataError, match="not_agreed"):
        parse_criteria(no_unknown)
    gap = copy.deepcopy(data)
    gap["severity"]["bands"][1]["low"] = 6
    with pytest.raises(CriteriaDataError, match="without gaps"):
        parse_criteria(gap)
    cases = raw("referrals.yaml")
    cases["referrals"][1]["features"]["focus"] = "loneliness"
    with pytest.raises(CriteriaDataError,
                       match=r"referrals\[1\].features.focus: 'loneliness' is not one of"):
        parse_referrals(cases, criteria())


def test_no_phq9_range_is_invented_severity_is_never_counted() -> None:
    for score in (0, 4, 9, 16, 27):
        assert statuses(phq9=score)["severity"] == "note"
        assert verdict(phq9=score) == "fits"
    row = evaluate(criteria(), Features(**{**SUITABLE, "phq9": 16})).rows[-1]
    assert "moderately severe" in row.chosen
    assert "at or above NICE NG222's indicator of 16" in row.chosen
    assert "no PHQ-9 range" in row.reason
    assert statuses(phq9=None)["severity"] == "open"


# -- the rules ---------------------------------------------------------------------------

@pytest.mark.parametrize(("criterion", "option", "expected"), [
    ("diagnosis", "bipolar", "rules_out"), ("diagnosis", "psychosis", "rules_out"),
    ("diagnosis", "other", "supervisor"), ("risk", "acute", "rules_out"),
    ("risk", "contained", "fits"), ("substance", "dependence", "rules_out"),
    ("focus", "sensitivities", "supervisor"), ("safety", "disclosed", "supervisor"),
    ("safety", "not_asked", "open"), ("consent", "declined", "rules_out"),
    ("consent", "not_agreed", "open"),
])
def test_each_feature_gives_its_status_and_the_heaviest_is_the_verdict(
        criterion: str, option: str, expected: str) -> None:
    assert statuses(**{criterion: option})[criterion] == expected
    assert verdict(**{criterion: option}) == expected
    assert verdict(**{criterion: option, "consent": "declined"}) == "rules_out"


def test_every_reason_is_shown_and_exclusions_say_what_instead() -> None:
    rows = {r.id: r for r in evaluate(criteria(), Features(**{**SUITABLE,
                                                               "diagnosis": "bipolar"})).rows}
    assert "IPSRT" in rows["diagnosis"].reason
    psychosis = evaluate(criteria(), Features(**{**SUITABLE, "diagnosis": "psychosis"})).rows[0]
    assert "emergency" in psychosis.reason and "same-day" in psychosis.reason
    declined = evaluate(criteria(), Features(**{**SUITABLE, "consent": "declined"})).rows[5]
    assert "must not change the care" in declined.reason


def test_item_9_above_zero_is_named_and_contradicts_no_current_thoughts() -> None:
    assert statuses(item9=1)["risk"] == "open"
    assert verdict(item9=1) == "open"
    risk = evaluate(criteria(), Features(**{**SUITABLE, "item9": 2, "risk": "contained"})).rows[1]
    assert risk.status == "fits" and "item 9 is scored 2" in risk.reason
    with pytest.raises(ValueError, match="item9"):
        Features(**{**SUITABLE, "phq9": 1, "item9": 2})


def test_identifying_details_are_spotted_and_plain_descriptions_pass() -> None:
    assert identifying_details("NHS 943 476 5919, seen 03/02/2027 in LS6 2AB") == [
        "nhs_number", "date", "postcode"]
    assert identifying_details("Mrs Patel, jo@example.org, 07700 900123") == [
        "email", "phone", "titled_name"]
    assert identifying_details(
        "A woman in her thirties, six months after a birth, PHQ-9 14, low since a move") == []


# -- the model and the view --------------------------------------------------------------

def test_the_own_referral_is_checked_only_without_identifying_details() -> None:
    model = CheckerModel(case_id="own")
    assert model.result().verdict == "open"
    model.own_description = "Mr Jones, 12/05/1990"
    with pytest.raises(CheckerError, match="identify"):
        model.check()
    assert not model.shown
    model.own_description = "A man in his forties, low since his wife's stillbirth"
    for key, value in SUITABLE.items():
        setattr(model, f"own_{key}", value)
    assert model.check().verdict == "fits" and model.shown
    with pytest.raises(CheckerError):
        model.set_guess("maybe")


def test_the_view_shows_helens_reasons_after_the_trainees_verdict() -> None:
    checker = TrainingCaseChecker()
    assert checker.model.referral.name == "Helen Ward"
    assert "Helen Ward" in shown_html(checker) and "Consent to recording" not in shown_html(checker)
    control(checker, "Your verdict").value = "fits"
    press(checker, "Check against the criteria")
    shown = shown_html(checker)
    assert "Helen Ward: Not yet: find out first" in shown
    assert "The criteria give a different verdict" in shown
    assert "Explain who will hear the recordings" in shown
    assert "confirm the current ones with IPT UK" in shown
    control(checker, "Referral").value = "gwen"
    assert control(checker, "Your verdict").value is None
    press(checker, "Check against the criteria")
    assert "Gwen Pritchard: Not a training case now" in shown_html(checker)
    control(checker, "Referral").value = "helen"
    assert control(checker, "Your verdict").value == "fits"
    press(checker, "Hide the result")
    assert "each criterion and why" not in shown_html(checker)


def test_the_view_checks_the_trainees_own_referral_and_escapes_their_text() -> None:
    checker = TrainingCaseChecker()
    control(checker, "Referral").value = "own"
    control(checker, "Describe it (no identifying details)").value = "Seen by Dr Smith <b>x</b>"
    press(checker, "Check against the criteria")
    assert "Take out identifying details" in shown_html(checker)
    assert "each criterion and why" not in shown_html(checker)
    control(checker, "Describe it (no identifying details)").value = "A woman, <b>low</b> since"
    control(checker, "Working diagnosis").value = "bipolar"
    control(checker, "PHQ-9 total").value = 17
    press(checker, "Check against the criteria")
    shown = shown_html(checker)
    assert "Your referral: Not a training case now" in shown
    assert "&lt;b&gt;low&lt;/b&gt;" in shown and "<b>low</b>" not in shown
    assert "17 of 27: moderately severe" in shown
    control(checker, "PHQ-9 item 9").value = 3
    control(checker, "PHQ-9 total").value = 2
    assert "Item 9 cannot score more than the PHQ-9 total" in shown_html(checker)
    assert "each criterion and why" not in shown_html(checker)
