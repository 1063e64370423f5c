"""diff of a group: a change when its membership moved or a member needs a write; never reads.

The membership check recorded (`observed_members`) is compared with the one the last up pinned
(`members` of the old outputs): a join or a leave is a change. Each member this group decides is
judged as a campaign's diff judges it (diff.py), from what this process already read of it (a
refresh's read, or check's), else from check's record. A new policy or selector is recorded
without an API call.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ocamba_provider.domain.group import (
    GROUP_DECLARED,
    OBSERVED_MEMBERS,
    GroupInputs,
    member_facts,
    pinned_members,
)
from ocamba_provider.domain.group_members import Judging, judge_recorded
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.verdict import Observation, needed
from ocamba_provider.runstate import clock
from ocamba_provider.runstate.observing import observation_of
from ocamba_provider.runstate.results import ChangeKind, Changes, PropertyChange
from ocamba_provider.runstate.run import Run
from ocamba_provider.runstate.session import existing_session

_SEEN: Final = PropertyChange(ChangeKind.UPDATE, input_diff=False)
_DECLARED: Final = PropertyChange(ChangeKind.UPDATE, input_diff=True)


def diff_group(run: Run, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Changes:
    """A change when a member joins or leaves or needs a write; a new declaration is recorded."""
    try:
        group = GroupInputs.from_props(news)
    except ValueError:
        return Changes(None)  # the selector is known only at apply
    facts, pinned = member_facts(news), pinned_members(olds)
    declared = {key: _DECLARED for key in GROUP_DECLARED if olds.get(key) != news.get(key)}
    judging = Judging(group, clock.now_utc(), run.settle_s, run.unattended, freezes=run.freezes)
    judged = judge_recorded(judging, facts, _freshest(run, facts), pinned)
    moved = set(facts) != set(pinned)
    writes = any(item.acts and needed(item.verdict) is not Action.NONE for item in judged)
    if moved or writes:
        return Changes(True, detail={OBSERVED_MEMBERS: _SEEN, **declared})
    return Changes(True, detail=declared) if declared else Changes(False)


def _freshest(run: Run, facts: Mapping[str, Any]) -> dict[str, Observation]:
    """What this process read itself of each member (fresher than check's record)."""
    session = existing_session(run.settings) if run.settings is not None else None
    if session is None:
        return {}
    found = {}
    for campaign_id in facts:
        known, campaign = session.snapshot.seen(campaign_id)
        if known:
            found[campaign_id] = observation_of(campaign)
    return found
