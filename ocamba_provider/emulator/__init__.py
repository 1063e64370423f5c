"""A local emulator of the Ocamba Hood campaigns API, for tests, demos and benchmarks.

Shaped like a moto service in server mode: `api/routes` (URL map) -> `api/pipeline` (auth,
rate limits, faults) -> `api/handlers` (parse and serialise only) -> `state/store` (methods
named after API operations), with `api/errors` rendering the documented error JSON. The rooms:

- `api/`: what a client sees: routes, pipeline, handlers, the list query language (`query`;
  `labels` for `labels=`), JSON bodies in and out (`wire`), a campaign's wire form
  (`answers`), the errors.
- `state/`: what one workspace holds: the store, the campaign record and its seeding
  (`campaigns`, the packaged `demo` workspace), the ledger of applied actions, the request
  stats, and time: the emulator's `clock`, the `scheduler` (on a `timeline`) that starts
  scheduled campaigns and finishes runs, its system `events`, and the status `lag`.
- `behaviour/`: how it can be told to behave: the runtime switches (`settings`), the named
  variants, seeded faults, the rate limits and the concurrency cap (`ratelimit`).
- `control/`: the `/_emulator/` side door (its routes and handlers) that seeds campaigns,
  changes them out of band, moves the clock, injects faults and reports the ledger, events and
  stats; `EmulatorControl` (`client`) driving it; `identity` (`GET /_emulator/info`); and the
  `oob` command, which changes a campaign in a running emulator and refuses anything else.
- here: `backend` (the one instance all of them make up), `app` (the Flask app wiring both
  URL maps), `server` (`Emulator`, serving it in a thread), `loopback`, `cli`, `cli_variants`
  and `cli_banner` (`python -m ocamba_provider.emulator`, `ocamba-emulator`: the URL line, then
  what a person needs). docs/emulator.md describes all of it for users.

Emulated: list (paging, sort, search, sparse fields, views, filters), get, resume, pause,
cancel; bearer-token auth; the documented rate limits and headers; the documented error body;
labels (an array; out-of-band relabels); time: the emulator's own clock (real, offset or
frozen), scheduled campaigns starting at their time, runs finishing after `run_seconds`
(default: never), evaluated lazily on each request (no thread), recorded as system events
apart from the ledger.

Variants (behaviour/settings.py, named in behaviour/variants.py; all off by default) play the
other answer to each INFER of `hood-api.md`: a page size cap below what the client asks, the
docs' generic 400 wording, 404 and no `trace_id` for unknown ids, a default view without
`status`, integer ids, ISO times with `Z` or an offset, and a status lag that the server's own
write check shares (a resend during the lag is applied twice); `hostile` is all of them at
once. Outside `hostile`: a schedule reported only in `next_run_time`, times in a local zone
without an offset, labels as one comma-joined string. Settings without a named variant: a
past `scheduled_time` refused instead of run at once, `labels=` honoured or refused instead of
ignored. They change answers and timing only: requests are always parsed in the documented
formats.

Not emulated: campaign create, PATCH and set-winner; recurrence (every start is one-shot), A/B
decisions, quiet hours, targeting; several accounts or workspaces (one token, one workspace);
the filter operators `r rf rl rr` (their meaning is undocumented: 400); HTTPS and keep-alive;
real response latency (only injected); a lag that differs between campaigns or between reads
(every write becomes visible exactly `status_lag_ms` after it was applied); ISO times, other
zones or integer ids in *requests* (the real API may accept them; the emulator does not); a
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
