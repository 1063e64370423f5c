"""The doctor (`ocamba-doctor`, `python -m ocamba_provider.doctor`): check a real account
against every assumption the client makes, before pointing a stack at it.

Read-only by construction: it reaches the API only through `ReadOnlyApi` (readonly_api.py),
which can send GET and nothing else, and it sends at most 10 of them (probe.py). It prints one
line per assumption, `ok`, `DIFFERS` or `unknown`, with what it saw and what the client does
about it (checks_listing.py, checks_errors.py, report.py). The token is never printed.

`run(base_url, token)` is the whole check from code; command.py is the command line.
"""

from ocamba_provider.doctor.command import run
from ocamba_provider.doctor.probe import diagnose
from ocamba_provider.doctor.report import Check, Diagnosis

__all__ = ["Check", "Diagnosis", "diagnose", "run"]
