"""Moving a scheduled campaign to the declared time: pause, wait, resume at T, read back.

Hood has no "reschedule": a `scheduled` campaign can only be paused, then resumed at a new
`scheduled_time`. Each of the two writes goes through `carry_out`, so each is sent exactly once
under every fault (a refused write is never resent; an ambiguous one only after a settled
read). Between them the run waits until the pause is visible: a resume sent while reads (and
the server's own "is it paused?" check) still trail the pause would be refused, or worse.
After the resume the time Hood reports is read back once it shows: a time other than the one
sent means this provider misreads Hood's field or zone, and the run stops with both times
instead of rescheduling again on every run.
"""

from __future__ import annotations

from dataclasses import replace

from ocamba_provider.client import Campaign, HoodError
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.wording import as_error, rescheduled_line, title
from ocamba_provider.errors import TransitionError
from ocamba_provider.runstate.observing import hood_time
from ocamba_provider.runstate.settle import Settle, say
from ocamba_provider.runstate.transition import Outcome, carry_out
from ocamba_provider.snapshot import StatusSnapshot


def reschedule(
    snapshot: StatusSnapshot,
    inputs: RunStateInputs,
    campaign: Campaign,
    reason: str | None,
    *,
    settle: Settle,
) -> Outcome:
    """Take a scheduled campaign to the declared `scheduled_time`, each write at most once.

    Raises:
        TransitionError: a write failed or was refused (after the pause: the campaign is now
            paused, and the message says so), or Hood reports another time after the resume.
    """
    target = inputs.scheduled_time
    assert target is not None  # a reschedule is to a declared time
    from_time = hood_time(campaign)
    pause = replace(
        inputs, state="paused", scheduled_time=None, run_immediately=False, pause_reason=reason
    )
    carry_out(snapshot, pause, campaign, reason, settle=settle)
    paused = _visible(snapshot, inputs, "paused", since=settle.clock(), settle=settle)
    if paused is None or paused.status != "paused":
        # Never visible as paused: Hood started it, or the pause did not hold. Nothing more.
        raise _stopped(inputs, paused, target, from_time)
    try:
        resumed = carry_out(snapshot, inputs, paused, reason, settle=settle)
    except TransitionError as failed:
        raise _halfway(inputs, paused, target, from_time, failed=failed, settle=settle) from None
    read = _visible(snapshot, inputs, "scheduled", since=settle.clock(), settle=settle)
    if read is not None and read.status == "scheduled" and hood_time(read) not in (None, target):
        raise as_error(
            Problem(
                Code.RESCHEDULE_MISREAD,
                "scheduled_time",
                inputs.campaign_id,
                read.name,
                read.status,
                {"time": target, "read": hood_time(read)},
            ),
            TransitionError,
        )
    final = read if read is not None and read.status == "scheduled" else resumed.campaign
    snapshot.record(final)
    say(rescheduled_line(inputs.campaign_id, final.name, from_time, target))
    return Outcome(final, Action.RESCHEDULE)


def _visible(
    snapshot: StatusSnapshot,
    inputs: RunStateInputs,
    status: str,
    *,
    since: float,
    settle: Settle,
) -> Campaign | None:
    """Read until the campaign shows `status`, or until a read starts settled after `since`.

    Returns the last read (None: the campaign is gone). A write the API accepted may take a
    while to show; waiting longer than the settle period for it would only hide a problem.
    """
    deadline = since + settle.seconds
    wait = settle.first_poll_s
    while True:
        try:
            fresh = snapshot.reread(inputs.campaign_id)
        except HoodError:
            fresh = None  # read again at the next poll; past the deadline, the caller stops
        if fresh is not None and fresh.status == status:
            return fresh
        if settle.clock() >= deadline:
            return fresh
        settle.wait(
            min(wait, deadline - settle.clock()),
            f"{title(inputs.campaign_id, fresh.name if fresh else '')}: waiting for the "
            f"reschedule's {'pause' if status == 'paused' else 'resume'} to show in reads",
        )
        wait = min(wait * 2, settle.max_poll_s)


def _stopped(
    inputs: RunStateInputs, seen: Campaign | None, target: str, from_time: str | None
) -> TransitionError:
    status = seen.status if seen is not None else "not_found"
    return as_error(
        Problem(
            Code.RESCHEDULE_UNCONFIRMED,
            "scheduled_time",
            inputs.campaign_id,
            seen.name if seen is not None else "",
            status,
            {"time": target, "from": from_time},
        ),
        TransitionError,
    )


def _halfway(
    inputs: RunStateInputs,
    paused: Campaign,
    target: str,
    from_time: str | None,
    *,
    failed: TransitionError,
    settle: Settle,
) -> TransitionError:
    return as_error(
        Problem(
            Code.RESCHEDULE_HALFWAY,
            "scheduled_time",
            inputs.campaign_id,
            paused.name,
            "paused",
            {
                "time": target,
                "from": from_time,
                "error": str(failed),
                "safe_from": settle.safe_from(settle.clock()),
            },
        ),
        TransitionError,
    )
