"""Widget pieces the tools repeat: the theme, a picture, a status line, a form, a list editor."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

import ipywidgets as widgets

from ipt_course.kit.render import box_html, escape, render
from ipt_course.kit.saved import Status

THEME_CLASS = "ipt-readable"
THEME_CSS = (
    "<style>"
    + resources.files("ipt_course.kit").joinpath("theme.css").read_text(encoding="utf-8")
    + "</style>"
)
CONTROL_WIDTH = "38em"
NARROW_CONTROLS = (
    widgets.Dropdown,
    widgets.IntSlider,
    widgets.BoundedIntText,
    widgets.DatePicker,
    widgets.Text,
)


def apply_theme(root: widgets.Box) -> None:
    """Give ``root`` the tools' stylesheet (a hidden style element is appended) and its class."""
    root.add_class(THEME_CLASS)
    style = widgets.HTML(THEME_CSS, layout=widgets.Layout(display="none"))
    style.add_class(f"{THEME_CLASS}-style")
    root.children = (*root.children, style)


def tidy_layout(root: widgets.Widget) -> None:
    """Size buttons to their text and give short controls room for their label and value.

    Controls that already have a width (e.g. the wide text boxes) are left alone.
    """
    stack = [root]
    while stack:
        widget = stack.pop()
        if isinstance(widget, widgets.Button):
            widget.layout.width = "auto"
            widget.layout.min_width = "10em"
            # In a VBox a button would otherwise stretch across the whole page.
            widget.layout.align_self = "flex-start"
        elif isinstance(widget, NARROW_CONTROLS) and not widget.layout.width:
            widget.layout.width = CONTROL_WIDTH
        stack.extend(getattr(widget, "children", ()))


class Picture(widgets.HTML):
    """A PNG shown as an <img> with alternative text (ipywidgets.Image cannot carry alt text).

    A data URI keeps it self-contained, so it works in JupyterLab and in Voila alike.
    """

    def __init__(self, max_width: str = "900px") -> None:
        super().__init__()
        self.max_width = max_width
        self.png = b""

    def show(self, png: bytes, alt: str) -> None:
        """Display ``png`` (empty bytes hide the picture) described by ``alt``."""
        self.png = bytes(png)
        if not self.png:
            self.value = ""
            return
        data = base64.b64encode(self.png).decode("ascii")
        self.value = (
            f"<img src='data:image/png;base64,{data}' alt='{escape(alt)}' "
            f"style='width:100%;max-width:{escape(self.max_width)};height:auto'>"
        )


class StatusLine(widgets.HTML):
    """One line saying how the tool's work stands; problems are announced, the rest is polite."""

    def show(self, status: Status) -> None:
        """Display ``status`` (empty text clears the line)."""
        self.value = render("kit/templates/status.html.j2", status=status)


class MessageBox(widgets.HTML):
    """A coloured box with a title and a few lines, for what just happened."""

    def show(self, kind: str, title: str, lines: Iterable[str] = ()) -> None:
        """Display a ``kind`` box ("ok", "note", "info", "error"); ``lines`` are plain text."""
        body = "".join(f"<p>{escape(line)}</p>" for line in lines)
        self.value = box_html(kind, title, body, role="alert" if kind == "error" else "status")

    def clear(self) -> None:
        """Show nothing."""
        self.value = ""


FieldKind = Literal["text", "textarea", "dropdown", "whole", "slider", "date", "checkbox"]


@dataclass(frozen=True)
class Field:
    """One control of a form: its key, the label a trainee reads and how it is entered."""

    key: str
    label: str
    kind: FieldKind = "text"
    placeholder: str = ""
    options: Sequence[Any] = ()
    low: int = 0
    high: int = 100
    rows: int | None = None
    wide: bool = False


