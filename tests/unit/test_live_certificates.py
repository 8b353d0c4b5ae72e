"""Certificates of attendance: who qualifies, what is printed, who is refused and why."""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
from pathlib import Path

import pytest

from ipt_course.course import load_course
from ipt_course.live.attendance import mark_present
from ipt_course.live.certificates import (
    Certificate,
    Refusal,
    make_certificates,
    plan_certificates,
)
from ipt_course.live.store import LiveStore
from ipt_course.live.trainer_cli import register_trainer


@pytest.fixture
def store(course_copy: Path, monkeypatch: pytest.MonkeyPatch, fill_gradebook) -> LiveStore:
    monkeypatch.delenv("IPT_LIVE_DATABASE", raising=False)
    fill_gradebook(course_copy)
    course = load_course(course_copy)
    store = LiveStore.for_course(course_copy)
    for day in (1, 2, 3, 4, 5):
        mark_present(store, course, day, ["t01"], on=dt.date(2026, 3, day + 1))
    for day in (1, 2, 4):
        mark_present(store, course, day, ["t02"], on=dt.date(2026, 3, day + 1))
    return store


def pdf_text(path: Path) -> str:
    """The text a reader sees on the PDF (poppler's pdftotext, as a PDF viewer extracts it)."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_plan_gives_certificates_and_reasoned_refusals(course_copy: Path,
                                                       store: LiveStore) -> None:
    course = load_course(course_copy)
    plans = {plan.trainee: plan for plan in plan_certificates(course, store)}
    certificate = plans["t01"]
    assert isinstance(certificate, Certificate)
    assert certificate.name == "Ria Okafor"
    assert [day.number for day in certificate.days] == [1, 2, 3, 4, 5]
    assert certificate.days[0].date == dt.date(2026, 3, 2)
    expected = sum(course.day(n).teaching_minutes for n in (1, 2, 3, 4, 5)) / 60
    assert certificate.hours == pytest.approx(expected, abs=0.01)
    assert certificate.days[0].hours == course.day(1).teaching_minutes / 60
    refusal = plans["t02"]
    assert isinstance(refusal, Refusal)
    assert refusal.reason.startswith("missed Day 3, Day 5")
    assert isinstance(plans["t03"], Refusal)


def test_make_certificates_writes_one_pdf_per_qualifying_trainee(
        course_copy: Path, store: LiveStore) -> None:
    out = course_copy / "certificates"
    written, refused = make_certificates(course_copy, out, store, issued=dt.date(2026, 3, 9))
    assert [path.name for path in written] == ["certificate-t01.pdf"]
    assert sorted(r.trainee for r in refused) == ["t02", "t03"]
    assert written[0].read_bytes().startswith(b"%PDF-")
    text = " ".join(pdf_text(written[0]).split())
    assert "CERTIFICATE OF ATTENDANCE" in text
    assert "Ria Okafor" in text
    assert "Interpersonal Psychotherapy (IPT) Level A" in text
    assert "2 March 2026" in text and "6 March 2026" in text
    hours = sum(load_course(course_copy).day(n).teaching_minutes for n in range(1, 6)) // 60
    assert f"Total taught hours: {hours} hours" in text
    assert "continuing professional development (CPD)" in text
    assert "Issued 9 March 2026" in text
    assert "Sam Lind" not in text


def test_cli_prints_each_refusal_with_its_reason(course_copy: Path, store: LiveStore,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root")
    register_trainer(parser.add_subparsers())
    args = parser.parse_args(["--root", str(course_copy), "certificates", "--out",
                              str(course_copy / "out"), "--issued", "2026-03-09"])
    assert args.func(args) == 0
    captured = capsys.readouterr()
    assert "1 certificate(s) written" in captured.out
    assert "no certificate for Sam Lind (t02): missed Day 3, Day 5" in captured.err
    assert "no certificate for Noor Vale (t03): missed Day 1" in captured.err
    assert (course_copy / "out" / "certificate-t01.pdf").is_file()
