"""Shared layout touches for the Day 2 tool widgets, so labels and choices are never cut off."""

from __future__ import annotations

import ipywidgets as widgets

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
