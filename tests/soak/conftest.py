"""The soak tier: `make soak` only (`-m soak`, or OCAMBA_SOAK=1); skipped by `make test`."""

from __future__ import annotations

import os

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "soak: long fault-injection runs through the real engine (make soak)"
    )


def _selected(config: pytest.Config) -> bool:
    expression = str(config.getoption("markexpr") or "")
    return os.environ.get("OCAMBA_SOAK") == "1" or (
        "soak" in expression and "not soak" not in expression
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _selected(config):
        return
    skip = pytest.mark.skip(reason="soak: run `make soak` (pytest -m soak, or OCAMBA_SOAK=1)")
    for item in items:
        if item.get_closest_marker("soak") is not None:
            item.add_marker(skip)


_REPORT = pytest.StashKey[list[str]]()


@pytest.fixture
def soak_report(request: pytest.FixtureRequest) -> list[str]:
    """Lines the soak prints at the end of the run (shown even when output is captured)."""
    return request.config.stash.setdefault(_REPORT, [])


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    lines = config.stash.get(_REPORT, [])
    if lines:
        terminalreporter.section("soak results")
        for line in lines:
            terminalreporter.write_line(line)
