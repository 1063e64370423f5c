# Two commands matter: `make demo` and `make test`. Both set everything up first.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/$(BIN):$(PATH)
export PULUMI_SKIP_UPDATE_CHECK := 1
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION := true

.PHONY: setup demo emulator test test-fast check lint lint-imports typecheck bench soak clean
.PHONY: setup-pinned setup-runtime lint-workflows lock plugin sdk-nodejs test-compat

setup:
	@bash tools/setup.sh

# CI (docs/ci.md): exactly the pinned engine, even where an older pulumi is installed.
setup-pinned:
	@OCAMBA_REQUIRE_PINNED_ENGINE=1 bash tools/setup.sh

# The jobs that hold the Hood token: the pinned engine and only the locked runtime dependencies.
setup-runtime:
	@OCAMBA_SETUP_PROFILE=runtime OCAMBA_REQUIRE_PINNED_ENGINE=1 bash tools/setup.sh

demo: setup
	@$(BIN)/python -m tools.demo

# The local Hood API emulator for people: the demo campaigns on http://127.0.0.1:8080 until
# Ctrl-C; it prints the token, the environment variables and the stack config (docs/emulator.md).
emulator: setup
	@$(BIN)/python -m ocamba_provider.emulator --port 8080

# Workers for the whole suite: one module per worker (`--dist loadfile`), since an e2e module's
# steps share a stack and run in order. On 2 cores the suite is CPU-bound (each engine command
# starts two Python processes): 6 workers or a finer split measured no faster than 4.
# --durations names the slowest tests in CI's log.
TEST_WORKERS ?= 4

test: setup
	@$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=15

# The unit tier and an e2e subset on both ends of the supported Pulumi SDK range
# (requirements/sdk-oldest.txt, sdk-newest.txt), each in a venv cached under ~/.cache.
test-compat: setup
	@$(BIN)/python -m tools.compat

# Everything but the real-engine tier: the inner loop while editing.
test-fast: setup
	@$(BIN)/python -m pytest -m "not e2e"

lint: setup lint-workflows lint-imports
	@$(BIN)/ruff check ocamba_provider stacks tests tools
	@$(BIN)/ruff format --check ocamba_provider stacks tests tools

# The layers and the Pulumi-free modules of docs/architecture.md ([tool.importlinter]).
lint-imports: setup
	@$(BIN)/lint-imports

# actionlint (with shellcheck) and zizmor's default persona, offline: zero findings; the
# GitLab recipe against GitLab's CI schema (vendored by check-jsonschema: no network).
lint-workflows: setup
	@bash tools/actionlint.sh -shellcheck="$(CURDIR)/$(BIN)/shellcheck"
	@$(BIN)/zizmor --offline --no-progress --quiet .github/workflows
	@$(BIN)/check-jsonschema --builtin-schema vendor.gitlab-ci examples/gitlab/.gitlab-ci.yml

# Regenerate requirements/runtime.txt after changing [project] dependencies (hashes from PyPI
# only: a local wheel folder in the pip config would otherwise be resolved against). The SDK
# is the range's newest end, the one CI tests by default (requirements/sdk-newest.txt).
lock: setup
	@env -u PIP_FIND_LINKS $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
	  --all-build-deps --strip-extras --no-emit-index-url --no-emit-find-links \
	  --constraint requirements/sdk-newest.txt \
	  --output-file requirements/runtime.txt pyproject.toml

typecheck: setup
	@$(BIN)/mypy

check: lint typecheck test

# The native provider as self-contained plugin archives (linux-amd64, darwin-arm64) for
# `pulumi plugin install resource ocamba <v> --file`.
plugin: setup
	@$(BIN)/python -m tools.plugin_archive

# The Node.js SDK of the native provider, type-checked against @pulumi/pulumi (needs Go, npm).
sdk-nodejs: setup
	@$(BIN)/python -m tools.nodejs_sdk

bench: setup
	@$(BIN)/python -m tools.bench

soak: setup
	@$(BIN)/python -m pytest tests/soak -m soak -p no:cacheprovider

clean:
	rm -rf $(VENV) .pulumi-state .mypy_cache .ruff_cache .pytest_cache .hypothesis .import_linter_cache \
	  bench-results
