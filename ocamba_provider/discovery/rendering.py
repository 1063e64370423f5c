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


def render_group_yaml(
    labels: str, campaigns: Iterable[Campaign], project: str = "ocamba-campaigns"
) -> str:
    """One group entry selecting `labels`, to paste under `<project>:campaigns`: it keeps the
    members as they are now when they agree (all paused, or all running), else it pauses them
    and says so; each member is listed in a comment with its status."""
    listed = list(campaigns)
    wanted = [label.strip() for label in labels.split(",") if label.strip()]
    name = "-".join(wanted)[:100] or "group"
    statuses = {campaign.status for campaign in listed}
    entry: dict[str, Any] = {"name": name, "select": {"labels": wanted}}
    if statuses and statuses <= {"running", "scheduled", "sent", "needs_decision"}:
        entry |= {"state": "active", "run_immediately": True}
    else:
        entry |= {"state": "paused", "pause_reason": "declared from ocamba-campaigns list"}
    lines = [f"{project}:campaigns:"]
    running = sum(1 for c in listed if c.status in ("running", "scheduled"))
    if entry["state"] == "paused" and running:
        # Never a resume by default: a pasted entry must not message anyone on its own.
        lines.append(
            f"  # CHECK: the members disagree; as written this entry pauses the {running} "
            "running or scheduled one(s). Set state: active (and a resume mode) to keep them."
        )
    counted = ", ".join(f"{n} {s}" for s, n in sorted(_count(listed).items()))
    lines.append(
        f"  # {len(listed)} campaign(s) carry {', '.join(wanted)} now: {counted or 'none'}"
    )
    lines += [f"  #   {c.id}  {c.name} (now {c.status})" for c in listed]
    block = yaml.safe_dump([entry], sort_keys=False, default_flow_style=None)
    lines.extend(f"  {line}" for line in block.rstrip().splitlines())
    return "\n".join(lines) + "\n"


def _count(campaigns: list[Campaign]) -> dict[str, int]:
    found: dict[str, int] = {}
    for campaign in campaigns:
        found[campaign.status] = found.get(campaign.status, 0) + 1
    return found


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
