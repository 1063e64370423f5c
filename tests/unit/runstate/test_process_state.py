"""The state kept for a whole process: sessions (runstate/session.py) and the declarations of
the current program run (resources/declarations.py), each with its one owner and public reset."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from ocamba_provider.client.rate_limit import AccountBudget
from ocamba_provider.resources.declarations import DECLARATIONS, reset_declarations
from ocamba_provider.runstate import session as session_module
from ocamba_provider.runstate.session import (
    existing_session,
    limits_for,
    reset_sessions,
    session_for,
)
from ocamba_provider.settings import ProviderSettings
from tests.support.fake_hood import FakeHood

URL = "https://api.example.test"


@pytest.fixture
def budgets(monkeypatch: pytest.MonkeyPatch, fresh_sessions: None) -> list[AccountBudget]:
    """The budget each new session's client was given, in order."""
    given: list[AccountBudget] = []

    def build(base_url: str, token: str, **options: Any) -> FakeHood:
        given.append(options["budget"])
        return FakeHood()

    monkeypatch.setattr(session_module, "HoodClient", build)
    return given


def test_sessions_of_one_account_share_one_budget(budgets: list[AccountBudget]) -> None:
    first = session_for(ProviderSettings(f"{URL}/", "token-a"))
    same_account = session_for(ProviderSettings(URL, "token-a", max_transitions_per_run=3))
    session_for(ProviderSettings(URL, "token-b"))

    assert same_account is not first  # its own guard
    assert budgets[1] is budgets[0]
    assert budgets[2] is not budgets[0]


def test_the_latest_session_of_an_account_sets_its_pace(budgets: list[AccountBudget]) -> None:
    session_for(ProviderSettings(URL, "token-a"))
    slower = ProviderSettings(URL, "token-a", rate_limit_scale=0.5)
    session_for(slower)

    assert budgets[0].limits == limits_for(slower)


def test_reset_sessions_forgets_every_session_and_budget(budgets: list[AccountBudget]) -> None:
    settings = ProviderSettings(URL, "token-a")
    before = session_for(settings)

    reset_sessions()

    assert existing_session(settings) is None
    assert session_for(settings) is not before
    assert budgets[1] is not budgets[0]


def test_reset_declarations_lets_a_campaign_be_declared_again_in_the_same_run() -> None:
    reset_declarations()
    DECLARATIONS.declare({"campaign_id": "1000248", "state": "active"}, "spring-sale")
    with pytest.raises(pulumi.RunError, match="declared twice"):
        DECLARATIONS.declare({"campaign_id": "1000248", "state": "paused"}, "spring-sale-again")

    reset_declarations()

    assert DECLARATIONS.declare({"campaign_id": "1000248", "state": "paused"}, "again") is None
    reset_declarations()
