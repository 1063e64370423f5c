"""The run's whole plan, read and counted at its first check, before anything is sent.

When the run's list is known (the stack config's, the program's hint, or
`ocamba:declaredCampaigns`: domain/run_list.py and domain/group_list.py), the first check reads
every group's members and every listed campaign (one listing, bulk reads), settles who decides
a campaign several declarations select (domain/precedence.py), and asks the verdict about each
campaign the way the declaration that decides it will, so the guard refuses before a single
campaign is touched. Later checks count their own campaigns again, which replaces their
planned entries: the guard counts by campaign id, so the run is counted once.
"""

from __future__ import annotations

import threading
from datetime import datetime

from ocamba_provider.domain.freezes import NO_FREEZES, Freezes
from ocamba_provider.domain.group import GroupInputs
from ocamba_provider.domain.group_list import GroupList
from ocamba_provider.domain.precedence import Declarer, Governance, GroupMembers, govern
from ocamba_provider.domain.problems import Problem
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.run_list import RunList
from ocamba_provider.domain.verdict import Previous, counted, verdict
from ocamba_provider.runstate.members import Members, members_of
from ocamba_provider.runstate.observing import observation_of
from ocamba_provider.runstate.session import Session


class WholeRun:
    """Plans the whole run once per provider process."""

    def __init__(self, listed: RunList | None = None, groups: GroupList | None = None) -> None:
        # Every campaign and group the stack config declares (the config-driven program).
        self._listed = listed or {}
        self._groups = groups or {}
        self._planned = False
        self._lock = threading.Lock()
        self._members: dict[str, Members] = {}
        self._planned_groups: GroupList = {}
        self.governance = Governance()
        """Who decides each campaign that several declarations of the run select."""

    def plan(
        self,
        session: Session,
        hint: RunList,
        now: datetime,
        *,
        hint_groups: GroupList | None = None,
        unattended: bool = False,
        freezes: Freezes = NO_FREEZES,
    ) -> Problem | None:
        """Read and count the listed campaigns and groups the first time; the guard's
        refusal, if any.

        Raises:
            HoodError: a read failed.
        """
        with self._lock:
            # Once per provider process: the stack config's list is the same for every check,
            # and only the program's first resource carries a hint.
            listed = {**self._listed, **hint}
            groups = {**self._groups, **(hint_groups or {})}
            if (not listed and not groups) or self._planned:
                return None
            self._planned_groups = dict(groups)
            for name, group in groups.items():
                self._members[name] = members_of(session.snapshot, group.select)
            session.snapshot.hint(listed)
            self.governance = govern(
                {campaign_id: entry.state for campaign_id, entry in listed.items()},
                {
                    name: GroupMembers(group, frozenset(self._members[name].matched))
                    for name, group in groups.items()
                },
            )
            transitions: dict[str, Action] = {}
            for campaign_id, entry in listed.items():
                asking = Declarer("entry", campaign_id, entry.state == "paused")
                if not entry.counted_by_the_plan or self.deferral(campaign_id, asking):
                    # A hold may turn out held, which only its own check can tell (it needs the
                    # campaign's old inputs); an unknown state is known only at apply: each is
                    # counted by its own check, not here. One decided by a group is the group's.
                    continue
                seen = observation_of(session.snapshot.observe(campaign_id))
                found = verdict(
                    entry.declaration(campaign_id),
                    seen,
                    Previous(),
                    now,
                    unattended=unattended,
                    freezes=freezes,
                )
                transitions |= counted(found, campaign_id, unattended=unattended) or {}
            for name, group in groups.items():
                transitions |= self._group_transitions(name, group, now, unattended, freezes)
            self._planned = True
        return session.guard.plan(transitions)

    def _group_transitions(
        self,
        name: str,
        group: GroupInputs,
        now: datetime,
        unattended: bool,
        freezes: Freezes,
    ) -> dict[str, Action]:
        if group.shared.get("drift") == "hold":
            return {}  # as for a campaign under drift: hold, the group's own check counts
        asking = Declarer("group", name, group.state == "paused")
        found: dict[str, Action] = {}
        for campaign_id, campaign in self._members[name].matched.items():
            if self.deferral(campaign_id, asking) is None:
                judged = verdict(
                    group.member(campaign_id),
                    observation_of(campaign),
                    Previous(),
                    now,
                    unattended=unattended,
                    freezes=freezes,
                )
                found |= counted(judged, campaign_id, unattended=unattended) or {}
        return found

    def declared_group(self, name: str) -> GroupInputs | None:
        """A group of the run's list, as listed."""
        return self._planned_groups.get(name) or self._groups.get(name)

    def deferral(self, campaign_id: str, asking: Declarer) -> str | None:
        """The held note when another declaration of the run decides this campaign."""
        return self.governance.deferral(campaign_id, asking)

    def members(self, session: Session, name: str, group: GroupInputs) -> Members:
        """The group's members as read in this run (read now, for a group the plan did not
        list, like one declared only in stack code that was not hinted).

        Raises:
            HoodError: a read failed.
        """
        with self._lock:
            known = self._members.get(name)
            if known is None or known.selector != group.select:
                known = self._members[name] = members_of(session.snapshot, group.select)
            return known
