"""apply of a group (create and update): each member through the same transition loop as a
campaign declared alone, exactly once, and each member that left per `on_delete`.

Members are carried out side by side (the account's budget paces them all), so a member that
waits for a settled read does not hold up the others. A member whose write fails or is refused
does not stop the rest: every other member is carried out, then the update fails naming each
failed member and the time from which a new up is safe. A new up reads every member's live
status first, so a write this run confirmed is seen as done, never sent again.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, Final

from ocamba_provider.client import Campaign
from ocamba_provider.domain.group import (
    GROUP,
    GroupInputs,
    member_facts,
    pinned_members,
)
from ocamba_provider.domain.group_members import Judged, Judging, judge_leaver, judge_recorded
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.selector import SELECT
from ocamba_provider.domain.verdict import Act, Refusal
from ocamba_provider.domain.wording import as_error
from ocamba_provider.errors import OcambaError, TransitionError
from ocamba_provider.runstate import audit, clock
from ocamba_provider.runstate.group_outputs import group_outputs, member_record
from ocamba_provider.runstate.observing import observation_of
from ocamba_provider.runstate.reschedule import reschedule
from ocamba_provider.runstate.results import Applied
from ocamba_provider.runstate.run import Run
from ocamba_provider.runstate.session import Session
from ocamba_provider.runstate.transition import carry_out

WORKERS: Final = 8
"""Members carried out at once: enough to keep the account's 10 a second busy while some wait
for a settled read; the budget, not this, sets the pace."""


def apply_group(run: Run, props: Mapping[str, Any], previous: Mapping[str, Any] | None) -> Applied:
    """Reconcile every member check recorded, and each member that left, each write at most
    once; `previous` is the last outputs (None: create).

    Raises:
        TransitionError: some members failed (the others are done); the message names each.
    """
    session = run.session()
    name = str(props.get(GROUP) or "")
    group = GroupInputs.from_props(props)
    facts, pinned = member_facts(props), pinned_members(previous)
    leaving = sorted(set(pinned) - set(facts))
    session.snapshot.hint([*facts, *leaving])
    campaigns = {cid: session.snapshot.observe(cid) for cid in [*facts, *leaving]}
    judging = Judging(
        group, clock.now_utc(), session.settle.seconds, run.unattended, freezes=run.freezes
    )
    seen = {cid: observation_of(campaign) for cid, campaign in campaigns.items()}
    judged = judge_recorded(judging, facts, seen)
    old_facts = member_facts(previous or {})
    judged += [
        judge_leaver(judging, cid, seen[cid], {**pinned[cid], **old_facts.get(cid, {})})
        for cid in leaving
    ]
    work = [item for item in judged if item.acts and isinstance(item.verdict, Act | Refusal)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        done = dict(
            zip(
                [item.campaign_id for item in work],
                pool.map(lambda item: _carry(session, name, item, campaigns, pinned), work),
                strict=True,
            )
        )
    failures = [found for found in done.values() if isinstance(found, Problem)]
    now = clock.now_utc()
    actor = audit.ci_actor()
    records = {}
    for cid, fact in facts.items():
        outcome = done.get(cid)
        campaign, action = outcome if isinstance(outcome, tuple) else (campaigns[cid], Action.NONE)
        records[cid] = member_record(
            fact, campaign, action, now=now, previous=pinned.get(cid), actor=actor
        )
    if failures:
        sent = sum(
            1 for found in done.values() if isinstance(found, tuple) and found[1] is not Action.NONE
        )
        raise _failed(name, failures, len(judged), sent, session)
    return Applied(name, group_outputs(props, records, now, run.freezes))


def _carry(
    session: Session,
    group: str,
    item: Judged,
    campaigns: Mapping[str, Campaign | None],
    pinned: Mapping[str, Mapping[str, Any]],
) -> tuple[Campaign | None, Action] | Problem:
    """One member's write, exactly once; a Problem when it failed or was refused."""
    found = item.verdict
    if isinstance(found, Refusal):
        return Problem(
            Code.GROUP_MEMBER, found.prop, params={"group": group, "because": found.problem}
        )
    assert isinstance(found, Act)
    campaign, settle = campaigns[item.campaign_id], session.settle
    actor = audit.ci_actor()
    declaration = found.declaration
    if declaration.state == "paused" and item.change != "leave":
        # The reason sent names the declaration that paused it, for whoever reads Hood.
        reason = declaration.pause_reason or "paused"
        declaration = replace(declaration, pause_reason=f"{reason} (group {group})")
    try:
        if found.action is Action.RESCHEDULE:
            assert campaign is not None  # a reschedule is of a scheduled or running campaign
            why = audit.reschedule_reason(declaration, actor)
            outcome = reschedule(session.snapshot, declaration, campaign, why, settle=settle)
        else:
            earlier = audit.earlier_action(
                dict(pinned.get(item.campaign_id) or {}), settle.seconds, settle.clock()
            )
            sent_reason = audit.audit_reason(declaration, actor)
            outcome = carry_out(
                session.snapshot, declaration, campaign, sent_reason, settle=settle, earlier=earlier
            )
    except OcambaError as error:
        inner = error.problem if isinstance(error.problem, Problem) else None
        return inner or Problem(
            Code.WRITE_FAILED, "state", item.campaign_id, params={"error": str(error)}
        )
    return outcome.campaign, outcome.action


def _failed(
    group: str, failures: list[Problem], total: int, sent: int, session: Session
) -> TransitionError:
    params = {
        "group": group,
        "failures": failures,
        "total": total,
        "done": sent,
        "safe_from": session.settle.safe_from(session.settle.clock()),
    }
    return as_error(Problem(Code.GROUP_FAILED, SELECT, params=params), TransitionError)
