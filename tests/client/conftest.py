"""HoodClient fixtures over the real emulator (tests/conftest.py starts it on 127.0.0.1:0)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ocamba_provider.client import HoodClient
from ocamba_provider.emulator import Emulator
from tests.support.hood_clients import client_of


@pytest.fixture
def client(fast_emulator: Emulator) -> Iterator[HoodClient]:
    """A client of the unlimited emulator, with quick retries."""
    with client_of(fast_emulator) as hood_client:
        yield hood_client
