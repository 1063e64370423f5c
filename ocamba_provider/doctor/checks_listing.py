"""What the doctor concludes from the listings it got: one `Check` per assumption of the client.

Pure functions over already-received replies, so each verdict is testable without a server.
The "client" texts say what the client does when the assumption does not hold (hood-api.md,
"survive the other answer"); a `fatal` check is one the client cannot work around. Error
answers and headers are judged in checks_errors.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ocamba_provider.doctor.readonly_api import Reply
from ocamba_provider.doctor.report import Check

ASKED_PAGE = 100
_TIME_FORMS = (
    ("the API format YYYY-MM-DD HH:MM:SS", re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")),
    ("ISO 8601 with Z", re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")),
    ("ISO 8601 with an offset", re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d")),
)
TIME_FIELDS = ("create_time", "update_time", "scheduled_time", "next_run_time")


def items_of(reply: Reply) -> list[dict[str, Any]]:
    """The item objects of a list envelope (anything else left out)."""
    items = reply.document.get("items") if isinstance(reply.document, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def total_of(reply: Reply) -> int | None:
    """The envelope's integer `total`, or None."""
    total = reply.document.get("total") if isinstance(reply.document, dict) else None
    return total if isinstance(total, int) and not isinstance(total, bool) else None


def ids_of(reply: Reply) -> list[str]:
    """The items' ids as digit strings (integers included)."""
    return [str(item.get("id")) for item in items_of(reply)]


def page_size(first: Reply) -> Check:
    """`page=1,100` serves min(total, 100) items."""
    total, served = total_of(first) or 0, len(items_of(first))
    expected = min(total, ASKED_PAGE)
    name = "maximum page size"
    if served == expected:
        if total < ASKED_PAGE:
            seen = f"page=1,{ASKED_PAGE} served all {total} (a cap above {total} cannot be seen)"
        else:
            seen = f"page=1,{ASKED_PAGE} served {served} of {total}"
        return Check(name, "ok", seen, f"the client asks for {ASKED_PAGE} per page")
    if served < expected:
        return Check(
            name,
            "DIFFERS",
            f"page=1,{ASKED_PAGE} served {served} of {total}: the server caps pages at {served}",
            "the client copes: it pages on with the size served, until total items were read",
        )
    return Check(
        name,
        "DIFFERS",
        f"page=1,{ASKED_PAGE} served {served} items, more than asked",
        "the client copes: it reads until total distinct items were seen",
    )


def paging(first: Reply, second: Reply | None) -> list[Check]:
    """`page=2,3` is items 4-6 of page 1 and carries the same `total` (None: not asked)."""
    first_ids = ids_of(first)
    if second is None or len(first_ids) < 6:
        few = f"only {len(first_ids)} campaigns on page 1: page 2 cannot be compared"
        return [
            Check("page=N,M honoured", "unknown", few, "the client pages by page=N,M"),
            Check("total counts all matches", "unknown", few, "the client reads until total items"),
        ]
    second_ids, total, second_total = ids_of(second), total_of(first), total_of(second)
    if second_ids == first_ids[3:6]:
        pages = Check(
            "page=N,M honoured",
            "ok",
            "page=2,3 returned items 4-6 of page=1,100",
            "the client pages by page=N,M",
        )
    else:
        shown = ",".join(second_ids) or "nothing"
        pages = Check(
            "page=N,M honoured",
            "DIFFERS",
            f"page=2,3 returned {shown}, not {','.join(first_ids[3:6])}",
            "the client copes: it stops at a page that brings nothing new and confirms any "
            "campaign the listing left out with a single read",
        )
    if second_total == total and total is not None and total >= len(first_ids):
        totals = Check(
            "total counts all matches",
            "ok",
            f"total {total} on page 1 and page 2",
            "the client reads until total items",
        )
    else:
        totals = Check(
            "total counts all matches",
            "DIFFERS",
            f"total {total} on page 1, {second_total} on page 2, {len(first_ids)} items served",
            "the client copes: it never takes a listing's silence as 'gone'; absent ids are "
            "confirmed by single reads",
        )
    return [pages, totals]


def sparse_fields(first: Reply, asked: Sequence[str]) -> Check:
    """`fields=` returns only the asked fields, `id` and `status` among them."""
    items = items_of(first)
    name = "fields= honoured"
    if not items:
        return Check(name, "unknown", "no campaigns to look at", "the client always sends fields=")
    extra = sorted({key for item in items for key in item} - set(asked))
    lacking = sorted({key for key in ("id", "status") for item in items if key not in item})
    if lacking:
        return Check(
            name,
            "DIFFERS",
            f"items lack {', '.join(lacking)} although fields= asked for them",
            "the client cannot read campaign statuses from this API",
            fatal=True,
        )
    if extra:
        return Check(
            name,
            "DIFFERS",
            f"fields= ignored: items also carry {', '.join(extra[:6])}",
            "the client copes: it ignores fields it does not know",
        )
    return Check(
        name, "ok", "items carry only the fields asked for", "the client always sends fields="
    )


