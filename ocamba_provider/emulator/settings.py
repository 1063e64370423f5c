"""Runtime switches of the emulator: rate limits, not-found status, status lag, concurrency cap."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .errors import BadRequest


@dataclass(frozen=True)
class RateLimit:
    """The two documented fixed windows, counted per token (tier C: 10 per 1 s, 150 per 1 min).

    The window lengths are parameters only so tests can scale a minute down to a second.
    """

    burst: int = 10
    steady: int = 150
    burst_window_s: float = 1.0
    steady_window_s: float = 60.0

    def __post_init__(self) -> None:
        if self.burst < 1 or self.steady < 1:
            raise ValueError("rate limits must be at least 1 request per window")
        if self.burst_window_s <= 0 or self.steady_window_s <= 0:
            raise ValueError("rate-limit windows must be positive")


DOCUMENTED_RATE_LIMIT = RateLimit()


@dataclass(frozen=True)
class Settings:
    """Everything `PUT /_emulator/settings` can switch at runtime."""

    rate_limit: RateLimit | None = DOCUMENTED_RATE_LIMIT
    # 400 is the only documented "does not exist" answer; 404 is what a REST reader would expect.
    not_found_status: int = 400
    # "Automatically synchronized" (pause/cancel docs): reads may trail writes; 0 = off.
    status_lag_ms: int = 0
    # In-flight requests per token before 429 with Retry-After: -1; None = unlimited.
    concurrency_cap: int | None = None

    def as_json(self) -> dict[str, Any]:
        """The settings as `GET /_emulator/settings` shows them."""
        return {
            "rate_limit": None if self.rate_limit is None else dataclasses.asdict(self.rate_limit),
            "not_found_status": self.not_found_status,
            "status_lag_ms": self.status_lag_ms,
            "concurrency_cap": self.concurrency_cap,
        }

    def updated(self, body: Any) -> Settings:
        """A copy with the keys of a `PUT /_emulator/settings` body applied.

        Raises:
            BadRequest: an unknown key or a value of the wrong type or range.
        """
        if not isinstance(body, dict):
            raise BadRequest("Settings body must be a JSON object.")
        unknown = sorted(set(body) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            raise BadRequest(f"Unknown settings: {', '.join(unknown)}.")
        changes: dict[str, Any] = {}
        if "not_found_status" in body:
            if body["not_found_status"] not in (400, 404) or isinstance(
                body["not_found_status"], bool
            ):
                raise BadRequest("not_found_status must be 400 or 404.")
            changes["not_found_status"] = body["not_found_status"]
        if "status_lag_ms" in body:
            changes["status_lag_ms"] = _non_negative_int(body["status_lag_ms"], "status_lag_ms")
        if "concurrency_cap" in body:
            cap = body["concurrency_cap"]
            changes["concurrency_cap"] = (
                None if cap is None else _positive_int(cap, "concurrency_cap")
            )
        if "rate_limit" in body:
            changes["rate_limit"] = _rate_limit(body["rate_limit"])
        return dataclasses.replace(self, **changes)


def _rate_limit(value: Any) -> RateLimit | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadRequest("rate_limit must be an object or null.")
    allowed = {f.name for f in dataclasses.fields(RateLimit)}
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise BadRequest(f"Unknown rate_limit keys: {', '.join(unknown)}.")
    kwargs: dict[str, Any] = {}
    for key in ("burst", "steady"):
        if key in value:
            kwargs[key] = _positive_int(value[key], f"rate_limit.{key}")
    for key in ("burst_window_s", "steady_window_s"):
        if key in value:
            window = value[key]
            if isinstance(window, bool) or not isinstance(window, int | float) or window <= 0:
                raise BadRequest(f"rate_limit.{key} must be a positive number.")
            kwargs[key] = float(window)
    return RateLimit(**kwargs)


def _positive_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BadRequest(f"{name} must be a positive integer.")
    return value


def _non_negative_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadRequest(f"{name} must be a non-negative integer.")
    return value
