# motcua: `make demo` to try it, `make test` to check it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# PostgreSQL for the second pass of the test suite (skipped with a message when unreachable).
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
# Redis for the tests of the Redis configuration: a database for each pass, since the two passes run
# side by side and RQ's keys (`rq:*`, which a test clears) cannot carry a prefix of their own.
TEST_REDIS_URL ?= redis://127.0.0.1:6379/5
TEST_REDIS_URL_POSTGRES ?= redis://127.0.0.1:6379/6
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
# axe-core audits every page the browser tests load (WCAG 2.1 AA); from the npm registry, pinned.
AXE_VERSION := 4.14.1
AXE := var/npm/node_modules/axe-core/axe.min.js

.PHONY: install system-deps demo serve test test-sqlite test-postgres reliability lint typecheck bench clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	@rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

$(AXE):
	@command -v npm >/dev/null || { echo "npm is needed for axe-core: sudo apt-get install -y npm" >&2; exit 1; }
	npm install --silent --no-audit --no-fund --prefix var/npm axe-core@$(AXE_VERSION)

# `motcua demo` runs on motcua.settings.dev by itself; every other `motcua` command defaults to production.
demo: install
	DJANGO_SETTINGS_MODULE=motcua.settings.dev MOTCUA_DEMO=1 $(BIN)/motcua demo --port $(PORT)

lint: install
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench

typecheck: install
	$(BIN)/mypy src/motcua/core src/motcua/agencies src/motcua/catalog src/motcua/workcalendar src/motcua/dossiers src/motcua/api src/motcua/signatures src/motcua/backoffice src/motcua/backups src/motcua/exchange src/motcua/documents src/motcua/feedback src/motcua/payments src/motcua/dvcqg src/motcua/news src/motcua/antivirus src/motcua/stats src/motcua/interagency

# Tests last from milliseconds to a minute: xdist's worksteal lets an idle worker take tests queued
# on the other, and src/conftest.py starts the long ones first, so both workers finish together.
XDIST := -n 2 --dist worksteal

# The tests' own settings, even in a shell that exports DJANGO_SETTINGS_MODULE for something else.
test-sqlite: install system-deps $(AXE)
	MOTCUA_TEST_REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest --ds=motcua.settings.test -q -p no:cacheprovider \
		-m "not postgres and not postgres_pass" $(XDIST)

# The PostgreSQL pass leaves out what does not touch the database differently: pages in Chromium,
# whole instances started as processes, tests that touch no database, and long engine-independent ones
# marked `sqlite_pass` (the SQLite pass runs them); it runs what needs PostgreSQL itself (the kill -9
# test's instances run on it) and the long engine-independent tests marked `postgres_pass` (the API
# door of the authorisation matrix, three of the API contract's callers), which the SQLite pass leaves out.
test-postgres: install system-deps $(AXE)
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(TEST_POSTGRES_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		MOTCUA_DATABASE_URL=$(TEST_POSTGRES_URL) MOTCUA_TEST_REDIS_URL=$(TEST_REDIS_URL_POSTGRES) \
			$(BIN)/pytest --ds=motcua.settings.test -q -p no:cacheprovider $(XDIST) \
			-m "postgres or postgres_pass or (not browser and not processes and not no_database and not sqlite_pass)"; \
	else \
		echo "PostgreSQL at $(TEST_POSTGRES_URL) is not reachable: start it, or set TEST_POSTGRES_URL." >&2; exit 1; \
	fi

# The two passes side by side: each waits on processes, databases and browsers part of the time, so
# together they take about the wall time of the longer one (the whole of .ci/run, installs included:
# 16.8 min on this 2-core machine; docs/benchmarks.md, "The suite's seventh round").
test: lint typecheck
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

# The reliability suite alone (both also run in `make test`): schemathesis as every caller, with six
# times the generated requests per operation that `make test` sends, and kill -9 of the server and the
# worker mid-burst on PostgreSQL (docs/operations.md, "Reliability suite").
reliability: install
	MOTCUA_FUZZ_EXAMPLES=30 $(BIN)/pytest --ds=motcua.settings.test -q -p no:cacheprovider $(XDIST) \
		-m "not postgres and not postgres_pass" \
		src/motcua/tests/test_api_answers_as_its_schema_says.py
	MOTCUA_FUZZ_EXAMPLES=30 MOTCUA_DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/pytest --ds=motcua.settings.test -q \
		-p no:cacheprovider $(XDIST) -m "postgres or postgres_pass" src/motcua/tests/test_api_answers_as_its_schema_says.py \
		src/motcua/tests/test_kill_9_mid_burst_loses_no_acknowledged_dossier.py

bench: install
	$(BIN)/python bench/dossier_throughput.py
	MOTCUA_DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/python bench/dossier_throughput.py
	$(BIN)/python bench/worklist.py
	MOTCUA_DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/python bench/worklist.py
	$(BIN)/python bench/backup.py
	MOTCUA_DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/python bench/backup.py
	$(BIN)/python bench/anchor.py
	MOTCUA_DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/python bench/anchor.py
	$(BIN)/python bench/signing.py
	$(BIN)/python bench/batch_approval.py
	$(BIN)/python bench/edxml.py
	$(BIN)/python bench/kill_burst.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
