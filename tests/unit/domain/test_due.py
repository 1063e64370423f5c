"""Is a run due? The unattended verdict of every declared campaign at `now` (domain/due.py).

Due: what the tick would send (a pause after a flight, a pause before one). Not due: a flight
under way, one over and already paused or sent, a campaign the tick would hold. The next change
ahead, and whether it needs a run (a pause) or Hood does it (a start). Lateness: a pause due
longer than the grace.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ocamba_provider.domain.calendar import Transition
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.due import Ahead, due_now
from ocamba_provider.domain.verdict import Observation

NOW = datetime(2026, 12, 28, 0, 0, tzinfo=UTC)
ENDED = "2026-12-27 22:59:00"  # 61 minutes before NOW
LATER = "2027-01-02 18:00:00"
SOONER = "2026-12-30 08:00:00"


def flight(campaign_id: str, start: str | None = None, until: str | None = None) -> RunStateInputs:
    return RunStateInputs(campaign_id, "active", active_from=start, active_until=until)


def test_a_flight_that_ended_on_a_running_campaign_is_due_with_its_reason() -> None:
    answer = due_now([flight("1", until=ENDED)], {"1": Observation("running", "Push")}, NOW)

    assert answer.is_due
    (said,) = answer.due
    assert (said.campaign_id, said.name, said.action) == ("1", "Push", "pause")
    assert said.words == f"pause: flight ended at {ENDED} GMT"
    assert said.since == ENDED


def test_nothing_is_due_inside_a_flight_or_after_one_that_is_already_paused_or_sent() -> None:
    declared = [flight("1", until=LATER), flight("2", until=ENDED), flight("3", until=ENDED)]
    seen = {"1": Observation("running"), "2": Observation("paused"), "3": Observation("sent")}

    answer = due_now(declared, seen, NOW)

    assert not answer.is_due and answer.held == () and answer.problems == ()
    assert answer.next_run == Ahead(Transition(LATER, "pause"), "1")
    assert answer.next_run.zone is None  # said in GMT: no zone anywhere


def test_a_campaign_found_paused_inside_its_flight_is_held_not_due() -> None:
    answer = due_now([flight("1", until=LATER)], {"1": Observation("paused", "Push")}, NOW)

    assert not answer.is_due
    assert [said.campaign_id for said in answer.held] == ["1"]


def test_a_start_ahead_is_hoods_and_needs_no_run_while_an_end_does() -> None:
    declared = [flight("1", start=SOONER, until=LATER), flight("2", until="2027-01-01 00:00:00")]
    seen = {"1": Observation("scheduled", scheduled_time=SOONER), "2": Observation("running")}

    answer = due_now(declared, seen, NOW)

    assert answer.ahead == Ahead(Transition(SOONER, "resume"), "1")
    assert not answer.ahead.needs_run
    assert answer.next_run == Ahead(Transition("2027-01-01 00:00:00", "pause"), "2")


def test_a_campaign_running_before_its_flight_is_due() -> None:
    answer = due_now([flight("1", start=SOONER)], {"1": Observation("running")}, NOW)

    assert [(said.action, said.since) for said in answer.due] == [("reschedule", None)]


def test_a_vanished_or_draft_campaign_is_a_problem_named_by_id_never_due() -> None:
    answer = due_now(
        [flight("1", until=ENDED), flight("2", until=ENDED)], {"2": Observation("draft")}, NOW
    )

    assert not answer.is_due
    assert [said.campaign_id for said in answer.problems] == ["1", "2"]
    assert "1" in answer.problems[0].words and "draft" in answer.problems[1].words


def test_a_pause_due_longer_than_the_grace_is_late() -> None:
    declared = [flight("1", until=ENDED), flight("2", until="2026-12-27 23:50:00")]
    answer = due_now(declared, {"1": Observation("running"), "2": Observation("running")}, NOW)

    late = answer.late(NOW, timedelta(minutes=30))

    assert [said.campaign_id for said in late] == ["1"]


def test_times_are_said_in_the_entrys_zone_else_the_stacks() -> None:
    declared = [flight("1", start=SOONER)]

    answer = due_now(declared, {"1": Observation("running")}, NOW, default_zone="Asia/Kathmandu")

    assert answer.due[0].words == (
        "pause, then resume at 2026-12-30 13:45 Asia/Kathmandu (08:00 GMT)"
    )
    assert answer.ahead is not None and answer.ahead.zone == "Asia/Kathmandu"
