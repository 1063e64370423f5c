"""What the request-count tests of both adapters share: the emulator and stacks they count on,
routes, layout and tallies."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ocamba_provider.emulator import Emulator, RateLimit
from tests.support.adapters import Adapter, adapter_for
from tests.support.engine_stacks import TOKEN

FIRST_ID = 1_000_000
LIST = "GET /v1/hood/campaigns"
RESUME = "POST /v1/hood/campaigns/{id}/resume"


SCALED = {"ocamba:rateLimitScale": 10, "ocamba:allowMassTransition": "true"}
"""The stacks' config: limits x10 like the emulator's, and the blast-radius guard lifted."""


@contextmanager
def counting_emulator() -> Iterator[Emulator]:
    """An emulator with the documented limits x10: the runs stay fast while the client still
    paces; counts do not depend on the scale."""
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=100, steady=1500)) as emulator:
        yield emulator


def counted_stack(
    root: Path, hood: Emulator, kind: str, workspace: int, declared: int, *, listed: bool
) -> Adapter:
    """A stack of `kind` declaring `declared` of `workspace` paused campaigns active, spread
    evenly, with `hood`'s request counts reset (`listed`: see adapters.NativeAdapter)."""
    hood.control.generate(workspace, status="paused", first_id=FIRST_ID)
    stack = adapter_for(kind, root, hood.url, TOKEN, extra_config=SCALED, listed=listed)
    stack.declare(
        [
            {"id": cid, "state": "active", "run_immediately": True}
            for cid in spread_ids(workspace, declared)
        ]
    )
    hood.control.reset_stats()
    return stack


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
