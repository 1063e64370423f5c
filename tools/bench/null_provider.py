"""The null baseline: a dynamic provider that does nothing, for the engine's own cost.

Same config, same program shape, same dynamic-provider host as ours, but no API call, no
snapshot, no decision: what is left is the price of the Python dynamic path itself (pickled
provider per resource, the host's per-call work), to compare the native provider with.
"""

from __future__ import annotations

from typing import Any

import pulumi
from pulumi.dynamic import CheckResult, CreateResult, DiffResult, Resource, ResourceProvider


class NullProvider(ResourceProvider):
    """Accepts every declaration and changes nothing."""

    serialize_as_secret_always = False

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        return CheckResult(news, [])

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        return DiffResult(changes=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult(str(props["campaign_id"]), props)


class NullCampaignRunState(Resource, module="ocamba", name="NullCampaignRunState"):
    """One declaration, through the null provider."""

    def __init__(self, name: str, opts: pulumi.ResourceOptions | None = None, **props: Any) -> None:
        super().__init__(NullProvider(), name, props, opts)
