"""CampaignRunStateProvider hooks called directly, over FakeHood (no engine, no sockets)."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config
from pulumi.runtime.rpc import UNKNOWN

from ocamba_provider.client import HoodAuthError
from ocamba_provider.errors import OcambaError, TransitionError
from ocamba_provider.resources.provider import CampaignRunStateProvider
from tests.support.configured_provider import (
    ACTIVE,
    PAUSED,
    configured,
    configured_with,
    failures,
    outs,
)
from tests.support.fake_hood import TOKEN, Applied, FakeHood

FUTURE = "2026-12-01 09:00:00"
PAST = "2026-11-01 09:00:00"


# --- check ---------------------------------------------------------------------------------


def test_check_adds_the_observed_status_and_name(hood: FakeHood) -> None:
    hood.add("1", "paused", name="Spring sale")

    result = configured().check({}, ACTIVE)

    assert result.inputs == {**ACTIVE, "observed_status": "paused", "name": "Spring sale"}
    assert failures(result) == []


def test_check_reads_with_the_configured_url_and_token(hood: FakeHood) -> None:
    hood.add("1", "paused")

    configured().check({}, ACTIVE)

    assert hood.tokens_seen == [TOKEN]


@pytest.mark.parametrize(
    ("news", "status", "failure"),
    [
        pytest.param(
            ACTIVE,
            "draft",
            (
                "campaign_id",
                "campaign 1 (Spring sale): a draft cannot be resumed (observed status: draft). "
                "Publish it in Hood first, or remove the declaration.",
            ),
            id="draft",
        ),
        pytest.param(
            ACTIVE,
            "canceled",
            (
                "campaign_id",
                "campaign 1 (Spring sale): canceled campaigns cannot be resumed or paused "
                "(cancel is permanent) (observed status: canceled). Remove the declaration.",
            ),
            id="canceled",
        ),
        pytest.param(
            PAUSED,
            "sent",
            (
                "state",
                "campaign 1 (Spring sale): already sent, cannot pause (observed status: sent). "
                "Declare state: active (it ran and finished), or remove the declaration.",
            ),
            id="sent-but-paused",
        ),
    ],
)
def test_check_fails_on_a_problem_cell(
    hood: FakeHood, news: dict[str, Any], status: str, failure: tuple[str, str]
) -> None:
    hood.add("1", status, name="Spring sale")

    result = configured().check({}, news)

    assert failures(result) == [failure]
    assert result.inputs["observed_status"] == status


def test_check_fails_for_a_campaign_not_in_the_workspace(hood: FakeHood) -> None:
    result = configured().check({}, ACTIVE)

    assert failures(result) == [
        (
            "campaign_id",
            "campaign 1: no campaign with this id in the workspace (observed status: not_found). "
            "Check the id (python -m ocamba_provider.campaigns list), or remove the declaration.",
        )
    ]
    assert (result.inputs["observed_status"], result.inputs["name"]) == ("not_found", "")


def test_check_fails_for_a_resume_scheduled_in_the_past(hood: FakeHood) -> None:
    hood.add("1", "paused", name="Spring sale")
    news = {"campaign_id": "1", "state": "active", "scheduled_time": PAST}

    assert failures(configured().check({}, news)) == [
        (
            "scheduled_time",
            f"campaign 1 (Spring sale): scheduled_time {PAST} GMT is in the past "
            "(observed status: paused). Set a future time, or run_immediately: true.",
        )
    ]


def test_check_accepts_a_resume_scheduled_in_the_future(hood: FakeHood) -> None:
    hood.add("1", "paused")
    news = {"campaign_id": "1", "state": "active", "scheduled_time": FUTURE}

    assert failures(configured().check({}, news)) == []


def test_check_ignores_a_past_time_when_no_resume_is_needed(hood: FakeHood) -> None:
    hood.add("1", "running")
    news = {"campaign_id": "1", "state": "active", "scheduled_time": PAST}

    assert failures(configured().check({}, news)) == []


def test_check_normalises_scheduled_time_to_gmt(hood: FakeHood) -> None:
    hood.add("1", "paused")
    news = {"campaign_id": "1", "state": "active", "scheduled_time": "2026-12-01T10:00:00+01:00"}

    assert configured().check({}, news).inputs["scheduled_time"] == FUTURE


def test_check_reports_invalid_inputs_without_calling_the_api(hood: FakeHood) -> None:
    result = configured().check({}, {"campaign_id": "../1", "state": "active"})

    assert [prop for prop, _ in failures(result)] == ["campaign_id", "run_immediately"]
    assert hood.requests == []


def test_check_with_unknown_campaign_id_skips_the_observation(hood: FakeHood) -> None:
    news = {**ACTIVE, "campaign_id": UNKNOWN}

    result = configured().check({}, news)

    assert (result.inputs, failures(result)) == (news, [])
    assert hood.requests == []


def test_check_with_an_unknown_state_skips_the_observation(hood: FakeHood) -> None:
    hood.add("1", "paused")
    news = {**ACTIVE, "state": UNKNOWN}

    assert failures(configured().check({}, news)) == []
    assert hood.requests == []


def test_check_with_an_unknown_scheduled_time_plans_the_resume_and_leaves_the_time_to_apply(
    hood: FakeHood,
) -> None:
    # An Output-valued scheduled_time is the engine's sentinel string in preview: whether it
    # is past can only be told at apply, where create/update judge it again with the clock.
    hood.add("1", "paused")
    news = {"campaign_id": "1", "state": "active", "scheduled_time": UNKNOWN}

    result = configured().check({}, news)

    assert failures(result) == []
    assert result.inputs["observed_status"] == "paused"


def test_check_with_an_unknown_hold_until_leaves_the_held_verdict_to_apply(
    hood: FakeHood,
) -> None:
    hood.add("1", "paused")
    managed = {**ACTIVE, "drift": "hold", "hold_until": FUTURE}
    news = {**managed, "hold_until": UNKNOWN}

    result = configured().check(managed | {"observed_status": "running"}, news)

    assert failures(result) == []
    assert "held" not in result.inputs


def test_check_removes_the_snapshot_hint_from_the_inputs(hood: FakeHood) -> None:
    hood.add("1", "paused")

    result = configured().check({}, {**ACTIVE, "snapshot_hint": {"1": "active"}})

    assert "snapshot_hint" not in result.inputs


def test_check_with_the_configured_list_reads_every_declared_campaign_once(
    hood: FakeHood,
) -> None:
    for i in range(1, 6):
        hood.add(str(i), "running")
    provider = configured_with({str(i): {"state": "active"} for i in range(1, 6)})

    for i in range(1, 6):
        provider.check({}, {**ACTIVE, "campaign_id": str(i)})

    assert hood.requests == [("campaign_statuses", ("1", "2", "3", "4", "5"))]


def test_check_with_the_first_resources_hint_reads_every_declared_campaign_once(
    hood: FakeHood,
) -> None:
    for i in range(1, 6):
        hood.add(str(i), "running")
    provider = configured()
    hint = {str(i): {"state": "active"} for i in range(1, 6)}

    provider.check({}, {**ACTIVE, "snapshot_hint": hint})
    for i in range(2, 6):
        provider.check({}, {**ACTIVE, "campaign_id": str(i), "snapshot_hint": {}})

    assert hood.requests == [("campaign_statuses", ("1", "2", "3", "4", "5"))]


def test_provider_instances_of_one_process_share_the_snapshot(hood: FakeHood) -> None:
    hood.add("1", "running")
    hood.add("2", "running")

    configured_with({"1": {"state": "active"}, "2": {"state": "active"}}).check({}, ACTIVE)
    configured().check({}, {**ACTIVE, "campaign_id": "2"})

    assert len(hood.reads) == 1


def test_an_invalid_configured_list_leaves_each_check_to_read_its_own(hood: FakeHood) -> None:
    hood.add("1", "paused")
    # The program reports the bad entry; the provider just reads without the list.
    provider = configured_with({"1": {"state": "active"}, "abc": {"state": "paused"}})

    result = provider.check({}, ACTIVE)

    assert failures(result) == []
    assert result.inputs["observed_status"] == "paused"
    assert hood.requests == [("campaign_statuses", ("1",))]


def test_check_reports_a_failed_read_on_campaign_id(hood: FakeHood) -> None:
    hood.fail_reads(HoodAuthError("401 Unauthorized", operation="list campaigns"))

    assert failures(configured().check({}, ACTIVE)) == [
        (
            "campaign_id",
            "campaign 1: could not read its status: list campaigns: 401 Unauthorized. "
            "Check ocamba:apiUrl and the token, then run the preview again.",
        )
    ]


def test_check_without_a_token_fails_naming_both_places(hood: FakeHood) -> None:
    provider = CampaignRunStateProvider()
    provider.configure(ConfigureRequest(Config({}, "ocamba-campaigns")))

    assert failures(provider.check({}, ACTIVE)) == [
        (
            "campaign_id",
            "no Ocamba API token: set it with `pulumi config set --secret ocamba:apiToken "
            "<token>` or in the environment variable OCAMBA_API_TOKEN",
        )
    ]
    assert hood.tokens_seen == []


def test_unconfigured_provider_falls_back_to_the_environment(
    hood: FakeHood, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OCAMBA_API_TOKEN", "from-env")
    hood.add("1", "paused")

    CampaignRunStateProvider().check({}, ACTIVE)

    assert hood.tokens_seen == ["from-env"]


def test_no_hook_answer_contains_the_token(hood: FakeHood) -> None:
    hood.add("1", "paused")
    hood.add("2", "draft")
    provider = configured()

    checked = provider.check({}, ACTIVE)
    refused = provider.check({}, {**ACTIVE, "campaign_id": "2"})
    created = provider.create(checked.inputs)
    read = provider.read("1", created.outs or {})

    everything = repr((checked.inputs, failures(refused), created.outs, read.outs, read.inputs))
    assert hood.tokens_seen == [TOKEN]
    assert TOKEN not in everything


# --- guard ----------------------------------------------------------------------------------


THREE_ACTIVE = {i: {"state": "active"} for i in ("1", "2", "3")}


def three_paused_declared_active(hood: FakeHood) -> dict[str, Any]:
    for i in ("1", "2", "3"):
        hood.add(i, "paused")
    return ACTIVE


def test_guard_refuses_more_transitions_than_the_limit_with_one_message(hood: FakeHood) -> None:
    news = three_paused_declared_active(hood)

    result = configured_with(THREE_ACTIVE, maxTransitionsPerRun="2").check({}, news)

    assert failures(result) == [
        (
            "state",
            "this run would resume or pause 3 campaigns, more than ocamba:maxTransitionsPerRun "
            "(2): resume 1, resume 2, resume 3. If that is intended, allow it for this run only "
            "with the environment variable OCAMBA_ALLOW_TRANSITIONS=3, or raise the limit "
            "(`pulumi config set ocamba:maxTransitionsPerRun 3`).",
        )
    ]
    assert hood.writes == []


def test_guard_allows_transitions_up_to_the_limit(hood: FakeHood) -> None:
    news = three_paused_declared_active(hood)

    assert failures(configured_with(THREE_ACTIVE, maxTransitionsPerRun="3").check({}, news)) == []


def test_allow_mass_transition_lifts_the_guard(hood: FakeHood) -> None:
    news = three_paused_declared_active(hood)
    provider = configured_with(THREE_ACTIVE, maxTransitionsPerRun="2", allowMassTransition="true")

    assert failures(provider.check({}, news)) == []


def test_a_one_run_override_lets_the_run_through_and_says_so(
    hood: FakeHood, monkeypatch: pytest.MonkeyPatch
) -> None:
    news = three_paused_declared_active(hood)
    monkeypatch.setenv("OCAMBA_ALLOW_TRANSITIONS", "3")

    result = configured_with(THREE_ACTIVE, maxTransitionsPerRun="2").check({}, news)

    assert failures(result) == []
    assert result.inputs["guard_override"] == {
        "variable": "OCAMBA_ALLOW_TRANSITIONS",
        "allowed": 3,
        "limit": 2,
    }


def test_no_override_mark_when_the_run_is_within_the_limit(
    hood: FakeHood, monkeypatch: pytest.MonkeyPatch
) -> None:
    news = three_paused_declared_active(hood)
    monkeypatch.setenv("OCAMBA_ALLOW_TRANSITIONS", "30")

    result = configured_with(THREE_ACTIVE).check({}, news)

    assert "guard_override" not in result.inputs


def test_guard_counts_across_resources_without_a_hint(hood: FakeHood) -> None:
    for i in ("1", "2"):
        hood.add(i, "running")
    provider = configured(maxTransitionsPerRun="1")

    first = provider.check({}, {**PAUSED, "campaign_id": "1"})
    second = provider.check({}, {**PAUSED, "campaign_id": "2"})

    assert failures(first) == []
    assert [prop for prop, _ in failures(second)] == ["state"]


# --- diff -----------------------------------------------------------------------------------


def checked(**changes: Any) -> dict[str, Any]:
    """Checked inputs of campaign "1" declared active, observed running."""
    base = {**ACTIVE, "observed_status": "running", "name": "Spring sale", "__provider": "gASV..."}
    return {**base, **changes}


def test_diff_is_a_change_when_the_campaign_must_be_resumed() -> None:
    result = CampaignRunStateProvider().diff("1", outs(), checked(observed_status="paused"))

    assert (result.changes, result.replaces) == (True, None)


def test_diff_is_a_change_when_the_campaign_must_be_paused() -> None:
    news = checked(state="paused", run_immediately=None)

    assert CampaignRunStateProvider().diff("1", outs(), news).changes is True


def test_diff_is_no_change_when_in_sync() -> None:
    assert CampaignRunStateProvider().diff("1", outs(), checked()).changes is False


def test_diff_replaces_on_a_new_campaign_id() -> None:
    result = CampaignRunStateProvider().diff("1", outs(), checked(campaign_id="2"))

    assert (result.changes, result.replaces, result.delete_before_replace) == (
        True,
        ["campaign_id"],
        True,
    )


def test_diff_ignores_a_provider_only_difference() -> None:
    news = checked(__provider="a-different-pickle")

    assert CampaignRunStateProvider().diff("1", outs(), news).changes is False


def test_diff_ignores_an_observed_status_change_that_keeps_the_decision() -> None:
    news = checked(observed_status="scheduled")

    assert CampaignRunStateProvider().diff("1", outs(), news).changes is False


def test_diff_ignores_a_new_resume_mode_of_a_campaign_already_active() -> None:
    news = checked(run_immediately=None, scheduled_time=FUTURE)

    assert CampaignRunStateProvider().diff("1", outs(), news).changes is False


def test_diff_is_unknown_when_check_could_not_observe() -> None:
    news = checked(observed_status=None)

    assert CampaignRunStateProvider().diff("1", outs(), news).changes is None


def test_diff_calls_no_api(hood: FakeHood) -> None:
    configured().diff("1", outs(), checked(observed_status="paused"))

    assert (hood.requests, hood.tokens_seen) == ([], [])


# --- create / update -------------------------------------------------------------------------

OUTPUT_KEYS = {
    "campaign_id",
    "state",
    "status",
    "name",
    "observed_status",
    "last_action",
    "last_action_at",
}


def test_create_adopts_and_resumes_a_paused_campaign(hood: FakeHood) -> None:
    hood.add("1", "paused", name="Spring sale")
    provider = configured()
    inputs = provider.check({}, ACTIVE).inputs

    result = provider.create(inputs)

    assert result.id == "1"
    assert result.outs is not None
    assert set(result.outs) >= OUTPUT_KEYS
    assert {key: result.outs[key] for key in OUTPUT_KEYS} == {
        "campaign_id": "1",
        "state": "active",
        "status": "running",
        "name": "Spring sale",
        "observed_status": "running",
        "last_action": "resumed",
        "last_action_at": "2026-11-26 12:00:00",
    }
    assert hood.ledger == [Applied("1", "resume", {"run_immediately": 1})]


def test_create_and_check_share_one_read(hood: FakeHood) -> None:
    hood.add("1", "paused")
    provider = configured()

    provider.create(provider.check({}, ACTIVE).inputs)

    assert hood.requests == [("campaign_statuses", ("1",)), ("resume", "1")]


def test_create_of_a_campaign_in_sync_sends_nothing(hood: FakeHood) -> None:
    hood.add("1", "running", name="Spring sale")
    provider = configured()

    result = provider.create(provider.check({}, ACTIVE).inputs)

    assert result.outs is not None
    assert (result.outs["status"], result.outs["last_action"]) == ("running", "none")
    assert hood.writes == []


def test_create_of_a_draft_raises_the_problem(hood: FakeHood) -> None:
    hood.add("1", "draft", name="Spring sale")

    with pytest.raises(TransitionError) as caught:
        configured().create({**ACTIVE, "observed_status": "draft", "name": "Spring sale"})

    assert str(caught.value).startswith(
        "campaign 1 (Spring sale): a draft cannot be resumed (observed status: draft)."
    )


def test_update_pauses_with_the_reason_and_who_paused(hood: FakeHood) -> None:
    hood.add("1", "running", name="Spring sale")
    provider = configured()
    news = provider.check(outs(), PAUSED).inputs

    result = provider.update("1", outs(), news)

    assert result.outs is not None
    assert {key: result.outs[key] for key in OUTPUT_KEYS} == {
        "campaign_id": "1",
        "state": "paused",
        "status": "paused",
        "name": "Spring sale",
        "observed_status": "paused",
        "last_action": "paused",
        "last_action_at": "2026-11-26 12:00:00",
    }
    assert hood.ledger == [Applied("1", "pause", {"reason": "budget review [tester]"})]


def test_update_with_nothing_to_do_keeps_the_last_action(hood: FakeHood) -> None:
    hood.add("1", "running", name="Spring sale")
    provider = configured()

    result = provider.update("1", outs(), provider.check(outs(), ACTIVE).inputs)

    assert result.outs is not None
    assert (result.outs["last_action"], result.outs["last_action_at"]) == (
        "resumed",
        "2026-11-20 10:00:00",
    )
    assert hood.writes == []


def test_update_that_fails_to_read_says_nothing_was_sent(hood: FakeHood) -> None:
    hood.fail_reads(HoodAuthError("401 Unauthorized", operation="list campaigns"))

    with pytest.raises(OcambaError) as caught:
        configured().update("1", outs(), checked(observed_status="paused"))

    assert str(caught.value) == (
        "campaign 1: could not read its status: list campaigns: 401 Unauthorized. "
        "Nothing was sent; run `pulumi up` again."
    )
    assert hood.writes == []


# --- read / delete ---------------------------------------------------------------------------


def test_read_returns_the_live_status_in_outputs_and_inputs(hood: FakeHood) -> None:
    hood.add("1", "paused", name="Spring sale")

    result = configured().read("1", outs())

    assert result.id == "1"
    assert result.outs is not None
    assert (result.outs["status"], result.outs["observed_status"]) == ("paused", "paused")
    assert result.outs["last_action"] == "resumed"
    assert result.inputs == {**ACTIVE, "observed_status": "paused", "name": "Spring sale"}


def test_read_of_a_campaign_as_the_last_action_left_it_records_that_status(
    hood: FakeHood,
) -> None:
    # Not the stored observation (the one the last up acted on): a saved plan made with
    # --refresh compares these inputs with a check that observed the live status.
    hood.add("1", "running", name="Spring sale")

    result = configured().read("1", outs())

    assert result.inputs == {**ACTIVE, "observed_status": "running", "name": "Spring sale"}


def test_refresh_diff_of_stale_stored_inputs_is_no_change_when_nothing_moved(
    hood: FakeHood,
) -> None:
    # The engine's refresh diff pairs the refreshed outputs with the *stored* inputs, whose
    # observation is the one the last up acted on.
    hood.add("1", "running", name="Spring sale")
    provider = configured()
    refreshed = provider.read("1", outs())

    result = provider.diff("1", refreshed.outs or {}, checked(observed_status="paused"))

    assert result.changes is False


def test_refresh_diff_is_a_change_after_an_out_of_band_pause(hood: FakeHood) -> None:
    hood.add("1", "paused", name="Spring sale")
    provider = configured()
    refreshed = provider.read("1", outs())

    result = provider.diff("1", refreshed.outs or {}, checked(observed_status="paused"))

    assert result.changes is True


def test_read_of_a_vanished_campaign_returns_an_empty_id(hood: FakeHood) -> None:
    result = configured().read("1", outs())

    assert (result.id, result.outs) == ("", {})


def test_read_for_an_import_fills_the_campaign_id(hood: FakeHood) -> None:
    hood.add("1", "running", name="Spring sale")

    result = configured().read("1", {})

    assert result.outs is not None
    assert (result.outs["campaign_id"], result.outs["status"]) == ("1", "running")
    assert result.inputs == {"campaign_id": "1"}


def test_read_that_fails_asks_to_refresh_again(hood: FakeHood) -> None:
    hood.fail_reads(HoodAuthError("401 Unauthorized", operation="list campaigns"))

    with pytest.raises(OcambaError) as caught:
        configured().read("1", outs())

    assert str(caught.value) == (
        "campaign 1: could not read its status during refresh: list campaigns: "
        "401 Unauthorized. Run the refresh again."
    )


def test_delete_leaves_the_campaign_and_calls_no_api(hood: FakeHood) -> None:
    hood.add("1", "running")

    configured().delete("1", outs())

    assert (hood.requests, hood.tokens_seen) == ([], [])
    assert hood.status_of("1") == "running"
