"""carry_out: one resume or pause, exactly once, reading before any resend."""

from __future__ import annotations

import pytest

from ocamba_provider.client import Campaign, HoodAuthError, HoodBadRequest, HoodServerError
from ocamba_provider.errors import TransitionError
from ocamba_provider.reconcile import Action
from ocamba_provider.resources.inputs import RunStateInputs
from ocamba_provider.resources.transition import MAX_DECISIONS, Outcome, carry_out
from ocamba_provider.snapshot import StatusSnapshot

from .fakes import Applied, FakeHood, Fault

RESUME_NOW = RunStateInputs("1", "active", run_immediately=True)
RESUME_LATER = RunStateInputs("1", "active", scheduled_time="2026-12-01 09:00:00")
PAUSE = RunStateInputs("1", "paused", pause_reason="budget review")


def setup(status: str) -> tuple[FakeHood, StatusSnapshot, Campaign]:
    """Campaign "1" in `status`, and a snapshot that has observed it."""
    fake = FakeHood()
    fake.add("1", status, name="Spring sale")
    snapshot = StatusSnapshot(fake)  # type: ignore[arg-type]
    campaign = snapshot.observe("1")
    assert campaign is not None
    fake.requests.clear()
    return fake, snapshot, campaign


def test_resume_is_sent_once_and_not_read_back() -> None:
    fake, snapshot, campaign = setup("paused")

    outcome = carry_out(snapshot, RESUME_NOW, campaign)

    assert outcome == Outcome(Campaign("1", "Spring sale", "running"), Action.RESUME)
    assert fake.requests == [("resume", "1")]
    assert fake.ledger == [Applied("1", "resume", {"run_immediately": 1})]


def test_the_snapshot_remembers_what_the_write_did() -> None:
    fake, snapshot, campaign = setup("paused")

    carry_out(snapshot, RESUME_NOW, campaign)

    assert snapshot.observe("1") == Campaign("1", "Spring sale", "running")
    assert fake.reads == []


def test_scheduled_resume_sends_the_time_and_leaves_the_campaign_scheduled() -> None:
    fake, snapshot, campaign = setup("paused")

    outcome = carry_out(snapshot, RESUME_LATER, campaign)

    assert outcome.campaign.status == "scheduled"
    assert outcome.campaign.scheduled_time == "2026-12-01 09:00:00"
    assert fake.ledger == [Applied("1", "resume", {"scheduled_time": "2026-12-01 09:00:00"})]


def test_pause_is_sent_once_with_the_reason() -> None:
    fake, snapshot, campaign = setup("running")

    outcome = carry_out(snapshot, PAUSE, campaign, reason="budget review [ci abc]")

    assert outcome == Outcome(Campaign("1", "Spring sale", "paused"), Action.PAUSE)
    assert fake.ledger == [Applied("1", "pause", {"reason": "budget review [ci abc]"})]


def test_campaign_in_sync_gets_no_write() -> None:
    fake, snapshot, campaign = setup("running")

    assert carry_out(snapshot, RESUME_NOW, campaign) == Outcome(campaign, Action.NONE)
    assert fake.requests == []


def test_resume_is_announced_on_stderr_for_the_ci_log(capsys: pytest.CaptureFixture[str]) -> None:
    _, snapshot, campaign = setup("paused")

    carry_out(snapshot, RESUME_LATER, campaign)

    assert capsys.readouterr().err == (
        "ocamba: resumed campaign 1 (Spring sale): scheduled for 2026-12-01 09:00:00 GMT\n"
    )


def test_refused_as_not_paused_rereads_and_does_not_resend_when_running() -> None:
    fake, snapshot, stale = setup("paused")
    fake.add("1", "running", name="Spring sale")  # resumed in the UI since the snapshot

    outcome = carry_out(snapshot, RESUME_NOW, stale)

    assert outcome == Outcome(Campaign("1", "Spring sale", "running"), Action.NONE)
    assert fake.requests == [("resume", "1"), ("get_campaign", "1")]
    assert fake.ledger == []


