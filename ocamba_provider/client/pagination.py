"""Reading many campaigns with few requests: page-number pagination and bulk status reads.

Hood has no cursor: `page=N,M` returns page N of M items, newest first, with the `total` of
matches. Campaigns cannot be deleted through the API, so a campaign created while we page
only pushes older ones one place later: we may see an item twice, never miss one.

The maximum page size is undocumented. A page shorter than asked for while `total` says more
remain means the server capped the size: the following pages are asked for with the size it
actually used, so page N still starts where page N-1 ended. A bulk answer is never evidence
that a campaign does not exist (a capped or inconsistent listing can leave it out): callers
confirm an absent id with a single read (see snapshot.py).
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
"""Items per page we ask for. The maximum is undocumented; a capped size is followed."""

STATUS_FIELDS = "id,name,status,scheduled_time,next_run_time"
"""Sparse fields for bulk reads: enough to decide, small enough to page fast. Always sent,
because the default view may leave `status` out."""

CAMPAIGN_FIELDS = STATUS_FIELDS + ",labels"
"""Every field a Campaign holds: what single reads and listings ask for."""


@dataclass(frozen=True, slots=True)
class Page:
    """One answer of the list endpoint."""

    total: int
    items: tuple[Campaign, ...]


FetchPage = Callable[[Mapping[str, str]], Page]
"""Sends one list request with these query parameters (raises HoodError)."""


def _page(number: int, size: int) -> dict[str, str]:
    return {"page": f"{number},{size}"}


def served_size(page: Page, asked: int) -> int:
    """The page size the server used for `page` (page 1) when asked for `asked` items."""
    if 0 < len(page.items) < min(asked, page.total):
        return len(page.items)
    return asked


def iter_pages(
    fetch: FetchPage,
    params: Mapping[str, str],
    *,
    page_size: int = PAGE_SIZE,
    first: Page | None = None,
) -> Iterator[Campaign]:
    """Every item of a listing once, lazily, until `total` distinct items were read.

    `first` is page 1 when the caller already has it. Stops early, without raising, on an
    empty page, a page that brings nothing new (a server ignoring `page=`), or a short page
    once the size is known: what is missing then is for single reads to settle.
    """
    page = first if first is not None else fetch({**params, **_page(1, page_size)})
    size = served_size(page, page_size)
    seen: set[str] = set()
    number = 1
    while True:
        fresh = [item for item in page.items if item.id not in seen]
        seen.update(item.id for item in fresh)
        yield from fresh
        if len(seen) >= page.total or not fresh or len(page.items) < size:
            if len(seen) < page.total:
                log.info(
                    "listing ended after %d of %d items (page %d of size %d)",
                    len(seen),
                    page.total,
                    number,
                    size,
                )
            return
        number += 1
        page = fetch({**params, **_page(number, size)})


def _batches(ids: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@dataclass(frozen=True, slots=True)
class BulkResult:
    """Campaigns found by id, and whether the server honoured `id=in:` (None: not tried)."""

    campaigns: dict[str, Campaign]
    id_filter_works: bool | None


def read_statuses(fetch: FetchPage, ids: Iterable[str], *, try_id_filter: bool) -> BulkResult:
    """The campaigns among `ids` that a listing showed, with as few list requests as possible.

    Two ways exist: `id=in:` batches (one request per page-size of ids) and the documented
    full listing (one per page-size of the workspace). `id=in:` is our inference, not
    documented, so an answer refusing it (400) or ignoring it (items nobody asked for) falls
    back to the full listing, reusing the pages already fetched. An id absent from the result
    was not seen: that is not proof it does not exist.
    """
    wanted = sorted(set(ids), key=lambda i: (len(i), i))
    if not wanted:
        return BulkResult({}, None)
    fields = {"fields": STATUS_FIELDS}

    if try_id_filter and len(wanted) <= PAGE_SIZE:
        # One batch covers everything: cheaper than learning the workspace total first.
        found, first = _read_batches(fetch, wanted, fields, PAGE_SIZE)
        if found is not None:
            return BulkResult(found, True)
        return BulkResult(_pick(iter_pages(fetch, fields, first=first), wanted), False)

    # Page 1 of the full listing is the probe: it costs what `page=1,1` would and also
    # carries the workspace total, the served page size and the first page of items.
    probe = fetch({**fields, **_page(1, PAGE_SIZE)})
    size = served_size(probe, PAGE_SIZE)
    found_now = _pick(probe.items, wanted)
    pages_left = math.ceil(max(0, probe.total - len(probe.items)) / size)
    if pages_left <= 0 or not probe.items:
        return BulkResult(found_now, None)
    missing = [i for i in wanted if i not in found_now]
    if try_id_filter and math.ceil(len(missing) / size) < pages_left:
        found, _ = _read_batches(fetch, missing, fields, size)
        if found is not None:
            return BulkResult(found_now | found, True)
        return BulkResult(_pick(iter_pages(fetch, fields, first=probe), wanted), False)
    return BulkResult(_pick(iter_pages(fetch, fields, first=probe), wanted), None)


def _pick(campaigns: Iterable[Campaign], wanted: list[str]) -> dict[str, Campaign]:
    asked = set(wanted)
    return {c.id: c for c in campaigns if c.id in asked}


def _read_batches(
    fetch: FetchPage, ids: list[str], fields: Mapping[str, str], size: int
) -> tuple[dict[str, Campaign] | None, Page | None]:
    """Campaigns by `id=in:` batches of `size`; (None, page 1 if the server ignored the
    filter) when the server did not honour it."""
    found: dict[str, Campaign] = {}
    for batch in _batches(ids, size):
        params = {**fields, "id": "in:" + ",".join(batch)}
        try:
            page = fetch({**params, **_page(1, size)})
        except (HoodBadRequest, HoodNotFound) as refusal:
            log.info("id=in: filter refused (%s); reading the full listing instead", refusal)
            return None, None
        asked = set(batch)
        if page.total > len(batch) or any(c.id not in asked for c in page.items):
            log.info("id=in: filter ignored by the server; reading the full listing instead")
            # Only the first batch's answer is page 1 of the plain listing.
            return None, page if not found else None
        # A capped page size applies to filtered listings too: page through the batch.
        found.update(_pick(iter_pages(fetch, params, page_size=size, first=page), batch))
    return found, None
