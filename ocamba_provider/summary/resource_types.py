"""Which preview steps are campaigns, and their properties in one spelling.

Two resource types carry the same declaration: the dynamic provider's
`pulumi-python:dynamic/ocamba:CampaignRunState` with snake_case keys (`campaign_id`), and the
native provider's `ocamba:index:CampaignRunState` with Pulumi's camelCase (`campaignId`).
The summary reads both as snake_case. No Pulumi import: the summary runs without the SDK.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ocamba_provider.domain.naming import snake

__all__ = ["DYNAMIC_TYPE_SUFFIX", "NATIVE_TYPE", "is_campaign_type", "snake", "snake_keys"]

DYNAMIC_TYPE_SUFFIX: Final = "ocamba:CampaignRunState"
NATIVE_TYPE: Final = "ocamba:index:CampaignRunState"


def is_campaign_type(type_: str) -> bool:
    """True for either CampaignRunState type token."""
    return type_.endswith(DYNAMIC_TYPE_SUFFIX) or type_ == NATIVE_TYPE


def snake_keys(props: Mapping[str, Any]) -> dict[str, Any]:
    """The properties with snake_case keys, whichever type wrote them."""
    return {snake(key): value for key, value in props.items()}
