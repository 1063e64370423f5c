"""CampaignRunState: the run-state of one existing Hood campaign, as a Pulumi resource."""

from __future__ import annotations

import asyncio
import pickle
from dataclasses import asdict, dataclass
from typing import Any, ClassVar

import pulumi
from pulumi.dynamic import Resource

from ocamba_provider.resources.inputs import SNAPSHOT_HINT
from ocamba_provider.resources.provider import CampaignRunStateProvider

# pulumi's serialize_provider (SDK 3.272) wraps pickle._Pickler._batch_setitems again for every
# dynamic resource and never unwraps it: the ~985th resource of a program dies of
# RecursionError (pulumi/pulumi#17803). Each CampaignRunState starts from the original.
_BATCH_SETITEMS = pickle._Pickler._batch_setitems  # type: ignore[attr-defined]


@dataclass(frozen=True)
class CampaignRunStateArgs:
    """What a declaration says; see design.md for each field's meaning."""

    campaign_id: pulumi.Input[str]
    state: pulumi.Input[str]
    run_immediately: pulumi.Input[bool] | None = None
    scheduled_time: pulumi.Input[str] | None = None
    pause_reason: pulumi.Input[str] | None = None
    drift: pulumi.Input[str] | None = None
    hold_until: pulumi.Input[str] | None = None
    on_delete: pulumi.Input[str] | None = None
    on_missing: pulumi.Input[str] | None = None


class _Declarations:
    """Every (campaign id, state) this program declares, for the provider's bulk read.

    The first resource (the carrier) holds them as an input that resolves only after the
    program's synchronous body has declared everything, so the provider's first check can read
    every declared campaign in one bulk request and count the run's transitions before any is
    made. Every later resource depends on the carrier: registration is asynchronous, and
    without that edge a later resource could be checked (and, during `up`, resumed) before the
    carrier's check has seen the whole plan.
    """

    def __init__(self) -> None:
        self.states: dict[str, Any] = {}
        self.carrier: pulumi.Resource | None = None

    def declare(self, props: dict[str, Any]) -> None:
        """Remember one declaration; a campaign declared twice is a program error.

        Raises:
            pulumi.RunError: the id is already declared (two resources would fight over it).
        """
        campaign_id = props.get("campaign_id")
        if not isinstance(campaign_id, str):
            return  # an Output: known only later, so it cannot join the bulk read
        if campaign_id in self.states:
            raise pulumi.RunError(
                f"campaign {campaign_id} is declared twice: declare each campaign once "
                "(two declarations would pause and resume it on alternate runs)"
            )
        self.states[campaign_id] = {
            key: props[key] for key in ("state", "drift") if isinstance(props.get(key), str)
        }

    async def collected(self) -> dict[str, Any]:
        await asyncio.sleep(0)
        return dict(self.states)


class CampaignRunState(Resource, module="ocamba", name="CampaignRunState"):
    """Keeps campaign `campaign_id` in `state` (`active` or `paused`).

    Adopts an existing campaign: it never creates, edits, cancels or deletes one.
    """

    campaign_id: pulumi.Output[str]
    state: pulumi.Output[str]
    status: pulumi.Output[str]
    observed_status: pulumi.Output[str]
    name: pulumi.Output[str]
    run_immediately: pulumi.Output[bool | None]
    scheduled_time: pulumi.Output[str | None]
    pause_reason: pulumi.Output[str | None]
    last_action: pulumi.Output[str]
    last_action_at: pulumi.Output[str]
    last_action_by: pulumi.Output[str]

    _declarations: ClassVar[_Declarations] = _Declarations()

    def __init__(
        self,
        resource_name: str,
        args: CampaignRunStateArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Any,
    ) -> None:
        declared = asdict(args) if args is not None else {}
        declared.update(kwargs)
        props: dict[str, Any] = {k: v for k, v in declared.items() if v is not None}
        declarations = CampaignRunState._declarations
        declarations.declare(props)
        carrier = declarations.carrier
        if carrier is None:
            props[SNAPSHOT_HINT] = pulumi.Output.from_input(
                asyncio.ensure_future(declarations.collected())
            )
        else:
            opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(depends_on=[carrier]))
        for output in (
            "status",
            "observed_status",
            "name",
            "last_action",
            "last_action_at",
            "last_action_by",
            "run_immediately",
            "scheduled_time",
            "pause_reason",
        ):
            props.setdefault(output, None)
        pickle._Pickler._batch_setitems = _BATCH_SETITEMS  # type: ignore[attr-defined]
        super().__init__(CampaignRunStateProvider(), resource_name, props, opts)
        if carrier is None:
            declarations.carrier = self
