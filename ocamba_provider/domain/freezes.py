"""Freezes: named spans (`ocamba:freezes`) in which nothing starts and nothing is resumed.

`{name, from, until, time_zone?}` is one span; `{name, rrule, duration, from?, time_zone?}` a
recurring one (RFC 5545, as windows.py reads it; DTSTART is `from`, else 2000-01-01 00:00 in the
zone, a Saturday: name the days and hours in the rule). During a freeze no resume and no
reschedule is sent, no start is scheduled inside one, and a pause is never blocked; a window
occurrence that opens inside one is skipped. `OCAMBA_ALLOW_FREEZE="<name>[,<name>]"` lets one
command through the named ones (`allowed`), never saved.

Pure: every moment is an argument.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final

from ocamba_provider.domain.times import normalise_scheduled_time, parse_api_time
from ocamba_provider.domain.windows import Occurrence, Window, occurrences, parse_duration
from ocamba_provider.domain.zones import DEFAULT_ZONE, UnknownZone, zone

FREEZES_KEY: Final = "ocamba:freezes"
ALLOW_FREEZE_VARIABLE: Final = "OCAMBA_ALLOW_FREEZE"
RECURRING_EPOCH: Final = "2000-01-01 00:00:00"
_KEYS: Final = frozenset({"name", "from", "until", "rrule", "duration", "time_zone"})
_SHAPES: Final = "{name, from, until} or {name, rrule, duration}"


@dataclass(frozen=True)
class Freeze:
    """One freeze rule, its times read (GMT) in its zone."""

    name: str
    start: str | None = None
    """GMT: a span's start, or a recurring rule's DTSTART."""
    until: str | None = None
    window: Window | None = None
    zone: str = DEFAULT_ZONE

    def spans(self, after: datetime) -> Iterator[Occurrence]:
        """Its occurrences still open at or after `after`, in order."""
        if self.window is None:
            assert self.start is not None and self.until is not None  # parse_freezes checked
            span = Occurrence(parse_api_time(self.start), parse_api_time(self.until))
            if span.end > after:
                yield span
            return
        start = parse_api_time(self.start or normalise_scheduled_time(RECURRING_EPOCH, self.zone))
        yield from occurrences(self.window, start, self.zone, after)


@dataclass(frozen=True)
class Frozen:
    """A moment inside a freeze: which one, until when, and whether this run may pass it."""

    name: str
    span: Occurrence
    allowed: bool


@dataclass(frozen=True)
class Freezes:
    """The stack's freezes and the names this one command may pass (OCAMBA_ALLOW_FREEZE)."""

    rules: tuple[Freeze, ...] = ()
    allowed: frozenset[str] = field(default_factory=frozenset)

    def at(self, moment: datetime) -> Frozen | None:
        """The freeze `moment` is in (a blocking one first), or None."""
        found = [
            Frozen(rule.name, span, rule.name in self.allowed)
            for rule in self.rules
            for span in _first(rule.spans(moment))
            if span.holds(moment)
        ]
        found.sort(key=lambda frozen: (frozen.allowed, frozen.span.start, frozen.name))
        return found[0] if found else None

    def blocking(self, moment: datetime) -> Frozen | None:
        """The freeze `moment` is in that this run may not pass, or None."""
        found = self.at(moment)
        return found if found is not None and not found.allowed else None

    def between(self, start: datetime, end: datetime) -> list[tuple[str, Occurrence]]:
        """Every freeze span that overlaps [start, end), by start."""
        found = []
        for rule in self.rules:
            for span in rule.spans(start):
                if span.start >= end:
                    break
                found.append((rule.name, span))
        return sorted(found, key=lambda item: (item[1], item[0]))


NO_FREEZES: Final = Freezes()


def _first(spans: Iterator[Occurrence]) -> list[Occurrence]:
    span = next(spans, None)
    return [] if span is None else [span]


