"""The emulator's clock: real time plus an adjustable offset, or frozen at one instant.

Every time the emulated service keeps (when a schedule is due, how long a campaign has run,
`update_time`, the system events) is read from this clock, so a test can move time instead of
sleeping. What it does not govern: the rate-limit windows, the status lag and the ledger's
`at` (they measure real durations), and the time a request takes.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from ..api.errors import BadRequest
from .campaigns import format_time, parse_time


def _real_now() -> datetime:
    return datetime.now(UTC)


class EmulatorClock:
    """Thread-safe: `now()` is read by request threads while a control request moves it."""

    def __init__(self, real: Callable[[], datetime] = _real_now) -> None:
        self._real = real
        self._lock = threading.Lock()
        self._offset = timedelta(0)
        self._frozen_at: datetime | None = None

    def now(self) -> datetime:
        """The emulator's current time (aware, UTC)."""
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return self._real() + self._offset

    def freeze(self, at: datetime) -> None:
        """Stop at `at`; only `advance` moves the clock from here."""
        with self._lock:
            self._frozen_at = at

    def shift(self, offset_s: float) -> None:
        """Run again, `offset_s` seconds ahead of real time (negative: behind)."""
        with self._lock:
            self._frozen_at = None
            self._offset = timedelta(seconds=offset_s)

    def advance(self, seconds: float) -> None:
        """Move by `seconds`, frozen or not (negative moves back)."""
        with self._lock:
            step = timedelta(seconds=seconds)
            if self._frozen_at is not None:
                self._frozen_at += step
            else:
                self._offset += step

    def real(self) -> None:
        """Back to real time: no offset, not frozen."""
        self.shift(0.0)

    def as_json(self) -> dict[str, Any]:
        """What `GET /_emulator/clock` shows; `offset_s` is now minus real now, even frozen."""
        with self._lock:
            real = self._real()
            frozen = self._frozen_at is not None
            now = self._frozen_at if self._frozen_at is not None else real + self._offset
        return {
            "now": format_time(now),
            "offset_s": round((now - real).total_seconds(), 3),
            "frozen": frozen,
        }

    def change(self, body: Any) -> None:
        """Apply a `PUT /_emulator/clock` body: exactly one of `{"now": "YYYY-MM-DD HH:MM:SS"}`
        (freeze there, GMT), `{"offset_s": n}`, `{"advance_s": n}` or `{"real": true}`.

        Raises:
            BadRequest: not exactly one known key, or a value of the wrong form.
        """
        keys = ("now", "offset_s", "advance_s", "real")
        if not isinstance(body, dict) or len(body) != 1 or next(iter(body)) not in keys:
            raise BadRequest(
                'Clock body takes exactly one of "now", "offset_s", "advance_s" or "real".'
            )
        ((key, value),) = body.items()
        if key == "now":
            at = parse_time(value) if isinstance(value, str) else None
            if at is None:
                raise BadRequest('"now" must be a GMT time "YYYY-MM-DD HH:MM:SS".')
            self.freeze(at)
        elif key == "real":
            if value is not True:
                raise BadRequest('"real" must be true.')
            self.real()
        elif key == "offset_s":
            self.shift(_seconds(key, value))
        else:
            self.advance(_seconds(key, value))


def _seconds(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadRequest(f'"{name}" must be a number of seconds.')
    return float(value)
