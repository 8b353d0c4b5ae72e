"""Find a tool's controls the way a trainee does: by the words on them.

Tests drive widgets headless through these functions instead of private attributes, so renaming
or regrouping a control inside a view does not break a test while the screen stays the same.
"""

from __future__ import annotations

from collections.abc import Iterator

import ipywidgets as widgets


def walk(root: widgets.Widget) -> Iterator[widgets.Widget]:
    """``root`` and every widget inside it, depth first, in screen order."""
    yield root
    for child in getattr(root, "children", ()):
        yield from walk(child)


def _one(found: list[widgets.Widget], what: str) -> widgets.Widget:
    assert len(found) == 1, f"expected one {what}, found {len(found)}"
    return found[0]


def control(root: widgets.Widget, label: str) -> widgets.Widget:
    """The one input control whose label (description) is ``label``."""
    found = [w for w in walk(root) if not isinstance(w, widgets.Button)
             and getattr(w, "description", None) == label]
    return _one(found, f"control labelled {label!r}")


def button(root: widgets.Widget, label: str) -> widgets.Button:
    """The one button that reads ``label``."""
    found = [w for w in walk(root) if isinstance(w, widgets.Button) and w.description == label]
    return _one(found, f"button {label!r}")


def has_button(root: widgets.Widget, label: str) -> bool:
    """Whether a button reading ``label`` is on screen."""
    return any(isinstance(w, widgets.Button) and w.description == label for w in walk(root))


def press(root: widgets.Widget, label: str) -> None:
    """Click the button that reads ``label``."""
    button(root, label).click()


def tab(root: widgets.Widget, title: str) -> widgets.Widget:
    """The page of a tab (or accordion) strip titled ``title``."""
    found = [page for strip in walk(root) if isinstance(strip, widgets.Tab | widgets.Accordion)
             for page, name in zip(strip.children, strip.titles, strict=False) if name == title]
    return _one(found, f"tab {title!r}")


def shown_html(root: widgets.Widget) -> str:
    """The HTML of every visible HTML widget inside ``root``, in screen order."""
    return "\n".join(w.value for w in walk(root)
                     if isinstance(w, widgets.HTML | widgets.HTMLMath)
                     and w.layout.display != "none")


def select_tab(root: widgets.Widget, title: str) -> None:
    """Open the tab titled ``title``, as a trainee clicking on it would."""
    for strip in walk(root):
        if isinstance(strip, widgets.Tab) and title in strip.titles:
            strip.selected_index = list(strip.titles).index(title)
            return
    raise AssertionError(f"no tab {title!r}")
