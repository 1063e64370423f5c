"""Finding a group's members: the campaigns its selector selects now, read in bulk.

Labels (or a part of the name) need the workspace's listing with labels, which the snapshot
reads once per run and shares with every group and every campaign of it
(`StatusSnapshot.labelled`: the server's `labels=` filter when it works, else `ceil(T/100)`
reads); a selector of ids alone reads those ids in bulk. The selector is always matched here,
on the client.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ocamba_provider.client import Campaign
from ocamba_provider.domain.selector import Selector
from ocamba_provider.snapshot import StatusSnapshot


@dataclass(frozen=True)
class Members:
    """What a group's selector selects now, and how many campaigns were read to find out."""

    selector: Selector
    matched: Mapping[str, Campaign] = field(default_factory=dict)
    read: int = 0


def members_of(snapshot: StatusSnapshot, selector: Selector) -> Members:
    """The campaigns `selector` selects now, by id.

    Raises:
        HoodError: a read failed after the client's retries.
    """
    if selector.needs_listing:
        label = selector.labels[0] if selector.labels else None
        listed = snapshot.labelled(label)
        matched = {c.id: c for c in listed if selector.matches(c.id, c.name, c.labels)}
        return Members(selector, matched, len(listed))
    snapshot.hint(selector.ids)
    found = {}
    for campaign_id in selector.ids:
        campaign = snapshot.observe(campaign_id)
        if campaign is not None:
            found[campaign_id] = campaign
    return Members(selector, found, len(selector.ids))
