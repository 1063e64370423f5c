"""The observation beat of every hook: what was read, or why it could not be.

Each hook reads the campaign and hands the verdict an `Observation`, or None while the
preview does not know yet which campaign (or which state) is meant.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from ocamba_provider.client import Campaign, HoodError, HoodInvalidArgument
from ocamba_provider.domain.declaration import NAME, OBSERVED_STATUS, OBSERVED_TIME
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.reconcile import NOT_FOUND
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.domain.verdict import Observation
from ocamba_provider.domain.wording import as_error
from ocamba_provider.runstate.session import existing_session
from ocamba_provider.settings import ProviderSettings


@contextmanager
def could_not_read(campaign_id: str, then: str, during: str = "") -> Iterator[None]:
    """A failed read as the user's message: which campaign, why, and what to do now.

    Raises:
        OcambaError: the read in the block raised a HoodError.
    """
    try:
        yield
    except HoodInvalidArgument:
        raise  # refused before sending, not a failed read: the caller words it
    except HoodError as error:
        problem = Problem(
            Code.READ_FAILED,
            "campaign_id",
            campaign_id,
            params={"during": during, "error": str(error), "then": then},
        )
        raise as_error(problem) from None


def hood_time(campaign: Campaign | None) -> str | None:
    """When Hood holds a scheduled campaign to start (GMT): its `scheduled_time`, else its
    `next_run_time`, whichever it reports (domain/reconcile.py says why both)."""
    if campaign is None or campaign.status != "scheduled":
        return None
    return campaign.scheduled_time or campaign.next_run_time


def observation_of(campaign: Campaign | None) -> Observation:
    """The campaign as read (None: the workspace has no campaign with the id)."""
    if campaign is None:
        return Observation(NOT_FOUND)
    return Observation(campaign.status, campaign.name, hood_time(campaign))


def observed_fields(campaign: Campaign | None) -> dict[str, str]:
    """What check records of its read in the checked inputs (Hood's time: when scheduled)."""
    fields = {
        OBSERVED_STATUS: campaign.status if campaign else NOT_FOUND,
        NAME: campaign.name if campaign else "",
    }
    time = hood_time(campaign)
    return fields | ({OBSERVED_TIME: time} if time else {})


def observable(declared: Mapping[str, Any]) -> bool:
    """Whether check can read the campaign: its id and desired state are known.

    Any other unknown value (a pause_reason from an Output) must not hide a draft or a
    vanished campaign.
    """
    campaign_id = declared.get("campaign_id")
    return not (campaign_id is None or is_unknown(campaign_id) or is_unknown(declared.get("state")))


def recorded_observation(props: Mapping[str, Any]) -> Observation | None:
    """The observation check carried in its inputs; None while it (or the state) is unknown."""
    observed = props.get(OBSERVED_STATUS)
    if observed is None or is_unknown(observed) or is_unknown(props.get("state")):
        return None
    time = props.get(OBSERVED_TIME)
    return Observation(
        str(observed), str(props.get(NAME) or ""), time if isinstance(time, str) else None
    )


def freshest_observation(
    settings: ProviderSettings | None, props: Mapping[str, Any]
) -> Observation | None:
    """The observation diff decides from: what this process read itself, else the recorded one.

    A refresh asks diff(refreshed outputs, *stored* inputs), and the stored observation is the
    one the last up acted on ("paused" before its resume). What this process read itself
    (refresh's read, or check's observation) is fresher: decide from that, so a refresh after a
    clean up shows no change and one after a manual pause does. It only looks at what was
    already read: diff never calls the API.
    """
    recorded = recorded_observation(props)
    campaign_id = props.get("campaign_id")
    if settings is None or not isinstance(campaign_id, str) or is_unknown(campaign_id):
        return recorded
    if is_unknown(props.get("state")):
        return None
    session = existing_session(settings)
    known, campaign = session.snapshot.seen(campaign_id) if session else (False, None)
    if not known:
        return recorded
    fresh = observation_of(campaign)
    name = fresh.name or (recorded.name if recorded else "")
    return Observation(fresh.status, name, fresh.scheduled_time)
