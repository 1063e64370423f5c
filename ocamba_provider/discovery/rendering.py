"""Found campaigns as a plain-text table, or as stack-config entries ready to paste."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from ocamba_provider.client import Campaign


def as_stack_entries(campaigns: Iterable[Campaign]) -> list[dict[str, Any]]:
    """Entries for `ocamba-campaigns:campaigns` that keep each campaign as it is now."""
    entries: list[dict[str, Any]] = []
    for campaign in campaigns:
        entry: dict[str, Any] = {"id": campaign.id}
        if campaign.status == "paused":
            entry["state"] = "paused"
        elif campaign.status in ("running", "scheduled", "sent", "needs_decision"):
            entry["state"] = "active"
            if campaign.status == "scheduled" and campaign.scheduled_time:
                entry["scheduled_time"] = campaign.scheduled_time
            else:
                entry["run_immediately"] = True
        else:
            continue  # drafts and canceled campaigns cannot be declared
        entries.append(entry)
    return entries


def render_yaml(campaigns: Iterable[Campaign], project: str = "ocamba-campaigns") -> str:
    """Stack-config YAML under `<project>:campaigns`, each entry preceded by a comment with
    name and status."""
    listed = list(campaigns)
    by_id = {c.id: c for c in listed}
    lines = [f"{project}:campaigns:"]
    for entry in as_stack_entries(listed):
        campaign = by_id[entry["id"]]
        lines.append(f"  # {campaign.name} (now {campaign.status})")
        block = yaml.safe_dump([entry], sort_keys=False, default_flow_style=False)
        lines.extend(f"  {line}" for line in block.rstrip().splitlines())
    skipped = len(listed) - len(as_stack_entries(listed))
    if skipped:
        lines.append(f"# {skipped} draft or canceled campaign(s) left out: they cannot be declared")
    return "\n".join(lines) + "\n"


def project_name(folder: Path, default: str = "ocamba-campaigns") -> str:
    """The `name` of the Pulumi project in `folder` (its `Pulumi.yaml`), else `default`: the
    namespace the pasted entries must go under, or the program ignores them."""
    try:
        project = yaml.safe_load((folder / "Pulumi.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return default
    name = project.get("name") if isinstance(project, dict) else None
    return name if isinstance(name, str) and name else default


def render_table(campaigns: Iterable[Campaign]) -> str:
    """A plain-text table: id, name, status, next run."""
    rows = [("ID", "NAME", "STATUS", "NEXT RUN (GMT)")]
    rows += [(c.id, c.name, c.status, c.next_run_time or "-") for c in campaigns]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return (
        "\n".join(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in rows
        )
        + "\n"
    )
