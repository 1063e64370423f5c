"""The CampaignRunState resource and its provider.

Loaded on first use, like the package itself: importing a module of this package
(sdk_workarounds, say, from the native adapter) must not import the provider with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = [
    "CampaignGroup",
    "CampaignGroupArgs",
    "CampaignRunState",
    "CampaignRunStateArgs",
    "CampaignRunStateProvider",
    "Selector",
    "WindowArgs",
    "earliest_transition",
    "run_states",
]

if TYPE_CHECKING:
    from ocamba_provider.resources.campaign_group import (
        CampaignGroup,
        CampaignGroupArgs,
        Selector,
    )
    from ocamba_provider.resources.campaign_run_state import (
        CampaignRunState,
        CampaignRunStateArgs,
        WindowArgs,
    )
    from ocamba_provider.resources.provider import CampaignRunStateProvider
    from ocamba_provider.resources.stack_outputs import earliest_transition, run_states


def __getattr__(name: str) -> Any:
    if name == "CampaignRunStateProvider":
        from ocamba_provider.resources import provider

        return provider.CampaignRunStateProvider
    if name in ("run_states", "earliest_transition"):
        from ocamba_provider.resources import stack_outputs

        return getattr(stack_outputs, name)
    if name in ("CampaignGroup", "CampaignGroupArgs", "Selector"):
        from ocamba_provider.resources import campaign_group

        return getattr(campaign_group, name)
    if name in __all__:
        from ocamba_provider.resources import campaign_run_state

        return getattr(campaign_run_state, name)
    raise AttributeError(f"module 'ocamba_provider.resources' has no attribute {name!r}")
