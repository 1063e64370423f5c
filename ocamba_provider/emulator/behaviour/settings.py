"""Runtime switches of the emulator: rate limits, status lag, concurrency cap, how long a
one-shot run lasts, and the API variants that play the other answer to each INFER in
`hood-api.md`.

Every switch defaults to today's emulator, so a fresh instance answers as it always did. A
`PUT /_emulator/settings` body, a named variant (variants.py) and the CLI flags all land in
`Settings.updated`, the one place that validates them.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..api.errors import BadRequest, ErrorStyle

ErrorWording = Literal["emulator", "documented"]
IdType = Literal["string", "integer"]
TimeFormat = Literal["api", "iso_z", "iso_offset"]
ERROR_WORDINGS: tuple[ErrorWording, ...] = ("emulator", "documented")
ID_TYPES: tuple[IdType, ...] = ("string", "integer")
TIME_FORMATS: tuple[TimeFormat, ...] = ("api", "iso_z", "iso_offset")
ScheduleField = Literal["scheduled_time", "next_run_time"]
PastSchedule = Literal["run", "refuse"]
LabelFilter = Literal["ignore", "filter", "refuse"]
SCHEDULE_FIELDS: tuple[ScheduleField, ...] = ("scheduled_time", "next_run_time")
PAST_SCHEDULES: tuple[PastSchedule, ...] = ("run", "refuse")
LABEL_FILTERS: tuple[LabelFilter, ...] = ("ignore", "filter", "refuse")


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
    # The maximum page size is undocumented: the server may serve fewer than `page=N,M` asks.
    page_size_cap: int | None = None
    # "documented": only the docs' generic 400 messages, nothing that says *why*.
    error_wording: ErrorWording = "emulator"
    # One documented 500 example has no trace_id; a real answer may lack it anywhere.
    error_trace_id: bool = True
    # The default view's fields are undocumented (INFER): it may not carry `status`.
    default_view_has_status: bool = True
    # Ids are documented as digit strings; a JSON integer is the obvious other answer.
    id_type: IdType = "string"
    # Hood's reports API writes ISO times with `Z`; campaigns may too, or with an offset.
    time_format: TimeFormat = "api"
    # With a status lag: the server's own "is it paused?" check for a write reads the lagged
    # status too, so a resume resent during the lag is applied (and sent) a second time.
    write_check_lags: bool = False
    # A running campaign becomes `sent` this long (emulator clock) after it started; None = never.
    run_seconds: float | None = None
    # A resume whose scheduled_time is already reached: starts at once, or is refused (400).
    past_schedule: PastSchedule = "run"
    # Which field answers carry a scheduled campaign's time in; "next_run_time": scheduled_time
    # is null in answers.
    schedule_field: ScheduleField = "scheduled_time"
    # An IANA zone: answers write times as that zone's naive wall time (no offset); None = GMT.
    answer_time_zone: str | None = None
    # Older docs pages show labels as one comma-joined string instead of an array.
    labels_as_string: bool = False
    # `labels=` in a list query: ignored like an unknown filter, honoured, or refused (400).
    label_filter: LabelFilter = "ignore"

    def as_json(self) -> dict[str, Any]:
        """The settings as `GET /_emulator/settings` shows them: every key."""
        shown = dataclasses.asdict(self)
        shown["rate_limit"] = (
            None if self.rate_limit is None else dataclasses.asdict(self.rate_limit)
        )
        return shown

    def error_style(self) -> ErrorStyle:
        """How the emulated API renders its error bodies under these settings."""
        return ErrorStyle(
            documented_wording=self.error_wording == "documented",
            trace_id=self.error_trace_id,
        )

    def updated(self, body: Any) -> Settings:
        """A copy with the keys of a `PUT /_emulator/settings` body applied.

        Raises:
            BadRequest: an unknown key or a value of the wrong type or range.
        """
        if not isinstance(body, dict):
            raise BadRequest("Settings body must be a JSON object.")
        unknown = sorted(set(body) - set(_PARSERS))
        if unknown:
            raise BadRequest(f"Unknown settings: {', '.join(unknown)}.")
        changes = {key: _PARSERS[key](value) for key, value in body.items()}
        return dataclasses.replace(self, **changes)


def _not_found_status(value: Any) -> int:
    if isinstance(value, bool) or value not in (400, 404):
        raise BadRequest("not_found_status must be 400 or 404.")
    return int(value)


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


def _optional_positive_int(name: str) -> Callable[[Any], int | None]:
    def parse(value: Any) -> int | None:
        return None if value is None else _positive_int(value, name)

    return parse


def _flag(name: str) -> Callable[[Any], bool]:
    def parse(value: Any) -> bool:
        if not isinstance(value, bool):
            raise BadRequest(f"{name} must be true or false.")
        return value

    return parse


def _choice(name: str, choices: tuple[str, ...]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value not in choices or not isinstance(value, str):
            raise BadRequest(f"{name} must be one of {', '.join(choices)}.")
        return value

    return parse


def _run_seconds(value: Any) -> float | None:
    if value is None:
        return None
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if not number or not math.isfinite(value) or value < 0:
        raise BadRequest("run_seconds must be a number of seconds (0 or more) or null.")
    return float(value)


def _time_zone(value: Any) -> str | None:
    if value is None:
        return None
    try:
        if not isinstance(value, str) or not value:
            raise ValueError(value)
        ZoneInfo(value)
    except (ValueError, OSError, ZoneInfoNotFoundError) as error:
        raise BadRequest("answer_time_zone must be an IANA time zone name or null.") from error
    return value


# One parser per key; the dataclass fields and this table must name the same keys.
_PARSERS: dict[str, Callable[[Any], Any]] = {
    "rate_limit": _rate_limit,
    "not_found_status": _not_found_status,
    "status_lag_ms": lambda value: _non_negative_int(value, "status_lag_ms"),
    "concurrency_cap": _optional_positive_int("concurrency_cap"),
    "page_size_cap": _optional_positive_int("page_size_cap"),
    "error_wording": _choice("error_wording", ERROR_WORDINGS),
    "error_trace_id": _flag("error_trace_id"),
    "default_view_has_status": _flag("default_view_has_status"),
    "id_type": _choice("id_type", ID_TYPES),
    "time_format": _choice("time_format", TIME_FORMATS),
    "write_check_lags": _flag("write_check_lags"),
    "run_seconds": _run_seconds,
    "past_schedule": _choice("past_schedule", PAST_SCHEDULES),
    "schedule_field": _choice("schedule_field", SCHEDULE_FIELDS),
    "answer_time_zone": _time_zone,
    "labels_as_string": _flag("labels_as_string"),
    "label_filter": _choice("label_filter", LABEL_FILTERS),
}
assert set(_PARSERS) == {f.name for f in dataclasses.fields(Settings)}
