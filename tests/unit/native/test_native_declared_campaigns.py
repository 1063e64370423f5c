"""ocamba:declaredCampaigns: the list a YAML program gives in place of the snapshot hint.

Pure parsing and agreement first, then the native provider's check over FakeHood: the list is
read in one bulk read at the first check and the whole run is counted there, as the dynamic
provider does with its hint.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from pulumi.provider.experimental import provider as px
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.runtime.rpc import UNKNOWN

from ocamba_provider.domain.declared_campaigns import disagreements as problems_with
from ocamba_provider.domain.declared_campaigns import from_declared_campaigns
from ocamba_provider.domain.run_list import Listed
from ocamba_provider.domain.wording import render
from ocamba_provider.errors import ConfigurationError
from ocamba_provider.native.provider import OcambaProvider
from ocamba_provider.runstate import session as session_module
from tests.support.fake_hood import TOKEN, URL, FakeHood

A, B, C = "1000301", "1000302", "1000303"


def parse_declared(raw: Any) -> dict[str, dict[str, str]] | None:
    """The list as the entries the hint carries (`Listed.hint`), or None."""
    listed = from_declared_campaigns(raw)
    return None if listed is None else {key: entry.hint() for key, entry in listed.items()}


def disagreements(listed: dict[str, dict[str, str]], news: dict[str, Any]) -> list[tuple[str, str]]:
    """Each disagreement as (property, the sentence the user reads)."""
    entries = {
        key: Listed(entry["state"], entry.get("drift", "enforce")) for key, entry in listed.items()
    }  # type: ignore[arg-type]
    return [(problem.prop, render(problem)) for problem in problems_with(entries, news)]


# --- parsing --------------------------------------------------------------------------------


def test_a_state_alone_or_a_held_entry_becomes_the_hint_the_core_plans_from() -> None:
    raw = {A: "active", B: "paused", C: {"state": "active", "drift": "hold"}}

    assert parse_declared(raw) == {
        A: {"state": "active"},
        B: {"state": "paused"},
        C: {"state": "active", "drift": "hold"},
    }
    # What the engine sends for a config value it does not type: the JSON text.
    assert parse_declared(json.dumps(raw)) == parse_declared(raw)
    assert parse_declared({A: {"state": "active", "drift": "enforce"}}) == {A: {"state": "active"}}


def test_no_list_is_none() -> None:
    assert parse_declared(None) is None


def test_every_problem_of_the_list_is_named_in_one_message() -> None:
    with pytest.raises(ConfigurationError) as refused:
        parse_declared(
            {"spring": "active", A: "running", B: {"state": "paused", "drift": "loose"}, C: [1]}
        )

    assert str(refused.value) == (
        "ocamba:declaredCampaigns is not valid:\n"
        '  - ocamba:declaredCampaigns["spring"]: not a campaign id (digits only, e.g. "1000248")\n'
        '  - ocamba:declaredCampaigns["1000301"].state: must be "active" or "paused" '
        "(got 'running')\n"
        '  - ocamba:declaredCampaigns["1000302"].drift: must be "enforce" or "hold" '
        "(got 'loose')\n"
        '  - ocamba:declaredCampaigns["1000303"]: must be a state, "active" or "paused" '
        "(got [1])"
    )


@pytest.mark.parametrize("raw", [["1000301"], "not json", "[1]"])
def test_a_list_that_is_not_a_map_says_what_shape_it_must_have(raw: Any) -> None:
    with pytest.raises(ConfigurationError, match="must map each declared campaign id to its"):
        parse_declared(raw)


def test_an_unknown_key_in_an_entry_is_refused() -> None:
    with pytest.raises(ConfigurationError, match=r"unknown keys \['pause_reason'\]"):
        parse_declared({A: {"state": "paused", "pause_reason": "x"}})


# --- agreement with each declaration -------------------------------------------------------

LISTED = {A: {"state": "active"}, B: {"state": "active", "drift": "hold"}}


def test_a_declared_campaign_missing_from_the_list_fails_naming_it_and_the_fix() -> None:
    [(prop, reason)] = disagreements(LISTED, {"campaign_id": C, "state": "paused"})

    assert prop == "campaign_id"
    assert reason.startswith(
        "campaign 1000303 is declared but not listed in ocamba:declaredCampaigns"
    )
    assert '`pulumi config set --path \'ocamba:declaredCampaigns["1000303"]\' "paused"`' in reason
    assert "or remove ocamba:declaredCampaigns" in reason


def test_a_state_or_drift_policy_other_than_listed_fails() -> None:
    assert [p for p, _ in disagreements(LISTED, {"campaign_id": A, "state": "paused"})] == ["state"]
    assert [p for p, _ in disagreements(LISTED, {"campaign_id": A, **_held})] == ["drift"]
    assert [p for p, _ in disagreements(LISTED, {"campaign_id": B, "state": "active"})] == ["drift"]


_held = {"state": "active", "drift": "hold"}


def test_an_agreeing_declaration_passes() -> None:
    assert disagreements(LISTED, {"campaign_id": A, "state": "active", "drift": "enforce"}) == []
    assert disagreements(LISTED, {"campaign_id": B, **_held}) == []


def test_unknown_values_and_malformed_ids_are_left_to_their_own_checks() -> None:
    assert disagreements(LISTED, {"campaign_id": UNKNOWN, "state": "paused"}) == []
    assert disagreements(LISTED, {"campaign_id": A, "state": UNKNOWN, "drift": UNKNOWN}) == []
    assert disagreements(LISTED, {"campaign_id": "spring", "state": "active"}) == []


# --- the native provider's check, over FakeHood -------------------------------------------


@pytest.fixture
def hood(monkeypatch: pytest.MonkeyPatch, fresh_sessions: None) -> Iterator[FakeHood]:
    fake = FakeHood()
    for campaign_id in (A, B, C):
        fake.add(campaign_id, "paused")
    monkeypatch.setattr(session_module, "HoodClient", fake.as_client_factory())
    monkeypatch.delenv("OCAMBA_ALLOW_TRANSITIONS", raising=False)
    yield fake


def _provider(**args: Any) -> OcambaProvider:
    provider = OcambaProvider()
    wire = {"apiToken": TOKEN, "apiUrl": URL, **args}
    wired = {k: v if isinstance(v, PropertyValue) else PropertyValue(v) for k, v in wire.items()}
    request = px.ConfigureRequest({}, wired, True, True)
    asyncio.run(provider.configure(request))
    return provider


def _check(provider: OcambaProvider, campaign_id: str, **extra: Any) -> px.CheckResponse:
    news = {"campaignId": campaign_id, "state": "active", "runImmediately": True, **extra}
    request = px.CheckRequest(
        f"urn:pulumi:e2e::p::ocamba:index:CampaignRunState::c{campaign_id}",
        {},
        {key: PropertyValue(value) for key, value in news.items()},
        b"",
    )
    return asyncio.run(provider.check(request))


def _reasons(response: px.CheckResponse) -> list[tuple[str, str]]:
    return [(f.property, f.reason) for f in response.failures or []]


def test_the_first_check_reads_every_listed_campaign_in_one_bulk_read(hood: FakeHood) -> None:
    provider = _provider(declaredCampaigns=json.dumps({A: "active", B: "active", C: "active"}))

    for campaign_id in (A, B, C):
        assert _reasons(_check(provider, campaign_id)) == []

    assert hood.reads == [("campaign_statuses", (A, B, C))]


def test_the_first_check_refuses_the_whole_run_past_the_limit(hood: FakeHood) -> None:
    listed = PropertyValue({i: PropertyValue("active") for i in (A, B, C)})
    provider = _provider(declaredCampaigns=listed, maxTransitionsPerRun=2.0)

    [(prop, reason)] = _reasons(_check(provider, A))

    assert prop == "state"
    assert reason.startswith("this run would resume or pause 3 campaigns, more than")


def test_without_the_list_the_limit_is_passed_only_at_the_third_check(hood: FakeHood) -> None:
    provider = _provider(maxTransitionsPerRun=2.0)

    assert [_reasons(_check(provider, i)) != [] for i in (A, B, C)] == [False, False, True]


def test_a_declaration_missing_from_the_list_fails_and_is_still_judged(hood: FakeHood) -> None:
    provider = _provider(declaredCampaigns=json.dumps({A: "active"}))
    hood.add(C, "draft")

    [not_listed, draft] = [reason for _, reason in _reasons(_check(provider, C))]

    assert not_listed.startswith("campaign 1000303 is declared but not listed in")
    assert "a draft cannot be resumed" in draft


def test_an_import_recheck_is_not_held_to_the_list(hood: FakeHood) -> None:
    provider = _provider(declaredCampaigns=json.dumps({A: "active"}))

    # `pulumi import` checks what read returned, observation included.
    response = _check(provider, C, observedStatus="paused", name="c")

    assert _reasons(response) == []
    assert hood.reads == [("campaign_statuses", (C,))]  # the list was not read either


def test_check_failures_name_the_native_properties(hood: FakeHood) -> None:
    provider = _provider()

    response = _check(provider, A, runImmediately=None)

    assert _reasons(response) == [
        (
            "runImmediately",
            "state is active: set runImmediately: true, or a scheduledTime to resume at",
        )
    ]
