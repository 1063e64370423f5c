"""Reading many campaigns with few requests: page-number pagination and bulk status reads.

Hood has no cursor: `page=N,M` returns page N of M items, newest first, with the workspace
`total`. Campaigns cannot be deleted through the API, so a campaign created while we page
only pushes older ones one place later: we may see an item twice, never miss one.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from ocamba_provider.client.errors import HoodBadRequest, HoodNotFound
from ocamba_provider.client.models import Campaign

log = logging.getLogger("ocamba_provider.client")

PAGE_SIZE = 100
"""Items per page. The maximum is undocumented; 100 is accepted and a short page is fine."""

STATUS_FIELDS = "id,name,status,scheduled_time,next_run_time"
"""Sparse fields for bulk status reads: enough to decide, small enough to page fast."""


@dataclass(frozen=True, slots=True)
class Page:
    """One answer of the list endpoint."""

    total: int
    items: tuple[Campaign, ...]


FetchPage = Callable[[Mapping[str, str]], Page]
"""Sends one list request with these query parameters (raises HoodError)."""


def iter_pages(
    fetch: FetchPage,
    params: Mapping[str, str],
    *,
    page_size: int = PAGE_SIZE,
    first_page: int = 1,
    already_read: int = 0,
) -> Iterator[Campaign]:
    """Every item of a listing, lazily, from page `first_page` on.

    Stops when `total` items were read or a page comes back short.
    """
    number = first_page
    read = already_read
    while True:
        page = fetch({**params, "page": f"{number},{page_size}"})
        yield from page.items
        read += len(page.items)
        if len(page.items) < page_size or read >= page.total:
            return
        number += 1


def _batches(ids: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@dataclass(frozen=True, slots=True)
class BulkResult:
    """Campaigns found by id, and whether the server honoured `id=in:` (None: not tried)."""

    campaigns: dict[str, Campaign]
    id_filter_works: bool | None


def read_statuses(fetch: FetchPage, ids: Iterable[str], *, try_id_filter: bool) -> BulkResult:
    """The campaigns among `ids`, read with as few list requests as this workspace allows.

    Two ways exist: `id=in:` batches of 100 (ceil(ids/100) requests) and the documented full
    listing (ceil(total/100) requests). `id=in:` is our inference, not documented, so an
    answer refusing it (400) or ignoring it (items nobody asked for) falls back to the full
    listing, reusing the pages already fetched.
    """
    wanted = sorted(set(ids), key=lambda i: (len(i), i))
    if not wanted:
        return BulkResult({}, None)
    fields = {"fields": STATUS_FIELDS}

    if try_id_filter and len(wanted) <= PAGE_SIZE:
        # One batch covers everything: cheaper than learning the workspace total first.
        found, first = _read_batches(fetch, wanted, fields)
        if found is not None:
            return BulkResult(found, True)
        return BulkResult(_full_listing(fetch, wanted, fields, first), False)

    # Page 1 of the full listing is the probe: it costs what `page=1,1` would and also
    # carries the workspace total and the first 100 items.
    probe = fetch({**fields, "page": f"1,{PAGE_SIZE}"})
    found_now = {c.id: c for c in probe.items if c.id in set(wanted)}
    pages_left = math.ceil(probe.total / PAGE_SIZE) - 1
    if len(probe.items) < PAGE_SIZE or pages_left <= 0:
        return BulkResult(found_now, None)
    missing = [i for i in wanted if i not in found_now]
    if try_id_filter and math.ceil(len(missing) / PAGE_SIZE) < pages_left:
        found, _ = _read_batches(fetch, missing, fields)
        if found is not None:
            return BulkResult(found_now | found, True)
        return BulkResult(_full_listing(fetch, wanted, fields, probe), False)
    return BulkResult(_full_listing(fetch, wanted, fields, probe), None)


def _read_batches(
    fetch: FetchPage, ids: list[str], fields: Mapping[str, str]
) -> tuple[dict[str, Campaign] | None, Page | None]:
    """Campaigns by `id=in:` batches; (None, page 1 if the server ignored the filter) when
    the server did not honour it."""
    found: dict[str, Campaign] = {}
    for batch in _batches(ids, PAGE_SIZE):
        params = {**fields, "id": "in:" + ",".join(batch), "page": f"1,{PAGE_SIZE}"}
        try:
            page = fetch(params)
        except (HoodBadRequest, HoodNotFound) as refusal:
            log.info("id=in: filter refused (%s); reading the full listing instead", refusal)
            return None, None
        asked = set(batch)
        if page.total > len(batch) or any(c.id not in asked for c in page.items):
            log.info("id=in: filter ignored by the server; reading the full listing instead")
            # Only the first batch's answer is page 1 of the plain listing.
            return None, page if not found else None
        found.update((c.id, c) for c in page.items)
    return found, None


def _full_listing(
    fetch: FetchPage, wanted: list[str], fields: Mapping[str, str], first: Page | None
) -> dict[str, Campaign]:
    """The wanted campaigns from a full sparse listing, starting after `first` if given."""
    asked = set(wanted)
    found = {c.id: c for c in (first.items if first else ()) if c.id in asked}
    if first is not None and (len(first.items) < PAGE_SIZE or len(first.items) >= first.total):
        return found
    rest = iter_pages(
        fetch,
        fields,
        first_page=2 if first else 1,
        already_read=len(first.items) if first else 0,
    )
    for campaign in rest:
        if campaign.id in asked:
            found[campaign.id] = campaign
    return found
