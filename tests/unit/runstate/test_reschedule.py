"""reschedule: pause, wait until the pause shows, resume at the new time, read it back.

Each of the two writes is sent at most once, whatever fails; a time read back that is not the
one sent stops the run with both times; a failed resume says the campaign is now paused.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ocamba_provider.client import HoodBadRequest, HoodServerError
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.problems import Code
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.errors import TransitionError
from ocamba_provider.runstate.reschedule import reschedule
from ocamba_provider.runstate.transition import carry_out
from ocamba_provider.snapshot import StatusSnapshot
from tests.support.fake_clock import SETTLE_S, FakeClock, timed_requests
from tests.support.fake_hood import Applied, FakeHood, Fault

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
OLD = "2030-06-01 09:00:00"
NEW = "2031-01-01 09:00:00"
TO_NEW = RunStateInputs("1", "active", scheduled_time=NEW)


def scheduled_hood(**times: str) -> FakeHood:
    fake = FakeHood()
    fake.add("1", "scheduled", name="Newsletter", **(times or {"scheduled_time": OLD}))
    return fake


def run(fake: FakeHood, clock: FakeClock | None = None) -> tuple[object, FakeClock]:
    clock = clock or FakeClock.at(NOW)
    campaign = fake.campaigns["1"]
    outcome = reschedule(
        StatusSnapshot(fake),  # type: ignore[arg-type]
        TO_NEW,
        campaign,
        "rescheduling to 2031-01-01 09:00:00 GMT",
        settle=clock.settle(),
    )
    return outcome, clock


def test_a_reschedule_is_one_pause_then_one_resume_at_the_new_time() -> None:
    fake = scheduled_hood()

    outcome, _ = run(fake)

    assert fake.ledger == [
        Applied("1", "pause", {"reason": "rescheduling to 2031-01-01 09:00:00 GMT"}),
        Applied("1", "resume", {"scheduled_time": NEW}),
    ]
    assert outcome.action is Action.RESCHEDULE  # type: ignore[attr-defined]
    assert fake.campaigns["1"].scheduled_time == NEW


def test_the_resume_waits_until_the_pause_shows_in_reads() -> None:
    fake = scheduled_hood()
    fake.lag("1", reads=3)  # the next three reads show the campaign as before the pause
    clock = FakeClock.at(NOW)
    stamps = timed_requests(fake, clock)

    run(fake, clock)

    names = [name for name, _ in stamps]
    between = names[names.index("pause") + 1 : names.index("resume")]
    # Three lagging reads that still show it scheduled, then the one that shows it paused.
    assert between == ["get_campaign"] * 4
    assert fake.applied("resume", "1") == 1


@pytest.mark.parametrize("operation", ["pause", "resume"])
def test_a_dropped_answer_is_never_a_second_write(operation: str) -> None:
    fake = scheduled_hood()
    fake.script(operation, Fault.DROP_AFTER_APPLY)

    run(fake)

    assert (fake.applied("pause", "1"), fake.applied("resume", "1")) == (1, 1)
    assert fake.campaigns["1"].scheduled_time == NEW


def test_a_failed_resume_says_plainly_that_the_campaign_is_now_paused() -> None:
    fake = scheduled_hood()
    fake.script("resume", HoodServerError("503 Service Unavailable", operation="resume"))

    with pytest.raises(TransitionError) as failed:
        run(fake)

    assert failed.value.problem.code is Code.RESCHEDULE_HALFWAY  # type: ignore[attr-defined]
    message = str(failed.value)
    assert message.startswith("campaign 1 (Newsletter): the reschedule to 2031-01-01 09:00 GMT")
    assert "It is now paused and will not run at 2030-06-01 09:00 GMT" in message
    assert "Run `pulumi up` again (from " in message
    assert fake.status_of("1") == "paused"
    assert fake.applied("resume", "1") <= 1


def test_a_refused_resume_is_not_resent() -> None:
    fake = scheduled_hood()
    refusal = HoodBadRequest(
        "400 Bad Request The request is not valid.",
        operation="resume campaign",
        campaign_id="1",
        http_status=400,
        message="The request is not valid.",
    )
    fake.script("resume", refusal)

    with pytest.raises(TransitionError, match="It is now paused"):
        run(fake)

    assert [write for write in fake.writes if write[0] == "resume"] == [("resume", "1")]


def test_a_time_read_back_in_another_form_stops_with_both_times_and_no_loop() -> None:
    fake = scheduled_hood()

    def misread(campaign_id: str) -> object:
        # Hood answers the new time an hour off (a zone the docs do not name).
        found = FakeHood.get_campaign(fake, campaign_id)
        if found.status == "scheduled":
            from dataclasses import replace

            return replace(found, scheduled_time="2031-01-01 10:00:00")
        return found

    fake.get_campaign = misread  # type: ignore[method-assign]

    with pytest.raises(TransitionError) as stopped:
        run(fake)

    assert str(stopped.value) == (
        "campaign 1 (Newsletter): rescheduled to 2031-01-01 09:00 GMT, but Hood now reports "
        "2031-01-01 10:00 GMT (observed status: scheduled): Hood may hold the time in a field "
        "or a zone this provider does not read as sent. Nothing was resent; check the "
        "campaign's time in Hood, and run `ocamba-doctor` against the account."
    )
    assert (fake.applied("pause", "1"), fake.applied("resume", "1")) == (1, 1)


def test_hoods_time_in_next_run_time_is_the_one_compared_and_read_back() -> None:
    fake = scheduled_hood(next_run_time=OLD)
    original = fake.resume

    def resume_into_next_run(campaign_id: str, **mode: object) -> None:
        original(campaign_id, **mode)  # type: ignore[arg-type]
        from dataclasses import replace

        stored = fake.campaigns[campaign_id]
        fake.campaigns[campaign_id] = replace(
            stored, scheduled_time=None, next_run_time=stored.scheduled_time
        )

    fake.resume = resume_into_next_run  # type: ignore[method-assign]

    outcome, _ = run(fake)

    assert fake.campaigns["1"].next_run_time == NEW
    assert outcome.campaign.next_run_time == NEW  # type: ignore[attr-defined]


def test_a_pause_that_never_shows_sends_no_resume() -> None:
    fake = scheduled_hood()
    fake.lag("1", reads=1_000)  # reads keep showing it scheduled

    with pytest.raises(TransitionError) as stopped:
        run(fake)

    assert stopped.value.problem.code is Code.RESCHEDULE_UNCONFIRMED  # type: ignore[attr-defined]
    assert "so no resume was sent" in str(stopped.value)
    assert fake.applied("resume", "1") == 0


def test_a_resume_less_than_a_minute_ahead_waits_for_its_time_then_resumes_now() -> None:
    fake = FakeHood()
    fake.add("1", "paused", name="Flash sale")
    soon = RunStateInputs("1", "active", scheduled_time="2026-11-26 12:00:40")
    clock = FakeClock.at(NOW)

    carry_out(
        StatusSnapshot(fake),  # type: ignore[arg-type]
        soon,
        fake.campaigns["1"],
        settle=clock.settle(),
    )

    assert fake.ledger == [Applied("1", "resume", {"run_immediately": 1})]
    assert clock.slept == [40.0]
    assert clock.stamp() == datetime(2026, 11, 26, 12, 0, 40, tzinfo=UTC)


def test_a_resume_a_minute_or_more_ahead_is_handed_to_hood() -> None:
    fake = FakeHood()
    fake.add("1", "paused")
    later = RunStateInputs("1", "active", scheduled_time="2026-11-26 12:01:00")
    clock = FakeClock.at(NOW)

    carry_out(
        StatusSnapshot(fake),  # type: ignore[arg-type]
        later,
        fake.campaigns["1"],
        settle=clock.settle(),
    )

    assert fake.ledger == [Applied("1", "resume", {"scheduled_time": "2026-11-26 12:01:00"})]
    assert clock.slept == []


def test_settling_waits_are_said_with_their_reason(capsys: pytest.CaptureFixture[str]) -> None:
    fake = scheduled_hood()
    fake.script("pause", Fault.DROP_BEFORE_APPLY)

    run(fake)

    err = capsys.readouterr().err
    assert f"ocamba: waiting {SETTLE_S:.0f} s: campaign 1 (Newsletter): a pause sent 0 s ago" in err
    assert "rescheduled campaign 1 (Newsletter): reschedule 2030-06-01 09:00 -> 2031-01-01" in err
