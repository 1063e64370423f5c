"""What the request-count tests of both adapters share: routes, layout and tallies."""

from __future__ import annotations

import math
from collections import Counter

from ocamba_provider.emulator import Emulator

FIRST_ID = 1_000_000
LIST = "GET /v1/hood/campaigns"
RESUME = "POST /v1/hood/campaigns/{id}/resume"


def spread_ids(workspace: int, declared: int) -> list[str]:
    """`declared` ids spread evenly over a workspace generated from FIRST_ID."""
    step = workspace // declared
    return [str(FIRST_ID + i * step) for i in range(declared)]


def requests_seen(hood: Emulator) -> Counter[str]:
    """Requests by route since the emulator's stats were last reset."""
    return Counter(hood.control.stats()["requests"])


def resumes_applied(hood: Emulator) -> Counter[str]:
    """How many times the emulator applied a resume, by campaign id (its ledger, not requests)."""
    return Counter(e["campaign_id"] for e in hood.control.ledger() if e["action"] == "resume")


def gets(requests: Counter[str]) -> int:
    """The reads among `requests`, whatever their route."""
    return sum(n for route, n in requests.items() if route.startswith("GET"))


def pages(workspace: int) -> int:
    """Pages of 100 a full listing of the workspace takes."""
    return math.ceil(workspace / 100)
