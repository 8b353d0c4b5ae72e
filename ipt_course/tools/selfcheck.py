"""Ungraded self-check questions with instant feedback, read from a YAML file beside a notebook.

File format (``selfchecks/<notebook-stem>.yaml``)::

    checks:
      - id: sick-role
        prompt: "Markdown text"
        type: single            # single | multiple | reflection
        options:                # single and multiple only
          - {id: a, text: "...", correct: true, feedback: "why"}
        explanation: "Markdown shown after checking"
        model_points: ["..."]   # reflection only (optional if explanation is given)
        outcome: d1.lo3         # optional: the course.yaml learning outcome this practises
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.render import box_html, escape, inline_markdown_html, markdown_html
from ipt_course.problems import Problem
from ipt_course.yamlfile import YamlFileError, read_yaml

CHECK_TYPES = ("single", "multiple", "reflection")
OUTCOME_ID = re.compile(r"^d[0-9]+\.lo[0-9]+$")
# ipywidgets draws radio and checkbox labels on one fixed-height line and cuts long text off;
# answer options are often a full sentence, so they must wrap.
_WRAP_OPTIONS_CSS = """<style>
.ipt-selfcheck .widget-radio-box label, .ipt-selfcheck .jupyter-widget-radio-box label {
  height: auto; line-height: 1.4; white-space: normal; display: flex;
  flex-direction: row-reverse; justify-content: flex-end; align-items: flex-start;
  padding: 0.2em 0;
}
.ipt-selfcheck .widget-radio-box input, .ipt-selfcheck .jupyter-widget-radio-box input {
  margin: 0.25em 0.6em 0 0; flex-shrink: 0;
}
.ipt-selfcheck .widget-checkbox, .ipt-selfcheck .jupyter-widget-checkbox {
  height: auto; line-height: 1.4;
}
.ipt-selfcheck .widget-checkbox label, .ipt-selfcheck .jupyter-widget-checkbox label {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  display: flex; align-items: flex-start; padding: 0.2em 0;
}
.ipt-selfcheck .widget-checkbox input, .ipt-selfcheck .jupyter-widget-checkbox input {
  margin-top: 0.1em; flex-grow: 0;
}
.ipt-selfcheck .widget-html-content { line-height: 1.5; white-space: normal; }
</style>"""


@dataclass(frozen=True)
class Option:
    """One answer option with its feedback."""

    id: str
    text: str
    correct: bool
    feedback: str = ""


@dataclass(frozen=True)
class Check:
    """One self-check question."""

    id: str
    prompt: str
    type: str
    options: tuple[Option, ...] = ()
    explanation: str = ""
    model_points: tuple[str, ...] = ()
    outcome: str = ""


@dataclass(frozen=True)
class OptionResult:
    """What the trainee chose for one option and whether that was right."""

    option: Option
    chosen: bool

    @property
    def status(self) -> str:
        """'right', 'wrong', 'missed' or 'fine' (not chosen, not correct)."""
        if self.chosen:
            return "right" if self.option.correct else "wrong"
        return "missed" if self.option.correct else "fine"


@dataclass
class SelfCheckError(Exception):
    """A self-check could not be loaded; ``problems`` say which file, where and why."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(str(problem) for problem in self.problems)


def _text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _check_options(raw: Any, kind: str, file: str, where: str) -> list[Problem]:
    """Problems with the options list of a single or multiple choice check."""
    if not isinstance(raw, list) or len(raw) < 2:
        return [Problem(file, f"{where}.options", "expected a list of at least 2 options")]
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, option in enumerate(raw):
        at = f"{where}.options[{index}]"
        if not isinstance(option, dict):
            problems.append(Problem(file, at, "expected a mapping with id, text, correct"))
            continue
        option_id = option.get("id")
        if not _text(str(option_id) if option_id is not None else ""):
            problems.append(Problem(file, f"{at}.id", "this key is required but missing"))
        elif str(option_id) in seen:
            problems.append(Problem(file, f"{at}.id", f"duplicate option id {option_id!r}"))
        else:
            seen.add(str(option_id))
        if not _text(option.get("text")):
            problems.append(Problem(file, f"{at}.text", "expected non-empty text"))
        if not isinstance(option.get("correct"), bool):
            problems.append(Problem(file, f"{at}.correct", "expected true or false"))
        if "feedback" in option and not isinstance(option["feedback"], str):
            problems.append(Problem(file, f"{at}.feedback", "expected text"))
    if problems:
        return problems
    correct = sum(1 for option in raw if option["correct"])
    if kind == "single" and correct != 1:
        problems.append(
            Problem(
                file,
                f"{where}.options",
                f"a single-choice check needs exactly 1 correct option (found {correct})",
            )
        )
    if kind == "multiple" and correct < 1:
        problems.append(
            Problem(
                file, f"{where}.options", "a multiple-choice check needs at least 1 correct option"
            )
        )
    return problems


