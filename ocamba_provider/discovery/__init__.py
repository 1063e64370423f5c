"""Discovery: find campaigns to declare, from stack code or the command line.

`find_campaigns(status="paused", q="sale")` returns campaigns (lazily paginated, paced by the
client); `ocamba-campaigns list --status paused --format yaml` (or `python -m
ocamba_provider.discovery list ...`) prints entries ready to paste under
`ocamba-campaigns:campaigns`. The URL and token come from stack config inside a Pulumi program,
else the environment (`api_from_environment`, in ocamba_provider/credentials.py).
"""

from ocamba_provider.credentials import api_from_environment
from ocamba_provider.discovery.finding import client_from_environment, find_campaigns
from ocamba_provider.discovery.rendering import as_stack_entries, render_table, render_yaml

__all__ = [
    "api_from_environment",
    "as_stack_entries",
    "client_from_environment",
    "find_campaigns",
    "render_table",
    "render_yaml",
]