def test_ambiguous_resume_that_was_applied_is_success_after_one_read() -> None:
    fake, snapshot, campaign = setup("paused")
    fake.script("resume", Fault.DROP_AFTER_APPLY)

    outcome = carry_out(snapshot, RESUME_NOW, campaign)

    assert outcome == Outcome(Campaign("1", "Spring sale", "running"), Action.RESUME)
    assert fake.requests == [("resume", "1"), ("get_campaign", "1")]
    assert fake.applied("resume", "1") == 1


def test_ambiguous_resume_that_was_not_applied_is_resent_once_after_a_read() -> None:
    fake, snapshot, campaign = setup("paused")
    fake.script("resume", Fault.DROP_BEFORE_APPLY)

    outcome = carry_out(snapshot, RESUME_NOW, campaign)

    assert outcome.action is Action.RESUME
    assert fake.requests == [("resume", "1"), ("get_campaign", "1"), ("resume", "1")]
    assert fake.applied("resume", "1") == 1


def test_lagging_read_after_an_applied_resume_ends_in_the_api_refusing_the_resend() -> None:
    fake, snapshot, campaign = setup("paused")
    fake.script("resume", Fault.DROP_AFTER_APPLY)
    fake.lag("1", reads=1)  # the read after the drop still says paused

    outcome = carry_out(snapshot, RESUME_NOW, campaign)

    assert (outcome.campaign.status, outcome.action) == ("running", Action.RESUME)
    assert fake.applied("resume", "1") == 1
    assert fake.status_of("1") == "running"


def test_refusal_outranks_a_read_that_still_lags_after_it() -> None:
    fake, snapshot, campaign = setup("paused")
    fake.script("resume", Fault.DROP_AFTER_APPLY)
    fake.lag("1", reads=2)  # both the read after the drop and the one after the 400 lag

    outcome = carry_out(snapshot, RESUME_NOW, campaign)

    assert outcome == Outcome(Campaign("1", "Spring sale", "running"), Action.RESUME)
    assert fake.requests == [
        ("resume", "1"),
        ("get_campaign", "1"),
        ("resume", "1"),
        ("get_campaign", "1"),
    ]
    assert fake.applied("resume", "1") == 1


def test_ambiguous_pause_that_was_applied_is_success() -> None:
    fake, snapshot, campaign = setup("running")
    fake.script("pause", Fault.DROP_AFTER_APPLY)

    outcome = carry_out(snapshot, PAUSE, campaign)

    assert outcome == Outcome(Campaign("1", "Spring sale", "paused"), Action.PAUSE)
    assert fake.applied("pause", "1") == 1


def test_lagging_read_after_an_applied_pause_is_confirmed_by_the_refusal() -> None:
    # Our pause's outcome was unknown; the resend is refused as "not running" while reads
    # still lag: the refusal is fresher than the read, so our pause took effect.
    fake, snapshot, campaign = setup("running")
    fake.script("pause", Fault.DROP_AFTER_APPLY)
    fake.lag("1", reads=2)

    outcome = carry_out(snapshot, PAUSE, campaign)

    assert outcome == Outcome(Campaign("1", "Spring sale", "paused"), Action.PAUSE)
    assert fake.applied("pause", "1") == 1
    assert fake.writes == [("pause", "1"), ("pause", "1")]


def test_read_failure_after_an_ambiguous_write_stops_without_resending() -> None:
    fake, snapshot, campaign = setup("paused")
    fake.script("resume", Fault.DROP_BEFORE_APPLY)
    fake.fail_reads(HoodServerError("503 Service Unavailable", operation="get campaign"))

    with pytest.raises(TransitionError) as caught:
        carry_out(snapshot, RESUME_NOW, campaign)

    assert str(caught.value) == (
        "campaign 1 (Spring sale): could not resume (observed status: paused): "
        "get campaign: 503 Service Unavailable. Nothing was sent twice; run `pulumi up` again: "
        "it reads the status first and only sends what is still needed."
    )
    assert fake.writes == [("resume", "1")]


