# One task runner for developers, CI and pre-commit.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install test lint format bench schema example clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python  ## install the package and the dev tools into .venv
	$(BIN)/python -m pip install --quiet -e '.[dev]'

test: install  ## the whole test suite (the command CI runs)
	$(BIN)/python -m pytest -q

lint: install  ## ruff, mypy --strict, the import-linter layer contract
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

example: install  ## the main job on the bundled example
	cd examples/shop && ../../$(BIN)/integration-spec modules
	cd examples/shop && ../../$(BIN)/integration-spec check --all --strict

schema: install  ## regenerate the published JSON Schemas
	$(BIN)/integration-spec schema spec > docs/schema/spec.schema.json
	$(BIN)/integration-spec schema architecture > docs/schema/architecture.schema.json

bench: install  ## benchmark figures (printed, never asserted)
	PYTHON=$(BIN)/python bash benchmarks/run_all.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
