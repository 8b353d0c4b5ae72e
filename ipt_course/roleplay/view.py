"""The role-play widget: client line, own words, choices, feedback, transcript and summary."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from ipt_course.kit.order import letters, room_seed, trainee_seed
from ipt_course.kit.vocabulary import technique_label
from ipt_course.roleplay.model import (
    RolePlayModel,
    Summary,
    TranscriptEntry,
    describe_outcomes,
)
from ipt_course.roleplay.schema import QUALITY_LABELS, Scenario
from ipt_course.roleplay.style import PROJECTOR_CLASS, ROOT_CLASS, style_block
from ipt_course.roleplay.transcript import save_transcript

MAX_CHOICES = 4
FULL_WIDTH = {"width": "100%"}


def html_text(text: str) -> str:
    """Escape text from a scenario or a trainee for HTML, keeping line breaks."""
    return escape(text).replace("\n", "<br>")


def _show(widget: widgets.Widget, visible: bool) -> None:
    widget.layout.display = "" if visible else "none"


class RolePlayView(widgets.VBox):
    """Plays a scenario: every control is a real button or text box, reachable by keyboard.

    The case (content note and summary) shows in full at the start; from the first choice on,
    one line names the case and the progress, and "Case details" opens the rest again. Once
    the choices show, the reply typed is quoted in one line above them instead of its box, so
    the client's line and the choices share the screen.

    The replies at each decision are shown in this trainee's order (``trainee_seed``), or in
    the room's order of the day in projector mode (``room_seed``); ``seed`` overrides both.
    """

    def __init__(
        self,
        scenario: Scenario,
        projector: bool = False,
        save_dir: Path | None = None,
        seed: str | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)
        if seed is None:
            seed = room_seed(scenario.day) if projector else trainee_seed()
        self.model = RolePlayModel(scenario, seed=seed)
        self.save_dir = Path.cwd() if save_dir is None else Path(save_dir)
        self.projector = projector
        self.add_class(ROOT_CLASS)
        if projector:
            self.add_class(PROJECTOR_CLASS)
        self._build()
        self.model.observe(self._render, names="revision")
        self._render()

    def _build(self) -> None:
        scenario = self.model.scenario
        self._case = widgets.HTML(self._case_html())
        self._case.add_class("ipt-case")
        self._case_open = widgets.ToggleButton(
            value=True, description="Case details",
            tooltip="Show or hide the content note and the case summary")
        self._case_open.layout.width = "auto"
        self._case_open.layout.flex = "none"
        self._case_open.observe(lambda _: self._render(), names="value")
        self._progress = widgets.FloatProgress(
            value=0, min=0, max=1, description="Progress", layout=FULL_WIDTH,
            style={"description_width": "initial"},
        )
        self._progress_text = widgets.HTML()
        self._client = widgets.HTML()
        self._own_words = widgets.Textarea(
            description="Your reply",
            placeholder="Type what you would say to the client, then show the choices.",
            layout={"width": "100%", "height": "6em"},
            style={"description_width": "initial"},
        )
        widgets.link((self._own_words, "value"), (self.model, "draft"))
        self._reveal = widgets.Button(
            description="Show the choices",
            tooltip="Show the replies to choose from and compare them with yours",
            button_style="primary",
        )
        self._reveal.on_click(lambda _: self._on_reveal())
        self._own_words_box = widgets.VBox([self._own_words, self._reveal])
        self._your_reply = widgets.HTML()
        self._choices_heading = widgets.HTML("<strong>What do you say?</strong>")
        self._choices_heading.add_class("ipt-choices-heading")
        self._choice_pool = [self._choice_button(position) for position in range(MAX_CHOICES)]
        self._choices = widgets.VBox(layout=FULL_WIDTH)
        self._choices.add_class("ipt-choices")
        self._choices_node: str | None = None
        self._feedback = widgets.HTML()
        self._continue = widgets.Button(
            description="Continue",
            tooltip="See how the client responds",
            button_style="primary",
        )
        self._continue.on_click(lambda _: self._on_continue())
        self._feedback_box = widgets.VBox([self._feedback, self._continue])
        self._ending = widgets.HTML()
        self._back = widgets.Button(description="Back", tooltip="Undo your last choice",
                                    icon="arrow-left")
        self._back.on_click(lambda _: self.model.back())
        self._restart = widgets.Button(description="Restart", tooltip="Start the scenario again",
                                       icon="refresh")
        self._restart.on_click(lambda _: self._on_restart())
        self._save = widgets.Button(
            description="Save transcript",
            tooltip=f"Save a Markdown transcript beside this notebook ({scenario.id}-transcript-…)",
            icon="save",
        )
        self._save.on_click(lambda _: self.save())
        for button in (self._reveal, self._continue, self._back, self._restart, self._save):
            button.layout.width = "auto"
            button.layout.min_width = "8em"
            button.layout.align_self = "flex-start"
        self._controls = widgets.HBox([self._back, self._restart, self._save],
                                      layout={"flex_flow": "row wrap"})
        self._controls.add_class("ipt-controls")
        # Projected, every line counts: Back, Restart and Save share the case's line.
        case_bar = widgets.HBox([self._progress_text, self._case_open,
                                 *([self._controls] if self.projector else [])],
                                layout=FULL_WIDTH)
        case_bar.add_class("ipt-case-bar")
        self._status = widgets.HTML()
        self._transcript = widgets.HTML()
        said = [self._client, self._own_words_box, self._your_reply]
        answer = [self._choices_heading, self._choices, self._feedback_box, self._ending]
        if self.projector:
            # A shared screen is wide and short: the client on the left, the replies beside.
            step = widgets.HBox([widgets.VBox(said), widgets.VBox(answer)], layout=FULL_WIDTH)
            step.add_class("ipt-step")
            body = [step]
        else:
            body = [*said, *answer, self._controls]
        self.children = [style_block(), case_bar, self._case, self._progress, *body,
                         self._status, self._transcript]

    def _case_html(self) -> str:
        scenario = self.model.scenario
        client = scenario.client
        note = (f'<p class="ipt-content-note"><strong>Content note:</strong> '
                f"{html_text(scenario.content_note)}</p>" if scenario.content_note else "")
        return (f"{note}<p><strong>{html_text(client.name)}</strong>, {client.age}: "
                f"{html_text(client.situation)}</p>")

    @property
    def choice_buttons(self) -> list[widgets.Button]:
        """The buttons for the choices now on screen (none while they are hidden)."""
        return list(self._choices.children) if self._choices.layout.display != "none" else []

    @property
    def feedback_text(self) -> str:
        """The feedback HTML now on screen (empty when none is showing)."""
        return self._feedback.value if self.model.awaiting_continue else ""

    def _render(self, change: object = None) -> None:
        model = self.model
        node = model.node
        direction = (f'<p class="ipt-direction">({html_text(node.direction)})</p>'
                     if node.direction else "")
        self._client.value = (
            f'<p class="ipt-client-line"><strong>{html_text(model.scenario.client.name)}:'
            f"</strong> {html_text(node.client)}</p>{direction}"
        )
        deciding = not model.awaiting_continue and not model.is_ended
        case_open = self._case_open.value
        _show(self._case, case_open)
        _show(self._progress, case_open)
        _show(self._own_words_box, deciding and node.own_words and not model.choices_revealed)
        typed = model.draft.strip() if node.own_words else ""
        _show(self._your_reply, deciding and model.choices_revealed and bool(typed))
        self._your_reply.value = (f'<p class="ipt-your-reply"><strong>Your reply:</strong> '
                                  f'<span dir="auto">{html_text(typed)}</span></p>')
        self._reveal.disabled = model.choices_revealed
        self._own_words.disabled = not deciding
        showing_choices = deciding and model.choices_revealed
        _show(self._choices_heading, showing_choices)
        _show(self._choices, showing_choices)
        if showing_choices and self._choices_node != model.node_id:
            self._show_choices()
        _show(self._feedback_box, model.awaiting_continue)
        if model.awaiting_continue:
            self._feedback.value = _feedback_html(model.history[-1])
        _show(self._ending, model.is_ended)
        self._ending.value = _summary_html(model.summary()) if model.is_ended else ""
        self._back.disabled = not model.can_go_back
        self._save.disabled = not model.history
        self._progress.value = model.progress
        self._progress_text.value = self._progress_html()
        # On a shared screen the transcript would push the next step off it: it shows at the end.
        _show(self._transcript, not self.projector or model.is_ended)
        self._transcript.value = self._transcript_html()

    def _choice_button(self, position: int) -> widgets.Button:
        """The reusable button for the reply shown at ``position`` (so no widgets pile up)."""
        button = widgets.Button(tooltip=f"Choose reply {letters(MAX_CHOICES)[position]}",
                                layout={"width": "auto"})
        button.add_class("ipt-choice")
        button.on_click(lambda _: self._on_choose(self.model.choice_order[position]))
        return button

    def _show_choices(self) -> None:
        choices = self.model.node.choices
        order = self.model.choice_order
        for button, index, letter in zip(self._choice_pool, order, letters(len(order)),
                                         strict=False):
            button.description = f"{letter}. {choices[index].text}"
        self._choices.children = self._choice_pool[: len(choices)]
        self._choices_node = self.model.node_id

    def _on_restart(self) -> None:
        self.model.restart()
        self._case_open.value = True

    def _fold_case(self) -> None:
        """Play has begun: the case folds to its one line (Case details opens it again)."""
        self._case_open.value = False

    def _on_reveal(self) -> None:
        self._fold_case()
        self.model.reveal_choices()
        # The reveal button is now disabled; move keyboard focus on rather than lose it.
        if self.choice_buttons:
            self.choice_buttons[0].focus()

    def _on_choose(self, index: int) -> None:
        self._fold_case()
        self.model.choose(index)
        self._continue.focus()

    def _on_continue(self) -> None:
        self.model.continue_()
        if self.model.node.own_words:
            self._own_words.focus()
        elif self.choice_buttons:
            self.choice_buttons[0].focus()

    def _progress_html(self) -> str:
        model = self.model
        client = model.scenario.client
        if model.is_ended:
            progress = f"Ending reached after {model.decisions} decisions."
        else:
            total = model.decisions + model.remaining
            progress = f"{model.decisions} of up to {total} decisions made."
        return (f'<p class="ipt-case-line">{progress} &middot; {html_text(client.name)}, '
                f"{client.age} &middot; <strong>{html_text(model.scenario.title)}</strong></p>")

    def _transcript_html(self) -> str:
        entries = self.model.history
        if not entries:
            return ""
        items = "".join(_entry_html(entry, self.model.scenario.client.name) for entry in entries)
        return f'<div class="ipt-transcript"><h4>Transcript so far</h4><ol>{items}</ol></div>'

    def save(self) -> Path | None:
        """Save the transcript beside the notebook and tell the trainee the file name."""
        try:
            path = save_transcript(self.model, self.save_dir)
        except OSError as error:
            self._status.value = (f"<p role=\"alert\">Could not save the transcript in "
                                  f"{html_text(str(self.save_dir))}: "
                                  f"{html_text(error.strerror or str(error))}.</p>")
            return None
        self._status.value = (f"<p role=\"status\">Transcript saved as "
                              f"<strong>{html_text(path.name)}</strong>.</p>")
        return path


def _badge(quality: str) -> str:
    return (f'<span class="ipt-badge ipt-quality-{quality}">'
            f"{escape(QUALITY_LABELS[quality])}</span>")


def _feedback_html(entry: TranscriptEntry) -> str:
    return (
        f'<div class="ipt-feedback"><p class="ipt-you-chose"><strong>You chose:</strong> '
        f"{html_text(entry.choice_text)}</p><p>{_badge(entry.quality)} "
        f"<em>{html_text(technique_label(entry.technique))}</em></p>"
        f"<p>{html_text(entry.feedback)}</p></div>"
    )


def _entry_html(entry: TranscriptEntry, client_name: str) -> str:
    own = (f'<p><strong>Your own words:</strong></p><blockquote dir="auto">'
           f"{html_text(entry.own_words)}"
           f"</blockquote>" if entry.own_words else "")
    return (
        f"<li><p><strong>{html_text(client_name)}:</strong> {html_text(entry.client)}</p>{own}"
        f"<p><strong>You chose:</strong> {html_text(entry.choice_text)}</p>"
        f"<p>{_badge(entry.quality)} <em>{html_text(technique_label(entry.technique))}</em>: "
        f"{html_text(entry.feedback)}</p></li>"
    )


def _summary_html(summary: Summary) -> str:
    def listing(items: list[str]) -> str:
        return ", ".join(html_text(technique_label(item)) for item in items) or "none"

    advice = "".join(f"<li>{html_text(item)}</li>" for item in summary.practise_next)
    outcomes = "".join(f"<li>{html_text(item)}</li>"
                       for item in describe_outcomes(summary.outcomes))
    return (
        f'<div class="ipt-card ipt-summary"><h4>Ending: {html_text(summary.ending_title)}</h4>'
        f"<p>{html_text(summary.ending_summary)}</p>"
        f"<p><strong>Adherence score: {summary.score:g} out of 100</strong> "
        f"({summary.counts['sound']} sound, {summary.counts['partial']} partly helpful, "
        f"{summary.counts['unhelpful']} unhelpful, of {summary.decisions} decisions)</p>"
        f"<p><strong>Techniques used:</strong> {listing(summary.techniques_used)}</p>"
        f"<p><strong>Techniques missed:</strong> {listing(summary.techniques_missed)}</p>"
        f"<p><strong>Learning outcomes practised:</strong></p><ul>{outcomes}</ul>"
        f"<p><strong>What to practise next</strong></p><ul>{advice}</ul></div>"
    )
