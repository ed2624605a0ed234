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

# The whole path on the bundled demo corpus: ingest (extract, store, fuse) into demo.db, the brief of the
# demo's busiest day (Markdown and HTML), and the fused events as JSON Lines. Starts from an empty store.
DEMO_DB := demo.db
demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/sitrep ingest src/sitrep/demo --db $(DEMO_DB)
	$(BIN)/sitrep brief --busiest --db $(DEMO_DB) -o demo-brief.md
	$(BIN)/sitrep brief --busiest --db $(DEMO_DB) --format html -o demo-brief.html
	$(BIN)/sitrep export --format jsonl --db $(DEMO_DB) -o demo-fused.jsonl
	@echo
	@echo "store:  $(CURDIR)/$(DEMO_DB)"
	@echo "brief:  $(CURDIR)/demo-brief.md  $(CURDIR)/demo-brief.html  ($$(head -n 1 demo-brief.md | sed 's/^# //'))"
	@echo "fused:  $(CURDIR)/demo-fused.jsonl ($$(wc -l < demo-fused.jsonl) fused events)"

# The whole test suite, quality gates included. The PostgreSQL tests get a local server
# (scripts/test_postgres.sh starts one, installing it where missing) unless SITREP_TEST_PG_URL names one;
# the HTML brief's test a headless chromium (scripts/test_browser.sh) unless SITREP_TEST_BROWSER names one.
test: $(STAMP)
	SITREP_TEST_PG_URL="$${SITREP_TEST_PG_URL:-$$(bash scripts/test_postgres.sh)}" \
	SITREP_TEST_BROWSER="$${SITREP_TEST_BROWSER:-$$(bash scripts/test_browser.sh)}" \
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/extract_speed.py
