"""Scan a folder meant for trainees for anything of the trainer's: keys, explanations, pages.

What counts as the trainer's is read from the course itself, so a new bank or a new live page
is covered without changing this module:

- every question's **answer key** in the form a generator, a bank or a data file would write
  it (``answer: b``, ``'answer': 'b'``, ``"answer": "b"``) near that question's id;
- every **explanation** and reflection marking criterion in ``quizzes/*.yaml``, sentence by
  sentence, wherever it appears (notebook cells, outputs, metadata, Markdown, data files);
- nbgrader's hidden-test and solution markers;
- **trainer-only paths**: the banks, ``source/``, ``dashboards/``, gradebooks, trainee
  submissions and feedback, the day live pages and any notebook that opens a live page or a
  dashboard.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ipt_course.quiz.generate import LEAK_MARKERS

TEXT_SUFFIXES = {".ipynb", ".json", ".md", ".yaml", ".yml", ".py", ".txt", ".html", ".j2",
                 ".csv", ".cfg", ".toml", ".js", ".css", ""}
TRAINER_FOLDERS = {"quizzes", "source", "dashboards", "autograded", "submitted", "feedback",
                   "exports", "downloaded", "unmatched", "live-data", "tests", "benchmarks",
                   "deploy", "certificates"}
PACKAGE_PARTS = ("package", "ipt_course")
TRAINER_FILES = {"gradebook.db", "nbgrader_config.py", "live.ipynb"}
TRAINER_SUFFIXES = {".db", ".sqlite", ".sqlite3"}
TRAINER_IMPORTS = re.compile(r"\bipt_course\.(live\.page|live\.dashboards|grading)\b")
MIN_SENTENCE = 30
KEY_WINDOW_BEFORE = 600
KEY_WINDOW_AFTER = 4000
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|br|hr|section|main|header|"
                       r"footer|blockquote|pre|caption|dt|dd|dl)\b[^<>]{0,200}>", re.IGNORECASE)
TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
EMPHASIS = re.compile(r"\*{1,3}|_{2,3}|`")


@dataclass(frozen=True)
class Secret:
    """One thing from a quiz bank that must never reach a trainee."""

    bank: str
    question: str
    kind: str  # "answer key", "explanation" or "marking criterion"
    text: str


@dataclass(frozen=True)
class Finding:
    """Where the scan found something of the trainer's, and what."""

    path: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"


