# Two entry points for a fresh machine: `make run` and `make test`. Each creates .venv and installs
# what it needs; nothing is downloaded at run time.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Two sync workers make briefs: one request at the size limit, or a worker being replaced, does not stall
# the others (bench/load.py: with one worker the others waited up to 2 s in both cases).
WORKERS ?= 2
export HOST PORT WORKERS

.PHONY: run dev test test-fast install install-dev nginx bench clean

# nginx on $(HOST):$(PORT) in front of gunicorn (deploy/serve.py says what runs and why).
run: install nginx
	$(BIN)/python deploy/serve.py

# Debian's nginx, installed with apt-get when missing and make runs as root; otherwise say what to install.
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "== installing Debian's nginx (make run serves the app behind it)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null; \
	  else \
	    echo "make run serves the app behind nginx: install it first (Debian: sudo apt-get install nginx)"; exit 1; \
	  fi; }

dev: install
	$(BIN)/flask --app app run --debug --port $(PORT)

test: install-dev
	$(BIN)/python -m pytest

test-fast: install-dev
	$(BIN)/python -m pytest -m "not slow"

install: $(VENV)/.installed static/vendor/htmx.min.js
install-dev: $(VENV)/.installed-dev static/vendor/htmx.min.js

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# htmx comes from the npm registry, pinned in package-lock.json, and is served from static/.
static/vendor/htmx.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js

bench: install-dev
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/speed.py

clean:
	rm -rf $(VENV) node_modules static/vendor
