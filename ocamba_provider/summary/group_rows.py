"""A group's step of `pulumi preview --json` -> one row with its counts, and its members.

The group's checked inputs carry what its check saw and decided of each member
(`observed_members`); the old outputs, the membership the last up pinned (`members`). Each
member is judged again from those, by the same functions the provider's diff and apply use
(domain/group_members.py), and said in the words of the preview's lines
(domain/wording/members.py): the comment cannot disagree with the preview.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from ocamba_provider.domain.freezes import NO_FREEZES, Freezes
from ocamba_provider.domain.group import GROUP, GroupInputs, member_facts, pinned_members
from ocamba_provider.domain.group_members import (
    Judged,
    Judging,
    judge_leaver,
    judge_recorded,
)
from ocamba_provider.domain.verdict import Observation
from ocamba_provider.domain.wording.members import counts, counts_words, member_words
from ocamba_provider.summary.calendar_view import for_row
from ocamba_provider.summary.diagnostics import mapping, text, urn_parts
from ocamba_provider.summary.resource_types import snake_keys
from ocamba_provider.summary.row import Kind, Row

GROUP_TYPES: Final = ("ocamba:CampaignGroup", "ocamba:index:CampaignGroup")


def is_group_type(type_: str) -> bool:
    """True for a CampaignGroup's type token (the dynamic one ends with the first)."""
    return type_.endswith(GROUP_TYPES[0]) or type_ == GROUP_TYPES[1]


@dataclass(frozen=True)
class GroupMembers:
    """A group's members as the comment lists them: (id, name, status, what happens)."""

    name: str
    summary: str
    members: tuple[tuple[str, str, str, str], ...]


def group_row(
    step: Mapping[str, Any],
    now: datetime,
    zone_name: str,
    settle_s: float,
    freezes: Freezes = NO_FREEZES,
) -> tuple[Row, GroupMembers]:
    """The group's row and its member list, judged at `now` with the stack's zone, settle
    time and freezes (passing the override its check recorded), as a campaign's row is."""
    old = mapping(step.get("oldState"))
    new = mapping(step.get("newState"))
    inputs = snake_keys(mapping(new.get("inputs")) or mapping(old.get("inputs")))
    name = text(inputs.get(GROUP)) or urn_parts(text(step.get("urn")))[2]
    pinned = pinned_members(snake_keys(mapping(old.get("outputs"))))
    if text(step.get("op")) == "delete":
        on_delete = text(inputs.get("on_delete")) or "forget"
        said = f"stop managing {_members(len(pinned))} (on_delete: {on_delete})"
        row = Row(Kind.FORGET, f"group {name}", _members(len(pinned)), "", "", said)
        return row, GroupMembers(name, said, ())
    try:
        group = GroupInputs.from_props(inputs)
    except ValueError:
        row = Row(Kind.PENDING, f"group {name}", "", "", "", "decided at apply")
        return row, GroupMembers(name, "decided at apply", ())
    members = Judging(group, now, settle_s, freezes=for_row(freezes, inputs))
    facts = member_facts(inputs)
    judged = judge_recorded(members, facts, {}, pinned)
    judged += [
        judge_leaver(
            members, cid, Observation(text(record.get("status")), text(record.get("name"))), record
        )
        for cid, record in sorted(pinned.items())
        if cid not in facts
    ]
    said = counts_words(counts(judged)) or "in sync"
    zone = text(inputs.get("time_zone")) or zone_name
    on_delete = text(inputs.get("on_delete")) or "forget"
    listed = tuple(
        (
            item.campaign_id,
            item.observation.name,
            item.observation.status,
            _words(item, on_delete, zone),
        )
        for item in judged
    )
    count = sum(1 for item in judged if item.pinned)
    row = Row(_kind(judged), f"group {name}", _members(count), "", group.state, said)
    return row, GroupMembers(name, f"group {name}: {_members(count)} ({said})", listed)


def _members(count: int) -> str:
    return f"{count:,} member" + ("" if count == 1 else "s")


def _words(item: Judged, on_delete: str, zone: str) -> str:
    return member_words(item, on_delete, zone)


def _kind(judged: list[Judged]) -> Kind:
    found = counts(item for item in judged if item.acts)
    for key, kind in (("pauses", Kind.PAUSE), ("resumes", Kind.RESUME)):
        if found.get(key):
            return kind
    return Kind.RESCHEDULE if found.get("reschedules") else Kind.NONE
