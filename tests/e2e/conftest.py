"""The e2e tier: the real Pulumi engine, the real program, the emulator over real HTTP."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ocamba_provider.emulator import Emulator, RateLimit
from tests.support.adapters import ADAPTERS
from tests.support.engine_stacks import TOKEN, StackUnderTest
from tests.support.paths import ENGINE


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def pulumi_engine() -> Path:
    """The engine `make setup` put on .venv/bin; a missing engine fails, never skips."""
    if not (ENGINE.exists() and os.access(ENGINE, os.X_OK)):
        pytest.fail(f"no Pulumi engine at {ENGINE}: run `make setup` (the e2e tier needs it)")
    return ENGINE


@pytest.fixture(scope="module")
def module_emulator() -> Iterator[Emulator]:
    """One emulator for a module's ordered steps, with the documented rate limits."""
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=10, steady=150)) as emulator:
        yield emulator


@pytest.fixture(scope="module")
def module_stack(
    tmp_path_factory: pytest.TempPathFactory, module_emulator: Emulator
) -> StackUnderTest:
    """One stack for a module's ordered steps."""
    return StackUnderTest(tmp_path_factory.mktemp("stack"), module_emulator.url, TOKEN)


@pytest.fixture(scope="module", params=ADAPTERS)
def adapter_kind(request: pytest.FixtureRequest) -> str:
    """The adapter a scenario shared by both runs on: each in turn, a module's steps in order
    for one before the other (pytest groups a module-scoped parameter's tests)."""
    return str(request.param)


@pytest.fixture(scope="module")
def adapter_emulator(adapter_kind: str) -> Iterator[Emulator]:
    """One emulator per adapter for a module's ordered steps, with the documented rate limits:
    each adapter's steps read a ledger of their own."""
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=10, steady=150)) as emulator:
        yield emulator
