"""Finding campaigns: the workspace's listing, by status and search text, through the client."""

from __future__ import annotations

from collections.abc import Iterator

from ocamba_provider.client import Campaign, HoodClient
from ocamba_provider.credentials import api_from_environment


def client_from_environment(api_url: str | None = None) -> HoodClient:
    """A client for `api_from_environment`'s URL and token.

    Raises:
        ConfigurationError: no token anywhere.
    """
    return HoodClient(*api_from_environment(api_url))


def find_campaigns(
    status: str | None = None,
    q: str | None = None,
    *,
    client: HoodClient | None = None,
) -> Iterator[Campaign]:
    """Campaigns of the workspace, optionally by status and search text, newest first.

    Raises:
        ConfigurationError: no client given and no token in the environment.
        HoodError: the API failed after the client's retries.
    """
    filters: dict[str, str] = {}
    if status:
        filters["status"] = status
    if q:
        filters["q"] = q
    return (client or client_from_environment()).iter_campaigns(**filters)
