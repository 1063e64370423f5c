"""refresh (read) and delete of a group.

refresh reads every pinned member's live status in bulk into the outputs and check's record, so
`refresh --expect-no-changes` is clean after an up and dirty once a member moved (diff judges
each member from this read, group_diff.py). Who is a member is not re-read: a join is for a
reviewed preview to show, not for a refresh to pin.

delete applies `on_delete` to every member, as each member's leaving would (forget: no API
call; pause; restore, never in an unattended run), each write exactly once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocamba_provider.domain.group import (
    GROUP,
    MEMBERS,
    OBSERVED_MEMBERS,
    GroupInputs,
    declared_of_group,
    member_facts,
    pinned_members,
)
from ocamba_provider.domain.group_members import Judging, judge_leaver
from ocamba_provider.domain.reconcile import NOT_FOUND
from ocamba_provider.domain.verdict import Act, Refusal
from ocamba_provider.domain.wording import as_error
from ocamba_provider.domain.wording.groups import member_line
from ocamba_provider.domain.wording.members import member_words
from ocamba_provider.errors import TransitionError
from ocamba_provider.runstate import audit, clock
from ocamba_provider.runstate.group_said import members_unread
from ocamba_provider.runstate.observing import observation_of
from ocamba_provider.runstate.results import Refreshed
from ocamba_provider.runstate.run import Run
from ocamba_provider.runstate.settle import say
from ocamba_provider.runstate.transition import carry_out


def refresh_group(run: Run, id_: str, props: Mapping[str, Any]) -> Refreshed:
    """Every pinned member's live status into the outputs and check's record.

    Raises:
        OcambaError: the read failed.
    """
    session = run.session()
    pinned, facts = pinned_members(props), member_facts(props)
    ids = sorted(set(pinned) | set(facts))
    with members_unread(str(props.get(GROUP) or id_), "Run the refresh again."):
        session.snapshot.hint(ids)
        live = {cid: session.snapshot.observe(cid) for cid in ids}
    for cid, campaign in live.items():
        seen = observation_of(campaign)
        fresh = {"status": seen.status, "name": seen.name or facts.get(cid, {}).get("name", "")}
        if cid in facts:
            facts[cid] = {k: v for k, v in facts[cid].items() if k != "scheduled_time"} | fresh
            if seen.scheduled_time:
                facts[cid]["scheduled_time"] = seen.scheduled_time
        if cid in pinned:
            pinned[cid] = pinned[cid] | {"status": campaign.status if campaign else NOT_FOUND}
    inputs = declared_of_group(props) | {GROUP: props.get(GROUP), OBSERVED_MEMBERS: facts}
    return Refreshed(id_, {**props, **inputs, MEMBERS: pinned}, inputs)


def remove_group(run: Run, id_: str, props: Mapping[str, Any]) -> None:
    """Apply `on_delete` to every member.

    Raises:
        TransitionError: a write failed or was refused (the others are done).
    """
    name = str(props.get(GROUP) or id_)
    group = GroupInputs.from_props(props)
    pinned, facts = pinned_members(props), member_facts(props)
    on_delete = str(group.shared.get("on_delete") or "forget")
    if on_delete == "forget" or (on_delete == "restore" and run.unattended):
        for cid, record in sorted(pinned.items()):
            words = f"leaves: forgotten: keeps {record.get('status') or 'its status'}"
            say(member_line(name, cid, str(record.get("name") or ""), words))
        return
    session = run.session()
    with members_unread(name, "Nothing was sent; run `pulumi destroy` again."):
        session.snapshot.hint(sorted(pinned))
        live = {cid: session.snapshot.observe(cid) for cid in sorted(pinned)}
    judging = Judging(
        group, clock.now_utc(), session.settle.seconds, run.unattended, freezes=run.freezes
    )
    actor = audit.ci_actor()
    for cid, campaign in live.items():
        item = judge_leaver(
            judging, cid, observation_of(campaign), {**pinned[cid], **facts.get(cid, {})}
        )
        if isinstance(item.verdict, Refusal):
            raise as_error(item.verdict.problem, TransitionError)
        if not isinstance(item.verdict, Act):
            say(member_line(name, cid, item.observation.name, member_words(item, on_delete)))
            continue
        goal = item.verdict.declaration
        carry_out(session.snapshot, goal, campaign, audit.audit_reason(goal, actor))
