"""The relationship review widget: tabs for each part of the review, the balance picture below."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from ipt_course.kit.render import render
from ipt_course.kit.widgets import (
    Field,
    Form,
    ListEditor,
    MessageBox,
    Picture,
    StatusLine,
    apply_theme,
    tidy_layout,
)
from ipt_course.tools.grief_review.model import GriefReviewModel
from ipt_course.tools.grief_review.review import ReviewError, make_date
from ipt_course.tools.grief_review.wording import wording
from ipt_course.tools.timeline.model import TimelineError
from ipt_course.tools.timeline.view import DateFields

PERSON_FIELDS = (
    Field("client", "Client (fictional)", placeholder="a name or initials"),
    Field("name", "Who died", placeholder="their name, as the client says it"),
    Field("relationship", "Who they were to the client", wide=True,
          placeholder="e.g. her father; their son, stillborn at 38 weeks"),
    Field("baby", "A baby or a pregnancy", "checkbox"),
    Field("hopes", "Hopes held for them", "textarea", rows=3, wide=True,
          placeholder="for a baby: the name and who chose it, what the client pictured"),
)
STORY_FIELDS = (
    Field("death_story", "The story of the death", "textarea", rows=7, wide=True,
          placeholder="in order, in the client's words, as far as it has been told"),
    Field("time_after", "The time after", "textarea", rows=5, wide=True,
          placeholder="who came, who said the wrong thing, who stayed away"),
)
LISTS = (  # list name, tab title, field label, list label, add button
    ("memories", "Memories", "Memory", "Memories", "Add memory"),
    ("gave", "What they gave", "They gave", "Gave", "Add to what they gave"),
    ("hard", "What was hard", "Was hard", "Hard", "Add to what was hard"),
)
PERSON_KEYS = tuple(field.key for field in PERSON_FIELDS)
STORY_KEYS = tuple(field.key for field in STORY_FIELDS)
NOT_PLACED = ""


def _guidance(section: str) -> widgets.HTML:
    return widgets.HTML(render("tools/grief_review/templates/guidance.html.j2",
                               text=wording().sections[section]))


def _quiet_typing(form: Form) -> None:
    """Text boxes report when the trainee leaves them, so a file is not written per keystroke."""
    for control in form.controls.values():
        if isinstance(control, widgets.Text | widgets.Textarea):
            control.continuous_update = False


class GriefReviewView(widgets.VBox):
    """Review the relationship with the person who died; saved beside the notebook as it grows.

    ``message`` says what just happened to a list, ``status`` how saving went, ``picture`` is
    the balance and ``prompts`` what the review notices.
    """

    def __init__(self, save_path: str | Path | None = "my-relationship-review.json") -> None:
        self.model = GriefReviewModel(save_path=save_path)
        words = wording()
        self.message = MessageBox()
        self.status = StatusLine()
        self.picture = Picture(max_width="900px")
        self.prompts = widgets.HTML()
        self.person = Form(PERSON_FIELDS, description_width="14em")
        self.story = Form(STORY_FIELDS, description_width="14em")
        self.editors: dict[str, ListEditor] = {}
        self._entries: dict[str, widgets.Textarea] = {}
        pages = [widgets.VBox([_guidance("person"), self.person])]
        for list_name, _title, field, list_label, add in LISTS:
            entry = widgets.Textarea(description=field, rows=2, style={"description_width": "8em"},
                                     layout=widgets.Layout(width="95%", max_width="56em"))
            editor = ListEditor([entry], list_label, add, intro=_guidance(list_name))
            editor.on_action(self._list_action(list_name))
            editor.on_select(self._list_select(list_name))
            self.editors[list_name], self._entries[list_name] = editor, entry
            pages.append(editor)
        pages.append(widgets.VBox([_guidance("death"), self.story]))
        pages.append(self._dates_page())
        titles = ("The person", *[title for _n, title, *_rest in LISTS], "Death and after",
                  "Dates ahead")
        tabs = widgets.Tab(children=pages, titles=titles)

        positions = [("(not placed yet)", NOT_PLACED),
                     *[(text, value - 3) for value, text in enumerate(words.balance_positions)]]
        self.now = widgets.Dropdown(options=positions, description="The account now",
                                    style={"description_width": "14em"})
        self.aim = widgets.Dropdown(options=positions, description="By the ending",
                                    style={"description_width": "14em"})
        html_button = widgets.Button(description="Export a printable page (HTML)", icon="print")
        png_button = widgets.Button(description="Export the picture (PNG)", icon="download")
        html_button.on_click(lambda _b: self._export(self.model.export_html))
        png_button.on_click(lambda _b: self._export(self.model.export_png))
        header = widgets.HTML(render("tools/grief_review/templates/header.html.j2",
                                     intro=words.intro, file=self._file_name()))
        balance = widgets.VBox([_guidance("balance"), self.now, self.aim])
        super().__init__([header, tabs, self.message, balance, self.picture, self.prompts,
                          widgets.HBox([html_button, png_button]), self.status])
        self.add_class("ipt-grief-review")
        apply_theme(self)
        tidy_layout(self)
        baby = self.person.controls["baby"]
        # Indented, the box lines up with the other answers instead of with their labels.
        baby.indent, baby.style.description_width = True, "14em"
        baby.layout.width = "38em"
        _quiet_typing(self.person)
        _quiet_typing(self.story)
        for form in (self.person, self.story):
            for key, control in form.controls.items():
                # The model comes first, so linking shows the saved values rather than erasing them.
                traitlets.link((self.model, key), (control, "value"))
        for key, control in (("balance_now", self.now), ("balance_aim", self.aim)):
            traitlets.link((self.model, key), (control, "value"), transform=(
                lambda value: NOT_PLACED if value is None else value,
                lambda value: None if value == NOT_PLACED else value))
        self.model.observe(self._refresh, names=[*PERSON_KEYS, *STORY_KEYS, "memories", "gave",
                                                 "hard", "dates", "balance_now", "balance_aim"])
        self.model.observe(lambda _change: self.status.show(self.model.status), names="status")
        self._refresh()
        self.status.show(self.model.status)

    def _file_name(self) -> str:
        return self.model.save_path.name if self.model.save_path else ""

    def _dates_page(self) -> ListEditor:
        self._date = DateFields()
        self._date_what = widgets.Text(description="What", continuous_update=False,
                                       placeholder="e.g. first anniversary of the death",
                                       layout=widgets.Layout(width="36em"))
        self._date_plan = widgets.Text(description="Plan", continuous_update=False,
                                       placeholder="how the client would like to mark it",
                                       layout=widgets.Layout(width="36em"))
        editor = ListEditor([self._date, self._date_what, self._date_plan], "Dates", "Add date",
                            intro=_guidance("dates"))
        editor.on_action(self._date_action)
        editor.on_select(self._date_select)
        self.editors["dates"] = editor
        return editor

    # -- model -> view -------------------------------------------------------------------
    def _refresh(self, _change: Any = None) -> None:
        for list_name, *_rest in LISTS:
            self.editors[list_name].show_entries(list(getattr(self.model, list_name)))
        self.editors["dates"].show_entries([date.describe() for date in self.model.dates])
        self.picture.show(self.model.picture_png(), self.model.picture_alt())
        self.prompts.value = render("tools/grief_review/templates/prompts.html.j2",
                                    prompts=self.model.prompts())

    # -- view -> model -------------------------------------------------------------------
    def _attempt(self, change: Callable[[], None]) -> bool:
        try:
            change()
        except (ReviewError, TimelineError) as error:
            self.message.show("error", "Please check this entry", [str(error)])
            return False
        self.message.clear()
        return True

    def _list_action(self, list_name: str) -> Callable[[str, int | None], None]:
        def act(action: str, selected: int | None) -> None:
            items, entry = list(getattr(self.model, list_name)), self._entries[list_name]
            if action != "add" and selected is None:
                self.message.show("error", "Please check this entry",
                                  ["First select the entry in the list."])
                return
            if action == "add":
                done = self._attempt(lambda: self.model.add_item(list_name, entry.value))
            elif action == "update":
                done = self._attempt(lambda: self.model.update_item(
                    list_name, items[selected], entry.value))
            else:
                done = self._attempt(lambda: self.model.delete_item(list_name, items[selected]))
            if done:
                entry.value = ""

        return act

    def _list_select(self, list_name: str) -> Callable[[int], None]:
        def select(index: int) -> None:
            self._entries[list_name].value = getattr(self.model, list_name)[index]

        return select

    def _date_action(self, action: str, selected: int | None) -> None:
        dates = list(self.model.dates)
        if action != "add" and selected is None:
            self.message.show("error", "Please check this entry",
                              ["First select the date in the list."])
            return
        if action == "delete":
            done = self._attempt(lambda: self.model.delete_date(dates[selected]))
        else:
            def save() -> None:
                date = make_date(self._date.read(), self._date_what.value, self._date_plan.value)
                if action == "add":
                    self.model.add_date(date)
                else:
                    self.model.update_date(dates[selected], date)

            done = self._attempt(save)
        if done:
            self._date_what.value, self._date_plan.value = "", ""

    def _date_select(self, index: int) -> None:
        date = self.model.dates[index]
        self._date.show(date.when)
        self._date_what.value, self._date_plan.value = date.what, date.plan

    def _export(self, export: Callable[[], Path]) -> None:
        try:
            export()
        except OSError:
            return  # the model's status already says why
