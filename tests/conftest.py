"""Shared fixtures: a real emulator on 127.0.0.1:0 per test (starts in a few milliseconds).

And how `make test` spreads the suite over xdist workers (tests/support/scheduling.py). The
e2e tier is queued first: its modules are few and long and mostly wait, so starting them early
leaves the many short unit tests to fill the end of the run instead of a 5-minute module.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ocamba_provider.emulator import Emulator


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """A started emulator with the documented rate limits (10 per 1 s, 150 per 1 min)."""
    with Emulator() as hood:
        yield hood


@pytest.fixture
def fast_emulator() -> Iterator[Emulator]:
    """A started emulator without rate limits, for tests that are not about pacing."""
    with Emulator(rate_limit=None) as hood:
        yield hood


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Ours for `--dist loadscope` (what `make test` asks for); xdist's for any other."""
    if config.getvalue("dist") != "loadscope":
        return None
    from tests.support.scheduling import ModuleScheduling

    return ModuleScheduling(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not _drives_the_engine(item))


def _drives_the_engine(item: pytest.Item) -> bool:
    """Marked e2e, or in tests/e2e (whose conftest marks its items after this hook runs)."""
    return item.get_closest_marker("e2e") is not None or "e2e" in item.path.parts
