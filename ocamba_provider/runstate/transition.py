"""Carrying out one resume or pause, exactly once.

A resume with run_immediately sends messages to real people, so every path that does not end in
a 204 reads the status before it considers sending again, and no path reads meaning into the
API's message text (the documented 400 messages are generic):
- a 400 from a resume or pause means "not applied": read afresh and decide again; if the fresh
  read says the write is still needed, fail with the API's message; never resend;
- an ambiguous failure (timeout, dropped connection, 5xx after sending) means the write may
  have been applied: read; already where we want it is success. Still the old status is not
  yet permission to resend: Hood's writes are "automatically synchronized", so reads and the
  server's own "is it paused?" check may both trail the write. Only a read that starts at least
  `settle.seconds` after the ambiguous send may allow the resend. Until then this campaign
  polls (other campaigns go on in other threads), and says so.
- a resume at a time less than a minute ahead is never sent as a `scheduled_time` that may be
  past when it arrives: the run waits for the time, then resumes now.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Final

from ocamba_provider.client import (
    Campaign,
    HoodAmbiguousWrite,
    HoodAuthError,
    HoodBadRequest,
    HoodError,
    HoodInvalidArgument,
    HoodNotFound,
)
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.reconcile import NOT_FOUND, Action, decide
from ocamba_provider.domain.times import parse_api_time
from ocamba_provider.domain.wording import announcement, as_error, title, waiting_line
from ocamba_provider.errors import TransitionError
from ocamba_provider.runstate.settle import SILENT_WAIT_S, Settle, say
from ocamba_provider.snapshot import StatusSnapshot

log = logging.getLogger("ocamba_provider")

MAX_DECISIONS = 4
"""Writes sent before giving up: each one after the first follows a refusal or an ambiguity
(and, after an ambiguity, a settled read)."""
DEFAULT_SETTLE: Final = Settle()
MIN_LEAD_S = 60.0
"""A scheduled_time nearer than this may be past when it reaches Hood: wait, then resume now."""


@dataclass(frozen=True)
class Outcome:
    """Where a campaign ended and what this run did to it."""

    campaign: Campaign
    action: Action


def _status(campaign: Campaign | None) -> str:
    return campaign.status if campaign is not None else NOT_FOUND


def _name(campaign: Campaign | None) -> str:
    return campaign.name if campaign is not None else ""


def _verb(action: Action) -> str:
    return "resume" if action is Action.RESUME else "pause"


def _announce(inputs: RunStateInputs, campaign: Campaign, action: Action) -> None:
    line = announcement(
        action is Action.RESUME,
        inputs.campaign_id,
        campaign.name,
        inputs.scheduled_time,
        inputs.pause_reason,
    )
    say(line)


def _as_sent(inputs: RunStateInputs, campaign: Campaign, settle: Settle) -> RunStateInputs:
    """The resume to send: at its time, or now once the time is less than a minute ahead (the
    run first waits for it, so the campaign still starts at the declared time)."""
    when = inputs.scheduled_time
    if when is None:
        return inputs
    lead = (parse_api_time(when) - settle.now()).total_seconds()
    if lead >= MIN_LEAD_S:
        return inputs
    settle.wait(
        lead,
        f"{title(inputs.campaign_id, campaign.name)} starts at {when} GMT, less than a minute "
        "ahead: a scheduled_time that close could be past when it reaches Hood, so it is "
        "resumed now at that time",
    )
    return replace(inputs, scheduled_time=None, run_immediately=True)


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
    inputs: RunStateInputs,
    campaign: Campaign | None,
    action: Action,
    error: HoodError,
    code: Code = Code.WRITE_FAILED,
    **params: object,
) -> TransitionError:
    problem = Problem(
        code,
        "state",
        inputs.campaign_id,
        _name(campaign),
        _status(campaign),
        {"verb": _verb(action), "error": str(error), "auth": isinstance(error, HoodAuthError)}
        | params,
    )
    return as_error(problem, TransitionError)


def carry_out(
    snapshot: StatusSnapshot,
    inputs: RunStateInputs,
    campaign: Campaign | None,
    reason: str | None = None,
    *,
    settle: Settle = DEFAULT_SETTLE,
    earlier: tuple[Action, float] | None = None,
) -> Outcome:
    """Take the campaign to the declared state with at most one applied write.

    `earlier` is an action already sent and its wall time (a previous run's, from its
    outputs), whose effect reads may not show yet: sending the same action again then waits
    for a settled read, as after an ambiguous write.

    Raises:
        TransitionError: the decision is a Problem, or the API refused or kept failing.
    """
    attempted: Action | None = None
    sends = 0
    while True:
        decision = decide(inputs.state, _status(campaign))
        if isinstance(decision, Problem):
            raise as_error(decision.about(inputs.campaign_id, _name(campaign)), TransitionError)
        assert campaign is not None  # not found is a Problem
        if decision is Action.NONE:
            # In sync: either it already was, or an earlier round's ambiguous write took effect.
            if attempted is not None:
                _announce(inputs, campaign, attempted)
            return Outcome(campaign, attempted or Action.NONE)
        if earlier is not None and earlier[0] is decision:
            # The read that asks for this write may predate the earlier one's effect.
            campaign = _settled_read(
                snapshot, inputs, campaign, decision, since=earlier[1], settle=settle
            )
            earlier = None
            continue
        if sends == MAX_DECISIONS:
            break
        sends += 1
        sent = _as_sent(inputs, campaign, settle) if decision is Action.RESUME else inputs
        try:
            _send(snapshot, decision, sent, reason)
        except HoodAmbiguousWrite:
            attempted, earlier = decision, (decision, settle.clock())
            campaign = _reread(
                snapshot, inputs, campaign, decision, settle=settle, unsettled_since=earlier[1]
            )
            continue
        except (HoodBadRequest, HoodNotFound) as refused:
            # Refused means not applied, whatever the message says: decide on a fresh read.
            fresh = _reread(
                snapshot, inputs, campaign, decision, settle=settle, unsettled_since=None
            )
            if decide(inputs.state, _status(fresh)) is decision:
                raise _failure(inputs, fresh, decision, refused, Code.WRITE_REFUSED) from None
            campaign = fresh
            continue
        except HoodInvalidArgument as refused:
            # Refused by the client before sending (an id or time the API cannot take). Before
            # `except HoodError`: it is one of the client's errors too.
            problem = Problem(
                Code.WRITE_NOT_SENDABLE,
                "campaign_id",
                inputs.campaign_id,
                _name(campaign),
                _status(campaign),
                {"action": decision.value, "error": str(refused)},
            )
            raise as_error(problem, TransitionError) from None
        except HoodError as error:
            raise _failure(inputs, campaign, decision, error) from None
        after = _after_write(campaign, decision, sent)
        snapshot.record(after)
        _announce(inputs, after, decision)
        return Outcome(after, decision)
    exhausted = Problem(
        Code.WRITE_ROUNDS_EXHAUSTED,
        "state",
        inputs.campaign_id,
        _name(campaign),
        _status(campaign),
        {"rounds": MAX_DECISIONS},
    )
    raise as_error(exhausted, TransitionError)


def _settled_read(
    snapshot: StatusSnapshot,
    inputs: RunStateInputs,
    campaign: Campaign,
    action: Action,
    *,
    since: float,
    settle: Settle,
) -> Campaign | None:
    """Poll until the campaign no longer needs `action` or a read starts settled."""
    deadline = since + settle.seconds
    wait = settle.first_poll_s
    left = deadline - settle.clock()
    if left > SILENT_WAIT_S:
        say(
            waiting_line(
                left,
                f"{title(inputs.campaign_id, campaign.name)}: a {_verb(action)} sent "
                f"{settle.clock() - since:.0f} s ago may not show in reads yet; only a read "
                f"{settle.seconds:g} s after it may allow sending it again (ocamba:settleSeconds)",
            )
        )
    while True:
        left = deadline - settle.clock()
        if left > 0:
            settle.sleep(min(wait, left))
            wait = min(wait * 2, settle.max_poll_s)
        settled = settle.clock() >= deadline
        fresh = _reread(snapshot, inputs, campaign, action, settle=settle, unsettled_since=since)
        if settled or decide(inputs.state, _status(fresh)) is not action:
            if settled and decide(inputs.state, _status(fresh)) is action:
                log.info(
                    "campaign %s still %s %.0f s after an ambiguous %s: sending again",
                    inputs.campaign_id,
                    _status(fresh),
                    settle.seconds,
                    _verb(action),
                )
            return fresh


def _reread(
    snapshot: StatusSnapshot,
    inputs: RunStateInputs,
    campaign: Campaign | None,
    action: Action,
    *,
    settle: Settle,
    unsettled_since: float | None,
) -> Campaign | None:
    try:
        return snapshot.reread(inputs.campaign_id)
    except HoodError as error:
        if unsettled_since is None:
            raise _failure(inputs, campaign, action, error) from None
        raise _failure(
            inputs,
            campaign,
            action,
            error,
            Code.WRITE_UNSETTLED,
            safe_from=settle.safe_from(unsettled_since),
        ) from None
