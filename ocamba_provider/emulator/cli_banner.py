"""What the emulator's command tells a person: the block after the URL line, and `--help`'s end.

Everything needed to point the provider, `ocamba-campaigns` or `ocamba-doctor` at the emulator
within the first minutes, without reading the code: the token, the two environment variables,
the stack config, the campaigns to try, how to change one behind the provider's back, where
the docs are.
"""

from __future__ import annotations

from collections.abc import Sequence

from .state.campaigns import Campaign

DOCS = "docs/emulator.md"
MOST_LISTED = 20

HELP_EPILOG = """\
The first line printed is the base URL; a block for people follows (--quiet: only the URL).

Point the provider and the commands at it:
  export OCAMBA_API_URL=http://127.0.0.1:8080
  export OCAMBA_API_TOKEN=emulator-token
or in a stack:
  pulumi config set ocamba:apiUrl http://127.0.0.1:8080
  pulumi config set --secret ocamba:apiToken emulator-token

Change a campaign behind the provider's back (not an API call, not in the ledger):
  python -m ocamba_provider.emulator oob pause 1000260 --url http://127.0.0.1:8080
  (oob --help lists pause, resume, cancel, status, relabel, reschedule)

Docs: docs/emulator.md (routes, control surface, variants, faults, clock).
"""


def banner(url: str, token: str, campaigns: Sequence[Campaign]) -> str:
    """The block printed after the URL line."""
    lines = [
        "",
        "Ocamba Hood API emulator: local, plain HTTP, not the real API. Ctrl-C stops it.",
        f"  token: {token}",
        "",
        "Point the provider, ocamba-campaigns and ocamba-doctor at it:",
        f"  export OCAMBA_API_URL={url}",
        f"  export OCAMBA_API_TOKEN={token}",
        "",
        "or in a stack (Pulumi.<stack>.yaml, the token encrypted):",
        "  config:",
        f"    ocamba:apiUrl: {url}",
        f"  $ pulumi config set --secret ocamba:apiToken {token}",
        "",
        *_campaign_lines(campaigns),
        "",
        "Change one out of band (not an API call, not in the ledger):",
        f"  python -m ocamba_provider.emulator oob pause <campaign id> --url {url}",
        "",
        f"Docs: {DOCS} (routes, control surface /_emulator/, variants, faults, clock).",
    ]
    return "\n".join(lines)


def _campaign_lines(campaigns: Sequence[Campaign]) -> list[str]:
    if not campaigns:
        return [
            "Campaigns: none (seed some: PUT /_emulator/campaigns, or restart without --empty)."
        ]
    lines = [f"Campaigns ({len(campaigns)}):"]
    for campaign in campaigns[:MOST_LISTED]:
        lines.append(f"  {campaign['id']}  {campaign['status']:<15} {campaign.get('name', '')}")
    if len(campaigns) > MOST_LISTED:
        lines.append(f"  ... and {len(campaigns) - MOST_LISTED} more")
    return lines
