"""Item analysis and cohort summaries of a quiz, as pandas DataFrames a dashboard can reuse.

All functions take the long results table from
:func:`ipt_course.grading.results.load_results` (one row per trainee per question) and leave
out trainees whose latest submission is not graded: their older scores never count.

- :func:`item_analysis`: per question, facility (share fully correct, and mean proportion of
  the points), discrimination (upper minus lower 27% group by total score) and the
  point-biserial correlation of the item with the rest of the quiz.
- :func:`distractor_counts`: how often each option (or matching pair) was chosen.
- :func:`outcome_summary`: per learning outcome, lowest-scoring first.
- :func:`score_distribution`: per trainee totals and percentages.
"""

from __future__ import annotations

import json
import math

import pandas as pd

from ipt_course.grading.results import graded_only
from ipt_course.quiz.bank import QuizBank

GROUP_SHARE = 0.27


def _scores_wide(results: pd.DataFrame) -> pd.DataFrame:
    return results.pivot_table(index="trainee", columns="question", values="proportion",
                               aggfunc="first", dropna=False)


def score_distribution(results: pd.DataFrame) -> pd.DataFrame:
    """Per trainee: total score, points available and percentage, best first."""
    results = graded_only(results)
    if results.empty:
        return pd.DataFrame(columns=["trainee", "total", "max_score", "percent"])
    grouped = results.groupby("trainee")
    frame = pd.DataFrame({
        "total": grouped["score"].sum(min_count=0).round(2),
        "max_score": grouped["max_score"].sum(),
    })
    frame["percent"] = (100 * frame["total"] / frame["max_score"]).round(1)
    return frame.reset_index().sort_values(["total", "trainee"], ascending=[False, True],
                                           ignore_index=True)


def item_analysis(results: pd.DataFrame) -> pd.DataFrame:
    """Facility, discrimination and point-biserial per question, in quiz order."""
    columns = ["number", "question", "type", "outcome", "max_score", "trainees", "answered",
               "share_correct", "facility", "discrimination", "point_biserial"]
    results = graded_only(results)
    if results.empty:
        return pd.DataFrame(columns=columns)
    totals = results.groupby("trainee")["score"].sum(min_count=0)
    upper, lower = _groups(totals)
    rows = []
    for question, item in results.groupby("question", sort=False):
        marked = item.dropna(subset=["score"]).set_index("trainee")
        proportion = marked["proportion"]
        rest = (totals.loc[marked.index] - marked["score"]).astype(float)
        rows.append({
            "number": int(item["number"].iloc[0]), "question": question,
            "type": item["type"].iloc[0], "outcome": item["outcome"].iloc[0],
            "max_score": float(item["max_score"].iloc[0]), "trainees": len(item),
            "answered": int(item["answered"].sum()),
            "share_correct": _mean(marked["score"] >= marked["max_score"]),
            "facility": _mean(proportion),
            "discrimination": _group_gap(proportion, upper, lower),
            "point_biserial": _correlation(proportion, rest),
        })
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("number", ignore_index=True)


def distractor_counts(results: pd.DataFrame, bank: QuizBank) -> pd.DataFrame:
    """How many trainees chose each option (or each matching pair); ``is_key`` marks the key.

    Trainer-only: this table names the correct answers.
    """
    results = graded_only(results)
    rows = []
    for question in bank.questions:
        if question.type in {"reflection", "numeric"}:
            continue
        given = [json.loads(text) for text in
                 results.loc[results["question"] == question.id, "response"] if text]
        rows += _option_rows(question, given)
    return pd.DataFrame(rows, columns=["question", "choice", "text", "is_key", "count"])


def outcome_summary(results: pd.DataFrame) -> pd.DataFrame:
    """Per learning outcome: questions, points and the cohort's mean proportion, lowest first."""
    columns = ["outcome", "questions", "max_score", "mean_proportion", "trainees_below_half"]
    marked = graded_only(results).dropna(subset=["score"])
    if marked.empty:
        return pd.DataFrame(columns=columns)
    per_trainee = marked.groupby(["outcome", "trainee"])[["score", "max_score"]].sum()
    per_trainee["proportion"] = per_trainee["score"] / per_trainee["max_score"]
    rows = []
    for outcome, item in marked.groupby("outcome"):
        shares = per_trainee.loc[outcome, "proportion"]
        rows.append({
            "outcome": outcome, "questions": int(item["question"].nunique()),
            "max_score": float(item.drop_duplicates("question")["max_score"].sum()),
            "mean_proportion": round(float(shares.mean()), 3),
            "trainees_below_half": int((shares < 0.5).sum()),
        })
    return pd.DataFrame(rows, columns=columns).sort_values(
        ["mean_proportion", "outcome"], ignore_index=True)


def _groups(totals: pd.Series) -> tuple[pd.Index, pd.Index]:
    totals = totals.dropna()
    size = max(1, round(GROUP_SHARE * len(totals))) if len(totals) >= 2 else 0
    ranked = totals.sort_values(kind="mergesort")
    return ranked.index[len(ranked) - size:], ranked.index[:size]


def _mean(values: pd.Series) -> float:
    return round(float(values.mean()), 3) if len(values) else math.nan


def _group_gap(proportion: pd.Series, upper: pd.Index, lower: pd.Index) -> float:
    top = proportion.reindex(upper).dropna()
    bottom = proportion.reindex(lower).dropna()
    if top.empty or bottom.empty:
        return math.nan
    return round(float(top.mean() - bottom.mean()), 3)


def _correlation(item: pd.Series, rest: pd.Series) -> float:
    if len(item) < 3 or item.std() == 0 or rest.std() == 0:
        return math.nan
    return round(float(item.corr(rest)), 3)


def _option_rows(question, given: list) -> list[dict]:
    rows = []
    if question.type == "matching":
        key = question.answer if isinstance(question.answer, dict) else {}
        for item_id, item_text in question.texts("items").items():
            for choice_id, choice_text in question.texts("choices").items():
                count = sum(1 for answer in given if isinstance(answer, dict)
                            and answer.get(item_id) == choice_id)
                rows.append({"question": question.id, "choice": f"{item_id}->{choice_id}",
                             "text": f"{item_text} -> {choice_text}",
                             "is_key": key.get(item_id) == choice_id, "count": count})
        return rows
    key = question.answer if isinstance(question.answer, list) else [question.answer]
    for option_id, text in question.texts("options").items():
        if question.type == "ordering":
            count = sum(1 for answer in given if isinstance(answer, list) and answer
                        and answer[0] == option_id)
            is_key = bool(key) and key[0] == option_id
            label = f"{option_id} (placed first)"
        else:
            count = sum(1 for answer in given if answer == option_id or (
                isinstance(answer, list) and option_id in answer))
            is_key = option_id in key
            label = option_id
        rows.append({"question": question.id, "choice": label, "text": text,
                     "is_key": is_key, "count": count})
    return rows
