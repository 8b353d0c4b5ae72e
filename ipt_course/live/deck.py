"""The day's slide deck: the cells tagged ``slide`` in that day's teaching notebooks."""

from __future__ import annotations

import json
from dataclasses import dataclass

import ipywidgets as widgets
import traitlets

from ipt_course.course import Course, Day
from ipt_course.kit.render import trusted_markdown_html
from ipt_course.overview import notebook_title

SLIDE_TAG = "slide"


@dataclass(frozen=True)
class Slide:
    """One slide: its Markdown and the notebook it comes from."""

    markdown: str
    notebook: str
    notebook_title: str

    @property
    def html(self) -> str:
        """The slide rendered to HTML."""
        return trusted_markdown_html(self.markdown)


def notebook_slides(course: Course, notebook: str) -> list[Slide]:
    """The Markdown cells tagged ``slide`` in one notebook, in order."""
    path = course.root / notebook
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    title = notebook_title(path)
    slides = []
    for cell in cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") == "markdown" and SLIDE_TAG in tags:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            slides.append(Slide(source, notebook, title))
    return slides


def day_slides(course: Course, day: Day) -> list[Slide]:
    """Every slide of the day, notebook by notebook in timetable order."""
    return [slide for notebook in day.notebooks for slide in notebook_slides(course, notebook)]


class DeckModel(traitlets.HasTraits):
    """Which slide is showing."""

    index = traitlets.Int(0)

    def __init__(self, slides: list[Slide]) -> None:
        super().__init__()
        self.slides = slides

    @property
    def current(self) -> Slide | None:
        """The slide showing, or None for an empty deck."""
        return self.slides[self.index] if self.slides else None

    def next(self) -> None:
        """Move on one slide (stays on the last)."""
        self.index = min(self.index + 1, max(len(self.slides) - 1, 0))

    def previous(self) -> None:
        """Go back one slide (stays on the first)."""
        self.index = max(self.index - 1, 0)

    def go_to(self, index: int) -> None:
        """Jump to a slide by position."""
        self.index = min(max(index, 0), max(len(self.slides) - 1, 0))


class DeckView(widgets.VBox):
    """Large-type slides with previous / next buttons; arrow keys work on a live page."""

    def __init__(self, model: DeckModel) -> None:
        self.model = model
        self._slide = widgets.HTML()
        self._slide.add_class("ipt-slide")
        self._position = widgets.HTML()
        self._previous = widgets.Button(description="Previous", tooltip="Previous slide (←)")
        self._next = widgets.Button(description="Next", tooltip="Next slide (→)",
                                    button_style="primary")
        self._previous.add_class("ipt-deck-previous")
        self._next.add_class("ipt-deck-next")
        self._previous.on_click(lambda _: model.previous())
        self._next.on_click(lambda _: model.next())
        model.observe(self._show, names="index")
        controls = widgets.HBox([self._previous, self._next, self._position])
        controls.add_class("ipt-deck-controls")
        super().__init__([self._slide, controls])
        self.add_class("ipt-deck")
        self._show()

    def _show(self, _change: object = None) -> None:
        slide = self.model.current
        if slide is None:
            self._slide.value = ("<p>No slides yet: tag key-point cells of this day's notebooks "
                                 "with <code>slide</code>.</p>")
            self._position.value = ""
            self._previous.disabled = self._next.disabled = True
            return
        total = len(self.model.slides)
        self._slide.value = slide.html
        self._position.value = (f'<span class="ipt-deck-position">Slide {self.model.index + 1} '
                                f"of {total} · {slide.notebook_title}</span>")
        self._previous.disabled = self.model.index == 0
        self._next.disabled = self.model.index == total - 1
