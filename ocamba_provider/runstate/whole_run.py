"""The run's whole plan, read and counted at its first check, before anything is sent.

When the run's list is known (the stack config's, the program's hint, or
`ocamba:declaredCampaigns`: domain/run_list.py), the first check reads every listed campaign in
one bulk read and asks the verdict about each, so the guard refuses before a single campaign
is touched. Later checks count their own campaign again, which replaces its planned entry.
"""

from __future__ import annotations

from datetime import datetime

from ocamba_provider.domain.problems import Problem
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.run_list import RunList
from ocamba_provider.domain.verdict import Previous, counted, verdict
from ocamba_provider.runstate.observing import observation_of
from ocamba_provider.runstate.session import Session


class WholeRun:
    """Plans the whole run once per provider process."""

    def __init__(self, listed: RunList | None = None) -> None:
        # Every campaign the stack config declares (the config-driven program), or None.
        self._listed = listed or {}
        self._planned = False

    def plan(
        self, session: Session, hint: RunList, now: datetime, *, unattended: bool = False
    ) -> Problem | None:
        """Read and count the listed campaigns the first time; the guard's refusal, if any.

        Raises:
            HoodError: the bulk read failed.
        """
        # Once per provider process: the stack config's list is the same for every check, and
        # only the program's first resource carries a hint.
        listed = {**self._listed, **hint}
        if not listed or self._planned:
            return None
        session.snapshot.hint(listed)
        transitions: dict[str, Action] = {}
        for campaign_id, entry in listed.items():
            if not entry.counted_by_the_plan:
                # A hold may turn out held, which only its own check can tell (it needs the
                # campaign's old inputs); an unknown state is known only at apply: each is
                # counted by its own check, not here.
                continue
            seen = observation_of(session.snapshot.observe(campaign_id))
            declaration = entry.declaration(campaign_id)
            found = verdict(declaration, seen, Previous(), now, unattended=unattended)
            transitions |= counted(found, campaign_id, unattended=unattended) or {}
        self._planned = True
        return session.guard.plan(transitions)
