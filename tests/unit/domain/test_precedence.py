"""Which declaration decides a campaign several select: a pause wins, then an entry by id over a
group; two groups that resume it differently are a conflict naming both."""

from __future__ import annotations

from typing import Any

from ocamba_provider.domain.group import GroupInputs
from ocamba_provider.domain.precedence import Conflict, Declarer, GroupMembers, govern
from ocamba_provider.domain.selector import Selector

RESUME_NOW = {"state": "active", "run_immediately": True}
RESUME_LATER = {"state": "active", "scheduled_time": "2030-01-01 09:00:00"}
PAUSE = {"state": "paused", "pause_reason": "season over"}


def group(members: set[str], **shared: Any) -> GroupMembers:
    return GroupMembers(GroupInputs(Selector(labels=("x",)), shared), frozenset(members))


def test_a_campaign_one_declaration_selects_is_decided_by_it() -> None:
    found = govern({}, {"bf": group({"1"}, **RESUME_NOW)})

    assert found.deferral("1", Declarer("group", "bf")) is None
    assert found.governors == {}


def test_a_pausing_group_wins_over_a_resuming_entry_by_id() -> None:
    found = govern({"1": "active"}, {"stop": group({"1"}, **PAUSE)})

    assert found.deferral("1", Declarer("group", "stop", pauses=True)) is None
    assert found.deferral("1", Declarer("entry", "1")) == (
        "held: group stop pauses it (a pause wins)"
    )


def test_a_pausing_entry_wins_over_a_pausing_group() -> None:
    found = govern({"1": "paused"}, {"stop": group({"1"}, **PAUSE)})

    assert found.deferral("1", Declarer("entry", "1", pauses=True)) is None
    assert found.deferral("1", Declarer("group", "stop", pauses=True)) == (
        "held: the entry for campaign 1 pauses it (a pause wins)"
    )


def test_a_pausing_group_wins_over_a_resuming_group() -> None:
    groups = {"a-resume": group({"1", "2"}, **RESUME_NOW), "z-stop": group({"1"}, **PAUSE)}

    found = govern({}, groups)

    assert found.deferral("1", Declarer("group", "z-stop", pauses=True)) is None
    assert found.deferral("1", Declarer("group", "a-resume")) == (
        "held: group z-stop pauses it (a pause wins)"
    )
    assert found.deferral("2", Declarer("group", "a-resume")) is None


def test_an_entry_by_id_wins_over_a_group_when_neither_pauses() -> None:
    found = govern({"1": "active"}, {"bf": group({"1"}, **RESUME_LATER)})

    assert found.deferral("1", Declarer("entry", "1")) is None
    assert found.deferral("1", Declarer("group", "bf")) == (
        "held: the entry for campaign 1 decides it (an entry by id wins over a group)"
    )


def test_two_groups_that_resume_alike_let_the_first_by_name_act() -> None:
    found = govern({}, {"b": group({"1"}, **RESUME_NOW), "a": group({"1"}, **RESUME_NOW)})

    assert found.deferral("1", Declarer("group", "a")) is None
    assert found.deferral("1", Declarer("group", "b")) is not None
    assert found.conflicts == ()


def test_two_groups_that_resume_differently_conflict_and_neither_acts() -> None:
    found = govern({}, {"a": group({"1"}, **RESUME_NOW), "b": group({"1"}, **RESUME_LATER)})

    assert found.conflicts == (Conflict("1", ("a", "b")),)
    assert found.conflicts_of("b") == [Conflict("1", ("a", "b"))]
    for name in ("a", "b"):
        assert "two groups that disagree" in str(found.deferral("1", Declarer("group", name)))


def test_a_different_pause_reason_or_zone_is_no_conflict() -> None:
    first = group({"1"}, **RESUME_NOW, pause_reason="x", time_zone="Europe/Belgrade")
    second = group({"1"}, **RESUME_NOW, pause_reason="y")

    assert govern({}, {"a": first, "b": second}).conflicts == ()
