"""A local emulator of the Ocamba Hood campaigns API, for tests, demos and benchmarks.

Shaped like a moto service in server mode: `routes` (URL map) -> `pipeline` (auth, rate
limits, faults) -> `handlers` (parse and serialise only) -> `store` (methods named after API
operations) with `errors` rendering the documented error JSON. A `/_emulator/` control surface
seeds campaigns, injects faults and reports the ledger and stats; `EmulatorControl` drives it.

Emulated: list (paging, sort, search, sparse fields, views, filters), get, resume, pause,
cancel; bearer-token auth; the documented rate limits and headers; the documented error body.

Not emulated: campaign create, PATCH and set-winner; any scheduler (a `scheduled` campaign never
starts, a `running` one never becomes `sent`; only `/_emulator/.../status` changes that); A/B
tests, recurrence, quiet hours, targeting; several accounts or workspaces (one token, one
workspace); the filter operators `r rf rl rr` (their meaning is undocumented: 400); HTTPS and
keep-alive; real response latency (only injected).
"""

from __future__ import annotations

from .control import EmulatorControl, EmulatorControlError
from .server import DEFAULT_TOKEN, Emulator
from .settings import DOCUMENTED_RATE_LIMIT, RateLimit

__all__ = [
    "DEFAULT_TOKEN",
    "DOCUMENTED_RATE_LIMIT",
    "Emulator",
    "EmulatorControl",
    "EmulatorControlError",
    "RateLimit",
]
