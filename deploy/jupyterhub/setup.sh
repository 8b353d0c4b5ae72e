#!/usr/bin/env bash
# Set up the course's JupyterHub for one cohort on a fresh Debian or Ubuntu machine, as root:
#
#   sudo deploy/jupyterhub/setup.sh --roster roster.csv [--bind-url https://:443 \
#        --ssl-cert cert.pem --ssl-key key.pem]
#
# Installs Python, Node.js and npm from the distribution, the course with JupyterHub into
# /opt/ipt-course/venv, configurable-http-proxy from npm into /opt/ipt-course/node, runs
# `ipt-course hub setup` (accounts, course folder, trainee edition, exchange, gradebook) and,
# where systemd runs, starts the hub as the service ipt-course-hub. Safe to run again after
# editing deploy/cohort.yaml, the course or the roster.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
PREFIX="${IPT_HUB_PREFIX:-/opt/ipt-course}"
if [ "$(id -u)" != 0 ]; then
  echo "Run this as root: sudo $0 $*" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
packages="python3 python3-venv python3-dev make passwd"
# A Node.js from elsewhere (NodeSource) brings its own npm and conflicts with Debian's.
command -v node >/dev/null 2>&1 || packages="$packages nodejs"
command -v npm >/dev/null 2>&1 || packages="$packages npm"
apt-get update -qq
apt-get install -y -qq $packages

# Debian's own Python: every account must be able to run the servers' interpreter (one built
# under /root, as pyenv does, is root's alone).
[ -x "$PREFIX/venv/bin/python" ] || /usr/bin/python3 -m venv "$PREFIX/venv"
"$PREFIX/venv/bin/python" -m pip install --quiet --upgrade pip
"$PREFIX/venv/bin/python" -m pip install --quiet "$REPO[hub]"

major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -ge 20 ]; then proxy_version="^5.3"; else proxy_version="^4.6.3"; fi
npm install --global --prefix "$PREFIX/node" --no-fund --no-audit --loglevel=error \
  "configurable-http-proxy@$proxy_version"
chmod -R a+rX "$PREFIX"

"$PREFIX/venv/bin/ipt-course" --root "$REPO" hub setup \
  --python "$PREFIX/venv/bin/python" \
  --proxy "$PREFIX/node/bin/configurable-http-proxy" "$@"

state="$("$PREFIX/venv/bin/python" - "$REPO" "$@" <<'PY'
import sys
from pathlib import Path
from ipt_course.hub.settings import load_cohort
args = sys.argv[2:]
if "--state" in args:
    print(Path(args[args.index("--state") + 1]).resolve())
else:
    cohort = Path(args[args.index("--cohort") + 1]) if "--cohort" in args else \
        Path(sys.argv[1]) / "deploy" / "cohort.yaml"
    print(load_cohort(cohort).paths.state)
PY
)"

if [ -d /run/systemd/system ]; then
  cat > /etc/systemd/system/ipt-course-hub.service <<UNIT
[Unit]
Description=JupyterHub for the IPT Level A course
After=network-online.target

[Service]
User=root
Environment=IPT_HUB_STATE=$state
Environment=PATH=$PREFIX/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WorkingDirectory=$state/hub
ExecStart=$PREFIX/venv/bin/jupyterhub -f $REPO/deploy/jupyterhub/jupyterhub_config.py
Restart=on-failure

[Install]
WantedBy=multi-user.target
UNIT
  systemctl daemon-reload
  systemctl enable --now ipt-course-hub
  systemctl restart ipt-course-hub
  echo "The hub runs as the systemd service ipt-course-hub (journalctl -u ipt-course-hub)."
else
  echo "No systemd here: start the hub with"
  echo "  cd $state/hub && IPT_HUB_STATE=$state $PREFIX/venv/bin/jupyterhub -f $REPO/deploy/jupyterhub/jupyterhub_config.py"
fi
