"""Scoped CSS for the role-play widgets, including projector mode for a shared screen."""

from __future__ import annotations

import ipywidgets as widgets

ROOT_CLASS = "ipt-roleplay"
PROJECTOR_CLASS = "ipt-roleplay--projector"

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
.{PROJECTOR_CLASS} {{
  max-width: none; background: #000; color: #fff; padding: 1em;
  --jp-widgets-font-size: 24px; --jp-widgets-inline-height: 44px;
}}
.{PROJECTOR_CLASS} .widget-html-content, .{PROJECTOR_CLASS} .widget-label,
.{PROJECTOR_CLASS} .widget-textarea textarea {{ font-size: 26px; color: #fff; }}
.{PROJECTOR_CLASS} .widget-textarea textarea {{ background: #111; border: 2px solid #fff; }}
.{PROJECTOR_CLASS} .ipt-client-line {{ font-size: 34px; }}
.{PROJECTOR_CLASS} .ipt-direction {{ color: #e6e6e6; }}
.{PROJECTOR_CLASS} .widget-button {{
  font-size: 26px; background: #ffd400; color: #000; border: 2px solid #fff;
}}
.{PROJECTOR_CLASS} .widget-button:disabled {{ background: #555; color: #fff; }}
.{PROJECTOR_CLASS} .widget-button:focus-visible {{ outline: 4px solid #00e5ff; }}
.{PROJECTOR_CLASS} .ipt-badge {{ background: #000; }}
.{PROJECTOR_CLASS} .ipt-quality-sound {{ color: #7dff9a; }}
.{PROJECTOR_CLASS} .ipt-quality-partial {{ color: #ffd966; }}
.{PROJECTOR_CLASS} .ipt-quality-unhelpful {{ color: #ff9b9b; }}
.{PROJECTOR_CLASS} .ipt-card {{ border-color: #fff; }}
.{PROJECTOR_CLASS} a {{ color: #9fd3ff; }}
"""


def style_block() -> widgets.HTML:
    """An HTML widget holding the scoped style sheet; it shows nothing by itself."""
    block = widgets.HTML(f"<style>{CSS}</style>")
    block.add_class("ipt-style")
    return block
