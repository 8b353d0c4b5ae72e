"""Write quiz results to ``exports/`` (git-ignored: the files hold trainees' names)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ipt_course.grading.reports import outcome_summary, score_distribution
from ipt_course.grading.results import course_totals, graded_only

EXPORT_FORMATS = ("csv", "xlsx")


def quiz_tables(results: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The export's tables: per trainee (question columns), per question row, per outcome.

    A trainee whose latest submission is not graded keeps a row, with empty scores and a
    ``status`` saying why, never an older score or 0.
    """
    if "status" not in results:
        results = results.assign(graded=True, status="graded")
    people = results.drop_duplicates("trainee").set_index("trainee")[
        ["first_name", "last_name", "email", "status"]]
    wide = results.pivot_table(index="trainee", columns="question", values="score",
                               aggfunc="first", dropna=False)
    wide = wide[[q for q in results.drop_duplicates("question")["question"] if q in wide]]
    totals = score_distribution(results).set_index("trainee")
    by_trainee = people.join(wide).join(totals).reset_index()
    outcomes = graded_only(results).dropna(subset=["score"]).groupby(["trainee", "outcome"])[
        ["score", "max_score"]].sum()
    outcomes["proportion"] = (outcomes["score"] / outcomes["max_score"]).round(3)
    by_outcome = outcomes["proportion"].unstack("outcome")
    by_outcome = people.join(by_outcome).reset_index() if len(by_outcome) else (
        people.reset_index())
    return {"by_trainee": by_trainee, "by_question": results.copy(),
            "by_outcome": by_outcome, "outcomes_overall": outcome_summary(results)}


def write_tables(tables: dict[str, pd.DataFrame], folder: Path, stem: str,
                 fmt: str = "csv") -> list[Path]:
    """Write ``tables`` as one CSV each, or as sheets of one workbook; return the files."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use csv or xlsx")
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        path = folder / f"{stem}.xlsx"
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for name, table in tables.items():
                table.to_excel(writer, sheet_name=name[:31], index=False)
        return [path]
    written = []
    for name, table in tables.items():
        path = folder / f"{stem}-{name.replace('_', '-')}.csv"
        table.to_csv(path, index=False)
        written.append(path)
    return written


def export_course(root: Path, fmt: str = "csv") -> list[Path]:
    """Every trainee's total for every quiz, to ``exports/course-totals.*``."""
    return write_tables({"totals": course_totals(root)}, root / "exports", "course", fmt)
