"""Fixtures every unit test of the provider may ask for."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ocamba_provider.runstate import clock
from ocamba_provider.runstate import session as session_module
from ocamba_provider.runstate.session import reset_sessions
from tests.support.configured_provider import NOW
from tests.support.fake_hood import FakeHood


@pytest.fixture
def fresh_sessions() -> Iterator[None]:
    """The test runs like a new provider process: no session or account budget before or after."""
    reset_sessions()
    yield
    reset_sessions()


@pytest.fixture
def hood(monkeypatch: pytest.MonkeyPatch, fresh_sessions: None) -> Iterator[FakeHood]:
    """A fake workspace every provider session in this test talks to; a frozen clock."""
    fake = FakeHood()
    monkeypatch.setattr(session_module, "HoodClient", fake.as_client_factory())
    monkeypatch.setattr(clock, "now_utc", lambda: NOW)
    for name in ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "OCAMBA_API_TOKEN", "OCAMBA_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("USER", "tester")
    yield fake
