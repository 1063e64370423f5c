"""Validation of a declaration's recurring windows, once its times are read (GMT).

Every problem names the window by index: a rule dateutil cannot read, a duration that is no
duration, windows without the flight start their rule counts from, and a window that lasts
longer than the gap to its next opening (the windows would overlap).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice, pairwise
from typing import Any, Final

from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.times import parse_api_time
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.domain.windows import (
    GAP_SAMPLE,
    Window,
    occurrences,
    parse_duration,
    rule_of,
)
from ocamba_provider.domain.zones import to_local

_SAMPLED: Final = GAP_SAMPLE
"""Openings compared for overlaps: over a year of weekdays."""


def window_problems(props: Mapping[str, Any], zone_name: str) -> list[Problem]:
    """Each problem of `props["windows"]` (after `_normalise_times`: `active_from` in GMT)."""
    raw = props.get("windows")
    if raw is None or is_unknown(raw) or not isinstance(raw, list):
        return []  # none, not known yet, or the schema already named it
    start = props.get("active_from")
    if start is None:
        return [Problem(Code.WINDOWS_WITHOUT_START, "windows")]
    if not isinstance(start, str) or is_unknown(start):
        return []
    dtstart = parse_api_time(start)
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        if not isinstance(item, Mapping) or any(is_unknown(v) for v in item.values()):
            continue
        window = Window.from_input(item)
        found = _window_problem(window, index, dtstart, zone_name)
        if found is not None:
            problems.append(found)
    return problems


def _window_problem(window: Window, index: int, dtstart: Any, zone_name: str) -> Problem | None:
    try:
        parse_duration(window.duration)
    except ValueError as error:
        return _problem(Code.WINDOW_DURATION, index, reason=str(error))
    try:
        rule_of(window.rrule, to_local(dtstart, zone_name))
    except ValueError as error:
        return _problem(Code.WINDOW_RULE, index, reason=str(error))
    sample = list(islice(occurrences(window, dtstart, zone_name, dtstart), _SAMPLED))
    for earlier, later in pairwise(sample):
        if earlier.end > later.start:
            gap = later.start - earlier.start
            return _problem(Code.WINDOW_OVERLAPS, index, duration=window.duration, gap=_said(gap))
    return None


def _said(gap: Any) -> str:
    hours, rest = divmod(int(gap.total_seconds()) // 60, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def _problem(code: Code, index: int, **params: str) -> Problem:
    return Problem(code, "windows", params={"index": index, **params})
