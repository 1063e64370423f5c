"""What the doctor concludes from error answers and headers, and what it cannot see.

Like checks_listing.py (the listings): pure functions over already-received replies, one `Check`
per assumption, whose "client" text says what the client does when it does not hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ocamba_provider.doctor.readonly_api import Reply
from ocamba_provider.doctor.report import Check

UNKNOWN_ID = "99999999999999999999"  # 20 digits: the longest id the client accepts
GENERIC_400 = ("The request is not valid.", "The request body is not valid.")


def unknown_id(reply: Reply) -> Check:
    """An id that cannot exist answers 400 "does not exist" with a trace_id (the docs)."""
    name = "unknown id"
    message = reply.message()
    has_trace = isinstance(reply.document, dict) and "trace_id" in reply.document
    trace = "with trace_id" if has_trace else "without trace_id"
    seen = f"GET .../{UNKNOWN_ID[:6]}... answered {reply.status} {message!r} {trace}"
    says_missing = "does not exist" in message.lower() or "not found" in message.lower()
    if reply.status == 400 and says_missing and has_trace:
        return Check(name, "ok", seen, "the client reads it as 'not found'")
    if reply.status in (400, 404) and (says_missing or reply.status == 404) and reply.is_json:
        return Check(
            name,
            "DIFFERS",
            seen,
            "the client copes: a 400 or 404 Hood error about one campaign is 'not found', "
            "trace_id or not",
        )
    if reply.status == 400:
        return Check(
            name,
            "DIFFERS",
            seen,
            "the client copes safely: it cannot tell 'gone' from other refusals, so a vanished "
            "campaign is reported as an error, never dropped from state",
        )
    return Check(
        name,
        "DIFFERS",
        seen,
        "the client treats this as an error, never as 'gone': nothing is dropped from state",
    )


def rate_limit_headers(replies: Sequence[Reply]) -> Check:
    """X-RateLimit-* are present; Limit 10 = the 1 s window, 150 = the 1 min window."""
    name = "X-RateLimit headers"
    limits = [_header(reply.headers, "X-RateLimit-Limit") for reply in replies]
    seen = sorted({value for value in limits if value is not None})
    never_trusted = "paces itself to 10/s and 150/min and obeys Retry-After"
    if not seen:
        return Check(
            name, "DIFFERS", "absent from every answer", f"the client copes: it {never_trusted}"
        )
    last = next(r.headers for r in reversed(replies) if _header(r.headers, "X-RateLimit-Limit"))
    detail = (
        f"Limit {'/'.join(seen)}, Remaining {_header(last, 'X-RateLimit-Remaining')}, "
        f"Reset {_header(last, 'X-RateLimit-Reset')} s"
    )
    windows = {"10": "the 1 s burst window", "150": "the 1 min window"}
    if set(seen) <= set(windows):
        which = " and ".join(windows[value] for value in seen)
        return Check(
            name,
            "ok",
            f"{detail}: {which}",
            f"the client never trusts them alone: it {never_trusted}",
        )
    return Check(
        name,
        "DIFFERS",
        f"{detail}: matches neither documented window (10 per 1 s, 150 per 1 min)",
        f"the client copes: it {never_trusted}",
    )


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    return value.strip() if isinstance(value, str) else None


def error_wording(reply: Reply) -> Check:
    """A 400 for a malformed query: does its message say why? The client never depends on it."""
    name = "400 messages"
    message = reply.message()
    wording = "no decision of the client depends on an error's wording"
    if reply.status != 400:
        return Check(name, "unknown", f"page=0 answered {reply.status}", wording)
    if message.strip() in GENERIC_400:
        return Check(
            name,
            "DIFFERS",
            f"generic, as the docs show ({message!r} for page=0)",
            f"the client copes: {wording}",
        )
    return Check(name, "ok", f"say why ({message!r} for page=0)", wording)


def write_lag() -> Check:
    """Whether reads and the server's own write check trail writes cannot be seen by reading."""
    return Check(
        "status lag after writes",
        "unknown",
        "not observable without a write (the doctor never writes)",
        "the client resends an ambiguous write only after a read that starts "
        "ocamba:settleSeconds after it still shows the old status",
    )