def parse_freezes(
    raw: Any, default_zone: str = DEFAULT_ZONE
) -> tuple[tuple[Freeze, ...], list[str]]:
    """The freezes of `ocamba:freezes` (a list, or its JSON text already parsed), and a
    sentence per problem, each naming the entry (`ocamba:freezes[1].name: ...`)."""
    if raw is None:
        return (), []
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        return (), [
            f"{FREEZES_KEY} must be a list of freezes: {{name, from, until}} or "
            "{name, rrule, duration}"
        ]
    found: list[Freeze] = []
    problems: list[str] = []
    names: dict[str, int] = {}
    for index, entry in enumerate(raw):
        where = f"{FREEZES_KEY}[{index}]"
        freeze, said = _freeze(entry, where, default_zone)
        problems += said
        if freeze is None:
            continue
        if freeze.name in names:
            problems.append(
                f"{where}.name: {freeze.name!r} is also the name of {FREEZES_KEY}"
                f"[{names[freeze.name]}]; each freeze needs its own name (overrides name it)"
            )
            continue
        names[freeze.name] = index
        found.append(freeze)
    return tuple(found), problems


def _freeze(entry: Any, where: str, default_zone: str) -> tuple[Freeze | None, list[str]]:
    if not isinstance(entry, Mapping):
        return None, [
            f"{where}: a freeze is a mapping: {{name, from, until}} or {{name, rrule, duration}}"
        ]
    problems = [
        f"{where}.{key}: unknown key; a freeze has {', '.join(sorted(_KEYS))}"
        for key in sorted(set(entry) - _KEYS)
    ]
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip() or "," in name:
        problems.append(
            f"{where}.name: every freeze needs a name (text without commas): "
            "the preview and OCAMBA_ALLOW_FREEZE name it"
        )
    zone_name = str(entry.get("time_zone") or default_zone)
    try:
        zone(zone_name)
    except UnknownZone as error:
        return None, [*problems, f"{where}.time_zone: {error}"]
    times: dict[str, str] = {}
    for key in ("from", "until"):
        if entry.get(key) is not None:
            try:
                times[key] = normalise_scheduled_time(str(entry[key]), zone_name)
            except ValueError as error:
                problems.append(f"{where}.{key}: {error}")
    recurring = entry.get("rrule") is not None
    window = None
    if recurring:
        window = Window(str(entry.get("rrule")), str(entry.get("duration") or ""))
        problems += _recurring_problems(window, times.get("from"), zone_name, where)
    elif not {"from", "until"} <= set(entry):
        problems.append(f"{where}: a freeze needs from and until (or rrule and duration)")
    elif len(times) == 2 and times["until"] <= times["from"]:
        problems.append(
            f"{where}.until: {times['until']} GMT is not after from ({times['from']} GMT)"
        )
    if problems:
        return None, problems
    return Freeze(str(name), times.get("from"), times.get("until"), window, zone_name), []


def _recurring_problems(window: Window, start: str | None, zone_name: str, where: str) -> list[str]:
    try:
        parse_duration(window.duration)
    except ValueError as error:
        return [f"{where}.duration: {error}"]
    dtstart = parse_api_time(start or normalise_scheduled_time(RECURRING_EPOCH, zone_name))
    try:
        next(occurrences(window, dtstart, zone_name, dtstart - timedelta(days=1)), None)
    except ValueError as error:
        return [f"{where}.rrule: {error}"]
    return []


def freezes_in_config(
    raw: Any, default_zone: str = DEFAULT_ZONE
) -> tuple[tuple[Freeze, ...], list[str]]:
    """`ocamba:freezes` as any reader meets it: a list (YAML), or its JSON text (a dynamic
    provider's config, `pulumi preview --json`, `pulumi config set`); parsed by parse_freezes."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return (), [f"{FREEZES_KEY} must be a list (YAML or JSON)"]
    return parse_freezes(raw, default_zone)


def allowed_names(raw: str | None) -> frozenset[str]:
    """OCAMBA_ALLOW_FREEZE's names (comma-separated, spaces ignored)."""
    return frozenset(name.strip() for name in (raw or "").split(",") if name.strip())
