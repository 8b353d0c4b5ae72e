"""Print the handbook's one-page edition to PDF with Chromium, as the course's tests run it.

Playwright drives Debian's Chromium (never a browser of Playwright's own download); every
request that is not a local file is refused, so the PDF shows what the handbook holds offline.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-dev-shm-usage"]
FOOTER = ('<div style="width:100%;font-size:8pt;color:#444;text-align:center;">'
          'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>')


class PrintError(RuntimeError):
    """The PDF cannot be printed; the message says what to install."""


def chromium_path() -> str:
    """Chromium: ``$IPT_CHROMIUM``, else Debian's ``chromium`` on the PATH."""
    found = os.environ.get("IPT_CHROMIUM") or shutil.which("chromium") \
        or shutil.which("chromium-browser")
    if not found:
        raise PrintError("the PDF is printed by Chromium, which is not installed: "
                         "sudo apt-get install chromium (or set IPT_CHROMIUM to its path)")
    return found


def print_pdf(page: Path, pdf: Path, title: str) -> None:
    """Print the HTML file ``page`` to ``pdf`` on A4, numbered "Page n of N" at the foot."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PrintError("the PDF is printed through Playwright: pip install "
                         "'ipt-course[handbook]'") from None
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS,
                                         headless=True)
        try:
            tab = browser.new_page()
            tab.route("**/*", lambda route, request: route.continue_()
                      if request.url.startswith(("file:", "data:")) else route.abort())
            tab.goto(page.resolve().as_uri(), wait_until="load")
            tab.pdf(path=str(pdf), format="A4", print_background=True,
                    display_header_footer=True, prefer_css_page_size=True,
                    header_template=f'<div style="font-size:7pt;width:100%;text-align:right;'
                                    f'padding-right:16mm;color:#666;">{_escape(title)}</div>',
                    footer_template=FOOTER)
        finally:
            browser.close()


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)
