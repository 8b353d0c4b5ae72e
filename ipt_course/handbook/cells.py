"""What the handbook prints in place of a notebook's code cell: a short static description.

A code cell of a teaching notebook imports one thing from the package and shows it. On paper
there is nothing to click, so each kind of cell becomes Markdown:

- a **tool**: one sentence naming it and what it does (``data/tools.yaml``, else the first
  paragraph of the tool's own docstring);
- a **self-check**: its question and options, without the feedback (the notebook gives that);
- a **role-play**: its title, the outcomes it practises and its size; the briefing is already
  in the notebook's text, and no client line, reply or card goes on paper;
- a **breakout card**: a pointer to the notebook (the client card is private to one person).
"""

from __future__ import annotations

import ast
import importlib
import inspect
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ipt_course.course import Course
from ipt_course.kit.render import markdown_literal

TOOLS_MAP = Path(__file__).resolve().parent / "data" / "tools.yaml"
NOT_SHOWN = ("This part of the notebook is interactive: open the notebook in JupyterLab to "
             "use it.")


@dataclass(frozen=True)
class Call:
    """The one thing a thin code cell shows: ``name(*args)``, imported from ``module``."""

    name: str
    module: str
    args: tuple[str, ...]


def parse_call(source: str) -> Call | None:
    """The call a cell ends with and where its name was imported from, or None."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    imports = {alias.asname or alias.name: node.module or ""
               for node in tree.body if isinstance(node, ast.ImportFrom)
               for alias in node.names}
    calls = [node.value for node in tree.body
             if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
             and isinstance(node.value.func, ast.Name)]
    if not calls:
        return None
    call = calls[-1]
    name = call.func.id  # type: ignore[union-attr]
    args = tuple(arg.value for arg in call.args
                 if isinstance(arg, ast.Constant) and isinstance(arg.value, str))
    return Call(name, imports.get(name, ""), args)


@cache
def tool_sentences() -> dict[str, str]:
    """The handbook's sentence for each tool, by the name a notebook calls."""
    data = yaml.safe_load(TOOLS_MAP.read_text(encoding="utf-8")) or {}
    return {str(name): " ".join(str(text).split()) for name, text in data.items()}


def docstring_sentence(call: Call) -> str | None:
    """The first paragraph of the called object's docstring, in plain words."""
    try:
        found = getattr(importlib.import_module(call.module), call.name)
    except (ImportError, AttributeError, ValueError):
        return None
    paragraph = (inspect.getdoc(found) or "").split("\n\n")[0]
    return " ".join(paragraph.replace("``", "").split()) or None


def describe_code_cell(course: Course, notebook: str, source: str) -> str | None:
    """Markdown standing in for one code cell of ``notebook``, or None to leave nothing."""
    call = parse_call(source)
    if call is None:
        return None
    folder = (course.root / notebook).parent
    if call.name == "self_check" and len(call.args) == 2:
        return _self_check(folder / call.args[0], call.args[1])
    if call.name == "play" and call.args:
        return _role_play(course, folder / call.args[0])
    if call.name == "breakout_card":
        return ("*This breakout card opens in the role-play notebook on the day; each person "
                "reads their own card only.*")
    sentence = tool_sentences().get(call.name) or docstring_sentence(call)
    if sentence is None:
        return f"*{NOT_SHOWN}*"
    return (f"**Tool in the notebook.** {markdown_literal(sentence)} Open the notebook in "
            "JupyterLab to use it.")


def _self_check(path: Path, check_id: str) -> str:
    from ipt_course.tools.selfcheck.schema import SelfCheckError, load_check

    try:
        check = load_check(path, check_id)
    except SelfCheckError:
        return f"*{NOT_SHOWN}*"
    kind = "Reflection" if check.type == "reflection" else "Self-check"
    lines = [f"**{kind}.** {markdown_literal(check.prompt, one_line=True)}"]
    if check.options:
        lines.append("")
        lines += [f"- {markdown_literal(option.text, one_line=True)}" for option in check.options]
    lines += ["", "*Answer it in the notebook, where each choice has its feedback.*"
              if check.options else "*Write your answer in the notebook or your own notes.*"]
    return "\n".join(lines)


def _role_play(course: Course, path: Path) -> str:
    from ipt_course.roleplay.schema import ScenarioError, load_scenario

    try:
        scenario = load_scenario(path)
    except (ScenarioError, OSError):
        return f"*{NOT_SHOWN}*"
    outcomes = []
    for outcome_id in scenario.outcomes:
        try:
            text = course.outcome(outcome_id).text
        except KeyError:
            continue
        outcomes.append(f"- **{outcome_id}** {markdown_literal(text, one_line=True)}")
    lines = [f"**Role-play: {markdown_literal(scenario.title, one_line=True)}.** "
             f"{scenario.decision_points} decision points and {len(scenario.endings)} endings; "
             "play it in the notebook, where every reply has its feedback.", ""]
    if outcomes:
        lines += ["It practises:", "", *outcomes]
    return "\n".join(lines)
