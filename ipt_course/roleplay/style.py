"""Scoped CSS for the role-play widgets, including projector mode for a shared screen."""

from __future__ import annotations

import ipywidgets as widgets

ROOT_CLASS = "ipt-roleplay"
PROJECTOR_CLASS = "ipt-roleplay--projector"

# Projector mode: white and yellow on black, sized in em from the root so that the live page can
# fit a whole step to the screen; every widget's own colour variables are set for a dark ground.
CSS = f"""
.{ROOT_CLASS} {{ max-width: 60rem; }}
.{ROOT_CLASS} .widget-html-content {{ line-height: 1.5; white-space: normal; }}
.{ROOT_CLASS} .ipt-client-line {{ font-size: 1.15em; margin: 0.4em 0; }}
.{ROOT_CLASS} .ipt-direction {{ font-style: italic; color: #4a4a4a; }}
.{ROOT_CLASS} .widget-button.ipt-choice {{
  height: auto; min-height: 2.4em; white-space: normal; text-align: left;
  line-height: 1.4; padding: 0.4em 0.8em; justify-content: flex-start;
}}
.{ROOT_CLASS} .widget-button:focus-visible {{ outline: 3px solid #1a4d8f; outline-offset: 2px; }}
.{ROOT_CLASS} .ipt-badge {{
  display: inline-block; padding: 0.1em 0.5em; border-radius: 0.3em; font-weight: bold;
  border: 1px solid currentColor;
}}
.{ROOT_CLASS} .ipt-quality-sound {{ color: #0b5d1e; background: #e3f4e6; }}
.{ROOT_CLASS} .ipt-quality-partial {{ color: #6b4a00; background: #fff3d1; }}
.{ROOT_CLASS} .ipt-quality-unhelpful {{ color: #8a1111; background: #fde4e4; }}
.{ROOT_CLASS} .ipt-transcript {{ border-left: 4px solid #c8c8c8; padding-left: 0.8em; }}
.{ROOT_CLASS} .ipt-transcript blockquote {{ margin: 0.2em 0 0.2em 1em; }}
.{ROOT_CLASS} .widget-checkbox.ipt-check {{ height: auto; }}
.{ROOT_CLASS} .ipt-check label {{ white-space: normal; overflow: visible; line-height: 1.4; }}
.{ROOT_CLASS} .ipt-controls {{ gap: 0.4em; }}
.{ROOT_CLASS} .ipt-card {{ border: 1px solid #8c8c8c; border-radius: 0.4em; padding: 0.6em 1em; }}
.{ROOT_CLASS} .widget-button {{
  height: auto; min-height: 2.2em; line-height: 1.3; padding: 0.3em 0.9em; box-sizing: border-box;
}}
.{ROOT_CLASS} .widget-textarea {{ box-sizing: border-box; max-width: 100%; }}
.{ROOT_CLASS} .widget-textarea textarea {{ flex: 1 1 auto; min-width: 0; font-family: inherit; }}
.{ROOT_CLASS} .widget-textarea .widget-label {{ width: auto; max-width: none; min-width: 0; }}
.{ROOT_CLASS} .widget-button.ipt-choice {{ align-self: stretch; margin: 0; }}
.{ROOT_CLASS} > *, .{ROOT_CLASS} .ipt-choices > * {{ flex-shrink: 0; }}
.{ROOT_CLASS} .ipt-case-line {{ margin: 0.2em 0; }}
.{ROOT_CLASS} .ipt-your-reply {{ margin: 0.2em 0; font-style: italic; }}
.{ROOT_CLASS} .ipt-case-bar {{ align-items: center; gap: 0.6em; }}
.{ROOT_CLASS} .ipt-case-bar .widget-html {{
  flex: 1 1 auto; min-width: 0; width: auto; overflow: hidden;
}}
.{ROOT_CLASS} .ipt-case-bar .widget-html-content {{ min-width: 0; overflow: hidden; }}
.{ROOT_CLASS} .ipt-choices {{ gap: 0.3em; }}
.{ROOT_CLASS}.ipt-breakout-chooser .widget-toggle-button {{ width: auto; padding: 0.3em 0.9em; }}
.{ROOT_CLASS}.ipt-breakout-chooser .widget-toggle-button.mod-active {{
  background: #1a4d8f; color: #fff; font-weight: bold; box-shadow: none;
}}
.{PROJECTOR_CLASS} {{
  max-width: none; background: #000; color: #fff; padding: 0.25em 0.6em; font-size: 26px;
  --jp-widgets-font-size: 1em; --jp-widgets-inline-height: 1.7em;
  --jp-widgets-color: #fff; --jp-widgets-label-color: #fff; --jp-widgets-readout-color: #fff;
  --jp-widgets-input-color: #fff; --jp-widgets-input-background-color: #111;
  --jp-widgets-input-border-color: #fff; --jp-widgets-input-focus-border-color: #00e5ff;
  --jp-ui-font-color1: #fff; --jp-content-font-color1: #fff;
}}
.{PROJECTOR_CLASS} .widget-html-content, .{PROJECTOR_CLASS} .widget-label,
.{PROJECTOR_CLASS} .widget-label-basic, .{PROJECTOR_CLASS} .widget-label-basic span,
.{PROJECTOR_CLASS} .widget-checkbox label, .{PROJECTOR_CLASS} .widget-textarea textarea,
.{PROJECTOR_CLASS} h3, .{PROJECTOR_CLASS} h4, .{PROJECTOR_CLASS} p, .{PROJECTOR_CLASS} li {{
  font-size: 1em; color: #fff;
}}
.{PROJECTOR_CLASS} h3 {{ font-size: 1.15em; margin: 0.2em 0; }}
.{PROJECTOR_CLASS} .widget-html-content {{ line-height: 1.3; }}
.{PROJECTOR_CLASS} .ipt-case-bar .jupyter-button {{
  min-height: 0; padding: 0.1em 0.5em; min-width: 0;
}}
.{PROJECTOR_CLASS} .ipt-case-bar .ipt-controls {{ flex: none; flex-wrap: nowrap; }}
.{PROJECTOR_CLASS} .ipt-case-bar {{ font-size: max(16px, 0.75em); }}
.{PROJECTOR_CLASS} .ipt-case-line {{
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}}
.{PROJECTOR_CLASS} .widget-textarea textarea {{ background: #111; border: 2px solid #fff; }}
.{PROJECTOR_CLASS} .widget-textarea textarea::placeholder {{ color: #c8c8c8; }}
.{PROJECTOR_CLASS} .widget-checkbox input {{ width: 1em; height: 1em; accent-color: #ffd400; }}
.{PROJECTOR_CLASS} .ipt-client-line {{ font-size: 1.2em; margin: 0.2em 0; }}
.{PROJECTOR_CLASS} .ipt-direction {{ color: #e6e6e6; margin: 0.2em 0; }}
.{PROJECTOR_CLASS} .jupyter-button {{
  font-size: 1em; background: #ffd400; color: #000; border: 2px solid #fff;
}}
.{PROJECTOR_CLASS} .jupyter-button:disabled {{ background: #555; color: #fff; opacity: 1; }}
.{PROJECTOR_CLASS} .jupyter-button:focus-visible {{ outline: 4px solid #00e5ff; }}
.{PROJECTOR_CLASS} .widget-button.ipt-choice {{
  padding: 0.1em 0.4em; min-height: 0; line-height: 1.2;
}}
.{PROJECTOR_CLASS} .ipt-choices {{ gap: 0.2em; }}
.{PROJECTOR_CLASS} .ipt-choices-heading {{ display: none; }}
.{PROJECTOR_CLASS} .ipt-step {{ gap: 0.8em; align-items: flex-start; }}
.{PROJECTOR_CLASS} .ipt-step > .widget-vbox {{ flex: 1 1 0; min-width: 0; }}
.{PROJECTOR_CLASS} .ipt-step > .widget-vbox:last-child:empty,
.{PROJECTOR_CLASS} .ipt-step > .widget-vbox:last-child:not(:has(> :not([style*="none"]))) {{
  display: none;
}}
.{PROJECTOR_CLASS} .jupyter-button.mod-active {{ background: #fff; color: #000; }}
.{PROJECTOR_CLASS} .ipt-badge {{ background: #000; }}
.{PROJECTOR_CLASS} .ipt-quality-sound {{ color: #7dff9a; }}
.{PROJECTOR_CLASS} .ipt-quality-partial {{ color: #ffd966; }}
.{PROJECTOR_CLASS} .ipt-quality-unhelpful {{ color: #ff9b9b; }}
.{PROJECTOR_CLASS} .ipt-card {{ border-color: #fff; }}
.{PROJECTOR_CLASS} a {{ color: #9fd3ff; }}
.{PROJECTOR_CLASS} .widget-progress .progress {{ background: #333; }}
.{PROJECTOR_CLASS} .ipt-content-note {{ border-left: 4px solid #ffd400; padding-left: 0.5em; }}
"""


def style_block() -> widgets.HTML:
    """An HTML widget holding the scoped style sheet; it shows nothing by itself."""
    block = widgets.HTML(f"<style>{CSS}</style>")
    block.add_class("ipt-style")
    return block
