"""refresh (read) and adopt (`pulumi import`): the live status into the outputs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocamba_provider.domain.declaration import NAME, OBSERVED_STATUS, OBSERVED_TIME
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.errors import OcambaError
from ocamba_provider.runstate import audit, clock, observing
from ocamba_provider.runstate.adoption import declaration_for
from ocamba_provider.runstate.observing import could_not_read
from ocamba_provider.runstate.outputs import declared_of, outputs
from ocamba_provider.runstate.results import Refreshed
from ocamba_provider.runstate.run import Run


def refresh(run: Run, id_: str, props: Mapping[str, Any]) -> Refreshed:
    """The live status; an empty id when the campaign is gone.

    Raises:
        OcambaError: `id_` is not a campaign id, or the read failed.
    """
    session = run.session()
    try:
        with could_not_read(id_, "Run the refresh again.", during=" during refresh"):
            campaign = session.snapshot.observe(id_)
    except ValueError:
        raise OcambaError(
            f"{id_!r} is not a Hood campaign id (digits only, e.g. 1000248): nothing was read."
        ) from None
    if campaign is None:
        # Gone from the workspace (a single read said so): the engine drops it from state.
        return Refreshed("", {})
    declared = declared_of(props) if props.get("campaign_id") else {"campaign_id": id_}
    outs = outputs(
        declared, campaign, Action.NONE, clock.now_utc(), previous=props, freezes=run.freezes
    )
    outs |= audit.adopted(dict(props), campaign)
    if "state" not in declared:
        return Refreshed(id_, outs, dict(declared))  # `pulumi import`: nothing declared yet
    # The inputs carry the live observation, even when it is what the last action left:
    # `up --refresh --plan` checks the refreshed inputs against the saved plan, which was
    # made from a check that observed the live status too. Whether the refresh shows a
    # change is diff's answer (observing.freshest_observation), not these inputs'.
    return Refreshed(id_, outs, declared | observing.observed_fields(campaign))


def adopt(run: Run, id_: str) -> Refreshed:
    """`pulumi import`: the live status, and the declaration that changes nothing.

    Raises:
        OcambaError: no declaration can manage the campaign (a draft, a canceled one).
    """
    refreshed = refresh(run, id_, {})
    if not refreshed.id:
        return refreshed
    outs = refreshed.outputs
    name, status = str(outs.get(NAME, "")), str(outs["status"])
    # A scheduled campaign is declared at the time Hood holds: the import changes nothing.
    when = outs.get(OBSERVED_TIME) or outs.get("adopted_scheduled_time")
    declared = declaration_for(id_, name, status, when)
    return Refreshed(id_, outs | declared, declared | {OBSERVED_STATUS: status, NAME: name})
