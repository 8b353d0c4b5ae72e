"""Certificates of attendance (PDF, fpdf2), one per trainee who meets the attendance rule."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ipt_course.course import Course, load_course
from ipt_course.live.attendance import (
    attendance_verdict,
    days_attended,
    display_names,
    required_days,
)
from ipt_course.live.store import Attendance, LiveStore

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
NAVY = (11, 61, 145)
INK = (17, 17, 17)
GREY = (68, 68, 68)
CPD_STATEMENT = (
    "This certificate records attendance at live teaching for continuing professional "
    "development (CPD). The hours shown are taught time only: breaks are not counted. "
    "Reflect on what you learnt and keep this certificate in your CPD portfolio. It confirms "
    "attendance, not competence to practise IPT: accreditation as an IPT practitioner needs "
    "supervised clinical practice under the rules of the accrediting body."
)


@dataclass(frozen=True)
class AttendedDay:
    """One course day a trainee attended."""

    number: int
    title: str
    date: dt.date
    hours: float


@dataclass(frozen=True)
class Certificate:
    """Everything printed on one trainee's certificate."""

    trainee: str
    name: str
    course_title: str
    subtitle: str
    days: tuple[AttendedDay, ...]

    @property
    def hours(self) -> float:
        """Total taught hours over the days attended."""
        return round(sum(day.hours for day in self.days), 2)

    @property
    def file_name(self) -> str:
        """A safe file name for this trainee's certificate."""
        return f"certificate-{re.sub(r'[^A-Za-z0-9._-]+', '-', self.trainee).strip('-')}.pdf"


@dataclass(frozen=True)
class Refusal:
    """A trainee who gets no certificate, and why."""

    trainee: str
    name: str
    reason: str


def plan_certificates(course: Course, store: LiveStore) -> list[Certificate | Refusal]:
    """For every trainee on the roster or in the register: a certificate or a refusal."""
    names = display_names(course.root)
    registered = set(store.table(Attendance)["trainee"])
    required = required_days(course)
    plans: list[Certificate | Refusal] = []
    for trainee in sorted(set(names) | registered):
        name = names.get(trainee, trainee)
        attended = days_attended(store, trainee)
        ok, reason = attendance_verdict(required, set(attended))
        if not ok:
            plans.append(Refusal(trainee, name, reason))
            continue
        days = tuple(AttendedDay(day.number, day.title, attended[day.number],
                                 round(day.teaching_minutes / 60, 2))
                     for day in course.days if day.number in attended)
        plans.append(Certificate(trainee, name, course.course.title, course.course.subtitle,
                                 days))
    return plans


def _hours_text(hours: float) -> str:
    whole, minutes = divmod(round(hours * 60), 60)
    return f"{whole} hours" + (f" {minutes} minutes" if minutes else "")


def _date_text(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


class _Pdf:
    """An A4 landscape page with Unicode fonts when the system has DejaVu."""

    def __init__(self) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(orientation="landscape", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(22, 18, 22)
        self.family = "Helvetica"
        if (FONT_DIR / "DejaVuSans.ttf").is_file():
            self.pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            self.pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
            self.family = "DejaVu"

    def text(self, value: str) -> str:
        """Core fonts only know Latin-1; replace what they cannot draw."""
        if self.family == "DejaVu":
            return value
        return value.encode("latin-1", "replace").decode("latin-1")

    def line(self, value: str, size: float, style: str = "", colour=INK, height: float = 0,
             align: str = "C") -> None:
        self.pdf.set_font(self.family, style, size)
        self.pdf.set_text_color(*colour)
        self.pdf.multi_cell(0, height or size * 0.5, self.text(value), align=align,
                            new_x="LMARGIN", new_y="NEXT")


def _days_table(doc: _Pdf, certificate: Certificate) -> None:
    """A small centred table: day, date attended, taught hours."""
    pdf = doc.pdf
    widths = (24, 52, 40)
    left = (pdf.w - sum(widths)) / 2
    rows = [("Day", "Date", "Taught hours")] + [
        (str(day.number), _date_text(day.date), _hours_text(day.hours))
        for day in certificate.days]
    for index, row in enumerate(rows):
        pdf.set_x(left)
        pdf.set_font(doc.family, "B" if index == 0 else "", 10.5)
        pdf.set_text_color(*(NAVY if index == 0 else INK))
        for width, cell in zip(widths, row, strict=True):
            pdf.cell(width, 6, doc.text(cell), border="B" if index == 0 else 0, align="C")
        pdf.ln(6)
    pdf.ln(2)


def render_certificate(certificate: Certificate, path: Path,
                       issued: dt.date | None = None) -> Path:
    """Write one certificate as a single-page PDF at ``path``."""
    doc = _Pdf()
    pdf = doc.pdf
    pdf.set_title(f"Certificate of attendance: {certificate.name}")
    pdf.set_author(certificate.course_title)
    pdf.add_page()
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(1.6)
    pdf.rect(9, 9, pdf.w - 18, pdf.h - 18)
    pdf.set_line_width(0.4)
    pdf.rect(12.5, 12.5, pdf.w - 25, pdf.h - 25)
    pdf.set_y(26)
    doc.line("CERTIFICATE OF ATTENDANCE", 28, "B", NAVY, 14)
    pdf.ln(4)
    doc.line("This is to certify that", 14, "", GREY, 8)
    pdf.ln(2)
    doc.line(certificate.name, 30, "B", INK, 15)
    pdf.ln(2)
    doc.line("attended", 14, "", GREY, 8)
    doc.line(certificate.course_title, 20, "B", NAVY, 10)
    if certificate.subtitle:
        doc.line(certificate.subtitle, 12, "I", GREY, 7)
    pdf.ln(4)
    _days_table(doc, certificate)
    doc.line(f"Total taught hours: {_hours_text(certificate.hours)} "
             "(from the course timetable, breaks excluded)", 11.5, "B", INK, 7)
    pdf.ln(3)
    pdf.set_x(40)
    pdf.set_font(doc.family, "", 10)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(pdf.w - 80, 5, doc.text(CPD_STATEMENT), align="C",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.h - 32)
    issued = issued or dt.date.today()
    doc.line(f"Issued {_date_text(issued)} by the course team  ·  trainee reference "
             f"{certificate.trainee}", 9.5, "", GREY, 5)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def make_certificates(root: Path, out: Path, store: LiveStore | None = None,
                      issued: dt.date | None = None) -> tuple[list[Path], list[Refusal]]:
    """Write a certificate for each trainee who qualifies; return the files and the refusals."""
    course = load_course(root)
    store = store or LiveStore.for_course(course.root)
    written, refused = [], []
    for plan in plan_certificates(course, store):
        if isinstance(plan, Refusal):
            refused.append(plan)
        else:
            written.append(render_certificate(plan, out / plan.file_name, issued))
    return written, refused
