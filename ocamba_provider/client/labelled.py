"""Reading the campaigns that carry a label: the server's `labels=` filter when it works, else
the documented listing of the whole workspace.

Whether `labels=` filters the list is undocumented (hood-api.md, "labels"): a server may filter,
refuse the unknown parameter (400), or ignore it and return every campaign. The first page with
the filter tells which: a refusal, or an item without the label, falls back to the plain
listing (reusing that page when the filter was ignored: it is page 1 of the plain listing).
Either way the caller matches labels itself; this only decides how much is read. A full listing
costs `ceil(T/100)` requests; a filtered one `ceil(M/100)` for M campaigns with the label.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from ocamba_provider.client.errors import HoodBadRequest, HoodNotFound
from ocamba_provider.client.models import Campaign
from ocamba_provider.client.pagination import PAGE_SIZE, STATUS_FIELDS, FetchPage, iter_pages

log = logging.getLogger("ocamba_provider.client")

LABELLED_FIELDS = STATUS_FIELDS + ",labels"
"""What a group's members are read with: their status, and the labels to match."""


@dataclass(frozen=True, slots=True)
class Listing:
    """Campaigns read for a label (or the whole workspace), and how."""

    campaigns: tuple[Campaign, ...]
    whole_workspace: bool
    """Every campaign of the workspace was read (no filter, or the server did not filter)."""
    label_filter: bool | None
    """True: the server filtered by label; False: it refused or ignored it; None: not tried."""


def read_labelled(fetch: FetchPage, label: str | None, *, try_filter: bool) -> Listing:
    """The campaigns carrying `label` (with others, when the server does not filter), or the
    whole workspace when `label` is None.

    Raises:
        HoodError: a page failed after the client's retries.
    """
    fields: Mapping[str, str] = {"fields": LABELLED_FIELDS}
    if label is None or not try_filter:
        return Listing(tuple(iter_pages(fetch, fields)), True, None)
    filtered = {**fields, "labels": label}
    try:
        first = fetch({**filtered, "page": f"1,{PAGE_SIZE}"})
    except (HoodBadRequest, HoodNotFound) as refusal:
        log.info("labels= filter refused (%s); reading the whole workspace instead", refusal)
        return Listing(tuple(iter_pages(fetch, fields)), True, False)
    if any(label not in campaign.labels for campaign in first.items):
        log.info("labels= filter ignored by the server; reading the whole workspace instead")
        return Listing(tuple(iter_pages(fetch, fields, first=first)), True, False)
    return Listing(tuple(iter_pages(fetch, filtered, first=first)), False, True)
