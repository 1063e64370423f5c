"""Shared fixtures: a real emulator on 127.0.0.1:0 per test (starts in a few milliseconds).

And how `make test` spreads the suite over xdist workers (`--dist loadgroup`): every module's
tests run on one worker, in file order, since an e2e module's numbered steps share one stack;
a module marked `spread` (its tests independent) lets each test go to any worker. The e2e
tier is queued first: its modules are few and long and mostly wait, so starting them early
leaves the many short unit tests to fill the end of the run instead of a 5-minute module.
"""

from __future__ import annotations

from collections.abc import Iterator

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


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups (its worker's own hook)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("spread") is None:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__ if item.module else ""))
    items.sort(key=lambda item: not _drives_the_engine(item))


def _drives_the_engine(item: pytest.Item) -> bool:
    """Marked e2e, or in tests/e2e (whose conftest marks its items after this hook runs)."""
    return item.get_closest_marker("e2e") is not None or "e2e" in item.path.parts
