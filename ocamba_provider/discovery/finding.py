"""Finding campaigns: the workspace's listing, by status and search text, through the client."""

from __future__ import annotations

from collections.abc import Iterator

from ocamba_provider.client import Campaign, HoodClient
from ocamba_provider.credentials import api_from_environment
from ocamba_provider.domain.selector import Selector, split_labels


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


def find_labelled(
    labels: str,
    status: str | None = None,
    q: str | None = None,
    *,
    client: HoodClient | None = None,
) -> list[Campaign]:
    """Campaigns carrying every one of the comma-joined `labels` (matched here, as a group's
    selector is: a server may ignore `labels=`), optionally by status and name text.

    Raises:
        ValueError: `labels` names no label.
        ConfigurationError: no client given and no token in the environment.
        HoodError: the API failed after the client's retries.
    """
    wanted = split_labels(labels)
    if not wanted:
        raise ValueError(f"--labels {labels!r} names no label")
    selector = Selector(labels=wanted, name_contains=q or None)
    listing = (client or client_from_environment()).labelled(wanted[0])
    return [
        campaign
        for campaign in listing.campaigns
        if selector.matches(campaign.id, campaign.name, campaign.labels)
        and (status is None or campaign.status == status)
    ]
