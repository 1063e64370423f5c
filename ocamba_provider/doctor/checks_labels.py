"""Whether the server filters the campaign list by `labels=` (hood-api.md, "labels": unknown).

A report more than an assumption: the client matches a group's labels itself whatever the
answer, so every outcome is one it works with; what changes is the cost of finding a group's
members (the pages of its members where the server filters, else the whole workspace).
"""

from __future__ import annotations

from typing import Final

from ocamba_provider.doctor.checks_listing import total_of
from ocamba_provider.doctor.readonly_api import Reply
from ocamba_provider.doctor.report import Check

NAME: Final = "labels= filter"
PROBE_LABEL: Final = "ocamba-doctor-probe-no-campaign-has-this-label"
"""Asked for by the doctor: a server that filters answers no campaign."""
_WHOLE = "the client lists the workspace for a group (ceil(T/100) reads) and matches labels"


def label_filter(reply: Reply, workspace: int | None) -> Check:
    """The answer to `labels=<PROBE_LABEL>` against the workspace's `total`: filters (none),
    ignores (all), or refuses (400/404)."""
    if reply.status in (400, 404):
        return Check(NAME, "ok", f"refused ({reply.status} {reply.message()!r})", _WHOLE)
    total = total_of(reply)
    if reply.status != 200 or total is None:
        return Check(NAME, "unknown", f"answered {reply.status}", "the client matches labels")
    if total == 0 and workspace:
        return Check(
            NAME,
            "ok",
            f"filters (none of {workspace} campaigns carries an unused label)",
            "a group reads only its members' pages; the client still matches labels itself",
        )
    if total == workspace and workspace:
        return Check(NAME, "ok", f"ignored (answered all {total} campaigns)", _WHOLE)
    return Check(
        NAME,
        "unknown",
        f"answered {total} of {workspace} campaigns for an unused label",
        "the client matches labels itself, whatever the server does",
    )
