"""Where the repository and the engine `make setup` installs are, for every tier."""

from __future__ import annotations

from pathlib import Path

from tools.local_engine import venv_under_test

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "ocamba_provider"
FIXTURES = REPO / "tests" / "fixtures"
VENV = venv_under_test()
"""The venv the tests run in: `.venv`, or a compatibility venv of `make test-compat`."""
ENGINE = VENV / "bin" / "pulumi"
"""The Pulumi CLI `make setup` puts on the venv's bin."""
