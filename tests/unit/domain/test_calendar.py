"""The calendar: what a flight wants at `now`, and when that changes next (domain/calendar.py).

A flight `[active_from, active_until)` wants: before it, a start at `active_from` (Hood's own
schedule); inside it, active now; after it, paused with a reason naming the end. Either bound
may be left out. The bounds are local times in the entry's zone, read as GMT once by check;
over the days the clocks change the flight keeps its wall-clock bounds (Hypothesis).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocamba_provider.domain.calendar import (
    Desire,
    Transition,
    as_of,
    desire_at,
    flight_end_reason,
    next_transition,
)
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.problems import Code
from ocamba_provider.domain.times import format_api_time, parse_api_time
from ocamba_provider.domain.validation import check_declared
from ocamba_provider.domain.zones import to_local

FROM, UNTIL = "2026-12-20 08:00:00", "2026-12-27 22:59:00"
BEFORE = datetime(2026, 12, 19, tzinfo=UTC)
INSIDE = datetime(2026, 12, 24, tzinfo=UTC)
AFTER = datetime(2026, 12, 28, tzinfo=UTC)


def flight(start: str | None = FROM, until: str | None = UNTIL) -> RunStateInputs:
    return RunStateInputs("1000262", "active", active_from=start, active_until=until)


@pytest.mark.parametrize(
    ("now", "desire"),
    [
        (BEFORE, Desire("start", at=FROM, by_calendar=True)),
        (parse_api_time(FROM) - timedelta(seconds=1), Desire("start", at=FROM, by_calendar=True)),
        (parse_api_time(FROM), Desire("active", by_calendar=True)),
        (INSIDE, Desire("active", by_calendar=True)),
        (parse_api_time(UNTIL) - timedelta(seconds=1), Desire("active", by_calendar=True)),
        (
            parse_api_time(UNTIL),
            Desire("paused", by_calendar=True, reason=flight_end_reason(UNTIL), closed=UNTIL),
        ),
        (AFTER, Desire("paused", by_calendar=True, reason=flight_end_reason(UNTIL), closed=UNTIL)),
    ],
    ids=["before", "a second early", "start", "inside", "last second", "end", "after"],
)
def test_a_flight_is_start_at_its_start_then_active_then_paused(
    now: datetime, desire: Desire
) -> None:
    assert desire_at(flight(), now) == desire


def test_a_flight_without_a_start_is_active_until_its_end() -> None:
    assert desire_at(flight(start=None), BEFORE) == Desire("active", by_calendar=True)
    assert desire_at(flight(start=None), AFTER).kind == "paused"


def test_a_flight_without_an_end_starts_and_stays_active() -> None:
    assert desire_at(flight(until=None), BEFORE).kind == "start"
    assert desire_at(flight(until=None), AFTER) == Desire("active", by_calendar=True)


def test_the_pause_reason_names_the_flights_end() -> None:
    assert flight_end_reason(UNTIL) == "flight ended at 2026-12-27 22:59:00 GMT"


def test_without_a_flight_the_declaration_says_what_it_wants_whatever_the_time() -> None:
    now = RunStateInputs("1", "active", run_immediately=True)
    later = RunStateInputs("1", "active", scheduled_time=FROM)
    paused = RunStateInputs("1", "paused", pause_reason="budget")

    assert desire_at(now, AFTER) == Desire("active")
    assert desire_at(later, AFTER) == Desire("start", at=FROM)
    assert desire_at(paused, BEFORE) == Desire("paused", reason="budget")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (BEFORE, Transition(FROM, "resume")),
        (INSIDE, Transition(UNTIL, "pause")),
        (AFTER, None),
    ],
    ids=["before", "inside", "after"],
)
def test_the_next_transition_is_the_next_bound_ahead(
    now: datetime, expected: Transition | None
) -> None:
    assert next_transition(flight(), now) == expected


def test_the_next_transition_of_a_plain_declaration() -> None:
    assert next_transition(RunStateInputs("1", "active", scheduled_time=FROM), BEFORE) == (
        Transition(FROM, "resume")
    )
    assert next_transition(RunStateInputs("1", "active", run_immediately=True), BEFORE) is None
    assert next_transition(RunStateInputs("1", "paused"), BEFORE) is None
    assert Transition(UNTIL, "pause").record() == {"at": UNTIL, "action": "pause"}


def test_a_write_carries_what_the_flight_stands_for_at_that_moment() -> None:
    declared = flight()

    before = as_of(declared, desire_at(declared, BEFORE))
    inside = as_of(declared, desire_at(declared, INSIDE))
    after = as_of(declared, desire_at(declared, AFTER))

    assert (before.state, before.scheduled_time, before.run_immediately) == ("active", FROM, False)
    assert (inside.state, inside.scheduled_time, inside.run_immediately) == ("active", None, True)
    assert (after.state, after.pause_reason) == ("paused", flight_end_reason(UNTIL))
    assert not (before.has_flight or inside.has_flight or after.has_flight)


# --- validation: the flight is the only resume mode, and runs forwards -----------------------


@pytest.mark.parametrize(
    ("extra", "code", "prop"),
    [
        ({"run_immediately": True}, Code.MODE_BESIDE_FLIGHT, "run_immediately"),
        ({"scheduled_time": FROM}, Code.MODE_BESIDE_FLIGHT, "scheduled_time"),
        ({"state": "paused"}, Code.PAUSED_FLIGHT, "state"),
        ({"active_until": FROM}, Code.FLIGHT_BACKWARDS, "active_until"),
        ({"active_until": "2026-12-01 00:00:00"}, Code.FLIGHT_BACKWARDS, "active_until"),
    ],
    ids=["run_immediately", "scheduled_time", "paused", "empty", "backwards"],
)
def test_a_flight_beside_a_resume_mode_a_pause_or_backwards_is_refused_naming_the_key(
    extra: dict[str, object], code: Code, prop: str
) -> None:
    declared = {"campaign_id": "1000262", "state": "active", "active_from": FROM} | extra

    _, problems = check_declared(declared)

    assert [(problem.code, problem.prop) for problem in problems] == [(code, prop)]
    assert problems[0].campaign_id == "1000262"


def test_flight_bounds_are_read_in_the_entrys_zone() -> None:
    declared = {
        "campaign_id": "1000262",
        "state": "active",
        "time_zone": "Asia/Kathmandu",
        "active_from": "2026-12-20 09:00:00",
        "active_until": "2026-12-27T23:59:00+05:45",
    }

    checked, problems = check_declared(declared)

    assert problems == []
    assert (checked["active_from"], checked["active_until"]) == (
        "2026-12-20 03:15:00",
        "2026-12-27 18:14:00",
    )


# --- over the days the clocks change -------------------------------------------------------

ZONES = ("Europe/Belgrade", "America/New_York", "Asia/Kathmandu")
walls = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.none()
).map(lambda moment: moment.replace(second=0, microsecond=0))


@settings(max_examples=300, deadline=None)
@given(
    start=walls,
    length=st.timedeltas(min_value=timedelta(hours=1), max_value=timedelta(days=200)),
    probe=st.timedeltas(min_value=timedelta(days=-2), max_value=timedelta(days=202)),
    zone_name=st.sampled_from(ZONES),
)
def test_over_clock_changes_a_flight_is_active_exactly_between_its_wall_clock_bounds(
    start: datetime, length: timedelta, probe: timedelta, zone_name: str
) -> None:
    until = start + length
    declared = {
        "campaign_id": "1",
        "state": "active",
        "time_zone": zone_name,
        "active_from": start.strftime("%Y-%m-%d %H:%M:%S"),
        "active_until": until.strftime("%Y-%m-%d %H:%M:%S"),
    }
    checked, problems = check_declared(declared)
    if problems:
        # Only a bound in the hour a zone skips may be refused, and then by its own code.
        assert {problem.code for problem in problems} <= {Code.TIME_IN_GAP, Code.FLIGHT_BACKWARDS}
        return
    declaration = RunStateInputs.from_props(checked)
    now = parse_api_time(checked["active_from"]) + probe
    wall_now = to_local(now, zone_name)

    desire = desire_at(declaration, now)

    # The wall clock decides, whatever the offset that day (a repeated hour: its first time).
    if now < parse_api_time(checked["active_from"]):
        assert desire.kind == "start" and desire.at == checked["active_from"]
    elif now < parse_api_time(checked["active_until"]):
        assert desire.kind == "active"
        assert start <= wall_now.replace(tzinfo=None) or wall_now.fold
    else:
        assert desire.kind == "paused"
        assert desire.reason == flight_end_reason(checked["active_until"])
    ahead = next_transition(declaration, now)
    if ahead is not None:
        assert parse_api_time(ahead.at) > now
        assert format_api_time(parse_api_time(ahead.at)) == ahead.at
