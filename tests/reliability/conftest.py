"""The reliability tier: exactly-once and convergence under faults, kills and concurrency.

Engine-driving tests carry `pytest.mark.e2e` (so `make test-fast` skips them); the rest drive
the provider hooks against a real emulator over HTTP.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ocamba_provider.emulator import Emulator, RateLimit
from ocamba_provider.runstate.session import reset_sessions
from tests.support.paths import ENGINE
from tests.support.recording_proxy import RecordingProxy
from tests.support.scaled import SCALE, TOKEN


@pytest.fixture
def engine() -> Path:
    """The engine `make setup` put on .venv/bin; a missing engine fails, never skips."""
    if not (ENGINE.exists() and os.access(ENGINE, os.X_OK)):
        pytest.fail(f"no Pulumi engine at {ENGINE}: run `make setup`")
    return ENGINE


@pytest.fixture
def hood() -> Iterator[Emulator]:
    """An emulator with the documented limits scaled by SCALE (10x: 100 per s, 1500 per min)."""
    limits = RateLimit(burst=10 * SCALE, steady=150 * SCALE)
    with Emulator(token=TOKEN, rate_limit=limits) as emulator:
        yield emulator


@pytest.fixture
def wire(hood: Emulator) -> Iterator[RecordingProxy]:
    """A recording proxy in front of `hood`: point the provider at `wire.url`."""
    with RecordingProxy(hood.url) as proxy:
        yield proxy


@pytest.fixture(autouse=True)
def fresh_provider_process() -> Iterator[None]:
    """Each test starts like a new provider process: no session (snapshot, budget) cached.

    Sessions are cached per settings, i.e. per API URL: an emulator or proxy that reuses the
    port of an earlier test's would otherwise meet that test's snapshot of statuses.
    """
    reset_sessions()
    yield
    reset_sessions()
