"""The old name of `ocamba_provider.discovery`, kept so that code written for it still runs.

Stack code from before the split imports `from ocamba_provider.campaigns import find_campaigns`
(the README of 0.1.0 said so), and scripts run `python -m ocamba_provider.campaigns
list|doctor`. Both keep working: the names below are discovery's own objects, and `__main__` runs
`ocamba-campaigns`. Nothing else lives here. New code imports `ocamba_provider.discovery` (and
`ocamba_provider.doctor` for the doctor).
"""

from ocamba_provider.discovery import (
    as_stack_entries,
    find_campaigns,
    render_table,
    render_yaml,
)

__all__ = ["as_stack_entries", "find_campaigns", "render_table", "render_yaml"]
