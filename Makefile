# Two commands matter: `make demo` and `make test`. Both set everything up first.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/$(BIN):$(PATH)
export PULUMI_SKIP_UPDATE_CHECK := 1
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION := true

.PHONY: setup demo test test-fast check lint typecheck bench soak clean

setup:
	@bash tools/setup.sh

demo: setup
	@$(BIN)/python -m tools.demo

test: setup
	@$(BIN)/python -m pytest

# Everything but the real-engine tier: the inner loop while editing.
test-fast: setup
	@$(BIN)/python -m pytest -m "not e2e"

lint: setup
	@$(BIN)/ruff check ocamba_provider stacks tests tools
	@$(BIN)/ruff format --check ocamba_provider stacks tests tools

typecheck: setup
	@$(BIN)/mypy

check: lint typecheck test

bench: setup
	@$(BIN)/python -m tools.bench

soak: setup
	@$(BIN)/python -m pytest tests/soak -m soak -p no:cacheprovider

clean:
	rm -rf $(VENV) .pulumi-state .mypy_cache .ruff_cache .pytest_cache .hypothesis bench-results
