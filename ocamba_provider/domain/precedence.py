"""Which declaration decides a campaign that several declarations select.

One campaign may be named by an entry of its own and selected by groups. Exactly one of them
decides it, so it is sent at most one write per run, in this order:

1. a pause wins: an entry by id that pauses it, else the first group (by name) that does; its
   reason is the one sent, and every other declaration says which one pauses it;
2. then an entry by id over a group;
3. then the groups that resume it, which must agree on how and when (`GroupInputs.settings`):
   the first by name acts, the others say so; two that disagree are an error at preview that
   names both (`Conflict`), and neither acts.

Every other declaration holds the campaign (a `Held` verdict with the note of `deferral`): it
sends nothing and leaves the guard's count to the one that decides.

Pure: the run's declarations and each group's members in, a `Governance` out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from ocamba_provider.domain.group import GroupInputs

Kind = Literal["entry", "group"]


@dataclass(frozen=True)
class Declarer:
    """One declaration of the run: an entry by id (its name is the campaign id) or a group."""

    kind: Kind
    name: str
    pauses: bool = False

    def describe(self) -> str:
        """`the entry for campaign 1000260`, `group bf-2026`."""
        if self.kind == "entry":
            return f"the entry for campaign {self.name}"
        return f"group {self.name}"

    def same(self, other: Declarer) -> bool:
        """Whether both name the same declaration (whatever they pause)."""
        return (self.kind, self.name) == (other.kind, other.name)


@dataclass(frozen=True)
class Conflict:
    """Two groups that resume one campaign with different settings."""

    campaign_id: str
    groups: tuple[str, str]


@dataclass(frozen=True)
class Governance:
    """Who decides each campaign that more than one declaration selects."""

    governors: Mapping[str, Declarer] = field(default_factory=dict)
    conflicts: tuple[Conflict, ...] = ()

    def deferral(self, campaign_id: str, asking: Declarer) -> str | None:
        """The held note when another declaration decides this campaign; None when `asking`
        does (or is the only one to select it)."""
        if any(campaign_id == c.campaign_id and asking.name in c.groups for c in self.conflicts):
            return "held: selected by two groups that disagree (see the error)"
        governor = self.governors.get(campaign_id)
        if governor is None or governor.same(asking):
            return None
        if governor.pauses:
            return f"held: {governor.describe()} pauses it (a pause wins)"
        if governor.kind == "entry":
            return f"held: {governor.describe()} decides it (an entry by id wins over a group)"
        return f"held: {governor.describe()} resumes it with the same settings (it acts)"

    def conflicts_of(self, group: str) -> list[Conflict]:
        """The conflicts this group is part of."""
        return [conflict for conflict in self.conflicts if group in conflict.groups]


@dataclass(frozen=True)
class GroupMembers:
    """A group of the run and the campaigns its selector selects now."""

    declaration: GroupInputs
    members: frozenset[str]


def govern(entries: Mapping[str, str | None], groups: Mapping[str, GroupMembers]) -> Governance:
    """The governance of a run: `entries` are campaign id -> declared state (None: not known
    before apply), `groups` each group's declaration and current members."""
    selecting: dict[str, list[str]] = {}
    for name in sorted(groups):
        # In id order, so that conflicts (and their errors) come out the same every run.
        for campaign_id in sorted(groups[name].members, key=lambda cid: (len(cid), cid)):
            selecting.setdefault(campaign_id, []).append(name)
    governors: dict[str, Declarer] = {}
    conflicts: list[Conflict] = []
    for campaign_id, names in selecting.items():
        if len(names) == 1 and campaign_id not in entries:
            continue  # one declaration: it decides, nothing to record
        found = _governor(campaign_id, entries.get(campaign_id, "absent"), names, groups)
        if isinstance(found, Declarer):
            governors[campaign_id] = found
        else:
            conflicts += found
    return Governance(governors, tuple(conflicts))


def _governor(
    campaign_id: str,
    entry_state: str | None,
    names: Iterable[str],
    groups: Mapping[str, GroupMembers],
) -> Declarer | list[Conflict]:
    has_entry = entry_state != "absent"
    if entry_state == "paused":
        return Declarer("entry", campaign_id, pauses=True)
    pausing = [name for name in names if groups[name].declaration.state == "paused"]
    if pausing:
        return Declarer("group", pausing[0], pauses=True)
    if has_entry:
        return Declarer("entry", campaign_id)
    resuming = list(names)
    first = groups[resuming[0]].declaration.settings()
    differing = [name for name in resuming[1:] if groups[name].declaration.settings() != first]
    if differing:
        return [Conflict(campaign_id, (resuming[0], name)) for name in differing]
    return Declarer("group", resuming[0])
