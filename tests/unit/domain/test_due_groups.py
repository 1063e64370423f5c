"""Is a run due for a group's members? Each member judged as the group's own unattended check
judges it, under the run's precedence (domain/due.py with `groups`).

A group whose flight ended with running members is due (one pause each, named by the group);
inside its flight it is not, and its end is the next run needed. A pause wins, an entry by id
wins over a group, two groups that disagree are a problem; a member no write can change is left
be, as the group's check leaves it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ocamba_provider.domain.calendar import Transition
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.due import Ahead, due_now
from ocamba_provider.domain.freezes import NO_FREEZES
from ocamba_provider.domain.group import GroupInputs
from ocamba_provider.domain.precedence import GroupMembers
from ocamba_provider.domain.selector import Selector
from ocamba_provider.domain.upcoming import Planned, outlook
from ocamba_provider.domain.verdict import Observation

NOW = datetime(2026, 12, 28, 0, 0, tzinfo=UTC)
ENDED = "2026-12-27 22:59:00"
LATER = "2027-01-02 18:00:00"
SOONER = "2026-12-30 08:00:00"


def group(members: list[str], **shared: object) -> GroupMembers:
    declared = GroupInputs(Selector(labels=("bf",)), {"state": "active", **shared})
    return GroupMembers(declared, frozenset(members))


def running(*ids: str) -> dict[str, Observation]:
    return {cid: Observation("running", f"Push {cid}") for cid in ids}


def test_a_group_whose_flight_ended_is_due_with_a_pause_per_running_member() -> None:
    answer = due_now(
        [], running("1", "2"), NOW, groups={"bf": group(["1", "2"], active_until=ENDED)}
    )

    assert answer.is_due
    assert [(s.campaign_id, s.group, s.action, s.since) for s in answer.due] == [
        ("1", "bf", "pause", ENDED),
        ("2", "bf", "pause", ENDED),
    ]
    assert answer.due[0].words == f"pause: flight ended at {ENDED} GMT"


def test_inside_its_flight_a_group_is_not_due_and_its_end_is_the_next_run() -> None:
    answer = due_now(
        [], running("1"), NOW, groups={"bf": group(["1"], active_until=LATER)}, default_zone="UTC"
    )

    assert not answer.is_due and answer.held == () and answer.problems == ()
    assert answer.next_run == Ahead(Transition(LATER, "pause"), "", "UTC", "bf")


def test_a_group_ahead_counts_even_before_it_has_members() -> None:
    answer = due_now(
        [RunStateInputs("9", "active", active_until=LATER)],
        running("9"),
        NOW,
        groups={"bf": group([], active_from=SOONER, active_until="2026-12-31 00:00:00")},
    )

    assert answer.ahead == Ahead(Transition(SOONER, "resume"), "", None, "bf")
    assert answer.next_run == Ahead(Transition(LATER, "pause"), "9")


def test_an_entry_by_id_decides_a_member_over_its_group() -> None:
    entry = RunStateInputs("1", "active", active_until=LATER)

    answer = due_now(
        [entry], running("1", "2"), NOW, groups={"bf": group(["1", "2"], active_until=ENDED)}
    )

    assert [(s.campaign_id, s.group) for s in answer.due] == [("2", "bf")]
    assert answer.held == ()


def test_a_pausing_group_wins_over_an_entry_that_keeps_it_running() -> None:
    entry = RunStateInputs("1", "active", active_until=LATER)
    pausing = GroupMembers(
        GroupInputs(Selector(labels=("old",)), {"state": "paused", "pause_reason": "retired"}),
        frozenset({"1"}),
    )

    answer = due_now([entry], running("1"), NOW, groups={"old": pausing})

    assert [(s.campaign_id, s.group, s.action) for s in answer.due] == [("1", "old", "pause")]


def test_two_groups_that_resume_one_campaign_differently_are_a_problem_not_a_run() -> None:
    groups = {"a": group(["1"], active_until=ENDED), "b": group(["1"], active_until=LATER)}

    answer = due_now([], running("1"), NOW, groups=groups)

    assert not answer.is_due
    (problem,) = answer.problems
    assert problem.campaign_id == "1" and "groups a and b" in problem.words


def test_a_member_no_write_can_change_is_left_be_and_a_paused_one_is_held() -> None:
    seen = {"1": Observation("sent"), "2": Observation("paused", "Push 2")}

    answer = due_now([], seen, NOW, groups={"bf": group(["1", "2"], active_until=LATER)})

    assert not answer.is_due and answer.problems == ()
    assert [(s.campaign_id, s.group) for s in answer.held] == [("2", "bf")]


def test_a_groups_calendar_is_planned_once_by_its_name() -> None:
    declared = group([], active_from=SOONER, active_until=LATER).declaration
    found = outlook(
        [Planned(declared.member(""), "", "UTC", "bf")], NO_FREEZES, NOW, timedelta(days=7)
    )

    assert [(c.group, c.campaign_id, c.happening) for c in found.changes] == [
        ("bf", "", "resume"),
        ("bf", "", "pause"),
    ]
    assert [span.label for span in found.spans] == ["group bf"]
