"""One client, snapshot and guard per account per provider process.

Module level on purpose: the engine deserialises the pickled provider for many resources and
calls it from several threads; all of them must share one rate-limit budget, one snapshot of
statuses and one count of planned transitions.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ocamba_provider.client import HoodClient, Limits
from ocamba_provider.domain.guard import TransitionGuard
from ocamba_provider.resources.transition import Settle
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


_sessions: dict[ProviderSettings, Session] = {}
_lock = threading.Lock()


def limits_for(settings: ProviderSettings) -> Limits:
    """The documented limits, times `ocamba:rateLimitScale` (for tiers or the emulator)."""
    scale = settings.rate_limit_scale
    return Limits(
        burst=max(1, int(DOCUMENTED_BURST * scale)),
        steady=max(1, int(DOCUMENTED_STEADY * scale)),
    )


def session_for(settings: ProviderSettings) -> Session:
    """The shared session for these settings, created on first use."""
    with _lock:
        session = _sessions.get(settings)
        if session is None:
            client = HoodClient(settings.api_url, settings.token, limits=limits_for(settings))
            session = Session(
                client=client,
                snapshot=StatusSnapshot(client),
                guard=TransitionGuard(
                    settings.max_transitions_per_run,
                    settings.allow_mass_transition,
                    settings.allow_transitions,
                ),
                settle=Settle(settings.settle_seconds),
            )
            _sessions[settings] = session
        return session


def existing_session(settings: ProviderSettings) -> Session | None:
    """The shared session if a hook of this run already made one; never creates a client."""
    with _lock:
        return _sessions.get(settings)
