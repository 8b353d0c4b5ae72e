"""JupyterHub configuration for one IPT Level A cohort on one machine.

Everything comes from the files ``ipt-course hub setup`` wrote under the state folder
(``IPT_HUB_STATE``, default /srv/ipt-course): see deploy/README.md and ipt_course/hub/config.py.
"""

import os

from ipt_course.hub.config import configure

configure(c, os.environ.get("IPT_HUB_STATE", "/srv/ipt-course"))  # noqa: F821
