"""apply (create and update): adopt the campaign and reconcile it, each write at most once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.verdict import Act, Previous, Refusal, verdict
from ocamba_provider.domain.wording import as_error
from ocamba_provider.errors import TransitionError
from ocamba_provider.runstate import audit, clock
from ocamba_provider.runstate.observing import could_not_read, observation_of
from ocamba_provider.runstate.outputs import declared_of, outputs
from ocamba_provider.runstate.reschedule import reschedule
from ocamba_provider.runstate.results import Applied
from ocamba_provider.runstate.run import Run
from ocamba_provider.runstate.transition import carry_out


def apply(run: Run, props: Mapping[str, Any], previous: Mapping[str, Any] | None) -> Applied:
    """Adopt the campaign (none is created) and reconcile it from the freshest status this run
    has seen; `previous` is the last outputs (None: create).

    Raises:
        TransitionError: the verdict refuses, or the write failed (the message says what to do).
    """
    session = run.session()
    inputs = RunStateInputs.from_props(props)
    with could_not_read(inputs.campaign_id, "Nothing was sent; run `pulumi up` again."):
        campaign = session.snapshot.observe(inputs.campaign_id)
    found = verdict(
        inputs,
        observation_of(campaign),
        Previous.recorded(props),
        clock.now_utc(),
        session.settle.seconds,
        unattended=run.unattended,
        freezes=run.freezes,
    )
    if isinstance(found, Refusal):
        raise as_error(found.problem, TransitionError)
    actor, action, settle = audit.ci_actor(), Action.NONE, session.settle
    before = dict(previous) if previous else None
    adoption = audit.adopted(before, campaign)
    # What the write carries: the declaration as of now (a flight's resume or pause).
    if isinstance(found, Act) and found.action is Action.RESCHEDULE:
        assert campaign is not None  # a reschedule is of a scheduled or running campaign
        now_asked = found.declaration
        why = audit.reschedule_reason(now_asked, actor)
        outcome = reschedule(session.snapshot, now_asked, campaign, why, settle=settle)
        campaign, action = outcome.campaign, outcome.action
    elif isinstance(found, Act):
        now_asked = found.declaration
        earlier = audit.earlier_action(before, settle.seconds, settle.clock())
        reason = audit.audit_reason(now_asked, actor)
        outcome = carry_out(
            session.snapshot, now_asked, campaign, reason, settle=settle, earlier=earlier
        )
        campaign, action = outcome.campaign, outcome.action
    now = clock.now_utc()
    outs = outputs(
        declared_of(props),
        campaign,
        action,
        now,
        previous=previous,
        actor=actor,
        freezes=run.freezes,
    )
    return Applied(inputs.campaign_id, outs | adoption)
