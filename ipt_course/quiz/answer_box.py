"""What every quiz answer widget shares: the answer model, the status line and the styles."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
from traitlets import Any as AnyTrait
from traitlets import HasTraits, Unicode

# ipywidgets draws radio and tick-box labels on one fixed-height line and cuts long text off;
# quiz options are often a full sentence, so they must wrap. A written answer is prose, so its
# box uses the page's font, not the code font ipywidgets gives text areas.
_CSS = """<style>
.ipt-quiz-answer .widget-radio-box label, .ipt-quiz-answer .jupyter-widget-radio-box label {
  height: auto; line-height: 1.4; white-space: normal; display: flex;
  flex-direction: row-reverse; justify-content: flex-end; align-items: flex-start;
  padding: 0.2em 0;
}
.ipt-quiz-answer .widget-radio-box input, .ipt-quiz-answer .jupyter-widget-radio-box input {
  margin: 0.25em 0.6em 0 0; flex-shrink: 0;
}
.ipt-quiz-answer .widget-checkbox, .ipt-quiz-answer .jupyter-widget-checkbox {
  height: auto; line-height: 1.4;
}
.ipt-quiz-answer .widget-checkbox label, .ipt-quiz-answer .jupyter-widget-checkbox label {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  display: flex; align-items: flex-start; padding: 0.2em 0;
}
.ipt-quiz-answer .widget-html-content { line-height: 1.4; white-space: normal; }
.ipt-quiz-written .widget-textarea, .ipt-quiz-written .jupyter-widget-textarea {
  flex-direction: column; align-items: stretch; width: 100%;
}
.ipt-quiz-written .widget-label, .ipt-quiz-written .jupyter-widget-label {
  width: auto; text-align: left; font-weight: bold;
}
.ipt-quiz-written textarea {
  font-family: var(--jp-content-font-family, sans-serif);
  font-size: var(--jp-content-font-size1, 14px); line-height: 1.5; padding: 0.5em;
}
</style>"""


class AnswerModel(HasTraits):
    """One question's answer and what the trainee should be told about saving it."""

    qid = Unicode()
    value = AnyTrait(None, allow_none=True)
    status = Unicode("Not answered yet.")


class AnswerView(widgets.VBox):
    """Common part: a status line under the answer controls, kept in step with the model."""

    def __init__(self, model: AnswerModel, question: dict[str, Any],
                 controls: list[widgets.Widget]) -> None:
        self.model = model
        self.question = question
        self._status = widgets.HTML(layout=widgets.Layout(margin="4px 0 0 0"))
        super().__init__(children=[widgets.HTML(_CSS), *controls, self._status])
        self.add_class("ipt-quiz-answer")
        model.observe(self._show_status, names="status")
        self._show_status()

    @property
    def status(self) -> str:
        """The status line as the trainee reads it."""
        return self.model.status

    def _show_status(self, _change: object = None) -> None:
        self._status.value = f"<em>{html.escape(self.model.status)}</em>"
