"""Properties of windows and freezes over DST changes, in two zones (Hypothesis).

For random weekly windows inside a flight that spans a DST change, and random freezes:
- no transition is missed or doubled: the desire holds from `now` until the next transition
  the calendar announces, and changes exactly there;
- no window opens inside a freeze, and every opening keeps the rule's wall-clock time;
- every pause is kept: a campaign found running outside its windows is paused (or paused and
  scheduled), freeze or not, and never left running.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ocamba_provider.domain.calendar import desire_at, next_transition, openings
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.freezes import Freeze, Freezes
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.times import format_api_time, parse_api_time
from ocamba_provider.domain.verdict import Act, Observation, Previous, verdict
from ocamba_provider.domain.windows import Window
from ocamba_provider.domain.zones import to_local

ZONES = ("Europe/Belgrade", "America/New_York")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Around the spring and autumn changes of both zones (2027-03-14/28, 2027-10-31/11-07).
SEASONS = (datetime(2027, 3, 8, tzinfo=UTC), datetime(2027, 10, 25, tzinfo=UTC))


@st.composite
def calendars(draw: st.DrawFn) -> tuple[RunStateInputs, Freezes, datetime]:
    zone = draw(st.sampled_from(ZONES))
    season = draw(st.sampled_from(SEASONS))
    start = season + timedelta(hours=draw(st.integers(0, 72)))
    days = draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True))
    hour, minute = draw(st.integers(0, 23)), draw(st.sampled_from((0, 15, 30, 45)))
    length = draw(st.integers(1, 12))
    rule = f"FREQ=WEEKLY;BYDAY={','.join(days)};BYHOUR={hour};BYMINUTE={minute}"
    until = start + timedelta(days=draw(st.integers(7, 28)))
    declared = RunStateInputs(
        "1000248",
        "active",
        active_from=format_api_time(start),
        active_until=format_api_time(until),
        time_zone=zone,
        windows=(Window(rule, f"PT{length}H"),),
    )
    freezes = []
    for index in range(draw(st.integers(0, 2))):
        opens = start + timedelta(hours=draw(st.integers(0, 24 * 21)))
        closes = opens + timedelta(hours=draw(st.integers(1, 96)))
        freezes.append(Freeze(f"f{index}", format_api_time(opens), format_api_time(closes)))
    now = start + timedelta(minutes=draw(st.integers(0, 60 * 24 * 30)))
    return declared, Freezes(tuple(freezes)), now


def active(declared: RunStateInputs, moment: datetime, freezes: Freezes) -> bool:
    return desire_at(declared, moment, freezes).kind == "active"


@settings(max_examples=120, deadline=None)
@given(calendars(), st.lists(st.floats(0, 1, exclude_max=True), min_size=3, max_size=6))
def test_no_transition_is_missed_or_doubled(
    found: tuple[RunStateInputs, Freezes, datetime], fractions: list[float]
) -> None:
    declared, freezes, now = found
    before = active(declared, now, freezes)
    upcoming = next_transition(declared, now, freezes)
    if upcoming is None:
        later = now + timedelta(days=60)
        assert not any(active(declared, now + (later - now) * f, freezes) for f in fractions)
        assert not before
        return
    at = parse_api_time(upcoming.at)
    assert at > now
    for fraction in fractions:
        # Before `at`: a fraction near 1 may round to `at` itself in microseconds.
        moment = min(now + (at - now) * fraction, at - timedelta(seconds=1))
        assert active(declared, max(moment, now), freezes) == before
    assert active(declared, at - timedelta(seconds=1), freezes) == before
    assert active(declared, at, freezes) == (upcoming.action == "resume")
    assert before == (upcoming.action == "pause")


@settings(max_examples=120, deadline=None)
@given(calendars())
def test_no_window_opens_inside_a_freeze_and_each_keeps_its_wall_clock(
    found: tuple[RunStateInputs, Freezes, datetime],
) -> None:
    declared, freezes, now = found
    assert declared.windows is not None
    rule = declared.windows[0].rrule
    hour = int(rule.split("BYHOUR=")[1].split(";")[0])
    minute = int(rule.split("BYMINUTE=")[1])
    for opening in openings(declared, now - timedelta(days=30), now + timedelta(days=30), freezes):
        assert freezes.blocking(opening.start) is None
        if opening.start != parse_api_time(declared.active_from or ""):
            local = to_local(opening.start, declared.time_zone or "UTC")
            assert (local.hour, local.minute) == (hour, minute)


@settings(max_examples=120, deadline=None)
@given(calendars())
def test_every_pause_is_kept(found: tuple[RunStateInputs, Freezes, datetime]) -> None:
    declared, freezes, now = found
    if active(declared, now, freezes):
        return
    desire = desire_at(declared, now, freezes)
    if desire.kind == "start" and parse_api_time(desire.at or "") - now < timedelta(minutes=2):
        return  # a start this close is waited for and resumed now (MIN_LEAD_S)
    for unattended in (False, True):
        decided = verdict(
            declared,
            Observation("running", "Winter sale"),
            Previous(managed=True),
            now,
            unattended=unattended,
            freezes=freezes,
        )
        assert isinstance(decided, Act), decided
        assert decided.action in (Action.PAUSE, Action.RESCHEDULE)
