"""Everything one emulator instance holds: store, ledger, system events, clock, stats, faults,
limits, settings."""

from __future__ import annotations

import threading

from .behaviour.faults import FaultInjector
from .behaviour.ratelimit import ConcurrencyGate, RateLimiter
from .behaviour.settings import Settings
from .state.clock import EmulatorClock
from .state.events import SystemEvents
from .state.ledger import Ledger
from .state.stats import Stats
from .state.store import CampaignStore


class HoodBackend:
    """The state behind one emulated Hood API (one account, one token, one workspace)."""

    def __init__(self, token: str, settings: Settings) -> None:
        self.token = token
        self.initial_settings = settings
        self.ledger = Ledger()
        self.clock = EmulatorClock()
        self.events = SystemEvents()
        self.store = CampaignStore(self.ledger, self.clock, self.events)
        self.stats = Stats()
        self.faults = FaultInjector()
        self._lock = threading.Lock()
        self.settings = settings
        self.limiter: RateLimiter | None = None
        self.concurrency = ConcurrencyGate(None)
        self.apply_settings(settings)

    def apply_settings(self, settings: Settings, restart_windows: bool = False) -> None:
        """Switch to `settings`; rate-limit windows restart empty if the limits change."""
        with self._lock:
            current = None if self.limiter is None else self.limiter.limits
            if restart_windows or settings.rate_limit != current:
                limits = settings.rate_limit
                self.limiter = None if limits is None else RateLimiter(limits)
            self.concurrency.cap = settings.concurrency_cap
            self.store.not_found_status = settings.not_found_status
            self.store.status_lag_s = settings.status_lag_ms / 1000
            self.store.write_check_lags = settings.write_check_lags
            self.store.scheduler.run_seconds = settings.run_seconds
            self.settings = settings

    def reset(self) -> None:
        """Back to a fresh instance: no campaigns, ledger, events, stats or faults; initial
        settings; the clock on real time."""
        self.store.replace_all([])
        self.ledger.clear()
        self.events.clear()
        self.clock.real()
        self.stats.reset()
        self.faults.clear()
        self.apply_settings(self.initial_settings, restart_windows=True)