def test_every_resend_follows_a_read_and_the_rounds_are_bounded() -> None:
    fake, snapshot, campaign = setup("paused")
    fake.script("resume", *[Fault.DROP_BEFORE_APPLY] * MAX_DECISIONS)

    with pytest.raises(TransitionError) as caught:
        carry_out(snapshot, RESUME_NOW, campaign)

    assert str(caught.value) == (
        f"campaign 1 (Spring sale): the API kept refusing or failing after {MAX_DECISIONS} "
        "read-and-decide rounds (observed status: paused). Nothing was sent twice; check the "
        "campaign in Hood and run `pulumi up` again."
    )
    assert fake.requests == [("resume", "1"), ("get_campaign", "1")] * MAX_DECISIONS
    assert fake.ledger == []


def test_refusal_while_still_paused_is_a_failure_not_a_loop() -> None:
    fake, snapshot, campaign = setup("paused")
    refused = HoodBadRequest(
        "400 Bad Request Invalid scheduled_time.",
        operation="resume campaign",
        campaign_id="1",
        http_status=400,
        message="Invalid scheduled_time.",
    )
    fake.script("resume", refused)

    with pytest.raises(TransitionError) as caught:
        carry_out(snapshot, RESUME_LATER, campaign)

    assert "could not resume (observed status: paused)" in str(caught.value)
    assert "Invalid scheduled_time." in str(caught.value)
    assert fake.writes == [("resume", "1")]


def test_refused_token_says_where_to_fix_it() -> None:
    fake, snapshot, campaign = setup("paused")
    fake.script("resume", HoodAuthError("401 Unauthorized", operation="resume campaign"))

    with pytest.raises(TransitionError) as caught:
        carry_out(snapshot, RESUME_NOW, campaign)

    assert str(caught.value) == (
        "campaign 1 (Spring sale): could not resume (observed status: paused): "
        "resume campaign: 401 Unauthorized. Check the token in `ocamba:apiToken` or "
        "OCAMBA_API_TOKEN and its access to this workspace."
    )


def test_campaign_deleted_before_the_write_is_a_not_found_problem() -> None:
    fake, snapshot, campaign = setup("paused")
    del fake.campaigns["1"]

    with pytest.raises(TransitionError) as caught:
        carry_out(snapshot, RESUME_NOW, campaign)

    assert str(caught.value).startswith(
        "campaign 1: no campaign with this id in the workspace (observed status: not_found)."
    )
    assert fake.ledger == []


@pytest.mark.parametrize(
    ("inputs", "status", "what"),
    [
        pytest.param(RESUME_NOW, "draft", "a draft cannot be resumed", id="draft"),
        pytest.param(
            RESUME_NOW,
            "canceled",
            "canceled campaigns cannot be resumed or paused (cancel is permanent)",
            id="canceled",
        ),
        pytest.param(PAUSE, "sent", "already sent, cannot pause", id="sent-but-paused"),
        pytest.param(
            PAUSE,
            "needs_decision",
            "cannot pause while the A/B test waits for a winner",
            id="needs-decision-but-paused",
        ),
    ],
)
def test_problem_cells_raise_naming_campaign_and_status(
    inputs: RunStateInputs, status: str, what: str
) -> None:
    fake, snapshot, campaign = setup(status)

    with pytest.raises(TransitionError) as caught:
        carry_out(snapshot, inputs, campaign)

    assert str(caught.value).startswith(
        f"campaign 1 (Spring sale): {what} (observed status: {status})."
    )
    assert fake.requests == []


def test_campaign_not_found_raises_naming_the_id() -> None:
    fake = FakeHood()
    snapshot = StatusSnapshot(fake)  # type: ignore[arg-type]

    with pytest.raises(TransitionError) as caught:
        carry_out(snapshot, RESUME_NOW, None)

    assert str(caught.value) == (
        "campaign 1: no campaign with this id in the workspace (observed status: not_found). "
        "Check the id (python -m ocamba_provider.campaigns list), or remove the declaration."
    )
