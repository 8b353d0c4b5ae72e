"""How each person's server on the hub starts: ``jupyterhub-singleuser``, with the course's
Voila template on the Jupyter path and without one slow import.

- The template: trainers open live pages and dashboards through the Voila in their own
  server, which looks for templates on the Jupyter data path. The package's own ``share``
  folder is added there, found from this process's copy of the package, so it is right for
  whichever Python and account run the server. (Trainees' servers do not load Voila.)
- The import: Jupyter Server checks its event schemas with jsonschema, whose format checker
  imports ``rfc3987_syntax`` when it is installed (nbformat's dependencies install it). That
  module compiles some forty grammars as it loads: about a second of CPU for every server,
  25 seconds of a two-core machine when a cohort logs in at 9:00. The formats it checks, IRIs,
  appear in none of the schemas Jupyter validates, so the import is turned away
  (``sys.modules[name] = None`` makes ``import name`` fail, and jsonschema then leaves those
  two formats unchecked, as it does wherever the package is not installed).

    python -m ipt_course.hub.singleuser [jupyterhub-singleuser's options]
"""

from __future__ import annotations

import os
import sys

from ipt_course.live.server import SHARE

SKIPPED_IMPORTS = ("rfc3987_syntax",)


def turn_away_skipped_imports() -> None:
    """Make importing any of :data:`SKIPPED_IMPORTS` in this process fail at once."""
    for name in SKIPPED_IMPORTS:
        sys.modules.setdefault(name, None)


def add_course_templates(environ: dict[str, str] | os._Environ = os.environ) -> None:
    """Put the course's Voila template folder first on the Jupyter data path."""
    others = [path for path in environ.get("JUPYTER_PATH", "").split(os.pathsep)
              if path and path != str(SHARE)]
    environ["JUPYTER_PATH"] = os.pathsep.join([str(SHARE), *others])


def main() -> None:
    """Start JupyterHub's single-user server as the module docstring says."""
    turn_away_skipped_imports()
    add_course_templates()
    from jupyterhub.singleuser import main as singleuser

    singleuser()


if __name__ == "__main__":
    main()
