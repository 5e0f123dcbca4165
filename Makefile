# Passend — the two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	# Bytecode as a wheel install has it (an editable install compiles nothing, and with
	# PYTHONDONTWRITEBYTECODE every process would compile every module again).
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

install: $(STAMP)

## Build the synthetic demo region into the embedded database and serve the web app.
demo: $(STAMP)
	$(BIN)/passend demo
	$(BIN)/passend serve --host $(HOST) --port $(PORT)

CODE := src tests tools benchmarks scripts

## Lint (ruff, formatting, the dependency contracts, mypy strict on the pure core), then the
## whole suite on SQLite and again on PostgreSQL (when available or required).
test: lint
	$(BIN)/python scripts/run_tests.py

lint: $(STAMP)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
