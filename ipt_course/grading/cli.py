"""``ipt-course grade ...``: the trainer's grading pipeline around nbgrader.

Subcommands: ``roster import``, ``collect``, ``autograde``, ``feedback``, ``export`` and
``report``. Each prints what it did and every problem it found; the exit code is 0 when all
went well, 1 when something needs the trainer's attention, 2 for a usage mistake.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ipt_course.commands import fail, root_of, usage


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``grade`` and its subcommands to the ``ipt-course`` parser."""
    grade = subparsers.add_parser("grade", help="grade quizzes with nbgrader (trainers)")
    steps = grade.add_subparsers(title="grading steps", metavar="STEP")
    grade.set_defaults(func=lambda args: usage(grade))

    roster = steps.add_parser("roster", help="manage the trainee roster")
    roster_steps = roster.add_subparsers(title="roster commands", metavar="ACTION")
    roster.set_defaults(func=lambda args: usage(roster))
    importer = roster_steps.add_parser(
        "import", help="import trainees from a CSV (id, first name, last name, email)")
    importer.add_argument("file", type=Path)
    importer.set_defaults(func=cmd_roster_import)

    collect = steps.add_parser("collect", help="collect submissions from a folder or a zip")
    collect.add_argument("quiz_id")
    collect.add_argument("source", type=Path, help="a folder, or a zip such as a Teams download")
    collect.set_defaults(func=cmd_collect)

    autograde = steps.add_parser("autograde", help="grade every collected submission")
    autograde.add_argument("quiz_id")
    autograde.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)),
                           help="worker processes (default: up to 4)")
    autograde.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    autograde.set_defaults(func=cmd_autograde)

    feedback = steps.add_parser("feedback", help="write each trainee's feedback page")
    feedback.add_argument("quiz_id")
    feedback.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    feedback.add_argument("--before-close", action="store_true",
                          help="write the pages although the quiz's due date is still ahead")
    feedback.set_defaults(func=cmd_feedback)

    export = steps.add_parser("export", help="export scores to exports/ (CSV or Excel)")
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("quiz_id", nargs="?")
    which.add_argument("--course", action="store_true", help="every quiz, totals per trainee")
    export.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    export.set_defaults(func=cmd_export)

    report = steps.add_parser("report", help="item analysis and the weakest outcomes")
    report.add_argument("quiz_id")
    report.set_defaults(func=cmd_report)


def _fail(message: str) -> int:
    return fail("grade", message)


def cmd_roster_import(args: argparse.Namespace) -> int:
    """Check and import the roster CSV."""
    from ipt_course.grading.roster import RosterError, import_roster, read_roster

    root = root_of(args)
    try:
        check = read_roster(args.file)
    except RosterError as error:
        return _fail(str(error))
    imported = import_roster(root, check)
    print(f"Imported {imported} trainee(s) from {args.file}.")
    for bad in check.bad_rows:
        print(f"{args.file}: {bad}", file=sys.stderr)
    if check.bad_rows:
        print(f"{len(check.bad_rows)} row(s) not imported: fix them and import again.",
              file=sys.stderr)
        return 1
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    """Collect submissions into submitted/."""
    from ipt_course.grading.collect import CollectError, collect
    from ipt_course.grading.roster import roster_ids

    root = root_of(args)
    roster = roster_ids(root)
    if not roster:
        return _fail("the roster is empty: run 'ipt-course grade roster import FILE.csv' first")
    try:
        report = collect(root, args.quiz_id, args.source, roster)
    except CollectError as error:
        return _fail(str(error))
    for entry in report.collected:
        notes = f" ({'; '.join(entry.notes)})" if entry.notes else ""
        print(f"collected {entry.trainee}{notes}")
    for item in report.unmatched:
        print(f"NOT collected: {item.path}: {item.reason}", file=sys.stderr)
    for trainee in report.empty:
        print(f"EMPTY upload: {trainee}'s folder holds no files; nothing collected (an earlier "
              "submission of theirs, if any, stays and is graded)", file=sys.stderr)
    if report.ignored:
        print(f"ignored {len(report.ignored)} file(s) that are not answers (checkpoints, "
              "system files, the handed-out question list)")
    print(f"{len(report.collected)} submission(s) collected, {len(report.unmatched)} file(s) "
          f"not collected. Report: {report.report_file}")
    return 1 if report.unmatched or report.empty else 0


