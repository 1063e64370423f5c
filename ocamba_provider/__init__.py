"""Run-state of Ocamba Hood campaigns as a Pulumi dynamic resource.

The public surface: the resource, its args, and the provider. They are loaded on first use so
that the client and the emulator can be imported without the Pulumi SDK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ocamba_provider._version import __version__

__all__ = [
    "CampaignGroup",
    "CampaignGroupArgs",
    "CampaignRunState",
    "CampaignRunStateArgs",
    "CampaignRunStateProvider",
    "Selector",
    "WindowArgs",
    "__version__",
    "earliest_transition",
    "run_states",
]

if TYPE_CHECKING:
    from ocamba_provider.resources import (
        CampaignGroup,
        CampaignGroupArgs,
        CampaignRunState,
        CampaignRunStateArgs,
        CampaignRunStateProvider,
        Selector,
        WindowArgs,
        earliest_transition,
        run_states,
    )


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ocamba_provider import resources

        return getattr(resources, name)
    raise AttributeError(f"module 'ocamba_provider' has no attribute {name!r}")
