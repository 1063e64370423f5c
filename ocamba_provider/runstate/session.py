"""One client, snapshot and guard per account configuration, and one pacing per account.

The only state this package keeps for a whole process, on purpose: the engine deserialises the
pickled provider for many resources and calls it from several threads; all of them must share
one rate-limit budget, one snapshot of statuses and one count of planned transitions. `Sessions`
owns all of it; `reset_sessions()` starts over as a new provider process would (for tests).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ocamba_provider.client import HoodClient, Limits
from ocamba_provider.client.rate_limit import AccountBudget, account_key
from ocamba_provider.client.waits import Wait
from ocamba_provider.domain.guard import TransitionGuard
from ocamba_provider.domain.wording import wait_words, waiting_line
from ocamba_provider.runstate.settle import SILENT_WAIT_S, Settle, say
from ocamba_provider.settings import ProviderSettings
from ocamba_provider.snapshot import StatusSnapshot

DOCUMENTED_BURST = 10
DOCUMENTED_STEADY = 150


@dataclass(frozen=True)
class Session:
    """What every hook of one account shares within a run."""

    client: HoodClient
    snapshot: StatusSnapshot
    guard: TransitionGuard
    settle: Settle


def limits_for(settings: ProviderSettings) -> Limits:
    """The documented limits, times `ocamba:rateLimitScale` (for tiers or the emulator)."""
    return scaled_limits(settings.rate_limit_scale)


def scaled_limits(scale: float) -> Limits:
    """The documented limits times `scale`, each at least one request per window."""
    return Limits(
        burst=max(1, int(DOCUMENTED_BURST * scale)),
        steady=max(1, int(DOCUMENTED_STEADY * scale)),
    )


class Sessions:
    """The sessions of one process, by settings, and the budget of each account they use.

    Settings that differ only in guard or settle options are sessions of one account: their
    clients draw from one budget, paced to the limits of the latest session made for it.
    """

    def __init__(self) -> None:
        self._sessions: dict[ProviderSettings, Session] = {}
        self._budgets: dict[tuple[str, str], AccountBudget] = {}
        self._lock = threading.Lock()

    def get(self, settings: ProviderSettings) -> Session:
        """The session for these settings, created on first use."""
        with self._lock:
            session = self._sessions.get(settings)
            if session is None:
                session = self._sessions[settings] = _new_session(settings, self._budget(settings))
            return session

    def existing(self, settings: ProviderSettings) -> Session | None:
        """The session if one was made for these settings; never creates a client."""
        with self._lock:
            return self._sessions.get(settings)

    def reset(self) -> None:
        """Forget every session and budget."""
        with self._lock:
            self._sessions.clear()
            self._budgets.clear()

    def _budget(self, settings: ProviderSettings) -> AccountBudget:
        limits = limits_for(settings)
        key = account_key(settings.api_url, settings.token)
        budget = self._budgets.get(key)
        if budget is None:
            budget = self._budgets[key] = AccountBudget(limits)
        elif budget.limits != limits:
            budget.replace_limits(limits)
        return budget


def say_long_waits(wait: Wait) -> None:
    """Every wait of a client longer than a glance, said with its reason and length."""
    if wait.seconds > SILENT_WAIT_S:
        why = wait_words(wait.reason, wait.operation, wait.campaign_id, wait.detail)
        say(waiting_line(wait.seconds, why))


def _new_session(settings: ProviderSettings, budget: AccountBudget) -> Session:
    client = HoodClient(
        settings.api_url,
        settings.token,
        limits=limits_for(settings),
        budget=budget,
        on_wait=say_long_waits,
    )
    return Session(
        client=client,
        snapshot=StatusSnapshot(client),
        guard=TransitionGuard(
            settings.max_transitions_per_run,
            settings.allow_mass_transition,
            settings.allow_transitions,
        ),
        settle=Settle(settings.settle_seconds),
    )


_SESSIONS = Sessions()


def session_for(settings: ProviderSettings) -> Session:
    """The shared session for these settings, created on first use."""
    return _SESSIONS.get(settings)


def existing_session(settings: ProviderSettings) -> Session | None:
    """The shared session if a hook of this run already made one; never creates a client."""
    return _SESSIONS.existing(settings)


def reset_sessions() -> None:
    """Forget every session and account budget, as a new provider process would (tests)."""
    _SESSIONS.reset()
