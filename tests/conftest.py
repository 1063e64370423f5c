"""Shared fixtures: a real emulator on 127.0.0.1:0 per test (starts in a few milliseconds)."""

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