def check_problems(raw: Any, file: str, where: str) -> list[Problem]:
    """Problems with one raw check mapping; an empty list means it is valid."""
    if not isinstance(raw, dict):
        return [Problem(file, where, "expected a mapping with id, prompt and type")]
    problems: list[Problem] = []
    if not _text(str(raw.get("id", "")) if raw.get("id") is not None else ""):
        problems.append(Problem(file, f"{where}.id", "this key is required but missing"))
    if not _text(raw.get("prompt")):
        problems.append(Problem(file, f"{where}.prompt", "expected non-empty text"))
    kind = raw.get("type")
    if kind not in CHECK_TYPES:
        problems.append(
            Problem(
                file, f"{where}.type", f"expected one of {', '.join(CHECK_TYPES)} (got {kind!r})"
            )
        )
        return problems
    if "explanation" in raw and not isinstance(raw["explanation"], str):
        problems.append(Problem(file, f"{where}.explanation", "expected text"))
    if "outcome" in raw and not (
        isinstance(raw["outcome"], str) and OUTCOME_ID.match(raw["outcome"])
    ):
        problems.append(
            Problem(
                file,
                f"{where}.outcome",
                f"expected a learning outcome id such as d1.lo3 (got {raw['outcome']!r})",
            )
        )
    if kind == "reflection":
        points = raw.get("model_points", [])
        if not isinstance(points, list) or not all(_text(point) for point in points):
            problems.append(Problem(file, f"{where}.model_points", "expected a list of text"))
        elif not points and not _text(raw.get("explanation")):
            problems.append(
                Problem(file, where, "a reflection check needs model_points or an explanation")
            )
    else:
        problems += _check_options(raw.get("options"), kind, file, where)
        if not _text(raw.get("explanation")):
            problems.append(Problem(file, f"{where}.explanation", "expected non-empty text"))
    return problems


def _read_checks(path: Path) -> list[Any]:
    """The raw list of checks in ``path``, or SelfCheckError naming the file."""
    file = str(path)
    if not path.is_file():
        where = path if path.is_absolute() else Path.cwd() / path
        raise SelfCheckError([Problem(file, "", f"file not found (looked for {where})")])
    try:
        data = read_yaml(path, file)
    except YamlFileError as error:
        raise SelfCheckError([error.problem]) from None
    if not isinstance(data, dict) or not isinstance(data.get("checks"), list):
        raise SelfCheckError([Problem(file, "checks", "expected a top-level list 'checks:'")])
    return data["checks"]


def _build_check(raw: dict[str, Any]) -> Check:
    options = tuple(
        Option(str(item["id"]), item["text"], item["correct"], item.get("feedback", ""))
        for item in raw.get("options") or ()
    )
    return Check(
        id=str(raw["id"]),
        prompt=raw["prompt"],
        type=raw["type"],
        options=options if raw["type"] != "reflection" else (),
        explanation=raw.get("explanation", "") or "",
        model_points=tuple(raw.get("model_points", ()) if raw["type"] == "reflection" else ()),
        outcome=raw.get("outcome", "") or "",
    )


def load_check(path: Path | str, check_id: str) -> Check:
    """Load the check ``check_id`` from ``path`` or raise SelfCheckError saying what is wrong."""
    path = Path(path)
    checks = _read_checks(path)
    for index, raw in enumerate(checks):
        if isinstance(raw, dict) and str(raw.get("id")) == check_id:
            problems = check_problems(raw, str(path), f"checks[{index}]")
            if problems:
                raise SelfCheckError(problems)
            return _build_check(raw)
    known = [str(raw.get("id")) for raw in checks if isinstance(raw, dict) and "id" in raw]
    hint = f"; ids in this file: {', '.join(known)}" if known else "; the file has no checks"
    raise SelfCheckError([Problem(str(path), "checks", f"no check with id {check_id!r}{hint}")])


