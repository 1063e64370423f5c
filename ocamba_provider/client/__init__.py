"""HoodClient: the only code that talks HTTP to the Ocamba Hood API.

Example::

    from ocamba_provider.client import HoodClient
    client = HoodClient("https://api.ocamba.com", token)
    client.campaign_statuses(["1000248", "1000251"])
    client.resume("1000248", run_immediately=True)
"""

from __future__ import annotations

from ocamba_provider.client.client import HoodClient
from ocamba_provider.client.errors import (
    HoodAmbiguousWrite,
    HoodAuthError,
    HoodBadRequest,
    HoodConnectionError,
    HoodError,
    HoodInvalidArgument,
    HoodNotFound,
    HoodProtocolError,
    HoodRateLimited,
    HoodServerError,
    map_error,
)
from ocamba_provider.client.models import Campaign, check_campaign_id
from ocamba_provider.client.rate_limit import Limits
from ocamba_provider.client.retry import RetryDecision, RetryPolicy

__all__ = [
    "Campaign",
    "HoodAmbiguousWrite",
    "HoodAuthError",
    "HoodBadRequest",
    "HoodClient",
    "HoodConnectionError",
    "HoodError",
    "HoodInvalidArgument",
    "HoodNotFound",
    "HoodProtocolError",
    "HoodRateLimited",
    "HoodServerError",
    "Limits",
    "RetryDecision",
    "RetryPolicy",
    "check_campaign_id",
    "map_error",
]
