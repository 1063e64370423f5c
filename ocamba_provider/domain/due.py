"""Is a run due? What an unattended run would do now, from the declarations and one read.

A scheduled tick asks this before it starts the engine: when nothing is due it stops there,
so the cost of a quiet tick is one bulk read. The answer depends only on the declarations, the
campaigns as read now and `now`: never on an earlier tick having run (scheduled CI runs are
delayed and dropped), so a late tick sees every boundary it missed as a campaign that is not
yet what the calendar wants now.

Each campaign is judged by the one verdict, as the unattended run itself will judge it: what
it would send is due, a campaign it would hold is said, a problem is said with its words.

A group's members are judged the same way, as the group's own check judges them
(domain/group_members.py), each member taken as pinned by the last up (the tick runs a stack
that applied the group when it merged). Where several declarations select one campaign, the
run's precedence decides which one speaks for it (domain/precedence.py: a pause wins, then an
entry by id over a group); two groups that disagree are a problem, as they are at preview.
A group's calendar does not depend on its members: its next change is the group's.

Pure: `now` is an argument.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ocamba_provider.domain.calendar import Transition, desire_at, next_transition
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.freezes import NO_FREEZES, Freezes
from ocamba_provider.domain.group_members import Judging, judge_fresh
from ocamba_provider.domain.precedence import (
    Conflict,
    Declarer,
    Governance,
    GroupMembers,
    govern,
)
from ocamba_provider.domain.reconcile import NOT_FOUND
from ocamba_provider.domain.times import parse_api_time
from ocamba_provider.domain.verdict import (
    SETTLE_SECONDS,
    Act,
    Held,
    Observation,
    Previous,
    Refusal,
    Verdict,
    verdict,
)
from ocamba_provider.domain.wording import render
from ocamba_provider.domain.wording.verdicts import verdict_words


@dataclass(frozen=True)
class Said:
    """One campaign's line: its id, its Hood name and what the verdict says of it."""

    campaign_id: str
    name: str
    words: str
    action: str = "none"
    """For a due campaign: `pause`, `reschedule` or `resume`."""
    since: str | None = None
    """For a pause the calendar asks: the flight's end it follows (GMT), to tell lateness."""
    group: str | None = None
    """The group it is judged as a member of (None: declared by id)."""


@dataclass(frozen=True)
class Ahead:
    """The calendar's next change after `now`, and whether a run must follow it."""

    transition: Transition
    campaign_id: str
    zone: str | None = None
    """The zone its declaration's times are said in."""
    group: str | None = None
    """A group's change (then `campaign_id` is empty): it applies to every member."""

    @property
    def needs_run(self) -> bool:
        """A pause needs a run after its time (Hood cannot schedule one); a start was handed
        to Hood when it was declared, so Hood starts it itself."""
        return self.transition.action == "pause"


@dataclass(frozen=True)
class DueAnswer:
    """What an unattended run at `now` would do."""

    due: tuple[Said, ...]
    held: tuple[Said, ...]
    problems: tuple[Said, ...]
    ahead: Ahead | None
    """The earliest change still ahead (of any campaign), or None."""
    next_run: Ahead | None
    """The earliest change ahead that needs a run (a pause), or None."""

    @property
    def is_due(self) -> bool:
        """Whether a run now would send anything."""
        return bool(self.due)

    def late(self, now: datetime, grace: timedelta) -> tuple[Said, ...]:
        """The due pauses whose flight ended more than `grace` before `now`: a tick missed
        them (GitHub delays and drops scheduled runs), and the campaign ran on meanwhile."""
        return tuple(
            said
            for said in self.due
            if said.since is not None and now - parse_api_time(said.since) > grace
        )