def make_control(field: Field, description_width: str) -> widgets.Widget:
    """The ipywidgets control for ``field``."""
    style = {"description_width": description_width}
    common: dict[str, Any] = {"description": field.label, "style": style}
    if field.wide:
        common["layout"] = widgets.Layout(width="95%")
    if field.kind == "checkbox":
        return widgets.Checkbox(description=field.label, indent=False)
    if field.kind == "dropdown":
        return widgets.Dropdown(options=list(field.options), **common)
    if field.kind == "whole":
        return widgets.BoundedIntText(min=field.low, max=field.high, **common)
    if field.kind == "slider":
        return widgets.IntSlider(min=field.low, max=field.high, **common)
    if field.kind == "date":
        return widgets.DatePicker(**common)
    if field.kind == "textarea":
        return widgets.Textarea(placeholder=field.placeholder, rows=field.rows, **common)
    return widgets.Text(placeholder=field.placeholder, **common)


class Form(widgets.VBox):
    """Controls built from field specs, in order; ``controls[key]`` is each one."""

    def __init__(self, fields: Sequence[Field], description_width: str = "16em") -> None:
        self.fields = {field.key: field for field in fields}
        self.controls = {field.key: make_control(field, description_width) for field in fields}
        super().__init__(list(self.controls.values()))

    def values(self) -> dict[str, Any]:
        """Every control's value, by key."""
        return {key: control.value for key, control in self.controls.items()}

    def fill(self, values: dict[str, Any]) -> None:
        """Set the controls named in ``values``."""
        for key, value in values.items():
            self.controls[key].value = value

    def on_change(self, callback: Callable[[str, Any], None]) -> None:
        """Call ``callback(key, new value)`` whenever a control changes."""
        for key, control in self.controls.items():
            control.observe(lambda change, key=key: callback(key, change["new"]), names="value")


class ListEditor(widgets.VBox):
    """The fields of one entry, Add / Save changes / Delete buttons, and the list of entries.

    ``on_action(callback)`` gets ``"add"``, ``"update"`` or ``"delete"`` with the selected index;
    ``on_select(callback)`` gets the index of an entry the trainee picks from the list.
    """

    def __init__(self, fields: Sequence[widgets.Widget], list_label: str, add_label: str,
                 intro: widgets.Widget | None = None) -> None:
        auto = widgets.Layout(width="auto")
        self.entries = widgets.Select(options=[], rows=6, description=list_label,
                                      layout=widgets.Layout(width="95%", max_width="56em"))
        self.add = widgets.Button(description=add_label, button_style="primary", icon="plus",
                                  layout=auto)
        self.update = widgets.Button(description="Save changes to selected", icon="pencil",
                                     layout=auto)
        self.delete = widgets.Button(description="Delete selected", icon="trash",
                                     button_style="danger", layout=auto)
        self._on_select: list[Callable[[int], None]] = []
        self.entries.observe(self._selected, names="value")
        head = [intro] if intro is not None else []
        super().__init__([*head, *fields, widgets.HBox([self.add, self.update, self.delete]),
                          self.entries])

    @property
    def selected(self) -> int | None:
        """The index of the entry picked in the list, or None."""
        return self.entries.value

    def on_action(self, callback: Callable[[str, int | None], None]) -> None:
        """Call ``callback(action, selected index)`` when a button is pressed."""
        for action, button in (("add", self.add), ("update", self.update),
                               ("delete", self.delete)):
            button.on_click(lambda _button, action=action: callback(action, self.selected))

    def on_select(self, callback: Callable[[int], None]) -> None:
        """Call ``callback(index)`` when the trainee picks an entry."""
        self._on_select.append(callback)

    def show_entries(self, labels: Sequence[str]) -> None:
        """List ``labels`` with nothing selected (without telling ``on_select``)."""
        self.entries.unobserve(self._selected, names="value")
        self.entries.options = [(label, index) for index, label in enumerate(labels)]
        self.entries.value = None
        self.entries.observe(self._selected, names="value")

    def _selected(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            for callback in self._on_select:
                callback(change["new"])

