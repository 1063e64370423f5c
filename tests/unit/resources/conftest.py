"""Fixtures of the dynamic provider's hook tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ocamba_provider.runstate import clock
from ocamba_provider.runstate import session as session_module
from tests.support.configured_provider import NOW
from tests.support.fake_hood import FakeHood


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
