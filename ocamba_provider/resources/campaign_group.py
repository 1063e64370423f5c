"""CampaignGroup: the run-state of every campaign a selector selects, as one Pulumi resource.

```python
CampaignGroup("black-friday", select=Selector(labels=["black-friday-2026"]),
              state="active", run_immediately=True)
```

Type `pulumi-python:dynamic/ocamba:CampaignGroup`. It is served by the same provider object as
CampaignRunState (one pickled provider for the whole run, so one plan of the run: which
declaration decides a campaign several select, and one count for the guard); the `group` input
tells the provider which of the two a resource is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import pulumi
from pulumi.dynamic import Resource

from ocamba_provider.domain.declaration import (
    RESOURCE_HINT,
    SNAPSHOT_HINT,
    Drift,
    OnDelete,
    OnMissing,
    State,
)
from ocamba_provider.domain.group import GROUP, MEMBERS, OBSERVED_MEMBERS
from ocamba_provider.resources.campaign_run_state import WindowArgs
from ocamba_provider.resources.declarations import DECLARATIONS, hint_for
from ocamba_provider.resources.provider import CampaignRunStateProvider
from ocamba_provider.resources.sdk_workarounds import flatten_pickler
from ocamba_provider.resources.stopped_engine import install_stopped_engine


@dataclass(frozen=True)
class Selector:
    """Which campaigns a group selects; every criterion given must hold.

    `labels`: every one must be on the campaign (a list, or one comma-joined string);
    `name_contains`: a part of its Hood name, whatever the case; `ids`: it is one of them.
    """

    labels: pulumi.Input[list[str] | str] | None = None
    name_contains: pulumi.Input[str] | None = None
    ids: pulumi.Input[list[str]] | None = field(default=None)


@dataclass(frozen=True)
class CampaignGroupArgs:
    """What a group declares: a selector, and what a campaign's declaration says but its id."""

    select: Selector | pulumi.Input[dict[str, Any]]
    state: pulumi.Input[State]
    run_immediately: pulumi.Input[bool] | None = None
    scheduled_time: pulumi.Input[str] | None = None
    active_from: pulumi.Input[str] | None = None
    active_until: pulumi.Input[str] | None = None
    windows: pulumi.Input[Sequence[pulumi.Input[WindowArgs]]] | None = None
    time_zone: pulumi.Input[str] | None = None
    pause_reason: pulumi.Input[str] | None = None
    drift: pulumi.Input[Drift] | None = None
    hold_until: pulumi.Input[str] | None = None
    on_delete: pulumi.Input[OnDelete] | None = None
    on_missing: pulumi.Input[OnMissing] | None = None
    allow_empty: pulumi.Input[bool] | None = None


_PRE_SEEDED = ("members", "observed_members", "next_transition")


class CampaignGroup(Resource, module="ocamba", name="CampaignGroup"):
    """Keeps every campaign `select` selects in `state`; who joins and leaves shows in preview.

    Adopts existing campaigns: it never creates, edits, cancels or deletes one.
    """

    group: pulumi.Output[str]
    select: pulumi.Output[dict[str, Any]]
    state: pulumi.Output[State]
    members: pulumi.Output[dict[str, dict[str, Any]]]
    observed_members: pulumi.Output[dict[str, dict[str, Any]]]
    next_transition: pulumi.Output[dict[str, str] | None]

    def __init__(
        self,
        resource_name: str,
        args: CampaignGroupArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Any,
    ) -> None:
        declared = asdict(args) if args is not None else {}
        declared.update(kwargs)
        select = declared.get("select")
        if isinstance(select, Selector):
            select = asdict(select)
        if isinstance(select, dict):  # asdict turned a Selector in the args into one too
            declared["select"] = {k: v for k, v in select.items() if v is not None}
        props: dict[str, Any] = {k: v for k, v in declared.items() if v is not None}
        first = DECLARATIONS.declare_group(props, resource_name)
        props[SNAPSHOT_HINT] = hint_for(first, DECLARATIONS)
        # The provider serves campaigns and groups: this says which, and names the group.
        props[GROUP] = resource_name
        props[RESOURCE_HINT] = resource_name
        for output in (MEMBERS, OBSERVED_MEMBERS, *_PRE_SEEDED):
            props.setdefault(output, None)
        install_stopped_engine()  # else a check that fails elsewhere prints a traceback here
        flatten_pickler()
        super().__init__(CampaignRunStateProvider(), resource_name, props, opts)
        if first is None:
            DECLARATIONS.first_registered(self)
