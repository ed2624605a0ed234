# The two commands of the README. Both set up everything they need on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench setup

$(STAMP): pyproject.toml Makefile
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,gazetteer]'
	touch $(STAMP)

setup: $(STAMP)

# Extract the bundled demo corpus and print its events.
demo: $(STAMP)
	$(BIN)/sitrep extract src/sitrep/demo -o demo-events.jsonl --documents demo-documents.jsonl
	@echo "events: demo-events.jsonl ($$(wc -l < demo-events.jsonl) lines); documents: demo-documents.jsonl"

# The whole test suite, quality gates included. The PostgreSQL tests get a local server
# (scripts/test_postgres.sh starts one, installing it where missing) unless SITREP_TEST_PG_URL names one;
# the HTML brief's test a headless chromium (scripts/test_browser.sh) unless SITREP_TEST_BROWSER names one.
test: $(STAMP)
	SITREP_TEST_PG_URL="$${SITREP_TEST_PG_URL:-$$(bash scripts/test_postgres.sh)}" \
	SITREP_TEST_BROWSER="$${SITREP_TEST_BROWSER:-$$(bash scripts/test_browser.sh)}" \
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/extract_speed.py
