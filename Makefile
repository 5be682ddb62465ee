# Two commands for a fresh clone: `make run` (dashboard on the demo data) and
# `make test` (the whole suite, including a real-browser test in Debian's Chromium and tests on a
# PostgreSQL server of its own, from Debian's postgresql).
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
	@bash scripts/ensure_postgres.sh
	@$(PY) -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; rc=0; fi; exit $$rc

# The quick loop while coding: everything but the real-browser and slow tests (about 1.5 min).
test-fast: $(VENV)/.installed-dev
	@$(PY) -m pytest -m "not browser and not slow"; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; rc=0; fi; exit $$rc

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check monitor app.py serve.py app_pages tests bench
	$(PY) -m ruff format --check monitor app.py serve.py app_pages tests bench

fetch: $(VENV)/.installed-app
	$(PY) -m monitor fetch

# The benchmarks that take under ~1.5 min each at their defaults (about 3.5 min in all on 2
# cores); scale, crash_safety, near_duplicates and tweet_crosslingual_experiments take longer or
# only replay past experiments, and are run by hand (docs/development.md). language_detection
# runs only the candidates that need nothing beyond requirements.txt (lingua is not in it).
bench: $(VENV)/.installed-app
	$(PY) -m bench.perf.topics_cluster
	$(PY) -m bench.perf.big_csv
	$(PY) -m bench.perf.hostile_feeds
	$(PY) -m bench.quality.demo_realism
	$(PY) -m bench.quality.topic_quality
	$(PY) -m bench.quality.demo_topics
	$(PY) -m bench.quality.differentiation_demo
	$(PY) -m bench.quality.trend_flags
	$(PY) -m bench.quality.language_detection --only "py3langid full" "py3langid EU set" "monitor (chosen)"
	$(PY) -m bench.quality.address_form --misses 3
	$(PY) -m bench.perf.voice_partners

# Deletes the database of feeds.yaml (or MONITOR_DB) with its -wal and -shm; refuses while the
# dashboard or a fetch has it open, as their writes would go on into the deleted file.
clean-db: $(VENV)/.installed-app
	$(PY) -m monitor db clean
