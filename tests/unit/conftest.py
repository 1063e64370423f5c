"""Fixtures every unit test of the provider may ask for."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ocamba_provider.runstate.session import reset_sessions


@pytest.fixture
def fresh_sessions() -> Iterator[None]:
    """The test runs like a new provider process: no session or account budget before or after."""
    reset_sessions()
    yield
    reset_sessions()
