"""A local emulator of the Ocamba Hood campaigns API, for tests, demos and benchmarks.

Shaped like a moto service in server mode: `api/routes` (URL map) -> `api/pipeline` (auth,
rate limits, faults) -> `api/handlers` (parse and serialise only) -> `state/store` (methods
named after API operations), with `api/errors` rendering the documented error JSON. The rooms:

- `api/`: what a client sees: routes, pipeline, handlers, the list query language (`query`),
  JSON bodies in and out (`wire`), a campaign's wire form (`answers`), the errors.
- `state/`: what one workspace holds: the store, the campaign record and its seeding
  (`campaigns`), the ledger of applied actions, the request stats.
- `behaviour/`: how it can be told to behave: the runtime switches (`settings`), the named
  variants, seeded faults, the rate limits and the concurrency cap (`ratelimit`).
- `control/`: the `/_emulator/` side door (its routes and handlers) that seeds campaigns,
  injects faults and reports the ledger and stats, and `EmulatorControl` (`client`) driving it.
- here: `backend` (the one instance all of them make up), `app` (the Flask app wiring both
  URL maps), `server` (`Emulator`, serving it in a thread), `cli` and `cli_variants`
  (`python -m ocamba_provider.emulator`).

Emulated: list (paging, sort, search, sparse fields, views, filters), get, resume, pause,
cancel; bearer-token auth; the documented rate limits and headers; the documented error body.

Variants (behaviour/settings.py, named in behaviour/variants.py; all off by default) play the
other answer to each INFER of `hood-api.md`: a page size cap below what the client asks, the
docs' generic 400 wording, 404 and no `trace_id` for unknown ids, a default view without
`status`, integer ids, ISO times with `Z` or an offset, and a status lag that the server's own
write check shares (a resend during the lag is applied twice). `hostile` is all of them at once.
They change answers and timing only: requests are always parsed in the documented formats.

Not emulated: campaign create, PATCH and set-winner; any scheduler (a `scheduled` campaign never
starts, a `running` one never becomes `sent`; only `/_emulator/.../status` changes that); A/B
tests, recurrence, quiet hours, targeting; several accounts or workspaces (one token, one
workspace); the filter operators `r rf rl rr` (their meaning is undocumented: 400); HTTPS and
keep-alive; real response latency (only injected); a lag that differs between campaigns or
between reads (every write becomes visible exactly `status_lag_ms` after it was applied); ISO
times or integer ids in *requests* (the real API may accept them; the emulator does not); a
page size cap that differs by endpoint or filter.
"""

from __future__ import annotations

from .behaviour.settings import DOCUMENTED_RATE_LIMIT, RateLimit
from .behaviour.variants import VARIANTS
from .control.client import EmulatorControl, EmulatorControlError
from .server import DEFAULT_TOKEN, Emulator
from .state.demo import demo_campaigns

__all__ = [
    "DEFAULT_TOKEN",
    "DOCUMENTED_RATE_LIMIT",
    "VARIANTS",
    "Emulator",
    "EmulatorControl",
    "EmulatorControlError",
    "RateLimit",
    "demo_campaigns",
]
