"""The run's whole plan, read and counted at its first check, before anything is sent.

When the stack config lists the declarations (or the program's first resource carries every
id in a hint), the first check reads them all in one bulk read and counts every transition the
run will make, so the guard refuses before a single campaign is touched.
"""

from __future__ import annotations

from typing import Any

from ocamba_provider.domain.declaration import is_campaign_id
from ocamba_provider.domain.reconcile import NOT_FOUND, Action, decide
from ocamba_provider.resources.session import Session


def valid_hint(hint: Any) -> dict[str, dict[str, str]]:
    """The hinted declarations whose ids are ids, as {id: {"state": ..., "drift": ...}}."""
    # The hint holds every id the program declared, typos included; the bad ones get their
    # own CheckFailure from their own check, so the bulk read just leaves them out.
    if not isinstance(hint, dict):
        return {}
    valid: dict[str, dict[str, str]] = {}
    for campaign_id, declared in hint.items():
        if is_campaign_id(campaign_id):
            # Older programs sent the desired state alone.
            entry = declared if isinstance(declared, dict) else {"state": declared}
            valid[campaign_id] = {str(k): str(v) for k, v in entry.items() if v is not None}
    return valid


class WholeRun:
    """Plans the whole run once per provider process."""

    def __init__(self, declared: dict[str, dict[str, str]] | None = None) -> None:
        # Every campaign the stack config declares (the config-driven program), or None.
        self._declared = declared
        self._planned = False

    def plan(self, session: Session, hint: dict[str, dict[str, str]]) -> str | None:
        """Read and count the declared campaigns the first time; the guard's refusal, if any.

        Raises:
            HoodError: the bulk read failed.
        """
        # Once per provider process: the stack config's list is the same for every check, and
        # only the program's first resource carries a hint.
        declared = {**(self._declared or {}), **hint}
        if not declared or self._planned:
            return None
        session.snapshot.hint(declared)
        # Campaigns under drift: hold may turn out held, which only their own check can tell
        # (it needs their old inputs): they are counted there, not here.
        planned: dict[str, Action] = {}
        for campaign_id, entry in declared.items():
            if entry.get("drift") == "hold":
                continue
            seen = session.snapshot.observe(campaign_id)
            decision = decide(entry.get("state", ""), seen.status if seen else NOT_FOUND)
            if isinstance(decision, Action):
                planned[campaign_id] = decision
        self._planned = True
        return session.guard.plan(planned)
