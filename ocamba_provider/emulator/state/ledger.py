"""The ledger: every state change the emulated API actually applied, in order.

Benchmarks and fault tests read it to prove exactly-once: a resume that was applied and then
lost on the wire (fault `drop_after_apply`) is here, a rejected resume (400) is not.
Out-of-band changes (`/_emulator/campaigns/{id}/status`, `.../labels`, `.../schedule`) are not
API actions and are not recorded; neither are the service's own transitions (a scheduled start,
a finished run: events.py).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any, Literal

Action = Literal["resume", "pause", "cancel"]


@dataclass(frozen=True)
class LedgerEntry:
    """One applied action; `at` is Unix time in seconds (float, for measuring durations)."""

    campaign_id: str
    action: Action
    body: dict[str, Any]
    at: float

    def as_json(self) -> dict[str, Any]:
        """The entry as `GET /_emulator/ledger` shows it."""
        return {
            "campaign_id": self.campaign_id,
            "action": self.action,
            "body": self.body,
            "at": self.at,
        }


class Ledger:
    """Append-only, thread-safe record of applied actions."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[LedgerEntry] = []

    def record(self, campaign_id: str, action: Action, body: dict[str, Any]) -> None:
        """Append an applied action (the caller holds the store lock, so order is apply order)."""
        with self._lock:
            self._entries.append(LedgerEntry(campaign_id, action, dict(body), time.time()))

    def entries(self) -> list[LedgerEntry]:
        """A snapshot of every entry so far."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Forget everything (part of `POST /_emulator/reset`)."""
        with self._lock:
            self._entries.clear()