def default_view(reply: Reply) -> Check:
    """What a list without `fields=` carries; the client never relies on it."""
    items = items_of(reply)
    name = "default view"
    if not items:
        return Check(name, "unknown", "no campaigns to look at", "the client always sends fields=")
    fields = sorted(items[0])
    if "status" in items[0]:
        return Check(
            name,
            "ok",
            f"carries status ({len(fields)} fields)",
            "the client still always sends fields=",
        )
    return Check(
        name,
        "DIFFERS",
        f"has no status (fields: {', '.join(fields[:8])}{', ...' if len(fields) > 8 else ''})",
        "the client copes: it always sends fields= with status",
    )


def id_type(first: Reply) -> Check:
    """Ids are strings of digits."""
    raw = [item.get("id") for item in items_of(first)]
    name = "id type"
    if not raw:
        return Check(name, "unknown", "no campaigns to look at", "the client expects digit strings")
    if all(isinstance(i, str) and i.isdigit() and i.isascii() for i in raw):
        return Check(name, "ok", f"strings of digits (e.g. {raw[0]!r})", "the client reads them")
    if all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in raw):
        return Check(
            name,
            "DIFFERS",
            f"JSON integers (e.g. {raw[0]})",
            "the client copes: it reads an integer id as the same digit string",
        )
    odd = next(i for i in raw if not (isinstance(i, str) and i.isdigit()))
    return Check(
        name, "DIFFERS", f"an id like {odd!r}", "the client cannot address such ids", fatal=True
    )


def time_format(first: Reply) -> Check:
    """Times are `YYYY-MM-DD HH:MM:SS` (GMT)."""
    values = [
        item[field]
        for item in items_of(first)
        for field in TIME_FIELDS
        if isinstance(item.get(field), str) and item[field]
    ]
    name = "time format"
    if not values:
        return Check(name, "unknown", "no time fields to look at", "the client reads any of them")
    forms = {_time_form(value) for value in values}
    example = values[0]
    if forms == {_TIME_FORMS[0][0]}:
        return Check(name, "ok", f"the API format ({example!r})", "the client reads them")
    if None in forms:
        odd = next(value for value in values if _time_form(value) is None)
        return Check(
            name,
            "DIFFERS",
            f"a time like {odd!r}",
            "the client cannot read such times: every read of these campaigns fails",
            fatal=True,
        )
    seen = " and ".join(sorted(form for form in forms if form))
    return Check(
        name,
        "DIFFERS",
        f"{seen} ({example!r})",
        "the client copes: it converts ISO times to GMT in the API format",
    )


def _time_form(value: str) -> str | None:
    return next((label for label, form in _TIME_FORMS if form.fullmatch(value)), None)


def id_filter(reply: Reply, asked: Sequence[str]) -> Check:
    """`id=in:a,b` (INFER) returns exactly those campaigns."""
    name = "id=in:a,b honoured"
    if not asked:
        return Check(name, "unknown", "no campaigns to ask for", "the client tries id=in: first")
    if reply.status != 200:
        return Check(
            name,
            "DIFFERS",
            f"refused: {reply.status} {reply.message()!r}",
            "the client copes: it falls back to the full listing (ceil(total/100) reads)",
        )
    got, total = ids_of(reply), total_of(reply)
    if sorted(got) == sorted(asked) and total == len(asked):
        return Check(
            name,
            "ok",
            f"id=in: of {len(asked)} ids returned exactly those",
            "the client uses it for bulk reads",
        )
    return Check(
        name,
        "DIFFERS",
        f"id=in: of {len(asked)} ids returned {len(got)} items, total {total}",
        "the client copes: it falls back to the full listing (ceil(total/100) reads)",
    )


def single_read(reply: Reply, campaign_id: str) -> Check:
    """`GET /v1/hood/campaigns/{id}` answers the list envelope with `total: 1`."""
    name = "single read envelope"
    if reply.status == 200 and total_of(reply) == 1 and ids_of(reply) == [campaign_id]:
        return Check(name, "ok", '{"total": 1, "items": [campaign]}', "the client reads it")
    return Check(
        name,
        "DIFFERS",
        f"{reply.status} {str(reply.document)[:80]!r}",
        "the client cannot read one campaign (refresh, confirming a vanished one)",
        fatal=True,
    )