def normalise(text: str) -> str:
    """``text`` as read: tags, Markdown emphasis and entities gone, white space made one space.

    A sentence in bold on a page or in a notebook is the same sentence to the reader; a block
    such as a paragraph still ends where it ends.
    """
    text = TAG.sub("", BLOCK_TAG.sub(" ", text))
    return " ".join(html.unescape(EMPHASIS.sub("", text)).split())


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` long enough to be recognised anywhere (not stock phrases)."""
    return [part for part in SENTENCE_END.split(normalise(text)) if len(part) >= MIN_SENTENCE]


def _value_forms(value: Any) -> list[str]:
    """How a key value is written by YAML (flow style), Python and JSON."""
    forms = {json.dumps(value), repr(value)}
    forms.add(yaml.safe_dump(value, default_flow_style=True, width=10_000).strip()
              .removesuffix("...").strip())
    return sorted(form for form in forms if form)


def key_pattern(answer: Any) -> re.Pattern[str]:
    """A pattern matching ``answer`` written as a key: ``answer: b``, ``'answer': 'b'``..."""
    forms = "|".join(re.escape(normalise(form)) for form in _value_forms(answer))
    return re.compile(rf"\banswer['\"]?\s*[:=]\s*(?:{forms})(?![\w-])")


def bank_secrets(course_root: Path) -> list[Secret]:
    """Every answer key, explanation and marking criterion in ``quizzes/*.yaml``.

    The banks are read as plain YAML, not through the quiz schema, so a bank that fails its
    schema is still scanned for.
    """
    found: list[Secret] = []
    for bank_file in sorted((Path(course_root) / "quizzes").glob("*.y*ml")):
        name = bank_file.relative_to(course_root).as_posix()
        data = yaml.safe_load(bank_file.read_text(encoding="utf-8")) or {}
        for question in data.get("questions") or []:
            if not isinstance(question, dict):
                continue
            qid = str(question.get("id", ""))
            if "answer" in question:
                found.append(Secret(name, qid, "answer key", json.dumps(question["answer"])))
            found += [Secret(name, qid, "explanation", sentence)
                      for sentence in sentences(str(question.get("explanation") or ""))]
            for item in question.get("rubric") or []:
                criterion = item.get("criterion", "") if isinstance(item, dict) else item
                found += [Secret(name, qid, "marking criterion", sentence)
                          for sentence in sentences(str(criterion))]
    return found


def _strings(data: Any) -> Iterator[str]:
    """Every string (keys and values) inside parsed JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def readable_text(path: Path) -> str | None:
    """The text a person could read in ``path`` (JSON strings joined up), or None if binary."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if b"\0" in raw[:4096]:
        return None
    text = raw.decode("utf-8", errors="replace")
    if path.suffix in {".ipynb", ".json"}:
        try:
            return "\n".join(_strings(json.loads(text)))
        except ValueError:
            return text
    return text


def trainer_path_reason(relative: Path) -> str | None:
    """Why ``relative`` (a path inside a trainee folder) is trainer-only, or None.

    Folder names are judged outside the package only: inside it, ``live/dashboards/`` and
    ``grading/templates/feedback/`` are code, whose text the scan still reads for keys.
    """
    in_package = relative.parts[:2] == PACKAGE_PARTS
    for part in relative.parts[:-1]:
        if part in TRAINER_FOLDERS and not in_package:
            return f"trainer-only folder {part}/"
    if relative.name in TRAINER_FILES:
        return f"trainer-only file {relative.name}"
    if relative.suffix in TRAINER_SUFFIXES:
        return "a database (gradebook or live answers)"
    return None


def _notebook_opens_trainer_page(text: str) -> bool:
    return bool(TRAINER_IMPORTS.search(text))


def scan_folder(folder: Path, secrets: list[Secret]) -> list[Finding]:
    """Everything of the trainer's found in ``folder``; an empty list means it is clean."""
    folder = Path(folder)
    keys = [(secret, key_pattern(json.loads(secret.text)))
            for secret in secrets if secret.kind == "answer key"]
    texts = [secret for secret in secrets if secret.kind != "answer key"]
    findings: list[Finding] = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        where = relative.as_posix()
        reason = trainer_path_reason(relative)
        if reason and (path.is_file() or relative.name in TRAINER_FOLDERS):
            findings.append(Finding(where, reason))
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        text = readable_text(path)
        if text is None:
            continue
        raw = normalise(path.read_text(encoding="utf-8", errors="replace"))
        findings += _text_findings(where, path, normalise(text), raw, keys, texts)
    return _unique(findings)


def _text_findings(where: str, path: Path, plain: str, raw: str,
                   keys: list[tuple[Secret, re.Pattern[str]]],
                   texts: list[Secret]) -> list[Finding]:
    """Findings in one file: ``plain`` is its readable text, ``raw`` its bytes as text (where
    a data file's keys and values keep their ``"answer": "b"`` shape)."""
    # The engine's own code names these markers to strip them; in content they mean a key.
    findings = [] if path.suffix == ".py" else [
        Finding(where, f"nbgrader key marker {marker!r}") for marker in LEAK_MARKERS
        if marker in plain]
    if path.suffix == ".ipynb" and _notebook_opens_trainer_page(plain):
        findings.append(Finding(where, "a notebook that opens a live page, dashboard or grading"))
    for secret, pattern in keys:
        if any(_key_near(text, secret.question, pattern) for text in (raw, plain)):
            findings.append(Finding(where, f"answer key of {secret.question} ({secret.bank})"))
    findings += [Finding(where, f"{secret.kind} of {secret.question} ({secret.bank}): "
                                f"{secret.text[:60]}...")
                 for secret in texts if secret.text in plain]
    return findings


def _key_near(text: str, question_id: str, pattern: re.Pattern[str]) -> bool:
    """Whether a key written as ``pattern`` stands near a mention of ``question_id``.

    A bank writes the key after the prompt and options, a generated grade cell just before
    the id: the window reaches well past a long question one way and a little the other.
    """
    if question_id not in text:
        return False
    for match in re.finditer(rf"(?<![\w-]){re.escape(question_id)}(?![\w-])", text):
        window = text[max(0, match.start() - KEY_WINDOW_BEFORE): match.end() + KEY_WINDOW_AFTER]
        if pattern.search(window):
            return True
    return False


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for finding in findings:
        if (finding.path, finding.what) not in seen:
            seen.add((finding.path, finding.what))
            unique.append(finding)
    return unique
