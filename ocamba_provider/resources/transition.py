"""Carrying out one resume or pause, exactly once.

A resume with run_immediately sends messages to real people, so every path that does not end in
a 204 reads the status before it considers sending again:
- a 400 from a resume or pause means the campaign is not in the status the decision assumed
  (the snapshot was stale, someone clicked in the UI): read it, decide again;
- an ambiguous failure (timeout, dropped connection, 5xx after sending) means the write may
  have been applied: read it; if the campaign is already where we want it, that is success.
A resend after a read is safe even if the read lags behind reality: the API refuses to resume
a campaign that is not `paused`, and that refusal leads here again, not to a second send.
A refusal is fresher than a read that lags behind a write: a resume refused as "not paused", or
a pause of ours whose outcome was unknown refused as "not running", took effect.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, replace

from ocamba_provider.client import (
    Campaign,
    HoodAmbiguousWrite,
    HoodAuthError,
    HoodBadRequest,
    HoodError,
    HoodInvalidArgument,
    HoodNotFound,
)
from ocamba_provider.errors import TransitionError
from ocamba_provider.reconcile import NOT_FOUND, Action, Problem, decide
from ocamba_provider.resources.inputs import RunStateInputs
from ocamba_provider.snapshot import StatusSnapshot

log = logging.getLogger("ocamba_provider")

MAX_DECISIONS = 4
"""Read-and-decide rounds before giving up: each round follows a refusal or an ambiguity."""


@dataclass(frozen=True)
class Outcome:
    """Where a campaign ended and what this run did to it."""

    campaign: Campaign
    action: Action


def _status(campaign: Campaign | None) -> str:
    return campaign.status if campaign is not None else NOT_FOUND


def _title(inputs: RunStateInputs, campaign: Campaign | None) -> str:
    name = campaign.name if campaign is not None and campaign.name else None
    return f"campaign {inputs.campaign_id}" + (f" ({name})" if name else "")


def _announce(inputs: RunStateInputs, campaign: Campaign, action: Action) -> None:
    if action is Action.RESUME:
        how = (
            f"scheduled for {inputs.scheduled_time} GMT"
            if inputs.scheduled_time
            else "running immediately"
        )
        line = f"ocamba: resumed {_title(inputs, campaign)}: {how}"
    else:
        line = f"ocamba: paused {_title(inputs, campaign)}" + (
            f": {inputs.pause_reason}" if inputs.pause_reason else ""
        )
    # The engine shows a dynamic provider's stderr in the CI log; logging is for debugging.
    print(line, file=sys.stderr, flush=True)
    log.info(line)


def _send(
    snapshot: StatusSnapshot, action: Action, inputs: RunStateInputs, reason: str | None
) -> None:
    client = snapshot.client
    if action is Action.RESUME:
        client.resume(inputs.campaign_id, **inputs.resume_body())
    else:
        client.pause(inputs.campaign_id, reason=reason)


def _after_write(campaign: Campaign, action: Action, inputs: RunStateInputs) -> Campaign:
    if action is Action.PAUSE:
        return replace(campaign, status="paused")
    if inputs.scheduled_time is not None:
        return replace(campaign, status="scheduled", scheduled_time=inputs.scheduled_time)
    return replace(campaign, status="running")


def _failure(
    inputs: RunStateInputs, campaign: Campaign | None, action: Action, error: HoodError
) -> TransitionError:
    verb = "resume" if action is Action.RESUME else "pause"
    if isinstance(error, HoodAuthError):
        remedy = (
            "Check the token in `ocamba:apiToken` or OCAMBA_API_TOKEN and its access to "
            "this workspace."
        )
    else:
        remedy = (
            "Nothing was sent twice; run `pulumi up` again: it reads the status first "
            "and only sends what is still needed."
        )
    return TransitionError(
        f"{_title(inputs, campaign)}: could not {verb} (observed status: {_status(campaign)}): "
        f"{error}. {remedy}"
    )


def carry_out(
    snapshot: StatusSnapshot,
    inputs: RunStateInputs,
    campaign: Campaign | None,
    reason: str | None = None,
) -> Outcome:
    """Take the campaign to the declared state with at most one applied write.

    Raises:
        TransitionError: the decision is a Problem, or the API kept refusing or failing.
    """
    attempted: Action | None = None
    for _ in range(MAX_DECISIONS):
        decision = decide(inputs.state, _status(campaign))
        if isinstance(decision, Problem):
            raise TransitionError(
                decision.describe(inputs.campaign_id, campaign.name if campaign else None)
            )
        assert campaign is not None  # not found is a Problem
        if decision is Action.NONE:
            # In sync: either it already was, or an earlier round's ambiguous write took effect.
            if attempted is not None:
                _announce(inputs, campaign, attempted)
            return Outcome(campaign, attempted or Action.NONE)
        try:
            _send(snapshot, decision, inputs, reason)
        except HoodAmbiguousWrite:
            attempted = decision
            campaign = _reread(snapshot, inputs, campaign, decision)
            continue
        except HoodBadRequest as refused:
            fresh = _reread(snapshot, inputs, campaign, decision)
            if refused.not_paused and decision is Action.RESUME and _status(fresh) == "paused":
                # The API's refusal is fresher than a read that may lag behind a write:
                # the campaign is not paused, so a resume (ours, ambiguous, or someone
                # else's) already took effect. Sending again could only be refused again.
                after = _after_write(campaign, decision, inputs)
                snapshot.record(after)
                if attempted is not None:
                    _announce(inputs, after, attempted)
                return Outcome(after, attempted or Action.NONE)
            if (
                attempted is Action.PAUSE
                and decision is Action.PAUSE
                and refused.not_running
                and _status(fresh) in ("running", "scheduled")
            ):
                # Our earlier pause had an unknown outcome, and now the API says the campaign
                # is no longer running or scheduled while a read still shows it so: the read
                # lags behind our pause, which took effect. (Without our own ambiguous pause
                # the refusal could mean sent or canceled: that is reported, not guessed.)
                after = _after_write(campaign, decision, inputs)
                snapshot.record(after)
                _announce(inputs, after, attempted)
                return Outcome(after, attempted)
            if decide(inputs.state, _status(fresh)) is decision:
                # The status says the write should be accepted, yet it was refused: the body
                # or the API changed. Reading again will not help.
                raise _failure(inputs, fresh, decision, refused) from None
            campaign = fresh
            continue
        except HoodNotFound:
            campaign = None
            continue
        except HoodError as error:
            raise _failure(inputs, campaign, decision, error) from None
        except HoodInvalidArgument as refused:
            # Refused by the client before sending (an id or time the API cannot take).
            raise TransitionError(
                f"{_title(inputs, campaign)}: cannot {decision.value} "
                f"(observed status: {_status(campaign)}): {refused}. Nothing was sent."
            ) from None
        after = _after_write(campaign, decision, inputs)
        snapshot.record(after)
        _announce(inputs, after, decision)
        return Outcome(after, decision)
    raise TransitionError(
        f"{_title(inputs, campaign)}: the API kept refusing or failing after "
        f"{MAX_DECISIONS} read-and-decide rounds (observed status: {_status(campaign)}). "
        "Nothing was sent twice; check the campaign in Hood and run `pulumi up` again."
    )


def _reread(
    snapshot: StatusSnapshot, inputs: RunStateInputs, campaign: Campaign | None, action: Action
) -> Campaign | None:
    try:
        return snapshot.reread(inputs.campaign_id)
    except HoodError as error:
        raise _failure(inputs, campaign, action, error) from None
