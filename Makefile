# Two entry points for a fresh machine: `make run` and `make test`. Each creates .venv and installs
# what it needs; nothing is downloaded at run time.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Two sync workers: one request at the size limit, or a worker being replaced, does not stall the
# others (bench/load.py: with one worker the others waited up to 2 s in both cases).
WORKERS ?= 2

.PHONY: run dev test test-fast install install-dev bench clean

run: install
	$(BIN)/gunicorn --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - 'app:create_app()'

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
