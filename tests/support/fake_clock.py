"""A wall clock for transitions that moves only when the code under test sleeps."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ocamba_provider.runstate.settle import Settle
from tests.support.fake_hood import FakeHood

SETTLE_S = 30.0


class FakeClock:
    """Wall time that moves only when the code under test sleeps (or a test says so)."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start
        self.slept: list[float] = []

    @classmethod
    def at(cls, when: datetime) -> FakeClock:
        """A clock that starts at the aware time `when`."""
        return cls(when.astimezone(UTC).timestamp())

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def settle(self, seconds: float = SETTLE_S) -> Settle:
        return Settle(seconds, clock=lambda: self.now, sleep=self.sleep)

    def stamp(self) -> datetime:
        return datetime.fromtimestamp(self.now, UTC)


def timed_requests(fake: FakeHood, clock: FakeClock) -> list[tuple[str, float]]:
    """Record the clock at every read and write, to see when each one started."""
    stamps: list[tuple[str, float]] = []
    for name in ("get_campaign", "resume", "pause"):
        original = getattr(fake, name)

        def stamped(*args: Any, _original: Any = original, _name: str = name, **kw: Any) -> Any:
            stamps.append((_name, clock.now))
            return _original(*args, **kw)

        setattr(fake, name, stamped)
    return stamps