def cmd_autograde(args: argparse.Namespace) -> int:
    """Autograde every submission in parallel and print the summary."""
    from ipt_course.grading.autograde import autograde_all
    from ipt_course.grading.nbgrader_env import GradingError

    try:
        batch = autograde_all(root_of(args), args.quiz_id, jobs=max(1, args.jobs),
                              progress=not args.no_progress)
    except GradingError as error:
        return _fail(str(error))
    if not batch.results:
        return _fail(f"no submissions in submitted/*/{args.quiz_id}: run 'grade collect' first")
    print("\n".join(batch.summary_lines()))
    return 1 if any(result.flags for result in batch.results) else 0


def cmd_feedback(args: argparse.Namespace) -> int:
    """Write feedback pages for every autograded trainee."""
    from ipt_course.grading.feedback import FeedbackTooEarly, feedback_all
    from ipt_course.quiz.bank import BankError

    try:
        outcome = feedback_all(root_of(args), args.quiz_id, progress=not args.no_progress,
                               before_close=args.before_close)
    except (BankError, FeedbackTooEarly) as error:
        return _fail(str(error))
    for trainee, flags in sorted(outcome.items()):
        print(f"{trainee}: {'; '.join(flags) if flags else 'feedback written'}")
    if not outcome:
        return _fail(f"nothing autograded for {args.quiz_id} yet: run 'grade autograde' first")
    print("The pages explain every question: hand them out only once the quiz has closed for "
          "everyone. A bank reused for another cohort is then known to this one.")
    return 1 if any(outcome.values()) else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export results with pandas."""
    from ipt_course.grading.export import export_course, quiz_tables, write_tables
    from ipt_course.grading.results import load_results
    from ipt_course.quiz.bank import BankError, load_bank_for

    root = root_of(args)
    if args.course:
        written = export_course(root, args.format)
    else:
        try:
            bank = load_bank_for(root, args.quiz_id)
        except BankError as error:
            return _fail(str(error))
        results = load_results(root, args.quiz_id, bank)
        if results.empty:
            return _fail(f"no graded submissions for {args.quiz_id}")
        written = write_tables(quiz_tables(results), root / "exports", args.quiz_id,
                               args.format)
    for path in written:
        print(f"wrote {path}")
    print("These files hold trainees' names: keep them out of shared folders.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Print the item analysis, distractors and weakest outcomes."""
    import pandas as pd

    from ipt_course.grading.reports import (
        distractor_counts,
        item_analysis,
        outcome_summary,
        score_distribution,
    )
    from ipt_course.grading.results import load_results
    from ipt_course.quiz.bank import BankError, load_bank_for

    root = root_of(args)
    try:
        bank = load_bank_for(root, args.quiz_id)
    except BankError as error:
        return _fail(str(error))
    results = load_results(root, args.quiz_id, bank)
    if results.empty:
        return _fail(f"no graded submissions for {args.quiz_id}")
    from ipt_course.grading.results import graded_only, not_graded

    graded = graded_only(results)
    with pd.option_context("display.width", 120, "display.max_columns", 20):
        print(f"Item analysis: {args.quiz_id} ({graded['trainee'].nunique()} graded trainees)")
        for trainee, status in sorted(not_graded(results).items()):
            print(f"  left out, {trainee}: {status}")
        print(item_analysis(results).to_string(index=False))
        print("\nChoices (is_key marks the correct answer: trainer's eyes only)")
        print(distractor_counts(results, bank).to_string(index=False))
        print("\nOutcomes, lowest first")
        print(outcome_summary(results).to_string(index=False))
        print("\nScore distribution")
        print(score_distribution(results)["percent"].describe().round(1).to_string())
    return 0
