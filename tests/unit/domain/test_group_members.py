"""Each member of a group judged as a campaign declared alone, with what only a group has:
joins and leaves, members another declaration decides, members no write can change, and runs
nobody reviews."""

from __future__ import annotations

from datetime import UTC, datetime

from ocamba_provider.domain.group import GroupInputs
from ocamba_provider.domain.group_members import (
    UNATTENDED_JOIN,
    Judging,
    judge_fresh,
    judge_leaver,
)
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.selector import Selector
from ocamba_provider.domain.verdict import Act, Held, Observation, Unchanged
from ocamba_provider.domain.wording.members import counts, counts_words, member_words

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
RESUME = GroupInputs(Selector(labels=("bf",)), {"state": "active", "run_immediately": True})


def judging(group: GroupInputs = RESUME, *, unattended: bool = False) -> Judging:
    return Judging(group, NOW, unattended=unattended, before_state="active")


def test_a_new_group_s_members_all_join_and_each_is_judged_alone() -> None:
    matched = {"2": Observation("running", "B"), "1": Observation("paused", "A")}

    judged = judge_fresh(judging(), matched, None, {})

    assert [(item.campaign_id, item.change) for item in judged] == [("1", "join"), ("2", "join")]
    first, second = judged
    assert isinstance(first.verdict, Act) and first.verdict.action is Action.RESUME
    assert isinstance(second.verdict, Unchanged)
    assert [member_words(item) for item in judged] == ["joins: will resume now", "joins: in sync"]
    assert counts_words(counts(judged)) == "2 join, 1 resume"


def test_a_member_pinned_by_the_last_up_stays() -> None:
    before = {"1": {"status": "running", "name": "A", "adopted_status": "paused"}}

    (item,) = judge_fresh(judging(), {"1": Observation("running", "A")}, before, {})

    assert item.change == "stay"
    assert item.adopted == ("paused", None)  # what on_delete: restore puts back, kept
    assert member_words(item) == "in sync"


def test_a_member_another_declaration_decides_is_held_and_sends_nothing() -> None:
    note = "held: the entry for campaign 1 pauses it (a pause wins)"

    (item,) = judge_fresh(judging(), {"1": Observation("paused", "A")}, None, {"1": note})

    assert item.verdict == Held(note)
    assert not item.acts
    assert item.fact()["governed_by"] == note


def test_a_canceled_member_is_skipped_not_an_error() -> None:
    (item,) = judge_fresh(judging(), {"1": Observation("canceled", "Old")}, None, {})

    assert item.skipped is not None
    assert not item.acts
    assert member_words(item) == "joins: skipped: canceled (cancel is permanent)"


def test_a_run_nobody_reviews_never_adds_a_member() -> None:
    before = {"1": {"status": "running", "name": "A"}}
    matched = {"1": Observation("running", "A"), "2": Observation("paused", "B")}

    stays, joins = judge_fresh(judging(unattended=True), matched, before, {})

    assert joins.verdict == Held(UNATTENDED_JOIN)
    assert not joins.pinned
    assert stays.pinned


def test_a_member_that_left_is_forgotten_by_default() -> None:
    left = judge_leaver(judging(), "1", Observation("running", "A"), {"status": "running"})

    assert left.change == "leave"
    assert isinstance(left.verdict, Unchanged)
    assert not left.pinned
    assert member_words(left) == "leaves: forgotten: keeps running"


def test_a_member_that_left_is_paused_under_on_delete_pause_naming_why() -> None:
    group = RESUME.with_shared(on_delete="pause")

    left = judge_leaver(judging(group), "1", Observation("running", "A"), {"status": "running"})

    assert isinstance(left.verdict, Act) and left.verdict.action is Action.PAUSE
    assert left.verdict.declaration.pause_reason == "left the group (on_delete: pause)"


def test_an_unattended_run_never_restores_a_member_that_left() -> None:
    group = GroupInputs(
        Selector(labels=("bf",)),
        {"state": "paused", "pause_reason": "x", "on_delete": "restore"},
    )
    record = {"status": "paused", "adopted_status": "running"}

    reviewed = judge_leaver(judging(group), "1", Observation("paused", "A"), record)
    unattended = judge_leaver(
        judging(group, unattended=True), "1", Observation("paused", "A"), record
    )

    assert isinstance(reviewed.verdict, Act) and reviewed.verdict.action is Action.RESUME
    assert isinstance(unattended.verdict, Unchanged)


def test_a_member_paused_out_of_band_says_so_beside_the_resume_that_would_undo_it() -> None:
    before = {"1": {"status": "running", "name": "A"}}

    (item,) = judge_fresh(judging(), {"1": Observation("paused", "A")}, before, {})

    assert member_words(item) == "will resume now (paused out of band)"
