"""carry_out: one resume or pause, exactly once, reading before any resend."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ocamba_provider.client import Campaign, HoodAuthError, HoodBadRequest, HoodServerError
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.errors import TransitionError
from ocamba_provider.runstate.transition import MAX_DECISIONS, Outcome
from ocamba_provider.runstate.transition import carry_out as carry_out_now
from ocamba_provider.snapshot import StatusSnapshot
from tests.support.fake_clock import SETTLE_S, FakeClock, timed_requests
from tests.support.fake_hood import Applied, FakeHood, Fault

CLOCK = FakeClock()


def carry_out(*args: Any, **kwargs: Any) -> Outcome:
    """carry_out on a fake clock: settling takes no real time."""
    kwargs.setdefault("settle", CLOCK.settle())
    return carry_out_now(*args, **kwargs)


timed_reads = timed_requests


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


def test_ambiguous_resume_that_was_not_applied_is_resent_only_after_a_settled_read() -> None:
    fake, snapshot, campaign = setup("paused")
    fake.script("resume", Fault.DROP_BEFORE_APPLY)
    clock = FakeClock()
    stamps = timed_reads(fake, clock)

    outcome = carry_out(snapshot, RESUME_NOW, campaign, settle=clock.settle())

    assert outcome.action is Action.RESUME
    assert fake.applied("resume", "1") == 1
    (first, sent), *reads, (last, resent) = stamps
    assert (first, last) == ("resume", "resume")
    assert {name for name, _ in reads} == {"get_campaign"}
    # The read that allowed the resend started a full settle period after the first send.
    assert reads[-1][1] >= sent + SETTLE_S
    assert resent == reads[-1][1]


def test_a_campaign_that_moves_while_settling_is_not_resent() -> None:
    fake, snapshot, campaign = setup("paused")
    fake.script("resume", Fault.DROP_AFTER_APPLY)
    fake.lag("1", reads=3)  # the write took effect; reads show it a few polls late

    outcome = carry_out(snapshot, RESUME_NOW, campaign)

    assert outcome == Outcome(Campaign("1", "Spring sale", "running"), Action.RESUME)
    assert fake.writes == [("resume", "1")]
    assert fake.applied("resume", "1") == 1


def test_a_recent_resume_of_a_previous_run_waits_for_a_settled_read_before_another() -> None:
    fake, snapshot, campaign = setup("paused")
    clock = FakeClock()
    stamps = timed_reads(fake, clock)
    resumed_at = clock.now - 10

    outcome = carry_out(
        snapshot, RESUME_NOW, campaign, settle=clock.settle(), earlier=(Action.RESUME, resumed_at)
    )

    assert outcome.action is Action.RESUME
    (read, read_at), (write, written_at) = stamps[-2:]
    assert (read, write) == ("get_campaign", "resume")
    assert read_at >= resumed_at + SETTLE_S
    assert written_at == read_at
    assert {name for name, _ in stamps[:-1]} == {"get_campaign"}


def test_a_previous_run_of_another_action_does_not_delay_this_one() -> None:
    fake, snapshot, campaign = setup("paused")

    carry_out(snapshot, RESUME_NOW, campaign, earlier=(Action.PAUSE, CLOCK.now))

    assert fake.requests == [("resume", "1")]


def test_lagging_read_after_an_applied_resume_ends_in_the_api_refusing_the_resend() -> None:
    fake, snapshot, campaign = setup("paused")
    fake.script("resume", Fault.DROP_AFTER_APPLY)
    fake.lag("1", reads=1)  # the read after the drop still says paused

    outcome = carry_out(snapshot, RESUME_NOW, campaign)

    assert (outcome.campaign.status, outcome.action) == ("running", Action.RESUME)
    assert fake.applied("resume", "1") == 1
    assert fake.status_of("1") == "running"


def test_a_read_that_lags_behind_an_ambiguous_resume_leads_to_no_resend() -> None:
    fake, snapshot, campaign = setup("paused")
    fake.script("resume", Fault.DROP_AFTER_APPLY)
    fake.lag("1", reads=2)  # the read after the drop and the first poll both lag

    outcome = carry_out(snapshot, RESUME_NOW, campaign)

    assert outcome == Outcome(Campaign("1", "Spring sale", "running"), Action.RESUME)
    assert fake.requests == [
        ("resume", "1"),
        ("get_campaign", "1"),
        ("get_campaign", "1"),
        ("get_campaign", "1"),
    ]
    assert fake.applied("resume", "1") == 1


def test_ambiguous_pause_that_was_applied_is_success() -> None:
    fake, snapshot, campaign = setup("running")
    fake.script("pause", Fault.DROP_AFTER_APPLY)

    outcome = carry_out(snapshot, PAUSE, campaign)

    assert outcome == Outcome(Campaign("1", "Spring sale", "paused"), Action.PAUSE)
    assert fake.applied("pause", "1") == 1


def test_lagging_reads_after_an_applied_pause_lead_to_no_resend() -> None:
    fake, snapshot, campaign = setup("running")
    fake.script("pause", Fault.DROP_AFTER_APPLY)
    fake.lag("1", reads=2)

    outcome = carry_out(snapshot, PAUSE, campaign)

    assert outcome == Outcome(Campaign("1", "Spring sale", "paused"), Action.PAUSE)
    assert fake.applied("pause", "1") == 1
    assert fake.writes == [("pause", "1")]


def test_read_failure_after_an_ambiguous_write_stops_without_resending() -> None:
    fake, snapshot, campaign = setup("paused")
    fake.script("resume", Fault.DROP_BEFORE_APPLY)
    fake.fail_reads(HoodServerError("503 Service Unavailable", operation="get campaign"))

    with pytest.raises(TransitionError) as caught:
        carry_out(snapshot, RESUME_NOW, campaign)

    assert re.fullmatch(
        r"campaign 1 \(Spring sale\): could not resume \(observed status: paused\): "
        r"get campaign: 503 Service Unavailable\. The resume sent earlier may have been "
        r"applied, and reads may show it late: nothing was sent twice\. A new `pulumi up` is "
        r"safe from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT; check the campaign in Hood first\.",
        str(caught.value),
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
    # Every round is a send or a settled read; a resend always follows a settled read.
    assert fake.writes == [("resume", "1")] * MAX_DECISIONS
    assert fake.requests[0] == ("resume", "1")
    assert fake.requests[-1] == ("get_campaign", "1")
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
