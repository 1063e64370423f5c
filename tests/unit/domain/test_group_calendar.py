"""A group's members under windows and freezes: every per-campaign key applies to each member,
so a member is judged by the same verdict, with the same freezes, as the campaign declared
alone (issues 25 and 26)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ocamba_provider.domain.declaration import CALENDAR_PAUSE
from ocamba_provider.domain.freezes import NO_FREEZES, Freezes, parse_freezes
from ocamba_provider.domain.group import GroupInputs
from ocamba_provider.domain.group_members import Judging, judge_fresh
from ocamba_provider.domain.group_validation import check_group_declared
from ocamba_provider.domain.problems import Code
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.selector import Selector
from ocamba_provider.domain.verdict import (
    Act,
    Held,
    Observation,
    Previous,
    Refusal,
    Verdict,
    verdict,
)
from ocamba_provider.runstate.facts import recorded_facts

RULES, _ = parse_freezes(
    [{"name": "black-friday", "from": "2026-11-27 00:00:00", "until": "2026-11-30 23:59:00"}]
)
FREEZES = Freezes(RULES)
INSIDE = datetime(2026, 11, 28, 12, tzinfo=UTC)
DAILY = [{"rrule": "FREQ=DAILY;BYHOUR=9;BYMINUTE=0", "duration": "PT9H"}]
BF = Selector(labels=("bf",))
AT_ONCE = GroupInputs(BF, {"state": "active", "run_immediately": True})
WINDOWED = GroupInputs(
    BF,
    {"state": "active", "active_from": "2026-11-20 00:00:00", "time_zone": "UTC", "windows": DAILY},
)


def judged_alone(group: GroupInputs, seen: Observation, now: datetime, freezes: Freezes) -> Verdict:
    return verdict(group.member("1"), seen, Previous(), now, freezes=freezes)


@pytest.mark.parametrize("group", [AT_ONCE, WINDOWED], ids=["run-immediately", "windows"])
@pytest.mark.parametrize("status", ["paused", "running", "scheduled"])
@pytest.mark.parametrize(
    "now",
    [INSIDE, datetime(2026, 11, 21, 12, tzinfo=UTC), datetime(2026, 11, 21, 20, tzinfo=UTC)],
    ids=["in-freeze", "in-window", "after-window"],
)
def test_a_member_is_judged_as_the_campaign_declared_alone_freezes_included(
    group: GroupInputs, status: str, now: datetime
) -> None:
    seen = Observation(status, "A")

    (item,) = judge_fresh(Judging(group, now, freezes=FREEZES), {"1": seen}, None, {})

    assert item.verdict == judged_alone(group, seen, now, FREEZES)


def test_no_member_is_resumed_during_a_freeze() -> None:
    (item,) = judge_fresh(
        Judging(AT_ONCE, INSIDE, freezes=FREEZES), {"1": Observation("paused", "A")}, None, {}
    )

    assert isinstance(item.verdict, Refusal)
    assert item.verdict.problem.code is Code.FROZEN


def test_a_pause_of_a_member_during_a_freeze_is_never_blocked() -> None:
    stop = GroupInputs(BF, {"state": "paused", "pause_reason": "incident"})

    (item,) = judge_fresh(
        Judging(stop, INSIDE, freezes=FREEZES), {"1": Observation("running", "A")}, None, {}
    )

    assert isinstance(item.verdict, Act) and item.verdict.action is Action.PAUSE


def test_a_member_the_calendar_pauses_remembers_it_as_a_campaign_declared_alone_does() -> None:
    ended = WINDOWED.with_shared(active_until="2026-11-21 18:00:00")
    evening = datetime(2026, 11, 21, 20, tzinfo=UTC)

    (item,) = judge_fresh(Judging(ended, evening), {"1": Observation("running", "A")}, None, {})

    assert isinstance(item.verdict, Act) and item.verdict.action is Action.PAUSE
    assert item.verdict.by_calendar
    alone = recorded_facts(judged_alone(ended, Observation("running", "A"), evening, NO_FREEZES))
    assert item.fact()[CALENDAR_PAUSE] == alone[CALENDAR_PAUSE]


def test_an_unattended_run_resumes_a_member_only_the_calendar_paused() -> None:
    tick = Judging(WINDOWED, datetime(2026, 11, 22, 10, tzinfo=UTC), unattended=True)
    paused = {"1": Observation("paused", "A")}
    by_calendar = {"status": "paused", "name": "A", CALENDAR_PAUSE: "window closed"}

    (reopened,) = judge_fresh(tick, paused, {"1": by_calendar}, {})
    (by_hand,) = judge_fresh(tick, paused, {"1": {"status": "paused", "name": "A"}}, {})

    assert isinstance(reopened.verdict, Act) and reopened.verdict.action is Action.RESUME
    assert isinstance(by_hand.verdict, Held)  # paused out of band: the tick leaves it


def test_a_group_declares_windows_like_a_campaign_and_gets_their_errors() -> None:
    good = {"select": {"labels": ["bf"]}, "state": "active", "active_from": "2026-11-20 00:00:00"}

    _, fine = check_group_declared({**good, "windows": DAILY, "group": "bf"})
    _, missing = check_group_declared(
        {"select": {"labels": ["bf"]}, "state": "active", "windows": DAILY, "group": "bf"}
    )

    assert fine == []
    assert missing and all(problem.params.get("group") == "bf" for problem in missing)
    assert any(problem.prop == "windows" for problem in missing)
