"""Widget pieces the tools repeat: a picture with alternative text, readable text, tidy controls."""

from __future__ import annotations

import base64

import ipywidgets as widgets

from ipt_course.kit.render import escape

READABLE_CLASS = "ipt-readable"
# ipywidgets gives HTML text the line height of a one-line control (28px), which double-spaces
# every wrapped paragraph, list and table cell; tool text should read like the notebook around it.
READABLE_CSS = (
    f"<style>.{READABLE_CLASS} .widget-html-content, .{READABLE_CLASS} .widget-htmlmath-content"
    " { line-height: 1.5; white-space: normal; }</style>"
)


def make_readable(root: widgets.Box) -> None:
    """Give ``root``'s HTML text normal line spacing (a hidden style element is appended)."""
    root.add_class(READABLE_CLASS)
    style = widgets.HTML(READABLE_CSS, layout=widgets.Layout(display="none"))
    style.add_class("ipt-readable-style")
    root.children = (*root.children, style)


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
            f"style='width:100%;max-width:{self.max_width};height:auto'>"
        )


CONTROL_WIDTH = "38em"
NARROW_CONTROLS = (
    widgets.Dropdown,
    widgets.IntSlider,
    widgets.BoundedIntText,
    widgets.DatePicker,
    widgets.Text,
)


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