def due_now(
    declarations: Sequence[RunStateInputs],
    observed: Mapping[str, Observation],
    now: datetime,
    settle_s: float = SETTLE_SECONDS,
    *,
    default_zone: str | None = None,
    freezes: Freezes = NO_FREEZES,
    groups: Mapping[str, GroupMembers] | None = None,
) -> DueAnswer:
    """The answer for `declarations` and `groups` (by name: each declaration and the campaigns
    its selector selects now) given the campaigns `observed` (by id; absent: not found).

    Times are said in each declaration's zone, else `default_zone` (`ocamba:timeZone`).

    Every declaration is taken as managed by the stack, and every member as pinned: the tick
    runs a stack that applied them when they merged.
    """
    groups = groups or {}
    governance = govern({item.campaign_id: item.state for item in declarations}, groups)
    found = _Found(now, settle_s, freezes)
    for declaration in declarations:
        campaign_id = declaration.campaign_id
        asking = Declarer("entry", campaign_id, declaration.state == "paused")
        if governance.deferral(campaign_id, asking) is not None:
            continue  # a group that pauses it decides it, and speaks for it
        seen = observed.get(campaign_id) or Observation(NOT_FOUND)
        judged = verdict(
            declaration,
            seen,
            Previous(managed=True),
            now,
            settle_s,
            unattended=True,
            freezes=freezes,
        )
        found.add(judged, declaration, seen, declaration.time_zone or default_zone)
    for name in sorted(groups):
        zone_name = _zone_of(groups[name].declaration.shared, default_zone)
        _judge_group(
            found,
            name,
            group=groups[name],
            governance=governance,
            observed=observed,
            zone_name=zone_name,
        )
    found.problems += [
        _conflict(conflict, observed.get(conflict.campaign_id)) for conflict in governance.conflicts
    ]
    ahead = [
        Ahead(transition, declaration.campaign_id, declaration.time_zone or default_zone)
        for declaration in declarations
        if (transition := next_transition(declaration, now, freezes)) is not None
    ]
    ahead += [
        Ahead(transition, "", _zone_of(group.declaration.shared, default_zone), name)
        for name, group in sorted(groups.items())
        if (transition := next_transition(group.declaration.member(""), now, freezes)) is not None
    ]
    return DueAnswer(
        tuple(found.due),
        tuple(found.held),
        tuple(found.problems),
        _earliest(ahead),
        _earliest([item for item in ahead if item.needs_run]),
    )


@dataclass
class _Found:
    """The lines of the answer, as the verdicts come."""

    now: datetime
    settle_s: float
    freezes: Freezes
    due: list[Said] = field(default_factory=list)
    held: list[Said] = field(default_factory=list)
    problems: list[Said] = field(default_factory=list)

    def add(
        self,
        found: Verdict,
        declaration: RunStateInputs,
        seen: Observation,
        zone_name: str | None,
        group: str | None = None,
    ) -> None:
        """One campaign's verdict, as a line of its kind."""
        campaign_id = declaration.campaign_id
        if isinstance(found, Act):
            words = verdict_words(found, zone_name) or found.action.value
            since = _closed_since(declaration, self.now, self.freezes)
            self.due.append(Said(campaign_id, seen.name, words, found.action.value, since, group))
        elif isinstance(found, Held):
            self.held.append(Said(campaign_id, seen.name, found.note, group=group))
        elif isinstance(found, Refusal):
            self.problems.append(Said(campaign_id, seen.name, render(found.problem), group=group))


def _judge_group(
    found: _Found,
    name: str,
    *,
    group: GroupMembers,
    governance: Governance,
    observed: Mapping[str, Observation],
    zone_name: str | None,
) -> None:
    """Each member the group decides, judged by the group's own check as an unattended run
    would judge it; the members another declaration decides are that one's to say."""
    declaration = group.declaration
    asking = Declarer("group", name, declaration.state == "paused")
    matched = {cid: observed.get(cid) or Observation(NOT_FOUND) for cid in group.members}
    deferrals = {
        cid: note for cid in matched if (note := governance.deferral(cid, asking)) is not None
    }
    judging = Judging(
        declaration,
        found.now,
        found.settle_s,
        unattended=True,
        before_state=declaration.state,
        freezes=found.freezes,
    )
    # Every member pinned by the last up (`{}`: recorded with nothing held), as the tick's
    # check finds them: a member that joined since would be held, and a run is then harmless.
    pinned: dict[str, Mapping[str, Any]] = {cid: {} for cid in matched}
    for judged in judge_fresh(judging, matched, pinned, deferrals):
        if judged.governed is not None or judged.skipped is not None:
            continue  # decided elsewhere, or no write can change it: the group leaves it be
        member = declaration.member(judged.campaign_id)
        found.add(judged.verdict, member, judged.observation, zone_name, name)


def _conflict(conflict: Conflict, seen: Observation | None) -> Said:
    first, second = conflict.groups
    words = (
        f"groups {first} and {second} both resume it with different settings: "
        "a run stops with an error naming both"
    )
    return Said(conflict.campaign_id, seen.name if seen else "", words, group=first)


def _zone_of(shared: Mapping[str, Any], default_zone: str | None) -> str | None:
    zone_name = shared.get("time_zone")
    return zone_name if isinstance(zone_name, str) and zone_name else default_zone


def _closed_since(declaration: RunStateInputs, now: datetime, freezes: Freezes) -> str | None:
    """When the flight or window the calendar now pauses after closed (GMT), or None."""
    desire = desire_at(declaration, now, freezes)
    return desire.closed if desire.by_calendar else None


def _earliest(found: list[Ahead]) -> Ahead | None:
    # The API's time form sorts as text.
    return min(
        found,
        key=lambda item: (item.transition.at, item.campaign_id, item.group or ""),
        default=None,
    )
