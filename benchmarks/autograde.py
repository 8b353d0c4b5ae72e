"""Autograde throughput: the course's response-reading autograde against stock nbgrader.

For a synthetic cohort of each size (default 25 and 100 trainees) in a temporary course
folder, this times ``ipt-course grade autograde`` (one worker, then ``--jobs`` workers) and
plain ``nbgrader autograde``, which starts a kernel and executes every notebook. Stock
nbgrader is timed on at most ``--stock-limit`` trainees of each cohort (it is slow and the
machine may be shared); seconds per trainee are comparable either way. It also checks that
both give every sampled trainee the same total.

Run:  python benchmarks/autograde.py [--sizes 25 100] [--jobs 2] [--stock-limit 25]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURE_BANK = REPO / "tests" / "unit" / "fixtures" / "quizzes" / "fixture-quiz.yaml"


def bank_file() -> Path:
    """The day-1 bank when it exists, else the test fixture bank."""
    day1 = REPO / "quizzes" / "day1.yaml"
    return day1 if day1.is_file() else FIXTURE_BANK


def build_course(folder: Path) -> tuple[Path, str]:
    """A temporary course with the quiz built and released; returns (root, quiz id)."""
    from ipt_course.quiz.generate import build_quiz

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "course.yaml", folder / "course.yaml")
    (folder / "quizzes").mkdir()
    bank = Path(shutil.copy(bank_file(), folder / "quizzes" / bank_file().name))
    build_quiz(bank, folder)
    from ipt_course.quiz.bank import load_bank

    return folder, load_bank(bank).id


def add_cohort(root: Path, quiz_id: str, size: int, seed: int = 7) -> list[str]:
    """Roster and submissions for ``size`` trainees with a mix of answer patterns."""
    from ipt_course.grading import synthetic
    from ipt_course.grading.roster import RosterCheck, Trainee, import_roster
    from ipt_course.quiz.bank import load_bank_for

    bank = load_bank_for(root, quiz_id)
    release = root / "release" / quiz_id / f"{quiz_id}.ipynb"
    patterns = [synthetic.perfect_answers(bank), synthetic.half_right_answers(bank),
                synthetic.wrong_answers(bank), {}]
    chooser = random.Random(seed)
    ids = [f"t{number:04d}" for number in range(1, size + 1)]
    check = RosterCheck(file=root / "roster.csv", trainees=[
        Trainee(trainee, "Synthetic", trainee, f"{trainee}@example.org", line)
        for line, trainee in enumerate(ids, start=2)])
    import_roster(root, check)
    for trainee in ids:
        synthetic.write_submission(root / "submitted" / trainee / quiz_id, quiz_id, release,
                                   chooser.choice(patterns), synthetic.REFLECTION_TEXT)
    return ids


def totals(root: Path, quiz_id: str) -> dict[str, float]:
    """Each trainee's total in the gradebook."""
    from ipt_course.grading.nbgrader_env import gradebook

    with gradebook(root) as book:
        return {s.student.id: round(float(s.score), 2)
                for s in book.find_assignment(quiz_id).submissions}


def time_ours(root: Path, quiz_id: str, jobs: int) -> float:
    """Seconds for the course's autograde of every submission."""
    from ipt_course.grading.autograde import autograde_all

    started = time.perf_counter()
    batch = autograde_all(root, quiz_id, jobs=jobs, progress=False)
    seconds = time.perf_counter() - started
    failed = [result.trainee for result in batch.results if not result.graded]
    if failed:
        raise SystemExit(f"our autograde failed for {failed}")
    return seconds


def time_stock(root: Path, quiz_id: str, keep: list[str]) -> float:
    """Seconds for plain ``nbgrader autograde`` (kernel execution) of the ``keep`` trainees."""
    for folder in (root / "submitted").iterdir():
        if folder.name not in keep:
            shutil.rmtree(folder)
    shutil.rmtree(root / "autograded", ignore_errors=True)
    command = [sys.executable, "-m", "nbgrader", "autograde", quiz_id, "--force",
               f"--CourseDirectory.root={root}", "--log-level=ERROR"]
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"stock nbgrader autograde failed:\n{completed.stderr[-2000:]}")
    return seconds


def run_size(size: int, jobs: int, stock_limit: int) -> dict[str, float]:
    """Time one cohort size; return seconds per trainee for each method."""
    with tempfile.TemporaryDirectory(prefix="ipt-bench-") as temp:
        root, quiz_id = build_course(Path(temp) / "course")
        ids = add_cohort(root, quiz_id, size)
        ours_serial = time_ours(root, quiz_id, 1) / size
        ours_parallel = time_ours(root, quiz_id, jobs) / size
        ours_totals = totals(root, quiz_id)
        stock_root = Path(temp) / "stock"
        shutil.copytree(root, stock_root)
        sample = ids[:stock_limit]
        stock = time_stock(stock_root, quiz_id, sample) / len(sample)
        stock_totals = totals(stock_root, quiz_id)
        agree = all(stock_totals.get(trainee) == ours_totals.get(trainee) for trainee in sample)
    return {"size": size, "sample": len(sample), "ours_serial": ours_serial,
            "ours_parallel": ours_parallel, "stock": stock, "agree": agree}


def main(argv: list[str] | None = None) -> int:
    """Print seconds per trainee and the speed-up for each cohort size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 100])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--stock-limit", type=int, default=25)
    args = parser.parse_args(argv)
    print(f"bank: {bank_file().relative_to(REPO)}; workers: {args.jobs}")
    print(f"{'cohort':>6} {'stock s/trainee':>16} {'ours 1 job':>11} "
          f"{'ours ' + str(args.jobs) + ' jobs':>11} {'ratio 1 job':>12} "
          f"{'ratio jobs':>11}  same totals")
    for size in args.sizes:
        row = run_size(size, args.jobs, args.stock_limit)
        print(f"{size:>6} {row['stock']:>16.3f} {row['ours_serial']:>11.3f} "
              f"{row['ours_parallel']:>11.3f} {row['stock'] / row['ours_serial']:>11.1f}x "
              f"{row['stock'] / row['ours_parallel']:>10.1f}x  "
              f"{'yes' if row['agree'] else 'NO'} (stock timed on {row['sample']})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
