# Two commands for a fresh clone: `make run` (dashboard on the demo data) and
# `make test` (the whole suite, including a real-browser test in Debian's Chromium).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test test-fast lint fetch bench clean-db

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-app: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.installed-app

run: $(VENV)/.installed-app
	$(PY) serve.py --server.address 127.0.0.1 --server.port $(PORT)

test: $(VENV)/.installed-dev
	@bash scripts/ensure_chromium.sh
	@$(PY) -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; rc=0; fi; exit $$rc

# The quick loop while coding: everything but the real-browser and slow tests (about 1.5 min).
test-fast: $(VENV)/.installed-dev
	@$(PY) -m pytest -m "not browser and not slow"; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; rc=0; fi; exit $$rc

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check monitor app.py serve.py app_pages tests bench
	$(PY) -m ruff format --check monitor app.py serve.py app_pages tests bench

fetch: $(VENV)/.installed-app
	$(PY) -m monitor fetch

# Deletes the database of feeds.yaml (or MONITOR_DB) with its -wal and -shm; refuses while the
# dashboard or a fetch has it open, as their writes would go on into the deleted file.
clean-db: $(VENV)/.installed-app
	$(PY) -m monitor db clean