def validate_selfcheck_file(path: Path, outcome_ids: set[str] | None = None) -> list[Problem]:
    """Every problem in a self-check file (empty list = valid), for the course validator.

    With ``outcome_ids`` (from course.yaml), an ``outcome`` naming an unknown id is a problem.
    """
    try:
        checks = _read_checks(Path(path))
    except SelfCheckError as error:
        return error.problems
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, raw in enumerate(checks):
        problems += check_problems(raw, str(path), f"checks[{index}]")
        outcome = raw.get("outcome") if isinstance(raw, dict) else None
        if (
            outcome_ids is not None
            and isinstance(outcome, str)
            and outcome not in outcome_ids
            and OUTCOME_ID.match(outcome)
        ):
            problems.append(
                Problem(
                    str(path),
                    f"checks[{index}].outcome",
                    f"unknown learning outcome {outcome!r} (not in course.yaml)",
                )
            )
        if isinstance(raw, dict) and raw.get("id") is not None:
            if str(raw["id"]) in seen:
                problems.append(
                    Problem(str(path), f"checks[{index}].id", f"duplicate id {raw['id']!r}")
                )
            seen.add(str(raw["id"]))
    return problems


class SelfCheckModel(traitlets.HasTraits):
    """State of one self-check: the trainee's choice, their notes and whether they checked."""

    chosen = traitlets.List(traitlets.Unicode())
    notes = traitlets.Unicode("")
    checked = traitlets.Bool(False)

    def __init__(self, check: Check, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.check = check

    @traitlets.validate("chosen")
    def _known_ids(self, proposal: dict[str, Any]) -> list[str]:
        known = [option.id for option in self.check.options]
        unknown = [option_id for option_id in proposal["value"] if option_id not in known]
        if unknown:
            raise traitlets.TraitError(f"unknown option id(s): {', '.join(unknown)}")
        return [option_id for option_id in known if option_id in proposal["value"]]

    @traitlets.observe("chosen", "notes")
    def _reset(self, _change: dict[str, Any]) -> None:
        if self.check.type != "reflection":
            self.checked = False

    def results(self) -> list[OptionResult]:
        """One result per option, in the file's order."""
        return [OptionResult(option, option.id in self.chosen) for option in self.check.options]

    def verdict(self) -> str:
        """'right', 'partly' (multiple choice: some right picks) or 'wrong'."""
        statuses = [result.status for result in self.results()]
        if "wrong" not in statuses and "missed" not in statuses:
            return "right"
        if self.check.type == "multiple" and "right" in statuses:
            return "partly"
        return "wrong"


_STATUS_TEXT = {
    "right": ("✔", "#1b5e20", "You chose this: correct."),
    "wrong": ("✘", "#b71c1c", "You chose this: not correct."),
    "missed": ("!", "#8a6d00", "This one is correct and you did not choose it."),
    "fine": ("–", "#555555", "Not chosen, and rightly so."),
}
_VERDICT = {
    "right": ("ok", "Well done: that is right."),
    "partly": ("note", "Partly right: look at the feedback on each option."),
    "wrong": ("error", "Not quite: look at the feedback on each option."),
}


def feedback_html(model: SelfCheckModel) -> str:
    """The feedback shown after Check: a verdict, a line per option and the explanation."""
    kind, title = _VERDICT[model.verdict()]
    rows = []
    for result in model.results():
        mark, colour, status = _STATUS_TEXT[result.status]
        if model.check.type == "single" and result.status == "missed":
            status = "This was the answer."
        feedback = inline_markdown_html(result.option.feedback) if result.option.feedback else ""
        rows.append(
            f"<li style='margin-bottom:0.4em'><span style='color:{colour};font-weight:bold'>"
            f"{mark} {escape(status)}</span> <i>{inline_markdown_html(result.option.text)}</i>"
            f"<br>{feedback}</li>"
        )
    body = f"<ul style='list-style:none;padding-left:0.2em'>{''.join(rows)}</ul>"
    body += f"<div><b>Explanation.</b> {markdown_html(model.check.explanation)}</div>"
    return box_html(kind, title, body, role="status")


def model_points_html(check: Check) -> str:
    """The model points for a reflection check, to compare with the trainee's own notes."""
    body = ""
    if check.model_points:
        items = "".join(f"<li>{inline_markdown_html(point)}</li>" for point in check.model_points)
        body += f"<ul>{items}</ul>"
    if check.explanation:
        body += markdown_html(check.explanation)
    return box_html("info", "Points a good answer might include", body, role="status")


class SelfCheckView(widgets.VBox):
    """One self-check question: choose, press Check, read the feedback."""

    def __init__(self, check: Check) -> None:
        self.model = SelfCheckModel(check)
        label = {
            "single": "Choose one answer.",
            "multiple": "Choose all that apply.",
            "reflection": "Write a few lines for yourself. Notes typed here are not saved, "
            "so copy anything you want to keep.",
        }
        self._prompt = widgets.HTML(
            f"{_WRAP_OPTIONS_CSS}<div class='ipt-selfcheck-prompt'><b>Self-check</b> "
            f"<span style='color:#555'>(not marked) {escape(label[check.type])}</span>"
            f"{markdown_html(check.prompt)}</div>"
        )
        self._feedback = widgets.HTML("")
        self._radio: widgets.RadioButtons | None = None
        self._boxes: list[widgets.Checkbox] = []
        children: list[widgets.Widget] = [self._prompt]
        if check.type == "reflection":
            self._notes = widgets.Textarea(
                placeholder="Type your thoughts here…",
                layout=widgets.Layout(width="100%", height="8em"),
            )
            self._notes.observe(self._on_notes, "value")
            self._button = widgets.Button(
                description="Compare with model points",
                button_style="info",
                layout=widgets.Layout(width="auto"),
            )
            children += [self._notes]
        else:
            if check.type == "single":
                self._radio = widgets.RadioButtons(
                    options=[(option.text, option.id) for option in check.options],
                    value=None,
                    layout=widgets.Layout(width="auto"),
                )
                self._radio.observe(self._on_choice, "value")
                children.append(self._radio)
            else:
                for option in check.options:
                    box = widgets.Checkbox(
                        value=False,
                        description=option.text,
                        indent=False,
                        layout=widgets.Layout(width="auto"),
                    )
                    box.observe(self._on_choice, "value")
                    self._boxes.append(box)
                children += self._boxes
            self._button = widgets.Button(description="Check", button_style="primary")
        self._button.on_click(self._on_button)
        children += [self._button, self._feedback]
        super().__init__(
            children,
            layout=widgets.Layout(
                border="1px solid #c8d3df", padding="0.5em 1em", margin="0.8em 0"
            ),
        )
        self.add_class("ipt-selfcheck")

    def _on_choice(self, _change: dict[str, Any]) -> None:
        if self._radio is not None:
            self.model.chosen = [self._radio.value] if self._radio.value is not None else []
        else:
            self.model.chosen = [
                option.id
                for option, box in zip(self.model.check.options, self._boxes, strict=True)
                if box.value
            ]
        self._feedback.value = ""

    def _on_notes(self, change: dict[str, Any]) -> None:
        self.model.notes = change["new"]

    def _on_button(self, _button: widgets.Button) -> None:
        check = self.model.check
        if check.type == "reflection":
            self.model.checked = True
            self._feedback.value = model_points_html(check)
            return
        if not self.model.chosen:
            self._feedback.value = box_html("note", "Choose an answer first, then press Check.")
            return
        self.model.checked = True
        self._feedback.value = feedback_html(self.model)


def error_widget(path: str, check_id: str, problems: list[Problem]) -> widgets.HTML:
    """A readable message in place of a self-check that could not be loaded."""
    items = "".join(f"<li><code>{escape(problem)}</code></li>" for problem in problems)
    body = (
        f"<p>File <code>{escape(path)}</code>, check <code>{escape(check_id)}</code>.</p>"
        f"<ul>{items}</ul><p>Please tell your trainer; the rest of the notebook still works.</p>"
    )
    html_widget = widgets.HTML(
        box_html("error", "This self-check could not be shown", body, role="alert")
    )
    html_widget.add_class("ipt-selfcheck-error")
    return html_widget


def self_check(yaml_path: str | Path, check_id: str) -> widgets.Widget:
    """The widget for self-check ``check_id`` in ``yaml_path`` (relative to the notebook folder).

    Never raises for a missing or malformed file: it returns a message widget naming the file,
    the check id and what is wrong.
    """
    try:
        check = load_check(Path(yaml_path), str(check_id))
    except SelfCheckError as error:
        return error_widget(str(yaml_path), str(check_id), error.problems)
    return SelfCheckView(check)
