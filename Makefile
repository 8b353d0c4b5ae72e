# Two commands on a fresh machine with python3 and make:
#   make start   set up .venv and open the course in JupyterLab
#   make test    set up .venv (with test tools, Chromium and poppler) and run every test

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT := DEBIAN_FRONTEND=noninteractive apt-get
# nbgrader calls helper programs (alembic) by name: the venv's tools come first on PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: start test test-fast test-hub lint system-packages fast-packages hub-proxy clean-venv readmes validate

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  rm -rf $(VENV); \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    $(APT) update -qq && $(APT) install -y -qq python3-venv python3-dev && $(PYTHON) -m venv $(VENV); \
	  else \
	    echo "Python cannot create a virtual environment here: install python3-venv (sudo apt-get install python3-venv) and run make again." >&2; exit 1; \
	  fi; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.course: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.test: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[test,dev,hub,handbook]"
	@touch $@

# configurable-http-proxy from npm for the hub tier (5.x needs Node 20; 4.6 runs on Debian's 18).
CHP := $(VENV)/node/bin/configurable-http-proxy
$(CHP): $(BIN)/python
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    pkgs=npm; command -v node >/dev/null 2>&1 || pkgs="nodejs npm"; \
	    $(APT) update -qq && $(APT) install -y -qq $$pkgs; \
	  else \
	    echo "The hub tests need Node.js and npm: sudo apt-get install nodejs npm" >&2; exit 1; \
	  fi; }
	@major=$$(node -p 'process.versions.node.split(".")[0]'); \
	if [ "$$major" -ge 20 ]; then version="^5.3"; else version="^4.6.3"; fi; \
	npm install --global --prefix $(VENV)/node --no-fund --no-audit --loglevel=error \
	  "configurable-http-proxy@$$version"

hub-proxy: $(CHP)

start: $(VENV)/.course
	@echo "make start opens the trainer's copy of the course (answer keys included)."
	$(BIN)/ipt-course start

# The fast tier reads certificate PDFs with poppler's pdftotext; the browser tier needs chromium.
FAST_PACKAGES := pdftotext:poppler-utils
ALL_PACKAGES := $(FAST_PACKAGES) chromium:chromium

system-packages fast-packages:
	@missing=""; \
	for pair in $(if $(filter fast-packages,$@),$(FAST_PACKAGES),$(ALL_PACKAGES)); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    $(APT) update -qq && $(APT) install -y -qq $$missing; \
	  else \
	    echo "The tests need Debian's$$missing: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

test: $(VENV)/.test system-packages $(CHP)
	$(BIN)/pytest

test-hub: $(VENV)/.test $(CHP)
	$(BIN)/pytest -m hub

test-fast: $(VENV)/.test fast-packages
	$(BIN)/pytest -m "not notebooks and not nbgrader and not browser and not exhaustive and not hub"

lint: $(VENV)/.test
	$(BIN)/ruff check .

validate: $(VENV)/.course
	$(BIN)/ipt-course validate

readmes: $(VENV)/.course
	$(BIN)/ipt-course readmes

clean-venv:
	rm -rf $(VENV)
