"""Fixtures for the emulator's own tests."""

from __future__ import annotations

import pytest

from ocamba_provider.emulator import Emulator
from tests.support.emulator_http import SEED, Hood


@pytest.fixture
def hood(fast_emulator: Emulator) -> Hood:
    """Raw HTTP to an unthrottled emulator seeded with one campaign per status."""
    fast_emulator.control.seed(SEED)
    return Hood(fast_emulator)
