"""System events: what the emulated service did by itself as its clock moved.

A scheduled campaign starting (`started`) and a one-shot run finishing (`finished`) are not
client writes, so they stay out of the ledger, which proves exactly-once of client writes only.
They land here, in the order they happened by the emulator's clock (`GET /_emulator/events`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from .campaigns import format_time

EventKind = Literal["started", "finished"]


@dataclass(frozen=True)
class SystemEvent:
    """One transition the service made itself; `at` is the emulator-clock time it happened."""

    campaign_id: str
    event: EventKind
    at: datetime

    def as_json(self) -> dict[str, Any]:
        """The event as `GET /_emulator/events` shows it (`at` in the API's GMT format)."""
        return {"campaign_id": self.campaign_id, "event": self.event, "at": format_time(self.at)}


class SystemEvents:
    """Append-only, thread-safe list of system events."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._events: list[SystemEvent] = []

    def record(self, campaign_id: str, event: EventKind, at: datetime) -> None:
        """Append an event (the caller holds the store lock, so order is the order applied)."""
        with self._lock:
            self._events.append(SystemEvent(campaign_id, event, at))

    def entries(self) -> list[SystemEvent]:
        """A snapshot of every event so far."""
        with self._lock:
            return list(self._events)

    def clear(self) -> None:
        """Forget everything (part of `POST /_emulator/reset`)."""
        with self._lock:
            self._events.clear()
