"""What a group's check says: one line for the group, one per member that joins, leaves or
changes, and the problems only a group has (its members unread, two groups that disagree)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Final, Protocol

from ocamba_provider.client import HoodError, HoodInvalidArgument
from ocamba_provider.domain.group import GroupInputs
from ocamba_provider.domain.group_members import Judged
from ocamba_provider.domain.precedence import Conflict
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.selector import SELECT
from ocamba_provider.domain.verdict import Unchanged
from ocamba_provider.domain.wording import as_error, resume_words
from ocamba_provider.domain.wording.groups import group_line, member_line
from ocamba_provider.domain.wording.members import counts, counts_words, member_words
from ocamba_provider.runstate.members import Members
from ocamba_provider.runstate.settle import say

QUIET_LINES: Final = 50
"""Members in sync get no line; of the others, joins and leaves always get one, and at most
this many more do (the PR comment lists every member)."""


class GroupsKnown(Protocol):
    """What the run's plan knows of its groups (whole_run.WholeRun)."""

    def declared_group(self, name: str) -> GroupInputs | None: ...


@contextmanager
def members_unread(group: str, then: str) -> Iterator[None]:
    """A failed read of a group's members as the user's message.

    Raises:
        OcambaError: the read in the block raised a HoodError.
    """
    try:
        yield
    except HoodInvalidArgument:
        raise
    except HoodError as error:
        params = {"group": group, "error": str(error), "then": then}
        raise as_error(Problem(Code.READ_FAILED, SELECT, params=params)) from None


def say_members(group: str, judged: Sequence[Judged], on_delete: str, zone: str) -> None:
    """The group's line, then a line for each member that joins, leaves or changes."""
    found = counts(judged)
    said = counts_words(found)
    pinned = sum(1 for item in judged if item.pinned)
    say(group_line(group, pinned, f": {said}" if said else ": in sync"))
    others = 0
    for item in judged:
        quiet = item.change == "stay" and isinstance(item.verdict, Unchanged)
        if quiet:
            continue
        if item.change == "stay":
            others += 1
            if others > QUIET_LINES:
                continue
        words = member_words(item, on_delete, zone)
        say(member_line(group, item.campaign_id, item.observation.name, words))
    if others > QUIET_LINES:
        say(
            f"ocamba: group {group}: and {others - QUIET_LINES:,} more members (see the PR comment)"
        )


def conflict_problem(
    group: str, conflict: Conflict, members: Members, groups: GroupsKnown
) -> Problem:
    """Two groups that resume one campaign differently, named both."""
    campaign = members.matched.get(conflict.campaign_id)
    settings = []
    for name in conflict.groups:
        declared = groups.declared_group(name)
        settings.append(settings_words(declared, conflict.campaign_id) if declared else "?")
    return Problem(
        Code.GROUPS_CONFLICT,
        SELECT,
        conflict.campaign_id,
        campaign.name if campaign is not None else "",
        params={"group": group, "groups": list(conflict.groups), "settings": settings},
    )


def settings_words(group: GroupInputs, campaign_id: str) -> str:
    """How a group resumes a campaign: `resume now`, `resume at ...`, `a flight ...`."""
    shared = group.shared
    if shared.get("active_from") or shared.get("active_until"):
        start, until = shared.get("active_from") or "-", shared.get("active_until") or "-"
        said = f"a flight {start} -> {until} GMT"
    else:
        said = resume_words(group.member(campaign_id).scheduled_time)
    drift = shared.get("drift")
    return said + (f", drift: {drift}" if drift == "hold" else "")
