"""Discovery: find campaigns to declare, from stack code or the command line.

`find_campaigns(status="paused", q="sale")` returns campaigns (lazily paginated, paced by the
client); `python -m ocamba_provider.campaigns list --status paused --format yaml` prints
entries ready to paste under `ocamba-campaigns:campaigns`.
"""

from ocamba_provider.campaigns.discovery import (
    as_stack_entries,
    find_campaigns,
    render_table,
    render_yaml,
)

__all__ = ["as_stack_entries", "find_campaigns", "render_table", "render_yaml"]
