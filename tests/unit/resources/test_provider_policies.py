"""Policies and the guard at the provider's edges: what a later delete, refresh or check sees.

Each test is a scenario a reviewer found where a stale output, a held campaign or a missing
guard would have sent something nobody asked for.
"""

from __future__ import annotations

from typing import Any

import pytest

from ocamba_provider.errors import OcambaError
from ocamba_provider.resources.declarations import Declarations
from ocamba_provider.resources.provider import CampaignRunStateProvider
from tests.support.configured_provider import (
    ACTIVE,
    PAUSED,
    configured,
    configured_with,
    failures,
    outs,
)
from tests.support.fake_hood import FakeHood


def test_changing_only_on_delete_is_an_update_that_records_it(hood: FakeHood) -> None:
    hood.add("1", "paused")
    olds = outs(**PAUSED, status="paused", observed_status="paused", on_delete="restore")
    news = {**PAUSED, "observed_status": "paused", "on_delete": "forget"}

    result = configured().diff("1", olds, news)

    assert result.changes is True
    assert hood.writes == []


def test_an_update_that_only_records_a_policy_sends_nothing(hood: FakeHood) -> None:
    hood.add("1", "paused", name="Spring sale")
    provider = configured()
    checked = provider.check({}, {**PAUSED, "on_delete": "forget"})

    updated = provider.update("1", outs(**PAUSED, on_delete="restore"), checked.inputs)

    assert updated.outs is not None
    assert updated.outs["on_delete"] == "forget"
    assert hood.writes == []


def test_guard_does_not_count_campaigns_under_drift_hold_up_front(hood: FakeHood) -> None:
    for i in ("1", "2", "3"):
        hood.add(i, "paused")
    declared = {
        "1": {"state": "paused"},
        "2": {"state": "active", "drift": "hold"},
        "3": {"state": "active", "drift": "hold"},
    }

    result = configured_with(declared, maxTransitionsPerRun="1").check({}, PAUSED)

    assert failures(result) == []


def test_the_whole_run_plan_is_checked_even_when_the_first_campaign_needs_nothing(
    hood: FakeHood,
) -> None:
    for i in ("1", "2", "3"):
        hood.add(i, "paused")
    declared = {i: {"state": "active"} for i in ("2", "3")} | {"1": {"state": "paused"}}

    result = configured_with(declared, maxTransitionsPerRun="1").check({}, PAUSED)

    assert [prop for prop, _ in failures(result)] == ["state"]
    assert "would resume or pause 2 campaigns" in failures(result)[0][1]


def test_on_delete_pause_respects_the_guard(hood: FakeHood) -> None:
    for i in ("1", "2"):
        hood.add(i, "running")
    provider = configured(maxTransitionsPerRun="1")
    provider.delete("1", outs(campaign_id="1", on_delete="pause"))

    with pytest.raises(OcambaError) as refused:
        provider.delete("2", outs(campaign_id="2", on_delete="pause"))

    assert "on_delete: pause refused" in str(refused.value)
    assert [w[0] for w in hood.writes] == ["pause"]


def test_on_missing_forget_does_not_adopt_a_campaign_that_never_existed(
    hood: FakeHood,
) -> None:
    result = configured().check({}, {**ACTIVE, "on_missing": "forget"})

    assert failures(result)[0][0] == "campaign_id"
    assert "no campaign with this id" in failures(result)[0][1]


def test_on_missing_forget_keeps_quiet_about_a_managed_campaign_that_vanished(
    hood: FakeHood,
) -> None:
    olds = {**ACTIVE, "on_missing": "forget", "observed_status": "running"}

    result = configured().check(olds, {**ACTIVE, "on_missing": "forget"})

    assert failures(result) == []
    assert result.inputs["observed_status"] == "not_found"


def test_restore_to_a_passed_scheduled_time_is_refused(hood: FakeHood) -> None:
    hood.add("1", "paused")
    props = outs(
        on_delete="restore",
        adopted_status="scheduled",
        adopted_scheduled_time="2020-01-01 00:00:00",
    )

    with pytest.raises(OcambaError) as refused:
        configured().delete("1", props)

    assert "2020-01-01 00:00:00 GMT, which has passed" in str(refused.value)
    assert hood.writes == []


@pytest.mark.usefixtures("fresh_sessions")
def test_an_api_url_the_client_refuses_is_a_check_failure_not_a_traceback() -> None:
    provider = configured_for_real_client("http://api.example.com")

    result = provider.check({}, ACTIVE)

    assert failures(result)[0][0] == "campaign_id"
    assert "cannot use the configured Ocamba API" in failures(result)[0][1]


def configured_for_real_client(url: str) -> CampaignRunStateProvider:
    from pulumi.dynamic import ConfigureRequest
    from pulumi.dynamic.config import Config

    provider = CampaignRunStateProvider()
    raw: dict[str, Any] = {"ocamba:apiToken": "tok-unit-test-123", "ocamba:apiUrl": url}
    provider.configure(ConfigureRequest(Config(raw, "ocamba-campaigns")))
    return provider


def test_a_campaign_declared_twice_in_one_program_is_an_error() -> None:
    import pulumi

    declarations = Declarations()
    declarations.declare({"campaign_id": "1000248", "state": "active"}, "spring-sale")

    with pytest.raises(pulumi.RunError) as twice:
        declarations.declare({"campaign_id": "1000248", "state": "paused"}, "spring-sale-again")

    assert str(twice.value) == (
        "campaign 1000248 is declared twice: declare each campaign once "
        "(two declarations would pause and resume it on alternate runs)"
    )


def test_a_new_resume_mode_does_not_end_a_hold(hood: FakeHood) -> None:
    # Stored inputs may carry the old resume mode (a same step keeps old outputs, and a
    # refresh rebuilds inputs from them); for an active campaign that is not a new ask.
    hood.add("1", "paused", name="Spring sale")
    olds = {**ACTIVE, "drift": "hold", "observed_status": "running"}
    news = {
        "campaign_id": "1",
        "state": "active",
        "scheduled_time": "2099-01-01 00:00:00",
        "drift": "hold",
    }

    result = configured().check(olds, news)

    assert failures(result) == []
    assert str(result.inputs["held"]).startswith("held: paused out of band")
