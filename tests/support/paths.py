"""Where the repository and the engine `make setup` installs are, for every tier."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "ocamba_provider"
FIXTURES = REPO / "tests" / "fixtures"
ENGINE = REPO / ".venv" / "bin" / "pulumi"
"""The Pulumi CLI `make setup` puts on .venv/bin."""
